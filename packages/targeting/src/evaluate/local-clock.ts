import { DateTime } from 'luxon';
import { ENUM_VALUES } from '../schema.js';

export type DayOfWeek = (typeof ENUM_VALUES.day_of_week)[number];

/** A moment as the clock on the workspace's wall shows it. */
export interface LocalClock {
  /** The time zone used: the workspace's, or "UTC" when it is not a known zone. */
  zone: string;
  /** The workspace's zone when it was unknown and UTC was used instead. */
  unknownZone: string | null;
  /** 0–23. */
  hour: number;
  /** 0–1439. */
  minuteOfDay: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  day: DayOfWeek;
  /** "YYYY-MM-DD". */
  date: string;
  /** "HH:MM". */
  time: string;
}

let lastNow = Number.NaN;
let lastZone = '';
let lastClock: LocalClock | null = null;

/**
 * `now` (epoch ms) in `timeZone`, daylight saving included (luxon). An unknown
 * zone falls back to UTC; a `now` that is not a time gives null. Never throws.
 * The last answer is remembered: one page view evaluates many chatbots at one moment.
 */
export function localClock(now: number, timeZone: string): LocalClock | null {
  if (now === lastNow && timeZone === lastZone) return lastClock;
  const clock = computeClock(now, timeZone);
  lastNow = now;
  lastZone = timeZone;
  lastClock = clock;
  return clock;
}

function computeClock(now: number, timeZone: string): LocalClock | null {
  if (typeof now !== 'number' || !Number.isFinite(now)) return null;
  let unknownZone: string | null = null;
  let dt = inZone(now, timeZone);
  if (dt === null) {
    unknownZone = String(timeZone);
    dt = inZone(now, 'UTC');
    if (dt === null) return null;
  }
  const weekday = dt.weekday - 1;
  const time = `${pad(dt.hour)}:${pad(dt.minute)}`;
  return {
    zone: unknownZone === null ? timeZone : 'UTC',
    unknownZone,
    hour: dt.hour,
    minuteOfDay: dt.hour * 60 + dt.minute,
    weekday,
    day: ENUM_VALUES.day_of_week[weekday]!,
    date: `${String(dt.year).padStart(4, '0')}-${pad(dt.month)}-${pad(dt.day)}`,
    time,
  };
}

/** Luxon's reading of `now` in `zone`; null for an unknown zone (even with luxon's throwOnInvalid set). */
function inZone(now: number, zone: string): DateTime | null {
  // "local" and "system" would depend on the server's own zone
  if (typeof zone !== 'string' || zone === '' || /^(local|system)$/i.test(zone)) return null;
  try {
    const dt = DateTime.fromMillis(now, { zone });
    return dt.isValid ? dt : null;
  } catch {
    return null;
  }
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "in Europe/Prague", or "in UTC (the time zone "Mars/Base" is unknown)". */
export function zonePhrase(clock: LocalClock): string {
  return clock.unknownZone === null ? `in ${clock.zone}` : `in UTC (the time zone "${clock.unknownZone}" is unknown)`;
}
