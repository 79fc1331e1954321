import { describe, expect, it } from 'vitest';
import { CONDITIONS_MAX, GROUP_DEPTH_MAX, defaultTargeting } from '../schema.js';
import { checkTargeting } from './check-targeting.js';
import type { TargetingIssue } from './issue.js';

const condition = (c: Record<string, unknown>) => ({ kind: 'condition', ...c });
const group = (match: 'all' | 'any', conditions: unknown[]) => ({ kind: 'group', match, conditions });
const withConditions = (...conditions: unknown[]) => ({ conditions: group('all', conditions) });

function issuesOf(input: unknown): TargetingIssue[] {
  const result = checkTargeting(input);
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

/** The one issue of a document with a single condition. */
function onlyIssue(c: Record<string, unknown>): TargetingIssue {
  const issues = issuesOf(withConditions(condition(c)));
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

const AT = ['conditions', 'conditions', 0];

describe('checkTargeting accepts', () => {
  it('an empty document, with the defaults', () => {
    expect(checkTargeting({})).toEqual({ ok: true, targeting: defaultTargeting() });
  });

  it('the example of docs/targeting.md', () => {
    const result = checkTargeting({
      trigger: { kind: 'time_on_page', seconds: 3 },
      conditions: group('all', [
        condition({ field: 'page_url', operator: 'contains', value: '/pricing' }),
        group('any', [
          condition({ field: 'country', operator: 'is', value: 'CZ' }),
          condition({ field: 'language', operator: 'starts_with', value: 'cs' }),
        ]),
      ]),
      frequency: 'once_per_visit',
    });
    expect(result.ok).toBe(true);
  });

  it.each([
    [{ field: 'visit_count', operator: 'gte', value: 2 }],
    [{ field: 'hour_of_day', operator: 'lt', value: 0 }],
    [{ field: 'hour_of_day', operator: 'eq', value: 23 }],
    [{ field: 'utm', key: 'campaign', operator: 'is', value: 'spring' }],
    [{ field: 'variable', key: 'plan', operator: 'regex', value: '^(pro|team)$' }],
    [{ field: 'contact_property', key: 'tier', operator: 'is_not', value: '' }],
    [{ field: 'office_hours', operator: 'is_true' }],
    [{ field: 'agents_online', operator: 'is_false' }],
    [{ field: 'device_type', operator: 'is', value: 'mobile' }],
    [{ field: 'day_of_week', operator: 'not_in', value: ['saturday', 'sunday'] }],
    [{ field: 'time_of_day', operator: 'between', value: { from: '22:00', to: '06:00' } }],
    [{ field: 'date', operator: 'not_between', value: { from: '2026-12-24', to: '2026-12-26' } }],
    [{ field: 'date', operator: 'before', value: '2028-02-29' }],
  ])('%j', (c) => {
    expect(checkTargeting(withConditions(condition(c))).ok).toBe(true);
  });

  it('nesting up to the limit, and exactly the most conditions', () => {
    let tree: unknown = group('all', [condition({ field: 'city', operator: 'is', value: 'Brno' })]);
    for (let depth = 1; depth < GROUP_DEPTH_MAX; depth++) tree = group('any', [tree]);
    expect(checkTargeting({ conditions: tree }).ok).toBe(true);
    const many = Array.from({ length: CONDITIONS_MAX }, () => condition({ field: 'agents_online', operator: 'is_true' }));
    expect(checkTargeting(withConditions(...many)).ok).toBe(true);
  });
});

describe('checkTargeting refuses, with the path from the document root', () => {
  it.each([
    ['not an object', 'nope', []],
    ['an unknown root key', { extra: 1 }, []],
    ['an unknown trigger', { trigger: { kind: 'on_hover' } }, ['trigger', 'kind']],
    ['a scroll depth above 100', { trigger: { kind: 'scroll', percent: 120 } }, ['trigger', 'percent']],
    ['a bad event name', { trigger: { kind: 'custom_event', name: 'has space' } }, ['trigger', 'name']],
    ['an unknown frequency', { frequency: 'always' }, ['frequency']],
    ['a group with a bad match', withConditions(group('some' as 'all', [])), ['conditions', 'conditions', 0, 'match']],
    ['a condition without operator', withConditions(condition({ field: 'city' })), [...AT, 'operator']],
  ])('invalid_document: %s', (_, input, path) => {
    const issues = issuesOf(input);
    expect(issues[0]).toMatchObject({ code: 'invalid_document', path });
  });

  it('a missing field or operator is required, not unknown', () => {
    expect(onlyIssue({ field: 'city', value: 'x' })).toEqual({ path: [...AT, 'operator'], code: 'invalid_document', message: '"operator" is required' });
    expect(onlyIssue({ operator: 'is', value: 'x' })).toEqual({ path: [...AT, 'field'], code: 'invalid_document', message: '"field" is required' });
  });

  it('unknown_field', () => {
    expect(onlyIssue({ field: 'shoe_size', operator: 'is', value: '42' })).toEqual({
      path: [...AT, 'field'],
      code: 'unknown_field',
      message: 'Unknown field "shoe_size"',
    });
  });

  it.each([
    ['page_url', 'gt', 3, '"greater than" does not apply to Page URL (text)'],
    ['visit_count', 'contains', '3', '"contains" does not apply to Visit count (number)'],
    ['office_hours', 'is', 'yes', '"is" does not apply to Office hours (yes/no)'],
    ['device_type', 'starts_with', 'mob', '"starts with" does not apply to Device type (choice)'],
    ['time_of_day', 'before', '10:00', '"before" does not apply to Time of day (time of day)'],
    ['date', 'eq', 3, '"equals" does not apply to Date (date)'],
  ])('operator_mismatch: %s %s', (field, operator, value, message) => {
    const issue = onlyIssue({ field, operator, value });
    expect(issue).toMatchObject({ path: [...AT, 'operator'], code: 'operator_mismatch' });
    expect(issue.message.startsWith(message)).toBe(true);
  });

  it('operator_mismatch: an operator that does not exist', () => {
    expect(onlyIssue({ field: 'city', operator: 'resembles', value: 'x' })).toMatchObject({
      path: [...AT, 'operator'],
      code: 'operator_mismatch',
      message: 'Unknown operator "resembles"',
    });
  });

  it.each([
    ['a text for a number', { field: 'visit_count', operator: 'eq', value: '3' }, ['value']],
    ['no value for a number', { field: 'visit_count', operator: 'eq' }, ['value']],
    ['an hour above 23', { field: 'hour_of_day', operator: 'eq', value: 24 }, ['value']],
    ['a fractional hour', { field: 'hour_of_day', operator: 'gt', value: 9.5 }, ['value']],
    ['a number for a text', { field: 'city', operator: 'is', value: 7 }, ['value']],
    ['a list for a text', { field: 'city', operator: 'is', value: ['Brno'] }, ['value']],
    ['a value for a yes/no field', { field: 'agents_online', operator: 'is_true', value: 'yes' }, ['value']],
    ['an unknown choice', { field: 'device_type', operator: 'is', value: 'phone' }, ['value']],
    ['a list for "is"', { field: 'device_type', operator: 'is', value: ['mobile'] }, ['value']],
    ['an empty list for "in"', { field: 'day_of_week', operator: 'in', value: [] }, ['value']],
    ['an unknown choice in a list', { field: 'day_of_week', operator: 'in', value: ['monday', 'funday'] }, ['value', 1]],
    ['a text for "in"', { field: 'visitor_type', operator: 'in', value: 'new' }, ['value']],
    ['a text for a time range', { field: 'time_of_day', operator: 'between', value: '09:00' }, ['value']],
    ['a bad "from" time', { field: 'time_of_day', operator: 'between', value: { from: '9:00', to: '17:00' } }, ['value', 'from']],
    ['a bad "to" time', { field: 'time_of_day', operator: 'between', value: { from: '09:00', to: '24:00' } }, ['value', 'to']],
    ['a date that does not exist', { field: 'date', operator: 'between', value: { from: '2026-02-30', to: '2026-03-01' } }, ['value', 'from']],
    ['not a leap year', { field: 'date', operator: 'after', value: '2027-02-29' }, ['value']],
    ['a range for "before"', { field: 'date', operator: 'before', value: { from: '2026-01-01', to: '2026-01-02' } }, ['value']],
    ['a date for "between"', { field: 'date', operator: 'between', value: '2026-01-01' }, ['value']],
    ['an unknown UTM key', { field: 'utm', key: 'gclid', operator: 'is', value: 'x' }, ['key']],
    ['a value of no known shape', { field: 'city', operator: 'is', value: true }, ['value']],
    ['a text that is too long', { field: 'city', operator: 'is', value: 'x'.repeat(501) }, ['value']],
  ])('bad_value: %s', (_, c, path) => {
    const issue = onlyIssue(c);
    expect(issue).toMatchObject({ code: 'bad_value', path: [...AT, ...path] });
    expect(issue.message.length).toBeGreaterThan(10);
  });

  it('bad_value messages name the field', () => {
    expect(onlyIssue({ field: 'hour_of_day', operator: 'eq', value: 24 }).message).toBe('Hour of day needs a whole number from 0 to 23 (got 24)');
    expect(onlyIssue({ field: 'device_type', operator: 'is', value: 'phone' }).message).toBe(
      '"phone" is not a Device type; use desktop, mobile or tablet',
    );
    expect(onlyIssue({ field: 'date', operator: 'after', value: '2027-02-29' }).message).toBe(
      '"2027-02-29" is not a date; dates look like "2026-12-24"',
    );
  });

  it.each([
    ['utm', 'UTM parameter needs a key: source, medium, campaign, term or content'],
    ['variable', 'Variable needs the name of the variable (key)'],
    ['contact_property', 'Contact property needs the name of the property (key)'],
  ])('missing_key: %s', (field, message) => {
    expect(onlyIssue({ field, operator: 'is', value: 'x' })).toEqual({ path: [...AT, 'key'], code: 'missing_key', message });
  });

  it('unexpected_key', () => {
    expect(onlyIssue({ field: 'page_url', key: 'path', operator: 'contains', value: 'x' })).toEqual({
      path: [...AT, 'key'],
      code: 'unexpected_key',
      message: 'Page URL takes no key; remove "path"',
    });
  });

  it.each([
    ['(unclosed', 'Missing ")"'],
    ['(?=ahead)', 'Look-ahead and look-behind are not supported'],
    ['(a)\\1', 'Back-references are not supported'],
    ['x{1000}', 'Repeat counts above 100 are not supported'],
    ['a'.repeat(201), 'longer than 200 characters'],
  ])('bad_regex: %j', (pattern, fragment) => {
    const issue = onlyIssue({ field: 'page_url', operator: 'regex', value: pattern });
    expect(issue).toMatchObject({ path: [...AT, 'value'], code: 'bad_regex' });
    expect(issue.message.startsWith('The pattern for Page URL cannot be used: ')).toBe(true);
    expect(issue.message.toLowerCase()).toContain(fragment.toLowerCase());
  });

  it('too_deep', () => {
    let tree: unknown = group('all', [condition({ field: 'city', operator: 'is', value: 'Brno' })]);
    for (let depth = 1; depth <= GROUP_DEPTH_MAX; depth++) tree = group('any', [tree]);
    expect(issuesOf({ conditions: tree })).toEqual([
      {
        path: ['conditions', 'conditions', 0, 'conditions', 0, 'conditions', 0, 'conditions', 0, 'conditions', 0],
        code: 'too_deep',
        message: `Groups may nest at most ${GROUP_DEPTH_MAX} levels deep (the top group counts as one)`,
      },
    ]);
  });

  it('too_deep: a very deep document does not overflow the stack', () => {
    let tree: unknown = group('all', []);
    for (let depth = 0; depth < 50_000; depth++) tree = group('all', [tree]);
    expect(issuesOf({ conditions: tree }).map((i) => i.code)).toEqual(['too_deep']);
  });

  it('too_many: across groups', () => {
    const half = Array.from({ length: 51 }, () => condition({ field: 'agents_online', operator: 'is_true' }));
    expect(issuesOf(withConditions(group('all', half), group('any', half)))).toEqual([
      { path: ['conditions'], code: 'too_many', message: `The targeting has 102 conditions; at most ${CONDITIONS_MAX} are allowed` },
    ]);
  });

  it('too_many: in one group', () => {
    const many = Array.from({ length: CONDITIONS_MAX + 1 }, () => condition({ field: 'agents_online', operator: 'is_true' }));
    const issues = issuesOf(withConditions(...many));
    expect(issues.map((i) => [i.code, i.path])).toEqual([['too_many', ['conditions', 'conditions']]]);
  });

  it('nested paths, and every issue in document order', () => {
    const issues = issuesOf({
      trigger: { kind: 'scroll', percent: 0 },
      conditions: group('all', [
        condition({ field: 'city', operator: 'is', value: 'Brno' }),
        group('any', [
          condition({ field: 'visit_count', operator: 'gt', value: 'many' }),
          condition({ field: 'page_url', operator: 'regex', value: '[' }),
        ]),
        condition({ field: 'nope', operator: 'is', value: 'x' }),
      ]),
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_document', ['trigger', 'percent']],
      ['bad_value', ['conditions', 'conditions', 1, 'conditions', 0, 'value']],
      ['bad_regex', ['conditions', 'conditions', 1, 'conditions', 1, 'value']],
      ['unknown_field', ['conditions', 'conditions', 2, 'field']],
    ]);
  });

  it('reports both the key and the value of one condition', () => {
    const issues = issuesOf(withConditions(condition({ field: 'utm', operator: 'is', value: 3 })));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['missing_key', [...AT, 'key']],
      ['bad_value', [...AT, 'value']],
    ]);
  });
});
