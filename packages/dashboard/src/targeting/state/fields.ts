import {
  ENUM_VALUES,
  FIELD_TYPES,
  OPERATORS,
  UTM_KEYS,
  type Condition,
  type ConditionField,
  type FieldType,
  type Operator,
} from '@parley/targeting';

/**
 * The condition editor's rules: which fields there are (grouped as the
 * settings page shows them), which operators fit a field, which input a
 * value needs, and what a condition becomes when its field or operator
 * changes. Pure; the vocabulary comes from @parley/targeting.
 */

export type ConditionSection = 'where' | 'audience' | 'scheduling';

export const FIELD_SECTIONS: readonly { section: ConditionSection; label: string; fields: readonly ConditionField[] }[] = [
  { section: 'where', label: 'Where', fields: ['page_url', 'page_title'] },
  {
    section: 'audience',
    label: 'Audience',
    fields: [
      'language',
      'country',
      'city',
      'device_type',
      'browser',
      'os',
      'referrer',
      'utm',
      'visit_count',
      'visitor_type',
      'visitor_group',
      'variable',
      'contact_property',
    ],
  },
  {
    section: 'scheduling',
    label: 'Scheduling',
    fields: ['hour_of_day', 'day_of_week', 'time_of_day', 'date', 'office_hours', 'agents_online'],
  },
];

export function sectionOf(field: ConditionField): ConditionSection {
  return FIELD_SECTIONS.find((s) => s.fields.includes(field))?.section ?? 'audience';
}

export function fieldType(field: ConditionField): FieldType {
  return FIELD_TYPES[field];
}

/** The operators that fit a field's type, in the order the contract lists them. */
export function operatorsFor(field: ConditionField): readonly Operator[] {
  return OPERATORS[FIELD_TYPES[field]];
}

/** Where a field's first operator is not the natural one. */
const PREFERRED_OPERATOR: Partial<Record<ConditionField, Operator>> = {
  page_url: 'contains',
  page_title: 'contains',
  referrer: 'contains',
  visit_count: 'gte',
};

export function defaultOperator(field: ConditionField): Operator {
  return PREFERRED_OPERATOR[field] ?? operatorsFor(field)[0]!;
}

/** Which fields take a key, and what kind of key. */
export type KeyKind = 'utm' | 'name' | null;

export function keyKind(field: ConditionField): KeyKind {
  if (field === 'utm') return 'utm';
  if (field === 'variable' || field === 'contact_property') return 'name';
  return null;
}

/** The input a condition's value needs. */
export type ValueKind = 'number' | 'text' | 'pattern' | 'enum_one' | 'enum_many' | 'time_range' | 'date_range' | 'date' | 'none';

export function valueKind(field: ConditionField, operator: Operator): ValueKind {
  switch (FIELD_TYPES[field]) {
    case 'number':
      return 'number';
    case 'text':
      return operator === 'regex' ? 'pattern' : 'text';
    case 'boolean':
      return 'none';
    case 'enum':
      return operator === 'in' || operator === 'not_in' ? 'enum_many' : 'enum_one';
    case 'time_range':
      return 'time_range';
    case 'date_range':
      return operator === 'before' || operator === 'after' ? 'date' : 'date_range';
  }
}

export function enumValues(field: ConditionField): readonly string[] {
  return (ENUM_VALUES as Record<string, readonly string[]>)[field] ?? [];
}

/** "desktop" → "Desktop". */
export function enumLabel(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

export const UTM_KEY_LIST: readonly string[] = UTM_KEYS;

/** Bounds of number inputs. */
export function numberBounds(field: ConditionField): { min?: number; max?: number; step: number } {
  if (field === 'hour_of_day') return { min: 0, max: 23, step: 1 };
  if (field === 'visit_count') return { min: 0, step: 1 };
  return { step: 1 };
}

/** What a text input suggests. */
export function placeholderFor(field: ConditionField, operator: Operator): string {
  if (operator === 'regex') return 'a pattern, e.g. ^/blog/.+';
  switch (field) {
    case 'page_url':
      return '/pricing';
    case 'page_title':
      return 'Pricing';
    case 'language':
      return 'cs or cs-CZ';
    case 'country':
      return 'CZ';
    case 'city':
      return 'Prague';
    case 'browser':
      return 'Chrome';
    case 'os':
      return 'Windows';
    case 'referrer':
      return 'google.';
    default:
      return 'value';
  }
}

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRange(value: unknown): value is { from: string; to: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { from?: unknown }).from === 'string' &&
    typeof (value as { to?: unknown }).to === 'string'
  );
}

/** The default number of a numeric field. */
function defaultNumber(field: ConditionField): number {
  if (field === 'hour_of_day') return 9;
  if (field === 'visit_count') return 2;
  return 0;
}

/** "2026-03-12" plus `days`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/**
 * The value a condition gets for `field` and `operator`, keeping what fits of
 * `previous` (the value before the change): a number stays a number, a text
 * a text, an enum value one of the field's values (one ↔ list), a range a
 * range of the same kind (a date ↔ a date range). `today` ("YYYY-MM-DD")
 * seeds new dates. Undefined for fields without a value.
 */
export function defaultValue(
  field: ConditionField,
  operator: Operator,
  today: string,
  previous?: { field: ConditionField; value: Condition['value'] },
): Condition['value'] {
  const kind = valueKind(field, operator);
  const sameType = previous !== undefined && FIELD_TYPES[previous.field] === FIELD_TYPES[field];
  const prev = previous?.value;
  switch (kind) {
    case 'none':
      return undefined;
    case 'number':
      if (typeof prev === 'number' && Number.isFinite(prev) && (field !== 'hour_of_day' || (prev >= 0 && prev <= 23))) return prev;
      return defaultNumber(field);
    case 'text':
    case 'pattern':
      return sameType && typeof prev === 'string' ? prev : '';
    case 'enum_one': {
      const allowed = enumValues(field);
      if (typeof prev === 'string' && allowed.includes(prev)) return prev;
      if (Array.isArray(prev)) {
        const first = prev.find((v) => allowed.includes(v));
        if (first !== undefined) return first;
      }
      return allowed[0]!;
    }
    case 'enum_many': {
      const allowed = enumValues(field);
      if (Array.isArray(prev)) {
        const kept = prev.filter((v) => allowed.includes(v));
        if (kept.length > 0) return kept;
      }
      if (typeof prev === 'string' && allowed.includes(prev)) return [prev];
      return [allowed[0]!];
    }
    case 'time_range':
      if (isRange(prev) && CLOCK_TIME.test(prev.from) && CLOCK_TIME.test(prev.to)) return { from: prev.from, to: prev.to };
      return { from: '09:00', to: '17:00' };
    case 'date_range':
      if (isRange(prev) && CALENDAR_DATE.test(prev.from) && CALENDAR_DATE.test(prev.to)) return { from: prev.from, to: prev.to };
      if (typeof prev === 'string' && CALENDAR_DATE.test(prev)) return { from: prev, to: prev };
      return { from: today, to: addDays(today, 7) };
    case 'date':
      if (typeof prev === 'string' && CALENDAR_DATE.test(prev)) return prev;
      if (isRange(prev) && CALENDAR_DATE.test(prev.from)) return prev.from;
      return today;
  }
}

/** A new condition; the page URL by default. */
export function newCondition(today: string, field: ConditionField = 'page_url'): Condition {
  const operator = defaultOperator(field);
  const condition: Condition = { kind: 'condition', field, operator };
  const key = field === 'utm' ? 'source' : undefined;
  if (key !== undefined) condition.key = key;
  const value = defaultValue(field, operator, today);
  if (value !== undefined) condition.value = value;
  return condition;
}

/**
 * The condition with another field: the operator stays when it fits the new
 * field (else the field's default), the key stays when the new field takes
 * the same kind of key, the value stays when it fits.
 */
export function withField(condition: Condition, field: ConditionField, today: string): Condition {
  if (field === condition.field) return condition;
  const operators = operatorsFor(field);
  const sameType = FIELD_TYPES[field] === FIELD_TYPES[condition.field];
  const operator = sameType && operators.includes(condition.operator) ? condition.operator : defaultOperator(field);
  const next: Condition = { kind: 'condition', field, operator };
  const kk = keyKind(field);
  if (kk === 'utm') {
    next.key = condition.key !== undefined && UTM_KEY_LIST.includes(condition.key) ? condition.key : 'source';
  } else if (kk === 'name' && keyKind(condition.field) === 'name' && condition.key) {
    next.key = condition.key;
  }
  const value = defaultValue(field, operator, today, { field: condition.field, value: condition.value });
  if (value !== undefined) next.value = value;
  return next;
}

/** The condition with another operator; the value is converted to what the operator needs. */
export function withOperator(condition: Condition, operator: Operator, today: string): Condition {
  if (operator === condition.operator) return condition;
  const { value: _old, ...rest } = condition;
  const next: Condition = { ...rest, operator };
  const value = defaultValue(condition.field, operator, today, { field: condition.field, value: condition.value });
  if (value !== undefined) next.value = value;
  return next;
}

/** The condition with another key; an empty key is left out (the checker then asks for one). */
export function withKey(condition: Condition, key: string): Condition {
  const { key: _old, ...rest } = condition;
  return key === '' ? rest : { ...rest, key: key.slice(0, 100) };
}

/** The condition with another value; undefined removes it. */
export function withValue(condition: Condition, value: Condition['value']): Condition {
  const { value: _old, ...rest } = condition;
  return value === undefined ? rest : { ...rest, value };
}

/** Today in the browser's time zone, "YYYY-MM-DD". */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
