import { describe, expect, it } from 'vitest';
import { ConditionGroupSchema, ConditionSchema, type Condition, type ConditionField } from '../schema/condition.js';
import type { ConditionFacts } from './condition-facts.js';
import { evaluateCondition, evaluateGroup } from './evaluate-condition.js';

const facts: ConditionFacts = {
  variables: { plan: 'Premium', seats: 12, seatsText: '7', vip: true, flag: 'yes', empty: '' },
  contact: { name: 'Jana Nováková', email: 'jana@acme.cz', phone: null, properties: { company: 'Acme', tier: 'gold' } },
  agentsOnline: true,
  officeHoursOpen: false,
  language: 'cs-CZ',
};

const v = (name: string): ConditionField => ({ source: 'variable', name });

describe('evaluateCondition', () => {
  const numberCases: [string, Condition['operator'], number, boolean][] = [
    ['seats', 'eq', 12, true],
    ['seats', 'eq', 11, false],
    ['seats', 'neq', 11, true],
    ['seats', 'neq', 12, false],
    ['seats', 'gt', 11, true],
    ['seats', 'gt', 12, false],
    ['seats', 'gte', 12, true],
    ['seats', 'gte', 13, false],
    ['seats', 'lt', 13, true],
    ['seats', 'lt', 12, false],
    ['seats', 'lte', 12, true],
    ['seats', 'lte', 11, false],
    ['seatsText', 'eq', 7, true], // a number stored as text still compares as a number
    ['plan', 'eq', 0, false], // not a number: every number operator is false
    ['plan', 'neq', 0, false],
    ['missing', 'lt', 100, false],
    ['empty', 'eq', 0, false],
  ];
  it.each(numberCases)('number: %s %s %d → %s', (name, operator, value, expected) => {
    expect(evaluateCondition(ConditionSchema.parse({ field: v(name), operator, value }), facts)).toBe(expected);
  });

  const textCases: [ConditionField, Condition['operator'], string, boolean][] = [
    [v('plan'), 'is', 'premium', true], // case does not matter
    [v('plan'), 'is', 'Premiu', false],
    [v('plan'), 'is_not', 'basic', true],
    [v('plan'), 'is_not', 'PREMIUM', false],
    [v('plan'), 'contains', 'emi', true],
    [v('plan'), 'contains', 'xyz', false],
    [v('plan'), 'not_contains', 'xyz', true],
    [v('plan'), 'not_contains', 'prem', false],
    [v('plan'), 'starts_with', 'pre', true],
    [v('plan'), 'starts_with', 'mium', false],
    [v('plan'), 'not_starts_with', 'mium', true],
    [v('plan'), 'not_starts_with', 'PRE', false],
    [v('plan'), 'regex', '^p.*m$', true],
    [v('plan'), 'regex', '^basic', false],
    [v('plan'), 'regex', '(', false], // an invalid pattern never matches
    [v('seats'), 'is', '12', true], // numbers read as text
    [v('missing'), 'is', '', true], // a missing value reads as empty text
    [v('missing'), 'is_not', 'x', true],
    [v('missing'), 'contains', 'x', false],
    [{ source: 'contact', key: 'email' }, 'contains', '@acme.cz', true],
    [{ source: 'contact', key: 'phone' }, 'is', '', true],
    [{ source: 'contact_property', key: 'company' }, 'is', 'acme', true],
    [{ source: 'contact_property', key: 'constructor' }, 'is', '', true], // never an inherited property
    [{ source: 'visitor_language' }, 'is', 'cs', true], // "is cs" covers cs-CZ
    [{ source: 'visitor_language' }, 'is', 'cs-CZ', true],
    [{ source: 'visitor_language' }, 'is', 'cs-SK', false],
    [{ source: 'visitor_language' }, 'is', 'en', false],
    [{ source: 'visitor_language' }, 'is_not', 'cs', false],
    [{ source: 'visitor_language' }, 'starts_with', 'cs', true],
  ];
  it.each(textCases)('text: %j %s %j → %s', (field, operator, value, expected) => {
    expect(evaluateCondition(ConditionSchema.parse({ field, operator, value }), facts)).toBe(expected);
  });

  const booleanCases: [ConditionField, Condition['operator'], boolean][] = [
    [{ source: 'agents_online' }, 'is_true', true],
    [{ source: 'agents_online' }, 'is_false', false],
    [{ source: 'office_hours_open' }, 'is_true', false],
    [{ source: 'office_hours_open' }, 'is_false', true],
    [v('vip'), 'is_true', true],
    [v('flag'), 'is_true', true], // "yes", "true" and "1" count as true
    [v('plan'), 'is_true', false],
    [v('missing'), 'is_false', true],
  ];
  it.each(booleanCases)('boolean: %j %s → %s', (field, operator, expected) => {
    expect(evaluateCondition(ConditionSchema.parse({ field, operator }), facts)).toBe(expected);
  });

  it('refuses text or number operators on true/false fields', () => {
    const result = ConditionSchema.safeParse({ field: { source: 'agents_online' }, operator: 'is', value: 'true' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['operator']);
  });

  it('refuses a value of the wrong type for the operator', () => {
    expect(ConditionSchema.safeParse({ field: v('seats'), operator: 'gt', value: '3' }).success).toBe(false);
    expect(ConditionSchema.safeParse({ field: v('plan'), operator: 'contains', value: 3 }).success).toBe(false);
  });
});

describe('evaluateGroup', () => {
  const yes = { field: { source: 'agents_online' }, operator: 'is_true' };
  const no = { field: { source: 'agents_online' }, operator: 'is_false' };
  const group = (input: unknown) => evaluateGroup(ConditionGroupSchema.parse(input), facts);

  it('needs every condition with "all" and one with "any"', () => {
    expect(group({ match: 'all', conditions: [yes, yes] })).toBe(true);
    expect(group({ match: 'all', conditions: [yes, no] })).toBe(false);
    expect(group({ match: 'any', conditions: [no, yes] })).toBe(true);
    expect(group({ match: 'any', conditions: [no, no] })).toBe(false);
  });

  it('nests groups', () => {
    expect(group({ match: 'all', conditions: [yes, { match: 'any', conditions: [no, yes] }] })).toBe(true);
    expect(group({ match: 'any', conditions: [no, { match: 'all', conditions: [yes, no] }] })).toBe(false);
  });

  it('treats an empty "all" as true and an empty "any" as false', () => {
    expect(group({ match: 'all', conditions: [] })).toBe(true);
    expect(group({ match: 'any', conditions: [] })).toBe(false);
  });
});
