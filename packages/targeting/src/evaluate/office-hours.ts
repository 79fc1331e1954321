import { ENUM_VALUES, type OfficeHours } from '../schema.js';
import { parseClockTime } from '../time.js';
import { localClock, type LocalClock } from './local-clock.js';

/**
 * Whether the team is open at `clock`: the moment falls in one of the day's
 * intervals, or in the part past midnight of one of the previous day's
 * intervals that wrap (Friday 22:00–02:00 covers Saturday 01:00). Intervals
 * are [from, to); from equal to to is empty. No office hours (null): always open.
 */
export function isOpenAt(officeHours: OfficeHours | null, clock: LocalClock): boolean {
  if (officeHours === null) return true;
  const days: Partial<Record<string, readonly { from: string; to: string }[]>> = officeHours.days ?? {};
  const m = clock.minuteOfDay;
  for (const interval of intervals(days[clock.day])) {
    const from = parseClockTime(interval.from);
    const to = parseClockTime(interval.to);
    if (from === null || to === null) continue;
    if (from < to ? m >= from && m < to : from > to && m >= from) return true;
  }
  const yesterday = ENUM_VALUES.day_of_week[(clock.weekday + 6) % 7]!;
  for (const interval of intervals(days[yesterday])) {
    const from = parseClockTime(interval.from);
    const to = parseClockTime(interval.to);
    if (from === null || to === null) continue;
    if (from > to && m < to) return true;
  }
  return false;
}

function intervals(day: unknown): readonly { from: string; to: string }[] {
  return Array.isArray(day) ? day.filter((i): i is { from: string; to: string } => typeof i === 'object' && i !== null) : [];
}

/**
 * Whether the team is open at `now` (epoch ms) in `timeZone` (an unknown zone
 * counts as UTC). For the flow engine's `officeHoursOpen`. Never throws.
 */
export function isWithinOfficeHours(officeHours: OfficeHours | null, now: number, timeZone: string): boolean {
  const clock = localClock(now, timeZone);
  return clock === null ? officeHours === null : isOpenAt(officeHours, clock);
}
