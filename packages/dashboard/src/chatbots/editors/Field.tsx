import type { ReactNode } from 'react';

interface TextProps {
  label: string;
  value: string;
  onChange(value: string): void;
  multiline?: boolean;
  placeholder?: string;
  hint?: ReactNode;
  disabled?: boolean;
  name?: string;
}

/** A labelled text input or textarea of the side panel. */
export function TextField({ label, value, onChange, multiline = false, placeholder, hint, disabled, name }: TextProps) {
  return (
    <label className="field panel-field">
      <span className="field__label">{label}</span>
      {multiline ? (
        <textarea
          className="input input--area"
          rows={3}
          value={value}
          placeholder={placeholder}
          disabled={disabled}
          name={name}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          className="input input--sm"
          value={value}
          placeholder={placeholder}
          disabled={disabled}
          name={name}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint && <span className="panel-field__hint">{hint}</span>}
    </label>
  );
}

interface SelectProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  disabled?: boolean;
  name?: string;
}

export function SelectField<T extends string>({ label, value, options, onChange, disabled, name }: SelectProps<T>) {
  return (
    <label className="field panel-field">
      <span className="field__label">{label}</span>
      <select className="input input--sm" value={value} disabled={disabled} name={name} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** '' → null for optional ids and URLs. */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value);
