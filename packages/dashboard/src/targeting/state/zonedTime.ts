/**
 * Wall-clock times in a named time zone, with Intl only (no date library in
 * the bundle): the debugger's date-time input is read in the workspace's
 * zone, not the browser's.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `instant` (epoch ms) in `timeZone`, as if it were UTC (epoch ms). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

/** The zone's offset from UTC at `instant`, in minutes (Prague in winter: 60). Throws on an unknown zone. */
export function offsetMinutes(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return Math.round((wallClock(whole, timeZone) - whole) / 60_000);
}

/** `60` → `"+01:00"`, `-330` → `"-05:30"`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** "UTC+01:00" at `instant`. */
export function utcOffsetLabel(timeZone: string, instant: number): string {
  try {
    return `UTC${formatOffset(offsetMinutes(instant, timeZone))}`;
  } catch {
    return '';
  }
}

/**
 * A date-time input's value ("2026-03-12T14:30") read as a wall clock in
 * `timeZone` → ISO 8601 with that zone's offset then ("2026-03-12T14:30:00+01:00").
 * A time a daylight-saving change skips keeps the offset before the change
 * (02:30 becomes 03:30 summer time); a time it repeats is the first one.
 * Null when the text is not a date-time or the zone is unknown.
 */
export function zonedLocalToIso(local: string, timeZone: string): string | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const back = new Date(wall);
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) return null;
  try {
    // the offsets a day before and after; the one whose instant shows this wall clock is right
    const before = offsetMinutes(wall - 86_400_000, timeZone);
    const after = offsetMinutes(wall + 86_400_000, timeZone);
    const fits = (o: number) => offsetMinutes(wall - o * 60_000, timeZone) === o;
    // both fit: the clock went back and the time happened twice (the first one); none: it was skipped
    const offset = fits(before) && fits(after) ? Math.max(before, after) : fits(before) ? before : fits(after) ? after : before;
    return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${formatOffset(offset)}`;
  } catch {
    return null;
  }
}

/** `instant` as a date-time input's value in `timeZone` ("2026-03-12T14:30"). */
export function isoToZonedLocal(instant: number, timeZone: string): string {
  const wall = new Date(wallClock(instant, timeZone)).toISOString();
  return wall.slice(0, 16);
}

/** Whether the runtime knows the zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
