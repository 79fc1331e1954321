import type { OfficeHours } from '@parley/targeting';

/**
 * Office hours as the workspace settings edit them: weekday → opening
 * intervals in the workspace's time zone (a missing day is closed; `null`
 * office hours = always open). Pure; types only from @parley/targeting, so
 * the settings page stays small (a test checks the weekdays against it).
 */

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Interval = { from: string; to: string };

/** At most this many intervals a day (the server's schema). */
export const INTERVALS_PER_DAY_MAX = 6;

export function weekdayLabel(day: Weekday): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}

/** Monday to Friday, 09:00–17:00. */
export function weekdayPreset(): OfficeHours {
  const days: OfficeHours['days'] = {};
  for (const day of WEEKDAYS.slice(0, 5)) days[day] = [{ from: '09:00', to: '17:00' }];
  return { days };
}

function minutes(time: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function clock(total: number): string {
  const m = Math.max(0, Math.min(1439, total));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function withDay(hours: OfficeHours, day: Weekday, intervals: Interval[]): OfficeHours {
  const days = { ...hours.days };
  if (intervals.length === 0) delete days[day];
  else days[day] = intervals;
  return { days };
}

export function intervalsOf(hours: OfficeHours, day: Weekday): Interval[] {
  return hours.days[day] ?? [];
}

/**
 * Adds an interval to the day: 09:00–17:00 on a closed day, else an hour
 * starting where the last one ends. Nothing when the day is full.
 */
export function addInterval(hours: OfficeHours, day: Weekday): OfficeHours {
  const list = intervalsOf(hours, day);
  if (list.length >= INTERVALS_PER_DAY_MAX) return hours;
  if (list.length === 0) return withDay(hours, day, [{ from: '09:00', to: '17:00' }]);
  const lastEnd = minutes(list[list.length - 1]!.to) ?? 17 * 60;
  const from = Math.min(lastEnd + 60, 23 * 60);
  return withDay(hours, day, [...list, { from: clock(from), to: clock(from + 60) }]);
}

/** Removes an interval; the last one removed closes the day. */
export function removeInterval(hours: OfficeHours, day: Weekday, index: number): OfficeHours {
  return withDay(
    hours,
    day,
    intervalsOf(hours, day).filter((_, i) => i !== index),
  );
}

export function setIntervalTime(hours: OfficeHours, day: Weekday, index: number, end: 'from' | 'to', time: string): OfficeHours {
  const list = intervalsOf(hours, day);
  if (index < 0 || index >= list.length) return hours;
  return withDay(
    hours,
    day,
    list.map((interval, i) => (i === index ? { ...interval, [end]: time } : interval)),
  );
}

/** Gives every other working day (Monday–Friday) the intervals of `day`. */
export function copyToWeekdays(hours: OfficeHours, day: Weekday): OfficeHours {
  const source = intervalsOf(hours, day).map((i) => ({ ...i }));
  let next = hours;
  for (const d of WEEKDAYS.slice(0, 5)) if (d !== day) next = withDay(next, d, source.map((i) => ({ ...i })));
  return next;
}

export interface IntervalProblem {
  day: Weekday;
  index: number;
  message: string;
}

/**
 * What is wrong before saving: a time that is not HH:MM, an empty interval
 * (from = to). An interval whose end is before its start is fine: it runs
 * past midnight (22:00–02:00).
 */
export function officeHoursProblems(hours: OfficeHours | null): IntervalProblem[] {
  if (hours === null) return [];
  const problems: IntervalProblem[] = [];
  for (const day of WEEKDAYS) {
    intervalsOf(hours, day).forEach((interval, index) => {
      const from = minutes(interval.from);
      const to = minutes(interval.to);
      if (from === null || to === null) problems.push({ day, index, message: 'Enter both times' });
      else if (from === to) problems.push({ day, index, message: 'The interval is empty: it ends when it starts' });
    });
  }
  return problems;
}

/** "09:00–17:00, runs past midnight" for an interval whose end is before its start. */
export function wrapsMidnight(interval: Interval): boolean {
  const from = minutes(interval.from);
  const to = minutes(interval.to);
  return from !== null && to !== null && to < from;
}

/** The zones offered: the runtime's list, with UTC and the current zone in it, sorted. */
export function timeZoneOptions(supported: readonly string[], current: string): string[] {
  const set = new Set(supported);
  set.add('UTC');
  if (current) set.add(current);
  return [...set].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

/** `Intl.supportedValuesOf('timeZone')` where the runtime has it. */
export function supportedTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  try {
    return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  } catch {
    return [];
  }
}

/** Whether two office hours say the same (for "unsaved changes"). */
export function sameOfficeHours(a: OfficeHours | null, b: OfficeHours | null): boolean {
  if (a === null || b === null) return a === b;
  return WEEKDAYS.every((day) => {
    const x = intervalsOf(a, day);
    const y = intervalsOf(b, day);
    return x.length === y.length && x.every((i, n) => i.from === y[n]!.from && i.to === y[n]!.to);
  });
}
