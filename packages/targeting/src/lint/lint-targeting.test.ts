import { describe, expect, it } from 'vitest';
import { all, any, cond, targetingOf } from '../testing/fixtures.js';
import type { ConditionGroup } from '../schema.js';
import { lintTargeting, type LintWarning } from './lint-targeting.js';
import { regexShape } from './regex-cost.js';

const lint = (group: ConditionGroup): LintWarning[] => lintTargeting(targetingOf(group));
const brief = (group: ConditionGroup) => lint(group).map((w) => [w.code, w.path]);

describe('lintTargeting: conditions that can never match', () => {
  it.each([
    ['two different "is" on one field', all(cond('country', 'is', 'CZ'), cond('country', 'is', 'SK')), [1]],
    ['"is" and "is not" the same value (any case)', all(cond('city', 'is', 'Brno'), cond('city', 'is_not', 'BRNO')), [1]],
    ['"is not" then "is" the same value', all(cond('city', 'is_not', 'Brno'), cond('city', 'is', 'brno')), [1]],
    ['"is" and a "contains" it cannot satisfy', all(cond('page_title', 'is', 'Pricing'), cond('page_title', 'contains', 'demo')), [1]],
    ['"is" and a pattern it cannot satisfy', all(cond('page_url', 'regex', '^https://'), cond('page_url', 'is', 'http://acme.com')), [1]],
    ['"starts with" two different prefixes', all(cond('page_url', 'starts_with', 'https://a.com'), cond('page_url', 'starts_with', 'https://b.com')), [1]],
    ['two "is" on the same UTM key', all(cond('utm', 'is', 'google', 'source'), cond('utm', 'is', 'bing', 'source')), [1]],
    ['two "is" on the same variable', all(cond('variable', 'is', 'pro', 'plan'), cond('variable', 'is', 'team', 'plan')), [1]],
    ['numbers that cannot overlap', all(cond('visit_count', 'gt', 5), cond('visit_count', 'lt', 3)), [1]],
    ['no whole number between', all(cond('visit_count', 'gt', 5), cond('visit_count', 'lt', 6)), [1]],
    ['"equals" and "does not equal" the same', all(cond('visit_count', 'eq', 2), cond('visit_count', 'neq', 2)), [1]],
    ['two different "equals"', all(cond('hour_of_day', 'eq', 9), cond('hour_of_day', 'eq', 10)), [1]],
    ['a range used up by "does not equal"', all(cond('hour_of_day', 'gte', 22), cond('hour_of_day', 'neq', 22), cond('hour_of_day', 'neq', 23)), [2]],
    ['contradictory choices', all(cond('device_type', 'in', ['mobile', 'tablet']), cond('device_type', 'is', 'desktop')), [1]],
    ['choices all excluded', all(cond('day_of_week', 'in', ['saturday', 'sunday']), cond('day_of_week', 'not_in', ['saturday', 'sunday'])), [1]],
    ['"is" and "is not" the same choice', all(cond('visitor_type', 'is', 'new'), cond('visitor_type', 'is_not', 'new')), [1]],
    ['a yes/no field both ways', all(cond('office_hours', 'is_true'), cond('office_hours', 'is_false')), [1]],
    ['time ranges that do not overlap', all(cond('time_of_day', 'between', { from: '09:00', to: '12:00' }), cond('time_of_day', 'between', { from: '13:00', to: '17:00' })), [1]],
    ['a time range inside a "not between"', all(cond('time_of_day', 'between', { from: '09:00', to: '10:00' }), cond('time_of_day', 'not_between', { from: '08:00', to: '11:00' })), [1]],
    ['dates that cannot overlap', all(cond('date', 'after', '2026-12-24'), cond('date', 'before', '2026-12-25')), [1]],
    ['a date range and a "before" its start', all(cond('date', 'between', { from: '2026-12-01', to: '2026-12-31' }), cond('date', 'before', '2026-11-30')), [1]],
    ['nested all groups count as one', all(cond('country', 'is', 'CZ'), all(cond('city', 'is', 'Brno'), all(cond('country', 'is', 'SK')))), [1, 1, 0]],
    ['inside an all group within an any group', any(cond('city', 'is', 'Brno'), all(cond('visit_count', 'gt', 5), cond('visit_count', 'lte', 5))), [1, 1]],
    ['languages of different families', all(cond('language', 'is', 'cs'), cond('language', 'is', 'sk-SK')), [1]],
    ['a region excluded by its language', all(cond('language', 'is', 'cs-CZ'), cond('language', 'is_not', 'cs')), [1]],
  ])('%s', (_, group, path) => {
    const warnings = lint(group);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([['never_matches', path]]);
    expect(warnings[0]!.message).toMatch(/never/);
  });

  it.each([
    ['conditions on different fields', all(cond('country', 'is', 'CZ'), cond('city', 'is', 'Brno'))],
    ['"is" on different UTM keys', all(cond('utm', 'is', 'google', 'source'), cond('utm', 'is', 'cpc', 'medium'))],
    ['two "is" under any', any(cond('country', 'is', 'CZ'), cond('country', 'is', 'SK'))],
    ['two "is" in sibling groups under any', any(all(cond('country', 'is', 'CZ')), all(cond('country', 'is', 'SK')))],
    ['"is" the same value twice, any case', all(cond('country', 'is', 'CZ'), cond('country', 'is', 'cz'))],
    ['overlapping numbers', all(cond('visit_count', 'gte', 3), cond('visit_count', 'lte', 3))],
    ['"is" and a "contains" it satisfies', all(cond('page_title', 'is', 'Pricing plans'), cond('page_title', 'contains', 'PLANS'))],
    ['"starts with" a prefix of the other', all(cond('page_url', 'starts_with', 'https://a.com'), cond('page_url', 'starts_with', 'https://a.com/blog'))],
    ['a language and its region', all(cond('language', 'is', 'cs'), cond('language', 'is', 'cs-CZ'))],
    ['a language and another region excluded', all(cond('language', 'is', 'cs'), cond('language', 'is_not', 'cs-SK'))],
    ['wrapping time ranges that overlap', all(cond('time_of_day', 'between', { from: '22:00', to: '06:00' }), cond('time_of_day', 'between', { from: '05:00', to: '07:00' }))],
    ['choices that leave one', all(cond('day_of_week', 'not_in', ['saturday', 'sunday']), cond('day_of_week', 'in', ['friday', 'saturday']))],
    ['dates that meet on a day', all(cond('date', 'after', '2026-12-23'), cond('date', 'before', '2026-12-25'))],
    ['a date range around a hole', all(cond('date', 'between', { from: '2026-12-01', to: '2026-12-31' }), cond('date', 'not_between', { from: '2026-12-24', to: '2026-12-26' }))],
    ['an empty all group', all(all(), cond('city', 'is', 'Brno'))],
    ['an anchored pattern', all(cond('page_url', 'regex', '^https://acme\\.com/(pricing|plans)(/|$)'))],
  ])('no warning: %s', (_, group) => {
    expect(lint(group)).toEqual([]);
  });

  it('names the field and the conditions', () => {
    expect(lint(all(cond('visit_count', 'gt', 5), cond('visit_count', 'lt', 3)))[0]!.message).toBe(
      'These conditions on Visit count cannot all hold, so the group never matches: greater than 5; less than 3',
    );
    expect(lint(all(cond('country', 'is', 'CZ'), cond('country', 'is', 'SK')))[0]!.message).toBe(
      'These conditions on Country cannot all hold, so the group never matches: is "CZ"; is "SK"',
    );
  });

  it.each([
    ['an hour above 23', cond('hour_of_day', 'eq', 24)],
    ['an hour below 0', cond('hour_of_day', 'lt', 0)],
    ['an hour after 23', cond('hour_of_day', 'gt', 23)],
    ['a negative visit count', cond('visit_count', 'lte', -1)],
    ['every choice excluded', cond('device_type', 'not_in', ['desktop', 'mobile', 'tablet'])],
  ])('a condition that never matches on its own: %s', (_, c) => {
    expect(brief(all(cond('city', 'is', 'Brno'), c))).toEqual([['never_matches', [1]]]);
  });

  it('an impossible condition is reported once, not again with its neighbours', () => {
    expect(brief(all(cond('hour_of_day', 'eq', 30), cond('hour_of_day', 'eq', 9)))).toEqual([['never_matches', [0]]]);
  });
});

describe('lintTargeting: groups, ranges and patterns', () => {
  it('an empty any group, wherever it is', () => {
    expect(brief(any())).toEqual([['empty_any_group', []]]);
    expect(brief(all(cond('city', 'is', 'Brno'), any(cond('city', 'is', 'Brno'), any())))).toEqual([['empty_any_group', [1, 1]]]);
  });

  it('an empty time range', () => {
    const warnings = lint(all(cond('time_of_day', 'between', { from: '09:00', to: '09:00' })));
    expect(warnings.map((w) => [w.code, w.path])).toEqual([['empty_time_range', [0]]]);
    expect(warnings[0]!.message).toMatch(/never matches/);
    expect(lint(all(cond('time_of_day', 'not_between', { from: '09:00', to: '09:00' })))[0]!.message).toMatch(/always matches/);
  });

  it('a date range whose from is after its to', () => {
    expect(brief(all(cond('date', 'between', { from: '2026-12-31', to: '2026-12-01' })))).toEqual([['inverted_date_range', [0]]]);
    expect(brief(all(cond('date', 'not_between', { from: '2026-12-31', to: '2026-12-01' })))).toEqual([['inverted_date_range', [0]]]);
    expect(brief(all(cond('date', 'between', { from: '2026-12-01', to: '2026-12-01' })))).toEqual([]);
  });

  it('a pattern that cannot be used (a document saved before the checks)', () => {
    expect(brief(all(cond('page_url', 'regex', '(?<=x)a')))).toEqual([['bad_regex', [0]]]);
  });

  it.each([
    ['very long', `^https://acme\\.com/${'section/'.repeat(12)}`],
    ['large once expanded', '[a-z]{50}\\d{50}'],
    ['nested repeats', '^(\\w+\\s?)*$'],
    ['nested repeats in a group', '(a|b+)+'],
  ])('slow_regex: %s', (_, pattern) => {
    expect(brief(all(cond('page_url', 'regex', pattern)))).toEqual([['slow_regex', [0]]]);
  });

  it('in document order', () => {
    expect(
      brief(
        all(
          any(),
          cond('time_of_day', 'between', { from: '10:00', to: '10:00' }),
          all(cond('visit_count', 'gt', 5), cond('page_url', 'regex', '(a+)+'), cond('visit_count', 'lt', 2)),
        ),
      ),
    ).toEqual([
      ['empty_any_group', [0]],
      ['empty_time_range', [1]],
      ['slow_regex', [2, 1]],
      ['never_matches', [2, 2]],
    ]);
  });
});

describe('regexShape', () => {
  it.each([
    ['abc', 4, false],
    ['a+', 5, false], // a, split, a, jump, match
    ['a{3}', 4, false],
    ['[a-z]{1,3}', 6, false],
    ['(a|b)c', 6, false],
    ['(a+)+', 11, true],
    ['(ab?)*', 6, false],
    ['(?:x\\d+)+', 13, true],
  ])('%s: size %d, nested %s', (pattern, size, nested) => {
    expect(regexShape(pattern)).toEqual({ size, nestedRepeat: nested });
  });
});
