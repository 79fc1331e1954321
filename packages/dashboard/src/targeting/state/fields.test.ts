import { checkTargeting, FIELD_TYPES, OPERATORS, type Condition, type ConditionField } from '@parley/targeting';
import { describe, expect, it } from 'vitest';
import {
  FIELD_SECTIONS,
  addDays,
  defaultValue,
  keyKind,
  newCondition,
  operatorsFor,
  valueKind,
  withField,
  withKey,
  withOperator,
  withValue,
} from './fields';

const TODAY = '2026-03-12';
const ALL_FIELDS = Object.keys(FIELD_TYPES) as ConditionField[];

function valid(condition: Condition): boolean {
  const checked = checkTargeting({ conditions: { kind: 'group', match: 'all', conditions: [condition] } });
  return checked.ok;
}

describe('fields and operators', () => {
  it('shows every field exactly once, in Where / Audience / Scheduling', () => {
    const shown = FIELD_SECTIONS.flatMap((s) => s.fields);
    expect([...shown].sort()).toEqual([...ALL_FIELDS].sort());
    expect(FIELD_SECTIONS.map((s) => s.section)).toEqual(['where', 'audience', 'scheduling']);
  });

  it("offers the operators of the field's type only", () => {
    expect(operatorsFor('visit_count')).toEqual(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']);
    expect(operatorsFor('page_url')).toContain('regex');
    expect(operatorsFor('office_hours')).toEqual(['is_true', 'is_false']);
    expect(operatorsFor('device_type')).toEqual(['is', 'is_not', 'in', 'not_in']);
    expect(operatorsFor('time_of_day')).toEqual(['between', 'not_between']);
    expect(operatorsFor('date')).toEqual(['between', 'not_between', 'before', 'after']);
    for (const field of ALL_FIELDS) expect(operatorsFor(field)).toEqual(OPERATORS[FIELD_TYPES[field]]);
  });

  it('picks the value input by field type and operator', () => {
    expect(valueKind('visit_count', 'gt')).toBe('number');
    expect(valueKind('page_url', 'contains')).toBe('text');
    expect(valueKind('page_url', 'regex')).toBe('pattern');
    expect(valueKind('day_of_week', 'is')).toBe('enum_one');
    expect(valueKind('day_of_week', 'in')).toBe('enum_many');
    expect(valueKind('time_of_day', 'not_between')).toBe('time_range');
    expect(valueKind('date', 'between')).toBe('date_range');
    expect(valueKind('date', 'before')).toBe('date');
    expect(valueKind('agents_online', 'is_true')).toBe('none');
    expect(keyKind('utm')).toBe('utm');
    expect(keyKind('variable')).toBe('name');
    expect(keyKind('country')).toBeNull();
  });
});

describe('defaults', () => {
  it('gives every field and operator a value the checker accepts (keyed fields once they have a key)', () => {
    for (const field of ALL_FIELDS) {
      for (const operator of operatorsFor(field)) {
        const c: Condition = { kind: 'condition', field, operator };
        if (keyKind(field) !== null) c.key = field === 'utm' ? 'source' : 'plan';
        const value = defaultValue(field, operator, TODAY);
        if (value !== undefined) c.value = value;
        expect(valid(c), `${field} ${operator} ${JSON.stringify(value)}`).toBe(true);
      }
    }
  });

  it('starts a new condition valid, on the page URL by default', () => {
    expect(newCondition(TODAY)).toEqual({ kind: 'condition', field: 'page_url', operator: 'contains', value: '' });
    expect(newCondition(TODAY, 'utm')).toEqual({ kind: 'condition', field: 'utm', key: 'source', operator: 'is', value: '' });
    expect(newCondition(TODAY, 'agents_online')).toEqual({ kind: 'condition', field: 'agents_online', operator: 'is_true' });
    expect(newCondition(TODAY, 'date')).toEqual({ kind: 'condition', field: 'date', operator: 'between', value: { from: TODAY, to: '2026-03-19' } });
    for (const field of ALL_FIELDS) if (keyKind(field) !== 'name') expect(valid(newCondition(TODAY, field)), field).toBe(true);
    // a variable needs its name first
    expect(valid(newCondition(TODAY, 'variable'))).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
  });
});

describe('changing the field', () => {
  const text: Condition = { kind: 'condition', field: 'page_url', operator: 'starts_with', value: '/blog' };

  it('keeps the operator and value between fields of the same type', () => {
    expect(withField(text, 'referrer', TODAY)).toEqual({ kind: 'condition', field: 'referrer', operator: 'starts_with', value: '/blog' });
  });

  it("takes the new field's default operator and value when the type changes", () => {
    expect(withField(text, 'visit_count', TODAY)).toEqual({ kind: 'condition', field: 'visit_count', operator: 'gte', value: 2 });
    expect(withField(text, 'office_hours', TODAY)).toEqual({ kind: 'condition', field: 'office_hours', operator: 'is_true' });
    expect(withField(text, 'device_type', TODAY)).toEqual({ kind: 'condition', field: 'device_type', operator: 'is', value: 'desktop' });
    expect(withField(text, 'time_of_day', TODAY)).toEqual({ kind: 'condition', field: 'time_of_day', operator: 'between', value: { from: '09:00', to: '17:00' } });
  });

  it('keeps a number between number fields when it fits', () => {
    const visits: Condition = { kind: 'condition', field: 'visit_count', operator: 'lt', value: 5 };
    expect(withField(visits, 'hour_of_day', TODAY)).toEqual({ kind: 'condition', field: 'hour_of_day', operator: 'lt', value: 5 });
    expect(withField({ ...visits, value: 40 }, 'hour_of_day', TODAY)).toMatchObject({ value: 9 });
  });

  it('gives utm a UTM key, keeps a variable name for a contact property, and drops keys elsewhere', () => {
    expect(withField(text, 'utm', TODAY)).toMatchObject({ field: 'utm', key: 'source', value: '/blog' });
    const variable: Condition = { kind: 'condition', field: 'variable', key: 'plan', operator: 'is', value: 'pro' };
    expect(withField(variable, 'contact_property', TODAY)).toMatchObject({ field: 'contact_property', key: 'plan', value: 'pro' });
    expect(withField(variable, 'utm', TODAY)).toMatchObject({ key: 'source' });
    expect(withField(variable, 'city', TODAY)).not.toHaveProperty('key');
    expect(withField(variable, 'variable', TODAY)).toBe(variable);
  });
});

describe('changing the operator', () => {
  it('turns one enum value into a list and back', () => {
    const day: Condition = { kind: 'condition', field: 'day_of_week', operator: 'is', value: 'friday' };
    const many = withOperator(day, 'in', TODAY);
    expect(many).toEqual({ kind: 'condition', field: 'day_of_week', operator: 'in', value: ['friday'] });
    expect(withOperator({ ...many, value: ['sunday', 'monday'] }, 'is_not', TODAY)).toMatchObject({ value: 'sunday' });
    expect(withOperator({ ...many, value: [] }, 'is', TODAY)).toMatchObject({ value: 'monday' });
  });

  it('turns a date range into a date and back', () => {
    const range: Condition = { kind: 'condition', field: 'date', operator: 'between', value: { from: '2026-12-01', to: '2026-12-24' } };
    const before = withOperator(range, 'before', TODAY);
    expect(before).toEqual({ kind: 'condition', field: 'date', operator: 'before', value: '2026-12-01' });
    expect(withOperator(before, 'not_between', TODAY)).toMatchObject({ value: { from: '2026-12-01', to: '2026-12-01' } });
  });

  it('keeps a text when switching to a pattern, and clears a value for yes/no', () => {
    const c: Condition = { kind: 'condition', field: 'page_title', operator: 'contains', value: 'Pricing' };
    expect(withOperator(c, 'regex', TODAY)).toMatchObject({ operator: 'regex', value: 'Pricing' });
    expect(withOperator(c, 'contains', TODAY)).toBe(c);
  });
});

describe('key and value', () => {
  it('leaves an empty key out (the checker then asks for it) and keeps spaces as typed', () => {
    const c: Condition = { kind: 'condition', field: 'variable', key: 'plan', operator: 'is', value: 'pro' };
    expect(withKey(c, '')).not.toHaveProperty('key');
    expect(withKey(c, 'my plan ')).toMatchObject({ key: 'my plan ' });
    expect(withValue(c, undefined)).not.toHaveProperty('value');
    expect(withValue(c, 'team')).toMatchObject({ value: 'team' });
  });
});
