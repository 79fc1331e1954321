import { describe, expect, it } from 'vitest';
import { all, any, cond, factsOf, targetingOf } from '../testing/fixtures.js';
import { OPERATORS, type Condition, type ConditionField, type TargetingFacts } from '../schema.js';
import { compileTargeting } from './compile-targeting.js';
import { evaluateConditions } from './evaluate-conditions.js';

function holds(condition: Condition, facts: TargetingFacts): boolean {
  return evaluateConditions(compileTargeting(targetingOf(all(condition))), facts).match;
}

function exclusionOf(condition: Condition, facts: TargetingFacts) {
  const result = evaluateConditions(compileTargeting(targetingOf(all(condition))), facts);
  if (result.match) throw new Error('expected no match');
  return result.exclusion;
}

// ─── text fields ────────────────────────────────────────────────────────────

/** Every text field, how to give it a value and, where it can be missing, how to leave it out. */
const TEXT_FIELDS: { field: ConditionField; key?: string; set: (v: string) => Partial<TargetingFacts>; missing?: Partial<TargetingFacts> }[] = [
  { field: 'page_url', set: (v) => ({ page: { url: v, title: 'x' } }) },
  { field: 'page_title', set: (v) => ({ page: { url: 'https://x', title: v } }) },
  { field: 'language', set: (v) => ({ language: v }), missing: { language: null } },
  { field: 'country', set: (v) => ({ country: v }), missing: { country: null } },
  { field: 'city', set: (v) => ({ city: v }), missing: { city: null } },
  { field: 'browser', set: (v) => ({ browser: v }), missing: { browser: null } },
  { field: 'os', set: (v) => ({ os: v }), missing: { os: null } },
  { field: 'referrer', set: (v) => ({ referrer: v }) },
  { field: 'utm', key: 'campaign', set: (v) => ({ utm: { campaign: v } }), missing: { utm: { source: 'x' } } },
  { field: 'visitor_group', set: (v) => ({ visitorGroup: v }), missing: { visitorGroup: null } },
  { field: 'variable', key: 'plan', set: (v) => ({ variables: { plan: v } }), missing: { variables: { other: 'Hello World' } } },
  { field: 'contact_property', key: 'tier', set: (v) => ({ contactProperties: { tier: v } }), missing: { contactProperties: {} } },
];

/** [operator, value, holds for "Hello World"]: case never matters. */
const TEXT_ROWS: [Condition['operator'], string, boolean][] = [
  ['is', 'hello world', true],
  ['is', 'hello', false],
  ['is_not', 'hello', true],
  ['is_not', 'HELLO WORLD', false],
  ['contains', 'LO WO', true],
  ['contains', 'xyz', false],
  ['not_contains', 'xyz', true],
  ['not_contains', 'World', false],
  ['starts_with', 'HELLO', true],
  ['starts_with', 'world', false],
  ['not_starts_with', 'world', true],
  ['not_starts_with', 'hel', false],
  ['regex', '^hello\\s+w', true],
  ['regex', '^world', false],
];

/** A missing fact: positive operators never hold, negative ones always do. */
const MISSING_ROWS: [Condition['operator'], string, boolean][] = [
  ['is', '', false],
  ['is', 'hello world', false],
  ['is_not', 'hello world', true],
  ['contains', '', false],
  ['not_contains', 'hello', true],
  ['starts_with', '', false],
  ['not_starts_with', 'hello', true],
  ['regex', '.*', false],
  ['regex', '^$', false],
];

describe('text fields', () => {
  it('covers every text operator', () => {
    expect(new Set(TEXT_ROWS.map(([op]) => op))).toEqual(new Set(OPERATORS.text));
  });

  for (const spec of TEXT_FIELDS) {
    it.each(TEXT_ROWS)(`${spec.field} %s %j on "Hello World" → %s`, (operator, value, expected) => {
      expect(holds(cond(spec.field, operator, value, spec.key), factsOf(spec.set('Hello World')))).toBe(expected);
    });
    if (spec.missing) {
      const missing = spec.missing;
      it.each(MISSING_ROWS)(`${spec.field} %s %j when missing → %s`, (operator, value, expected) => {
        expect(holds(cond(spec.field, operator, value, spec.key), factsOf(missing))).toBe(expected);
      });
    }
  }

  it('compares the full page URL, query included', () => {
    const facts = factsOf({ page: { url: 'https://acme.com/pricing?plan=Pro#faq', title: '' } });
    expect(holds(cond('page_url', 'contains', '?plan=pro'), facts)).toBe(true);
    expect(holds(cond('page_url', 'is', 'https://acme.com/pricing'), facts)).toBe(false);
    expect(holds(cond('page_url', 'starts_with', 'HTTPS://ACME.COM/'), facts)).toBe(true);
  });

  it.each([
    ['cs', 'cs-CZ', true],
    ['cs-cz', 'cs-CZ', true],
    ['cs-SK', 'cs-CZ', false],
    ['cs', 'csb', false],
    ['cs-CZ', 'cs', false],
  ])('language is %s holds for %s: %s (a bare language covers its regions)', (expected, actual, result) => {
    expect(holds(cond('language', 'is', expected), factsOf({ language: actual }))).toBe(result);
    expect(holds(cond('language', 'is_not', expected), factsOf({ language: actual }))).toBe(!result);
  });

  it('reads variables as text (numbers and booleans through String())', () => {
    const facts = factsOf({ variables: { cartValue: 120, trial: true, ratio: 0.5 } });
    expect(holds(cond('variable', 'is', '120', 'cartValue'), facts)).toBe(true);
    expect(holds(cond('variable', 'starts_with', '12', 'cartValue'), facts)).toBe(true);
    expect(holds(cond('variable', 'is', 'TRUE', 'trial'), facts)).toBe(true);
    expect(holds(cond('variable', 'is', '0.5', 'ratio'), facts)).toBe(true);
    expect(holds(cond('variable', 'regex', '^\\d+$', 'cartValue'), facts)).toBe(true);
  });

  it('reads only own variables: "constructor" is not set unless the script set it', () => {
    const facts = factsOf({ variables: {} });
    expect(holds(cond('variable', 'contains', 'function', 'constructor'), facts)).toBe(false);
    expect(holds(cond('variable', 'is_not', 'x', 'constructor'), facts)).toBe(true);
    expect(holds(cond('contact_property', 'contains', 'object', '__proto__'), factsOf({ contactProperties: {} }))).toBe(false);
    expect(holds(cond('variable', 'is', 'yes', 'constructor'), factsOf({ variables: { constructor: 'yes' } }))).toBe(true);
  });

  it('reads each UTM key on its own', () => {
    const facts = factsOf({ utm: { source: 'google', medium: 'cpc' } });
    expect(holds(cond('utm', 'is', 'google', 'source'), facts)).toBe(true);
    expect(holds(cond('utm', 'is', 'google', 'medium'), facts)).toBe(false);
    expect(holds(cond('utm', 'is_not', 'google', 'term'), facts)).toBe(true);
  });

  it('treats an empty text as a value, not as missing', () => {
    const facts = factsOf({ referrer: '' });
    expect(holds(cond('referrer', 'is', ''), facts)).toBe(true);
    expect(holds(cond('referrer', 'regex', '^$'), facts)).toBe(true);
  });

  it('runs patterns case-insensitively through the linear-time engine', () => {
    const facts = factsOf({ page: { url: 'https://ACME.com/Blog/123', title: '' } });
    expect(holds(cond('page_url', 'regex', '/blog/\\d+$'), facts)).toBe(true);
    expect(holds(cond('page_url', 'regex', '/blog/\\d{4}'), facts)).toBe(false);
    // a pattern that would stall a backtracking engine answers at once
    const evil = factsOf({ page: { url: `${'a'.repeat(900)}!`, title: '' } });
    expect(holds(cond('page_url', 'regex', '^(a+)+$'), evil)).toBe(false);
  });

  it('explains with the field, the operator, the value and what the fact is', () => {
    expect(exclusionOf(cond('page_url', 'contains', '/pricing'), factsOf({ page: { url: 'https://acme.com/demo', title: '' } })).message).toBe(
      'Page URL does not contain "/pricing" (it is "https://acme.com/demo")',
    );
    expect(exclusionOf(cond('city', 'is', 'Brno'), factsOf({ city: null })).message).toBe('City is not "Brno" (it is unknown)');
    expect(exclusionOf(cond('country', 'is_not', 'cz'), factsOf()).message).toBe('Country is "cz" (it is "CZ")');
    expect(exclusionOf(cond('utm', 'starts_with', 'goo', 'source'), factsOf()).message).toBe(
      'UTM source does not start with "goo" (it is "newsletter")',
    );
    expect(exclusionOf(cond('variable', 'regex', '^ent', 'plan'), factsOf()).message).toBe(
      'Variable "plan" does not match the pattern "^ent" (it is "Pro")',
    );
  });
});

// ─── number fields ──────────────────────────────────────────────────────────

const NUMBER_ROWS: [Condition['operator'], number, boolean][] = [
  ['eq', 3, true],
  ['eq', 4, false],
  ['neq', 4, true],
  ['neq', 3, false],
  ['gt', 2, true],
  ['gt', 3, false],
  ['gte', 3, true],
  ['gte', 4, false],
  ['lt', 4, true],
  ['lt', 3, false],
  ['lte', 3, true],
  ['lte', 2, false],
];

describe('number fields', () => {
  it('covers every number operator', () => {
    expect(new Set(NUMBER_ROWS.map(([op]) => op))).toEqual(new Set(OPERATORS.number));
  });

  it.each(NUMBER_ROWS)('visit_count (3) %s %d → %s', (operator, value, expected) => {
    expect(holds(cond('visit_count', operator, value), factsOf({ visitCount: 3 }))).toBe(expected);
  });

  // 03:xx in Prague: 02:10 UTC on 2026-11-24
  it.each(NUMBER_ROWS)('hour_of_day (3 in Prague) %s %d → %s', (operator, value, expected) => {
    expect(holds(cond('hour_of_day', operator, value), factsOf({ now: Date.UTC(2026, 10, 24, 2, 10) }))).toBe(expected);
  });

  it.each([
    ['eq', false],
    ['neq', true],
    ['gt', false],
    ['gte', false],
    ['lt', false],
    ['lte', false],
  ] as const)('a visit count that is not a number: %s → %s', (operator, expected) => {
    expect(holds(cond('visit_count', operator, 1), factsOf({ visitCount: Number.NaN }))).toBe(expected);
  });

  it('explains', () => {
    expect(exclusionOf(cond('visit_count', 'gt', 5), factsOf({ visitCount: 2 })).message).toBe('Visit count is not greater than 5 (it is 2)');
    expect(exclusionOf(cond('hour_of_day', 'lt', 9), factsOf({ now: Date.UTC(2026, 10, 24, 17, 5) })).message).toBe(
      'Hour of day is not less than 9 (it is 18 in Europe/Prague)',
    );
  });
});

// ─── enum fields ────────────────────────────────────────────────────────────

describe('enum fields', () => {
  const rows: [ConditionField, Condition['operator'], string | string[], Partial<TargetingFacts>, boolean][] = [
    ['device_type', 'is', 'mobile', { deviceType: 'mobile' }, true],
    ['device_type', 'is', 'mobile', { deviceType: 'desktop' }, false],
    ['device_type', 'is_not', 'mobile', { deviceType: 'desktop' }, true],
    ['device_type', 'is_not', 'mobile', { deviceType: 'mobile' }, false],
    ['device_type', 'in', ['mobile', 'tablet'], { deviceType: 'tablet' }, true],
    ['device_type', 'in', ['mobile', 'tablet'], { deviceType: 'desktop' }, false],
    ['device_type', 'not_in', ['mobile', 'tablet'], { deviceType: 'desktop' }, true],
    ['device_type', 'not_in', ['mobile', 'tablet'], { deviceType: 'mobile' }, false],
    // an unknown device is a missing fact
    ['device_type', 'is', 'desktop', { deviceType: 'unknown' }, false],
    ['device_type', 'in', ['desktop', 'mobile', 'tablet'], { deviceType: 'unknown' }, false],
    ['device_type', 'is_not', 'desktop', { deviceType: 'unknown' }, true],
    ['device_type', 'not_in', ['desktop'], { deviceType: 'unknown' }, true],
    // returning from the second visit on
    ['visitor_type', 'is', 'new', { visitCount: 1 }, true],
    ['visitor_type', 'is', 'returning', { visitCount: 1 }, false],
    ['visitor_type', 'is', 'returning', { visitCount: 2 }, true],
    ['visitor_type', 'is_not', 'new', { visitCount: 2 }, true],
    ['visitor_type', 'is_not', 'new', { visitCount: 1 }, false],
    ['visitor_type', 'in', ['returning'], { visitCount: 7 }, true],
    ['visitor_type', 'in', ['returning'], { visitCount: 0 }, false],
    ['visitor_type', 'not_in', ['new'], { visitCount: 2 }, true],
    ['visitor_type', 'not_in', ['new'], { visitCount: 1 }, false],
    // 2026-11-24 is a Tuesday
    ['day_of_week', 'is', 'tuesday', {}, true],
    ['day_of_week', 'is', 'monday', {}, false],
    ['day_of_week', 'is_not', 'monday', {}, true],
    ['day_of_week', 'is_not', 'tuesday', {}, false],
    ['day_of_week', 'in', ['monday', 'tuesday'], {}, true],
    ['day_of_week', 'in', ['saturday', 'sunday'], {}, false],
    ['day_of_week', 'not_in', ['saturday', 'sunday'], {}, true],
    ['day_of_week', 'not_in', ['tuesday'], {}, false],
    ['day_of_week', 'is', 'tuesday', { now: Number.NaN }, false],
    ['day_of_week', 'not_in', ['tuesday'], { now: Number.NaN }, true],
  ];
  it.each(rows)('%s %s %j with %j → %s', (field, operator, value, facts, expected) => {
    expect(holds(cond(field, operator, value), factsOf(facts))).toBe(expected);
  });

  it('explains', () => {
    expect(exclusionOf(cond('device_type', 'in', ['mobile', 'tablet']), factsOf()).message).toBe(
      'Device type is not one of mobile, tablet (it is desktop)',
    );
    expect(exclusionOf(cond('day_of_week', 'is', 'friday'), factsOf()).message).toBe('Day of week is not Friday (it is Tuesday in Europe/Prague)');
    expect(exclusionOf(cond('visitor_type', 'is', 'returning'), factsOf({ visitCount: 1 })).message).toBe(
      'Visitor type is not returning (it is new: visit 1)',
    );
  });
});

// ─── boolean fields ─────────────────────────────────────────────────────────

describe('boolean fields', () => {
  it.each([
    [true, 'is_true', true],
    [true, 'is_false', false],
    [false, 'is_true', false],
    [false, 'is_false', true],
  ] as const)('agents_online (%s) %s → %s', (online, operator, expected) => {
    expect(holds(cond('agents_online', operator), factsOf({ agentsOnline: online }))).toBe(expected);
  });

  it('office hours: none set means always open', () => {
    expect(holds(cond('office_hours', 'is_true'), factsOf({ officeHours: null }))).toBe(true);
    expect(holds(cond('office_hours', 'is_false'), factsOf({ officeHours: null }))).toBe(false);
  });

  it('explains', () => {
    expect(exclusionOf(cond('agents_online', 'is_true'), factsOf({ agentsOnline: false })).message).toBe('No agent is online');
    expect(exclusionOf(cond('agents_online', 'is_false'), factsOf()).message).toBe('An agent is online');
  });
});

// ─── time of day and date ───────────────────────────────────────────────────

describe('time_of_day and date', () => {
  // 10:30 in Prague
  it.each([
    ['between', '09:00', '17:00', true],
    ['between', '11:00', '17:00', false],
    ['not_between', '11:00', '17:00', true],
    ['not_between', '09:00', '17:00', false],
  ] as const)('time_of_day %s %s–%s at 10:30 → %s', (operator, from, to, expected) => {
    expect(holds(cond('time_of_day', operator, { from, to }), factsOf())).toBe(expected);
  });

  // 2026-11-24 in Prague
  it.each([
    ['between', { from: '2026-11-01', to: '2026-11-30' }, true],
    ['between', { from: '2026-11-24', to: '2026-11-24' }, true], // inclusive
    ['between', { from: '2026-11-25', to: '2026-12-31' }, false],
    ['not_between', { from: '2026-12-01', to: '2026-12-31' }, true],
    ['not_between', { from: '2026-11-24', to: '2026-12-31' }, false],
    ['before', '2026-11-25', true],
    ['before', '2026-11-24', false],
    ['after', '2026-11-23', true],
    ['after', '2026-11-24', false],
  ] as const)('date %s %j → %s', (operator, value, expected) => {
    expect(holds(cond('date', operator, value), factsOf())).toBe(expected);
  });

  it('a moment that is not a time: positive operators never hold, negative ones do', () => {
    const facts = factsOf({ now: Number.NaN });
    expect(holds(cond('time_of_day', 'between', { from: '00:00', to: '23:59' }), facts)).toBe(false);
    expect(holds(cond('time_of_day', 'not_between', { from: '00:00', to: '23:59' }), facts)).toBe(true);
    expect(holds(cond('date', 'after', '1970-01-01'), facts)).toBe(false);
    expect(holds(cond('date', 'not_between', { from: '1970-01-01', to: '2999-01-01' }), facts)).toBe(true);
    expect(holds(cond('hour_of_day', 'gte', 0), facts)).toBe(false);
    expect(holds(cond('office_hours', 'is_true'), facts)).toBe(false);
  });

  it('explains', () => {
    expect(exclusionOf(cond('time_of_day', 'between', { from: '12:00', to: '17:00' }), factsOf()).message).toBe(
      'It is 10:30 in Europe/Prague, outside 12:00–17:00',
    );
    expect(exclusionOf(cond('date', 'between', { from: '2026-12-01', to: '2026-12-24' }), factsOf()).message).toBe(
      'It is 2026-11-24 in Europe/Prague, outside 2026-12-01 – 2026-12-24',
    );
    expect(exclusionOf(cond('date', 'before', '2026-11-01'), factsOf()).message).toBe('It is 2026-11-24 in Europe/Prague, not before 2026-11-01');
  });
});

// ─── groups ─────────────────────────────────────────────────────────────────

describe('groups', () => {
  const yes = cond('country', 'is', 'CZ');
  const no = cond('country', 'is', 'DE');
  const no2 = cond('city', 'is', 'Brno');
  const facts = factsOf();
  const run = (group: ReturnType<typeof all>) => evaluateConditions(compileTargeting(targetingOf(group)), facts);

  it.each([
    ['an empty all group', all(), true],
    ['an empty any group', any(), false],
    ['all of yes, yes', all(yes, yes), true],
    ['all of yes, no', all(yes, no), false],
    ['any of no, yes', any(no, yes), true],
    ['any of no, no', any(no, no2), false],
    ['all with an empty all inside', all(yes, all()), true],
    ['all with an empty any inside', all(yes, any()), false],
    ['any with an empty all inside', any(no, all()), true],
    ['any of a failing all and a yes', any(all(yes, no), yes), true],
    ['all of nested anys', all(any(no, yes), any(yes)), true],
    ['deep nesting', all(any(all(any(no, all(yes, yes))))), true],
  ] as const)('%s → %s', (_, group, expected) => {
    expect(run(group).match).toBe(expected);
  });

  it.each([
    ['the failing condition of the root', all(yes, no, no2), [1]],
    ['inside a nested all', all(yes, all(yes, no2)), [1, 1]],
    ['an any none of whose members hold: the group', all(yes, any(no, no2)), [1]],
    ['an any inside an any', all(any(no, any(no2))), [0]],
    ['an all inside an any that fails: the any', all(yes, any(all(no), no2)), [1]],
    ['the root any', any(no, no2), []],
    ['an empty any', all(yes, any()), [1]],
    ['deep', all(yes, all(yes, all(yes, all(no)))), [1, 1, 1, 0]],
  ] as const)('excluded by %s', (_, group, path) => {
    const result = run(group);
    expect(result.match).toBe(false);
    if (!result.match) expect(result.exclusion.path).toEqual(path);
  });

  it('explains an any group by its members', () => {
    const result = run(all(yes, any(no, no2)));
    expect(!result.match && result.exclusion.message).toBe(
      'None of these holds: Country is not "DE" (it is "CZ"); City is not "Brno" (it is "Praha")',
    );
    const empty = run(any());
    expect(!empty.match && empty.exclusion.message).toBe('The "any" group is empty, so it never matches');
    const many = run(any(no, no, no, no2, no2));
    expect(!many.match && many.exclusion.message).toMatch(/\(and 2 more\)$/);
  });
});

// ─── robustness ─────────────────────────────────────────────────────────────

describe('documents that do not pass the checks', () => {
  it.each([
    ['a pattern that does not compile', cond('page_url', 'regex', '(')],
    ['an operator of another type', cond('page_url', 'gt', 3)],
    ['a missing key', cond('utm', 'is', 'x')],
    ['a value of the wrong shape', cond('visit_count', 'eq', 'three')],
  ])('%s never holds and says why, without throwing', (_, condition) => {
    const targeting = targetingOf(all());
    targeting.conditions.conditions.push(condition);
    const result = evaluateConditions(compileTargeting(targeting), factsOf());
    expect(result.match).toBe(false);
    if (!result.match) expect(result.exclusion.message).toMatch(/cannot be (evaluated|used)/);
  });

  it('a negative condition that cannot be evaluated does not hold either', () => {
    const targeting = targetingOf(all(cond('page_url', 'not_contains', 3)));
    expect(evaluateConditions(compileTargeting(targeting), factsOf()).match).toBe(false);
  });
});
