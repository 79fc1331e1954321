import type { Condition } from '@parley/targeting';
import { NumberInput } from '../components/NumberInput';
import { enumLabel, enumValues, numberBounds, placeholderFor, valueKind } from './state/fields';

interface Props {
  condition: Condition;
  disabled: boolean;
  invalid: boolean;
  onValue(value: Condition['value']): void;
}

function range(value: Condition['value']): { from: string; to: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { from: '', to: '' };
}

/**
 * The value of a condition, by the field's type and the operator: a number,
 * a text (a pattern for "matches pattern"), one choice or several, a time
 * range, a date range or a date — nothing for yes/no fields.
 * `[data-testid=condition-value]` is the input itself, or the box holding
 * `input[name=from|to]` / the choices' checkboxes.
 */
export function ValueInput({ condition, disabled, invalid, onValue }: Props) {
  const kind = valueKind(condition.field, condition.operator);
  const common = { disabled, 'aria-invalid': invalid || undefined, 'data-testid': 'condition-value', 'aria-label': 'Value' } as const;
  switch (kind) {
    case 'none':
      return null;
    case 'number': {
      const b = numberBounds(condition.field);
      return (
        <NumberInput
          {...common}
          className="input input--sm tcond__number"
          value={typeof condition.value === 'number' ? condition.value : undefined}
          min={b.min}
          max={b.max}
          step={b.step}
          onValue={(n) => onValue(n ?? undefined)}
        />
      );
    }
    case 'text':
    case 'pattern':
      return (
        <input
          {...common}
          className={`input input--sm tcond__text${kind === 'pattern' ? ' is-pattern' : ''}`}
          value={typeof condition.value === 'string' ? condition.value : ''}
          placeholder={placeholderFor(condition.field, condition.operator)}
          spellCheck={false}
          maxLength={500}
          title={kind === 'pattern' ? 'A regular expression, case-insensitive' : undefined}
          onChange={(e) => onValue(e.target.value)}
        />
      );
    case 'enum_one':
      return (
        <select
          {...common}
          className="input input--sm"
          value={typeof condition.value === 'string' ? condition.value : ''}
          onChange={(e) => onValue(e.target.value)}
        >
          {typeof condition.value !== 'string' && <option value="">Choose…</option>}
          {enumValues(condition.field).map((v) => (
            <option key={v} value={v}>
              {enumLabel(v)}
            </option>
          ))}
        </select>
      );
    case 'enum_many': {
      const chosen = Array.isArray(condition.value) ? condition.value : [];
      return (
        <div {...common} className={`tchoices${invalid ? ' is-invalid' : ''}`} role="group" aria-label="Values">
          {enumValues(condition.field).map((v) => (
            <label key={v} className={`tchoice${chosen.includes(v) ? ' is-on' : ''}`}>
              <input
                type="checkbox"
                value={v}
                checked={chosen.includes(v)}
                disabled={disabled}
                onChange={(e) =>
                  onValue(
                    e.target.checked
                      ? enumValues(condition.field).filter((x) => x === v || chosen.includes(x))
                      : chosen.filter((x) => x !== v),
                  )
                }
              />
              {enumLabel(v).slice(0, condition.field === 'day_of_week' ? 3 : undefined)}
            </label>
          ))}
        </div>
      );
    }
    case 'time_range':
    case 'date_range': {
      const r = range(condition.value);
      const type = kind === 'time_range' ? 'time' : 'date';
      const wraps = kind === 'time_range' && r.from !== '' && r.to !== '' && r.to < r.from;
      return (
        <div {...common} className="trange" role="group" aria-label="Range">
          <input
            className="input input--sm"
            type={type}
            name="from"
            aria-label="From"
            value={r.from}
            disabled={disabled}
            aria-invalid={invalid || undefined}
            onChange={(e) => onValue({ ...r, from: e.target.value })}
          />
          <span className="trange__dash">{kind === 'time_range' ? 'to' : 'and'}</span>
          <input
            className="input input--sm"
            type={type}
            name="to"
            aria-label="To"
            value={r.to}
            disabled={disabled}
            aria-invalid={invalid || undefined}
            onChange={(e) => onValue({ ...r, to: e.target.value })}
          />
          {wraps && <span className="trange__note">past midnight</span>}
        </div>
      );
    }
    case 'date':
      return (
        <input
          {...common}
          className="input input--sm"
          type="date"
          value={typeof condition.value === 'string' ? condition.value : ''}
          onChange={(e) => onValue(e.target.value)}
        />
      );
  }
}
