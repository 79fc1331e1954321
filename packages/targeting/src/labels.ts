/**
 * The words the checker, the linter and the debugger use for fields,
 * operators and values: one place, so every message names things the same way.
 */
import { FIELD_TYPES, type Condition, type ConditionField, type FieldType, type Operator } from './schema.js';

const FIELD_LABELS: Record<ConditionField, string> = {
  page_url: 'Page URL',
  page_title: 'Page title',
  language: 'Language',
  country: 'Country',
  city: 'City',
  device_type: 'Device type',
  browser: 'Browser',
  os: 'Operating system',
  referrer: 'Referrer',
  utm: 'UTM parameter',
  visit_count: 'Visit count',
  visitor_type: 'Visitor type',
  visitor_group: 'Visitor group',
  variable: 'Variable',
  contact_property: 'Contact property',
  hour_of_day: 'Hour of day',
  day_of_week: 'Day of week',
  time_of_day: 'Time of day',
  date: 'Date',
  office_hours: 'Office hours',
  agents_online: 'Agents online',
};

const TYPE_LABELS: Record<FieldType, string> = {
  text: 'text',
  number: 'number',
  boolean: 'yes/no',
  enum: 'choice',
  time_range: 'time of day',
  date_range: 'date',
};

const OPERATOR_LABELS: Record<Operator, string> = {
  eq: 'equals',
  neq: 'does not equal',
  gt: 'greater than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  is: 'is',
  is_not: 'is not',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  not_starts_with: 'does not start with',
  regex: 'matches pattern',
  is_true: 'is true',
  is_false: 'is false',
  in: 'is one of',
  not_in: 'is none of',
  between: 'between',
  not_between: 'not between',
  before: 'before',
  after: 'after',
};

/** Whether `field` is one of the fields conditions know (input may be anything). */
export function isKnownField(field: string): field is ConditionField {
  return Object.hasOwn(FIELD_TYPES, field);
}

/** "Page URL", "UTM source", "Variable \"plan\"". */
export function fieldLabel(field: ConditionField, key?: string): string {
  if (key !== undefined && key !== '') {
    if (field === 'utm') return `UTM ${key}`;
    if (field === 'variable' || field === 'contact_property') return `${FIELD_LABELS[field]} ${quote(key)}`;
  }
  return FIELD_LABELS[field];
}

/** The label of a condition's subject. */
export function conditionLabel(condition: Pick<Condition, 'field' | 'key'>): string {
  return fieldLabel(condition.field, condition.key);
}

export function typeLabel(type: FieldType): string {
  return TYPE_LABELS[type];
}

export function operatorLabel(operator: Operator): string {
  return OPERATOR_LABELS[operator];
}

const SHOWN_TEXT_MAX = 120;

/** A value in a message: quoted, cut when long. */
export function quote(text: string): string {
  const shown = text.length > SHOWN_TEXT_MAX ? `${text.slice(0, SHOWN_TEXT_MAX - 1)}…` : text;
  return `"${shown}"`;
}

/** "a, b or c". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const DAY_NAMES: Record<string, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

/** "friday" → "Friday"; other enum values as they are. */
export function enumValueLabel(value: string): string {
  return DAY_NAMES[value] ?? value;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
