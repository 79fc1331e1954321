/** Clock times and calendar dates as conditions and office hours write them. */

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MINUTES_PER_DAY = 1440;

/** "09:30" → 570; null when not a clock time. */
export function parseClockTime(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = CLOCK_TIME.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * "2026-12-24" → days since 1970-01-01; null when not a date of the calendar
 * (the format alone lets "2026-02-30" through).
 */
export function parseCalendarDate(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = CALENDAR_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return Math.round(ms / 86_400_000);
}

/**
 * Whether minute `m` of the day falls in [from, to): `to` before `from`
 * wraps past midnight (22:00–06:00), `from` equal to `to` is empty.
 */
export function inClockRange(m: number, from: number, to: number): boolean {
  return from < to ? m >= from && m < to : from > to ? m >= from || m < to : false;
}
