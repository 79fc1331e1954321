/**
 * The date range of the statistics and insights pages: calendar days in the
 * workspace's time zone (the API counts days there), chosen by a preset
 * (the last 7, 30 or 90 days, today included) or as two dates, and kept in
 * the URL (`?range=7d`, or `?from=2026-11-01&to=2026-11-30`). Intl only.
 */

export type RangePreset = '7d' | '30d' | '90d';
export type RangeChoice = RangePreset | 'custom';

export const RANGE_PRESETS: readonly { value: RangePreset; label: string; days: number }[] = [
  { value: '7d', label: '7 days', days: 7 },
  { value: '30d', label: '30 days', days: 30 },
  { value: '90d', label: '90 days', days: 90 },
];

export const DEFAULT_PRESET: RangePreset = '30d';

/** The longest range one query may cover (mirrors `MAX_RANGE_DAYS` of @parley/core, a test keeps them equal). */
export const MAX_RANGE_DAYS = 367;

export interface DateRange {
  /** YYYY-MM-DD, first day. */
  from: string;
  /** YYYY-MM-DD, last day (included). */
  to: string;
}

export interface RangeSelection extends DateRange {
  choice: RangeChoice;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date, or null when it is not one (as `dayNumber` of @parley/core). */
export function dayNumber(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return Math.round(date.getTime() / 86_400_000);
}

export function dayOfNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const n = dayNumber(day);
  return n === null ? day : dayOfNumber(n + days);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `instant` (epoch ms) in `timeZone`; UTC's when the zone is unknown. */
export function dayIn(timeZone: string, instant: number): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      return new Date(instant).toISOString().slice(0, 10);
    }
    dayFormatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(instant))) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The last `preset` days up to `today` (the workspace's, see `dayIn`), today included. */
export function presetRange(preset: RangePreset, today: string): DateRange {
  const days = RANGE_PRESETS.find((p) => p.value === preset)?.days ?? 30;
  return { from: addDays(today, -(days - 1)), to: today };
}

function isPreset(value: string | null): value is RangePreset {
  return RANGE_PRESETS.some((p) => p.value === value);
}

/**
 * The range in a query string: `from`/`to` (a custom range, kept as typed so
 * its problems can be shown), else `range` (a preset), else the last 30 days.
 */
export function rangeFromParams(params: URLSearchParams, today: string): RangeSelection {
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null || to !== null) return { choice: 'custom', from: from ?? '', to: to ?? '' };
  const range = params.get('range');
  const preset = isPreset(range) ? range : DEFAULT_PRESET;
  return { choice: preset, ...presetRange(preset, today) };
}

/** `params` with the range written in (other keys kept); the default preset writes nothing. */
export function rangeToParams(selection: RangeSelection, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('range');
  next.delete('from');
  next.delete('to');
  if (selection.choice === 'custom') {
    next.set('from', selection.from);
    next.set('to', selection.to);
  } else if (selection.choice !== DEFAULT_PRESET) {
    next.set('range', selection.choice);
  }
  return next;
}

export interface RangeProblems {
  from?: string;
  to?: string;
}

/** What the API would refuse in a range (the rules of `DayRangeSchema`), by field; empty when fine. */
export function rangeProblems(range: DateRange): RangeProblems {
  const problems: RangeProblems = {};
  const a = dayNumber(range.from);
  const b = dayNumber(range.to);
  if (range.from === '') problems.from = 'Choose the first day';
  else if (a === null) problems.from = 'Use a date like 2026-11-25';
  if (range.to === '') problems.to = 'Choose the last day';
  else if (b === null) problems.to = 'Use a date like 2026-11-25';
  if (a !== null && b !== null) {
    if (b < a) problems.to = 'The last day is before the first day';
    else if (b - a + 1 > MAX_RANGE_DAYS) problems.to = `A range may cover at most ${MAX_RANGE_DAYS} days`;
  }
  return problems;
}

/** Days in the range, both ends included (0 when it is not a range). */
export function rangeLength(range: DateRange): number {
  const a = dayNumber(range.from);
  const b = dayNumber(range.to);
  return a === null || b === null || b < a ? 0 : b - a + 1;
}

/** "1 Nov – 30 Nov 2026", "28 Dec 2025 – 3 Jan 2026" (the days as dates, no zone shift). */
export function rangeLabel(range: DateRange, locale?: string): string {
  const a = dayNumber(range.from);
  const b = dayNumber(range.to);
  if (a === null || b === null || b < a) return '';
  const fmt = (n: number, withYear: boolean) =>
    new Date(n * 86_400_000).toLocaleDateString(locale, { timeZone: 'UTC', day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}) });
  if (a === b) return fmt(a, true);
  const sameYear = range.from.slice(0, 4) === range.to.slice(0, 4);
  return `${fmt(a, !sameYear)} – ${fmt(b, true)}`;
}
