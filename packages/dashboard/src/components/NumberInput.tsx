import { useEffect, useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  /** NaN / undefined show an empty input. */
  value: number | undefined;
  /** The number typed, null while the input is empty or not a number. */
  onValue(value: number | null): void;
};

function parse(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

function show(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '' : String(value);
}

/**
 * A number input that lets the text be half-typed ("", "-") without jumping
 * back: it keeps its own text and reports the number it reads.
 */
export function NumberInput({ value, onValue, className, ...rest }: Props) {
  const [text, setText] = useState(() => show(value));
  useEffect(() => {
    const read = parse(text);
    const same = read === null ? value === undefined || !Number.isFinite(value) : read === value;
    if (!same) setText(show(value));
    // only when the value changes from outside (the text is the input's own)
  }, [value]);
  return (
    <input
      {...rest}
      type="number"
      className={className ?? 'input'}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onValue(parse(e.target.value));
      }}
    />
  );
}
