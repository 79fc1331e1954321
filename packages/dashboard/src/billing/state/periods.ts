import type { PeriodView } from '@parley/core';
import { addDays } from '../../statistics/state/dateRange';

/**
 * The billing periods the usage ledger can show: the current one and those
 * before it, back to period 0 (the subscription's first). Their dates are
 * worked out from the current period's, as the server does: each month's
 * anchored date is the anchor day or the month's last day when shorter.
 */
export interface PeriodOption {
  index: number;
  /** YYYY-MM-DD, the first day. */
  startDate: string;
  /** YYYY-MM-DD, the last day (the day before the renewal). */
  lastDate: string;
  /** "This period · 3 Nov – 2 Dec 2026", "3 Oct – 2 Nov 2026". */
  label: string;
}

/** How many periods the selector offers at most. */
export const PERIOD_OPTIONS_MAX = 24;

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): { y: number; m: number; d: number } | null {
  const match = DATE.exec(date);
  return match ? { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) } : null;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The anchored date `monthsBack` months before (y, m): the anchor day, or the month's last day. */
function anchoredDate(y: number, m: number, monthsBack: number, anchorDay: number): string {
  const total = y * 12 + (m - 1) - monthsBack;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${year}-${pad(month)}-${pad(Math.min(anchorDay, daysInMonth(year, month)))}`;
}

/**
 * The anchor day from one period's start and renewal: of two consecutive
 * months at least one is long enough to hold it, so it is the larger day.
 */
export function anchorDayOf(period: Pick<PeriodView, 'startDate' | 'renewsOn'>): number | null {
  const a = parts(period.startDate);
  const b = parts(period.renewsOn);
  if (!a || !b) return null;
  return Math.max(a.d, b.d);
}

/** "3 Nov – 2 Dec 2026", "3 Dec 2026 – 2 Jan 2027", "1 – 30 Nov 2026". */
export function periodRangeLabel(startDate: string, lastDate: string): string {
  const a = parts(startDate);
  const b = parts(lastDate);
  if (!a || !b) return `${startDate} – ${lastDate}`;
  const month = (m: number) => SHORT_MONTHS[m - 1] ?? '';
  if (a.y !== b.y) return `${a.d} ${month(a.m)} ${a.y} – ${b.d} ${month(b.m)} ${b.y}`;
  if (a.m !== b.m) return `${a.d} ${month(a.m)} – ${b.d} ${month(b.m)} ${b.y}`;
  return a.d === b.d ? `${a.d} ${month(a.m)} ${a.y}` : `${a.d} – ${b.d} ${month(b.m)} ${b.y}`;
}

/** The current period first, then each one before it, down to period 0 (at most `max`). */
export function periodOptions(current: Pick<PeriodView, 'index' | 'startDate' | 'renewsOn'>, max = PERIOD_OPTIONS_MAX): PeriodOption[] {
  const start = parts(current.startDate);
  const anchorDay = anchorDayOf(current);
  const currentLast = addDays(current.renewsOn, -1);
  const options: PeriodOption[] = [
    { index: current.index, startDate: current.startDate, lastDate: currentLast, label: `This period · ${periodRangeLabel(current.startDate, currentLast)}` },
  ];
  if (!start || anchorDay === null) return options;
  for (let back = 1; back < max && current.index - back >= 0; back++) {
    const startDate = anchoredDate(start.y, start.m, back, anchorDay);
    const lastDate = addDays(anchoredDate(start.y, start.m, back - 1, anchorDay), -1);
    options.push({ index: current.index - back, startDate, lastDate, label: periodRangeLabel(startDate, lastDate) });
  }
  return options;
}
