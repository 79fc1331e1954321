/**
 * PRODUCT.md §3: monthly billing periods, anchored to the subscription's start
 * day in the workspace's time zone. A period starts at local midnight of its
 * anchored date and ends (exclusive) where the next one starts. An anchor day
 * the month does not have (29, 30, 31) falls on the month's last day, and the
 * anchor is kept: 31 Jan → 28/29 Feb → 31 Mar. Time zones and daylight saving
 * with luxon. docs/billing.md explains the rules.
 */
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

/** What fixes a subscription's periods. */
export interface BillingAnchor {
  /** 1–31: the day of the month each period starts on (the last day of shorter months). */
  anchorDay: number;
  /** When the subscription started (epoch ms); period 0 is the one containing it. */
  subscriptionStart: number;
  /** IANA time zone the dates are read in, e.g. "Europe/Prague". */
  timeZone: string;
}

export interface BillingPeriod {
  /** 0 for the period the subscription started in, then 1, 2, … (negative before it). */
  index: number;
  /** First instant (epoch ms): local midnight of `startDate` (or the first instant of that day when midnight is skipped). */
  start: number;
  /** First instant of the next period (exclusive end, the renewal instant). */
  end: number;
  /** "YYYY-MM-DD", local. */
  startDate: string;
  /** "YYYY-MM-DD", local: the next period's start date, the renewal date. */
  endDate: string;
  timeZone: string;
}

const zoneValidity = new Map<string, boolean>();

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  let valid = zoneValidity.get(timeZone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(timeZone);
    if (zoneValidity.size < 1_000) zoneValidity.set(timeZone, valid);
  }
  return valid;
}

export const TimeZoneSchema = z.string().refine(isValidTimeZone, 'not a known IANA time zone, e.g. "Europe/Prague"');

export const BillingAnchorSchema = z.object({
  anchorDay: z.number().int('anchorDay must be a whole number').min(1, 'anchorDay must be 1–31').max(31, 'anchorDay must be 1–31'),
  subscriptionStart: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  timeZone: TimeZoneSchema,
});

/** The anchor of a subscription starting at `subscriptionStart`: its local day of the month. */
export function billingAnchorFor(subscriptionStart: number, timeZone: string): BillingAnchor {
  const local = toLocal(subscriptionStart, timeZone);
  return { anchorDay: local.day, subscriptionStart, timeZone };
}

/** "YYYY-MM-DD" of `at` in `timeZone`. */
export function localDate(at: number, timeZone: string): string {
  return isoDate(toLocal(at, timeZone));
}

/** The period containing `now`. A `now` exactly at a boundary belongs to the new period. */
export function periodAt(anchor: BillingAnchor, now: number): BillingPeriod {
  checkAnchor(anchor);
  return periodOfMonth(anchor, monthOfPeriodContaining(anchor, now), firstMonth(anchor));
}

/** The period with this index (0: the one the subscription started in). */
export function periodOfIndex(anchor: BillingAnchor, index: number): BillingPeriod {
  checkAnchor(anchor);
  if (!Number.isSafeInteger(index)) throw new RangeError(`period index must be an integer, got ${index}`);
  const first = firstMonth(anchor);
  return periodOfMonth(anchor, first + index, first);
}

/** The next renewal instant after `now` (the end of the period containing it). */
export function nextRenewalAt(anchor: BillingAnchor, now: number): number {
  return periodAt(anchor, now).end;
}

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Months are numbered year * 12 + (month - 1), so consecutive periods are consecutive numbers.

function periodOfMonth(anchor: BillingAnchor, month: number, first: number): BillingPeriod {
  const start = anchoredStart(anchor, month);
  const end = anchoredStart(anchor, month + 1);
  return {
    index: month - first,
    start: start.toMillis(),
    end: end.toMillis(),
    startDate: isoDate(start),
    endDate: isoDate(end),
    timeZone: anchor.timeZone,
  };
}

let lastFirst: { anchorDay: number; subscriptionStart: number; timeZone: string; month: number } | null = null;

/** The month number of period 0 (remembered for the last anchor asked about). */
function firstMonth(anchor: BillingAnchor): number {
  const last = lastFirst;
  if (last !== null && last.anchorDay === anchor.anchorDay && last.subscriptionStart === anchor.subscriptionStart && last.timeZone === anchor.timeZone) {
    return last.month;
  }
  const month = monthOfPeriodContaining(anchor, anchor.subscriptionStart);
  lastFirst = { anchorDay: anchor.anchorDay, subscriptionStart: anchor.subscriptionStart, timeZone: anchor.timeZone, month };
  return month;
}

/** The month number whose anchored start is the latest at or before `at`. */
function monthOfPeriodContaining(anchor: BillingAnchor, at: number): number {
  const local = toLocal(at, anchor.timeZone);
  const month = local.year * 12 + (local.month - 1);
  return local.day >= anchoredDay(anchor.anchorDay, local.year, local.month) ? month : month - 1;
}

function anchoredDay(anchorDay: number, year: number, month: number): number {
  return Math.min(anchorDay, daysInMonth(year, month));
}

/** The first instant of the anchored date in month number `month` (luxon moves a skipped midnight forward). */
function anchoredStart(anchor: BillingAnchor, month: number): DateTime {
  const year = Math.floor(month / 12);
  const monthOfYear = month - year * 12 + 1;
  const day = anchoredDay(anchor.anchorDay, year, monthOfYear);
  const start = DateTime.fromObject({ year, month: monthOfYear, day }, { zone: anchor.timeZone });
  if (!start.isValid) throw new RangeError(`cannot place ${year}-${monthOfYear}-${day} in ${anchor.timeZone}`);
  return start;
}

function toLocal(at: number, timeZone: string): DateTime {
  if (typeof at !== 'number' || !Number.isFinite(at)) throw new RangeError(`not a time: ${String(at)}`);
  if (!isValidTimeZone(timeZone)) throw new RangeError(`not a known IANA time zone: ${JSON.stringify(timeZone)}`);
  const local = DateTime.fromMillis(at, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`cannot read ${at} in ${timeZone}`);
  return local;
}

function isoDate(local: DateTime): string {
  return `${String(local.year).padStart(4, '0')}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
}

function checkAnchor(anchor: BillingAnchor): void {
  if (!Number.isInteger(anchor.anchorDay) || anchor.anchorDay < 1 || anchor.anchorDay > 31) {
    throw new RangeError(`anchorDay must be 1–31, got ${anchor.anchorDay}`);
  }
}

/**
 * `cents` for the part of `period` still to come at `now`, rounded up to a
 * whole cent (exact integer arithmetic). The whole amount at or before the
 * start, nothing at or after the end.
 */
export function proratedCents(cents: number, period: Pick<BillingPeriod, 'start' | 'end'>, now: number): number {
  if (cents <= 0) return 0;
  if (now <= period.start) return cents;
  if (now >= period.end) return 0;
  const length = BigInt(Math.round(period.end - period.start));
  const left = BigInt(Math.round(period.end - now));
  return Number((BigInt(Math.round(cents)) * left + length - BigInt(1)) / length);
}
