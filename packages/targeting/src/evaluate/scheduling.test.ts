import { Settings } from 'luxon';
import { describe, expect, it } from 'vitest';
import { all, cond, factsOf, targetingOf, WEEKDAY_HOURS } from '../testing/fixtures.js';
import type { Condition, OfficeHours, TargetingFacts } from '../schema.js';
import { compileTargeting } from './compile-targeting.js';
import { evaluateConditions } from './evaluate-conditions.js';
import { localClock } from './local-clock.js';
import { isWithinOfficeHours } from './office-hours.js';

function holds(condition: Condition, facts: Partial<TargetingFacts>): boolean {
  return evaluateConditions(compileTargeting(targetingOf(all(condition))), factsOf(facts)).match;
}

function message(condition: Condition, facts: Partial<TargetingFacts>): string {
  const result = evaluateConditions(compileTargeting(targetingOf(all(condition))), factsOf(facts));
  if (result.match) throw new Error('expected no match');
  return result.exclusion.message;
}

const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('the wall clock in the workspace time zone (luxon, DST included)', () => {
  it.each([
    // Europe/Prague springs forward on 2026-03-29 at 02:00 → 03:00
    ['Europe/Prague', '2026-03-29T00:30', '2026-03-29', '01:30', 'sunday'],
    ['Europe/Prague', '2026-03-29T01:00', '2026-03-29', '03:00', 'sunday'],
    ['Europe/Prague', '2026-03-29T01:30', '2026-03-29', '03:30', 'sunday'],
    // … and falls back on 2026-10-25 at 03:00 → 02:00: 02:30 happens twice
    ['Europe/Prague', '2026-10-25T00:30', '2026-10-25', '02:30', 'sunday'],
    ['Europe/Prague', '2026-10-25T01:30', '2026-10-25', '02:30', 'sunday'],
    ['Europe/Prague', '2026-10-25T02:30', '2026-10-25', '03:30', 'sunday'],
    // America/New_York: 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST
    ['America/New_York', '2026-03-08T06:30', '2026-03-08', '01:30', 'sunday'],
    ['America/New_York', '2026-03-08T07:30', '2026-03-08', '03:30', 'sunday'],
    ['America/New_York', '2026-11-01T05:30', '2026-11-01', '01:30', 'sunday'],
    ['America/New_York', '2026-11-01T06:30', '2026-11-01', '01:30', 'sunday'],
    ['America/New_York', '2026-11-01T07:30', '2026-11-01', '02:30', 'sunday'],
    // the local date differs from the UTC date
    ['Europe/Prague', '2026-12-24T23:30', '2026-12-25', '00:30', 'friday'],
    ['America/New_York', '2026-12-25T03:00', '2026-12-24', '22:00', 'thursday'],
    ['Asia/Kolkata', '2026-06-01T18:45', '2026-06-02', '00:15', 'tuesday'],
  ])('%s at %sZ is %s %s (%s)', (zone, iso, date, time, day) => {
    const clock = localClock(utc(iso), zone)!;
    expect([clock.date, clock.time, clock.day]).toEqual([date, time, day]);
    expect(clock.hour).toBe(Number(time.slice(0, 2)));
  });

  it('hour_of_day across the spring-forward gap in Prague (02:xx never happens)', () => {
    const zone = { timeZone: 'Europe/Prague' };
    expect(holds(cond('hour_of_day', 'eq', 1), { ...zone, now: utc('2026-03-29T00:59') })).toBe(true);
    expect(holds(cond('hour_of_day', 'eq', 3), { ...zone, now: utc('2026-03-29T01:00') })).toBe(true);
    expect(holds(cond('hour_of_day', 'eq', 2), { ...zone, now: utc('2026-03-29T01:00') })).toBe(false);
  });

  it('hour_of_day twice 2 when Prague falls back', () => {
    for (const iso of ['2026-10-25T00:30', '2026-10-25T01:30']) {
      expect(holds(cond('hour_of_day', 'eq', 2), { timeZone: 'Europe/Prague', now: utc(iso) })).toBe(true);
      expect(holds(cond('time_of_day', 'between', { from: '02:00', to: '03:00' }), { timeZone: 'Europe/Prague', now: utc(iso) })).toBe(true);
    }
    expect(holds(cond('time_of_day', 'between', { from: '02:00', to: '03:00' }), { timeZone: 'Europe/Prague', now: utc('2026-10-25T02:00') })).toBe(false);
  });

  it('New York office hours start at 09:00 local in winter and in summer', () => {
    const hours: OfficeHours = { days: { monday: [{ from: '09:00', to: '17:00' }] } };
    // 2026-03-02 (EST, UTC−5) and 2026-03-09 (EDT, UTC−4), both Mondays
    expect(isWithinOfficeHours(hours, utc('2026-03-02T13:30'), 'America/New_York')).toBe(false); // 08:30 EST
    expect(isWithinOfficeHours(hours, utc('2026-03-02T14:30'), 'America/New_York')).toBe(true); // 09:30 EST
    expect(isWithinOfficeHours(hours, utc('2026-03-09T13:30'), 'America/New_York')).toBe(true); // 09:30 EDT
    expect(isWithinOfficeHours(hours, utc('2026-03-09T12:30'), 'America/New_York')).toBe(false); // 08:30 EDT
  });

  it('date and day_of_week follow the local date, not UTC', () => {
    const christmasNightInPrague = utc('2026-12-24T23:30');
    expect(holds(cond('date', 'after', '2026-12-24'), { timeZone: 'Europe/Prague', now: christmasNightInPrague })).toBe(true);
    expect(holds(cond('date', 'after', '2026-12-24'), { timeZone: 'UTC', now: christmasNightInPrague })).toBe(false);
    expect(holds(cond('day_of_week', 'is', 'friday'), { timeZone: 'Europe/Prague', now: christmasNightInPrague })).toBe(true);
    expect(holds(cond('day_of_week', 'is', 'thursday'), { timeZone: 'UTC', now: christmasNightInPrague })).toBe(true);
  });

  it.each(['Mars/Olympus_Mons', '', 'not a zone', 'local', 'system'])('an unknown time zone (%j) falls back to UTC and says so', (timeZone) => {
    const now = utc('2026-11-24T18:05');
    expect(holds(cond('hour_of_day', 'eq', 18), { timeZone, now })).toBe(true);
    expect(message(cond('time_of_day', 'between', { from: '09:00', to: '17:00' }), { timeZone, now })).toBe(
      `It is 18:05 in UTC (the time zone "${timeZone}" is unknown), outside 09:00–17:00`,
    );
  });
});

describe('never throws', () => {
  it('even when luxon is set to throw on invalid dates', () => {
    const before = Settings.throwOnInvalid;
    Settings.throwOnInvalid = true;
    try {
      expect(holds(cond('hour_of_day', 'eq', 9), { timeZone: 'Nowhere/Else', now: utc('2026-11-24T09:15') })).toBe(true);
    } finally {
      Settings.throwOnInvalid = before;
    }
  });

  it('on malformed office hours', () => {
    const broken = { days: { tuesday: 'always' } } as unknown as OfficeHours;
    expect(holds(cond('office_hours', 'is_true'), { officeHours: broken })).toBe(false);
    expect(holds(cond('office_hours', 'is_true'), { officeHours: {} as OfficeHours })).toBe(false);
  });
});

describe('time ranges', () => {
  const at = (time: string) => utc(`2026-11-24T${time}`); // in UTC
  it.each([
    // wraps midnight
    ['22:00', '06:00', '23:00', true],
    ['22:00', '06:00', '22:00', true],
    ['22:00', '06:00', '00:00', true],
    ['22:00', '06:00', '05:59', true],
    ['22:00', '06:00', '06:00', false],
    ['22:00', '06:00', '21:59', false],
    ['22:00', '06:00', '12:00', false],
    // [from, to): the end minute is outside
    ['09:00', '17:00', '09:00', true],
    ['09:00', '17:00', '16:59', true],
    ['09:00', '17:00', '17:00', false],
    ['09:00', '17:00', '08:59', false],
    // to 00:00: until midnight
    ['18:00', '00:00', '23:59', true],
    ['18:00', '00:00', '00:00', false],
    // from == to: empty
    ['09:00', '09:00', '09:00', false],
    ['09:00', '09:00', '15:00', false],
    ['00:00', '00:00', '00:00', false],
  ])('between %s and %s at %s → %s (not_between the opposite)', (from, to, time, expected) => {
    const facts = { timeZone: 'UTC', now: at(time) };
    expect(holds(cond('time_of_day', 'between', { from, to }), facts)).toBe(expected);
    expect(holds(cond('time_of_day', 'not_between', { from, to }), facts)).toBe(!expected);
  });

  it('explains an empty range', () => {
    expect(message(cond('time_of_day', 'between', { from: '09:00', to: '09:00' }), {})).toBe('The time range 09:00–09:00 is empty, so it never matches');
  });
});

describe('office hours', () => {
  const prague = (iso: string) => ({ timeZone: 'Europe/Prague', now: utc(iso), officeHours: WEEKDAY_HOURS });
  // 2026-11-23 is a Monday; Prague is UTC+1 in November
  it.each([
    ['Monday 10:00', '2026-11-23T09:00', true],
    ['Monday 08:59', '2026-11-23T07:59', false],
    ['Monday 09:00', '2026-11-23T08:00', true],
    ['Monday 12:30, lunch', '2026-11-23T11:30', false],
    ['Monday 13:00', '2026-11-23T12:00', true],
    ['Monday 17:00, closed', '2026-11-23T16:00', false],
    ['Friday 16:59', '2026-11-27T15:59', true],
    ['Saturday 10:00, a closed day', '2026-11-28T09:00', false],
    ['Sunday 10:00, a closed day', '2026-11-29T09:00', false],
  ])('%s → %s', (_, iso, open) => {
    expect(holds(cond('office_hours', 'is_true'), prague(iso))).toBe(open);
    expect(holds(cond('office_hours', 'is_false'), prague(iso))).toBe(!open);
    expect(isWithinOfficeHours(WEEKDAY_HOURS, utc(iso), 'Europe/Prague')).toBe(open);
  });

  const nightShift: OfficeHours = { days: { friday: [{ from: '22:00', to: '02:00' }], sunday: [] } };
  it.each([
    ['Friday 23:00', '2026-11-27T23:00', true],
    ['Saturday 01:59 (the Friday interval goes on past midnight)', '2026-11-28T01:59', true],
    ['Saturday 02:00', '2026-11-28T02:00', false],
    ['Friday 01:00 (Thursday has no interval)', '2026-11-27T01:00', false],
    ['Saturday 23:00', '2026-11-28T23:00', false],
  ])('a night shift: %s → %s', (_, iso, open) => {
    expect(isWithinOfficeHours(nightShift, utc(iso), 'UTC')).toBe(open);
  });

  it('an interval from == to is empty; no office hours is always open', () => {
    expect(isWithinOfficeHours({ days: { tuesday: [{ from: '10:00', to: '10:00' }] } }, utc('2026-11-24T10:00'), 'UTC')).toBe(false);
    expect(isWithinOfficeHours(null, utc('2026-11-28T03:00'), 'UTC')).toBe(true);
    expect(isWithinOfficeHours({ days: {} }, utc('2026-11-24T10:00'), 'UTC')).toBe(false);
  });

  it('explains with the local time, the day and the zone', () => {
    expect(message(cond('office_hours', 'is_true'), prague('2026-11-27T17:05'))).toBe(
      'It is 18:05 on Friday in Europe/Prague, outside office hours',
    );
    expect(message(cond('office_hours', 'is_false'), prague('2026-11-23T09:00'))).toBe(
      'It is 10:00 on Monday in Europe/Prague, within office hours',
    );
  });
});
