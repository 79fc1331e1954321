import { useId } from 'react';
import { RANGE_PRESETS, presetRange, type RangeSelection } from './state/dateRange';

interface Props {
  selection: RangeSelection;
  /** Today in the workspace's zone (the inputs' max). */
  today: string;
  /** Problems by input, from the live check or the server's 400. */
  errors: { from?: string[]; to?: string[] };
  onChange(next: RangeSelection): void;
}

/**
 * The last 7 / 30 / 90 days or two dates (editing a date makes the range
 * custom). Inputs: `[data-testid=range-from|range-to]`, presets
 * `[data-testid=range-preset][data-preset]` (`aria-pressed`), problems
 * `[data-testid=range-error][data-field]`.
 */
export function DateRangePicker({ selection, today, errors, onChange }: Props) {
  const id = useId();
  const fromErrors = errors.from ?? [];
  const toErrors = errors.to ?? [];
  return (
    <div className="range" role="group" aria-label="Date range">
      <div className="range__presets" role="group" aria-label="Period">
        {RANGE_PRESETS.map((p) => (
          <button
            key={p.value}
            type="button"
            className={`range__preset${selection.choice === p.value ? ' is-active' : ''}`}
            aria-pressed={selection.choice === p.value}
            data-testid="range-preset"
            data-preset={p.value}
            onClick={() => onChange({ choice: p.value, ...presetRange(p.value, today) })}
          >
            {p.label}
          </button>
        ))}
        <button
          type="button"
          className={`range__preset${selection.choice === 'custom' ? ' is-active' : ''}`}
          aria-pressed={selection.choice === 'custom'}
          data-testid="range-preset"
          data-preset="custom"
          onClick={() => onChange({ ...selection, choice: 'custom' })}
        >
          Custom
        </button>
      </div>
      <div className="range__dates">
        <label className="range__date">
          <span className="visually-hidden">From</span>
          <input
            className="input input--sm"
            type="date"
            name="from"
            data-testid="range-from"
            value={selection.from}
            max={today}
            aria-invalid={fromErrors.length > 0 || undefined}
            aria-describedby={fromErrors.length > 0 ? `${id}-from` : undefined}
            onChange={(e) => onChange({ ...selection, choice: 'custom', from: e.target.value })}
          />
        </label>
        <span className="range__dash" aria-hidden="true">
          –
        </span>
        <label className="range__date">
          <span className="visually-hidden">To</span>
          <input
            className="input input--sm"
            type="date"
            name="to"
            data-testid="range-to"
            value={selection.to}
            max={today}
            aria-invalid={toErrors.length > 0 || undefined}
            aria-describedby={toErrors.length > 0 ? `${id}-to` : undefined}
            onChange={(e) => onChange({ ...selection, choice: 'custom', to: e.target.value })}
          />
        </label>
      </div>
      {(fromErrors.length > 0 || toErrors.length > 0) && (
        <div className="range__errors">
          {fromErrors.length > 0 && (
            <p className="range__error" id={`${id}-from`} role="alert" data-testid="range-error" data-field="from">
              From: {fromErrors.join('; ')}
            </p>
          )}
          {toErrors.length > 0 && (
            <p className="range__error" id={`${id}-to`} role="alert" data-testid="range-error" data-field="to">
              To: {toErrors.join('; ')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
