import { compileSafeRegex } from '@parley/flow';
import { conditionLabel, operatorLabel, orList, quote, typeLabel } from '../labels.js';
import { ENUM_VALUES, FIELD_TYPES, OPERATORS, UTM_KEYS, type Condition, type Operator } from '../schema.js';
import { parseCalendarDate, parseClockTime } from '../time.js';
import type { TargetingIssue } from './issue.js';

const KEYED_FIELDS = new Set<string>(['utm', 'variable', 'contact_property']);

/**
 * What is wrong with one condition that the schema let through: the operator
 * must fit the field's type, the value its operator, the key its field, a
 * pattern must compile. Paths are relative to the condition.
 */
export function conditionIssues(condition: Condition): TargetingIssue[] {
  const issues: TargetingIssue[] = [];
  const add = (path: (string | number)[], code: TargetingIssue['code'], message: string) => issues.push({ path, code, message });
  const { field, operator } = condition;
  const type = FIELD_TYPES[field];
  const label = conditionLabel(condition);

  // key
  if (KEYED_FIELDS.has(field)) {
    if (condition.key === undefined) {
      add(['key'], 'missing_key', keyRequiredMessage(condition));
    } else if (field === 'utm' && !(UTM_KEYS as readonly string[]).includes(condition.key)) {
      add(['key'], 'bad_value', `${quote(condition.key)} is not a UTM parameter; use ${orList([...UTM_KEYS])}`);
    }
  } else if (condition.key !== undefined) {
    add(['key'], 'unexpected_key', `${label} takes no key; remove ${quote(condition.key)}`);
  }

  // operator
  const operators: readonly Operator[] = OPERATORS[type];
  if (!operators.includes(operator)) {
    add(
      ['operator'],
      'operator_mismatch',
      `${quote(operatorLabel(operator))} does not apply to ${label} (${typeLabel(type)}); use ${orList(operators.map((o) => quote(operatorLabel(o))))}`,
    );
    return issues; // the value's shape depends on a fitting operator
  }

  // value
  const { value } = condition;
  const op = quote(operatorLabel(operator));
  switch (type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        add(['value'], 'bad_value', `${label} ${op} needs a number`);
      } else if (field === 'hour_of_day' && (!Number.isInteger(value) || value < 0 || value > 23)) {
        add(['value'], 'bad_value', `Hour of day needs a whole number from 0 to 23 (got ${value})`);
      }
      break;
    case 'text':
      if (typeof value !== 'string') {
        add(['value'], 'bad_value', operator === 'regex' ? `${label} ${op} needs a pattern` : `${label} ${op} needs a text`);
      } else if (operator === 'regex') {
        const compiled = compileSafeRegex(value);
        if (!compiled.ok) add(['value'], 'bad_regex', `The pattern for ${label} cannot be used: ${lowerFirst(compiled.message)}`);
      }
      break;
    case 'boolean':
      if (value !== undefined) add(['value'], 'bad_value', `${label} ${op} takes no value; remove it`);
      break;
    case 'enum': {
      const allowed: readonly string[] = ENUM_VALUES[field as keyof typeof ENUM_VALUES];
      const choices = orList([...allowed]);
      if (operator === 'is' || operator === 'is_not') {
        if (typeof value !== 'string') add(['value'], 'bad_value', `${label} ${op} needs one value: ${choices}`);
        else if (!allowed.includes(value)) add(['value'], 'bad_value', `${quote(value)} is not a ${label}; use ${choices}`);
      } else if (!Array.isArray(value) || value.length === 0) {
        add(['value'], 'bad_value', `${label} ${op} needs a list of one or more of ${choices}`);
      } else {
        value.forEach((item, i) => {
          if (!allowed.includes(item)) add(['value', i], 'bad_value', `${quote(item)} is not a ${label}; use ${choices}`);
        });
      }
      break;
    }
    case 'time_range':
      if (!isRange(value)) {
        add(['value'], 'bad_value', `${label} ${op} needs {from, to} times like "09:00" and "17:30"`);
      } else {
        for (const end of ['from', 'to'] as const) {
          if (parseClockTime(value[end]) === null) add(['value', end], 'bad_value', `${quote(value[end])} is not a time; times look like "09:30"`);
        }
      }
      break;
    case 'date_range':
      if (operator === 'before' || operator === 'after') {
        if (typeof value !== 'string') add(['value'], 'bad_value', `${label} ${op} needs a date like "2026-12-24"`);
        else if (parseCalendarDate(value) === null) add(['value'], 'bad_value', notADate(value));
      } else if (!isRange(value)) {
        add(['value'], 'bad_value', `${label} ${op} needs {from, to} dates like "2026-12-01" and "2026-12-24"`);
      } else {
        for (const end of ['from', 'to'] as const) {
          if (parseCalendarDate(value[end]) === null) add(['value', end], 'bad_value', notADate(value[end]));
        }
      }
      break;
  }
  return issues;
}

function keyRequiredMessage(condition: Condition): string {
  if (condition.field === 'utm') return `UTM parameter needs a key: ${orList([...UTM_KEYS])}`;
  if (condition.field === 'variable') return 'Variable needs the name of the variable (key)';
  return 'Contact property needs the name of the property (key)';
}

function notADate(text: string): string {
  return `${quote(text)} is not a date; dates look like "2026-12-24"`;
}

function isRange(value: unknown): value is { from: string; to: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'from' in value && 'to' in value;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
