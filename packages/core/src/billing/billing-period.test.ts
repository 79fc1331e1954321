import { describe, expect, it } from 'vitest';
import {
  BillingAnchorSchema,
  billingAnchorFor,
  daysInMonth,
  isValidTimeZone,
  localDate,
  nextRenewalAt,
  periodAt,
  periodOfIndex,
  proratedCents,
  type BillingAnchor,
} from '../index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const formats = new Map<string, Intl.DateTimeFormat>();

/** Local wall clock of `at` in `timeZone`, read with Intl (an oracle independent of luxon). */
function wall(at: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

const utc = (iso: string) => Date.parse(iso);

describe('daysInMonth', () => {
  it.each([
    [2027, 1, 31],
    [2027, 2, 28],
    [2028, 2, 29],
    [2100, 2, 28],
    [2000, 2, 29],
    [2027, 4, 30],
    [2027, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('billingAnchorFor: the local day of the start', () => {
  it.each([
    ['2027-01-31T10:00:00Z', 'Europe/Prague', 31],
    ['2027-01-31T23:30:00Z', 'Europe/Prague', 1], // already 1 February in Prague
    ['2027-03-01T05:00:00Z', 'America/New_York', 1],
    ['2027-03-01T04:59:59Z', 'America/New_York', 28], // still 28 February in New York
    ['2027-02-28T10:00:00Z', 'Pacific/Kiritimati', 1], // UTC+14
    ['2027-03-01T10:59:00Z', 'Pacific/Pago_Pago', 28], // UTC−11
  ])('%s in %s → day %i', (iso, timeZone, day) => {
    expect(billingAnchorFor(utc(iso), timeZone)).toEqual({ anchorDay: day, subscriptionStart: utc(iso), timeZone });
  });
});

describe('month ends: the anchor day is kept, shorter months end on their last day', () => {
  const cases: Array<[string, BillingAnchor, string[]]> = [
    [
      'anchor 31 (2027, then leap 2028)',
      { anchorDay: 31, subscriptionStart: utc('2027-01-31T12:00:00Z'), timeZone: 'UTC' },
      ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31', '2027-06-30', '2027-07-31', '2027-08-31', '2027-09-30', '2027-10-31', '2027-11-30', '2027-12-31', '2028-01-31', '2028-02-29', '2028-03-31'],
    ],
    [
      'anchor 30',
      { anchorDay: 30, subscriptionStart: utc('2027-01-30T12:00:00Z'), timeZone: 'UTC' },
      ['2027-01-30', '2027-02-28', '2027-03-30', '2027-04-30', '2027-05-30'],
    ],
    [
      'anchor 29 across a common and a leap February',
      { anchorDay: 29, subscriptionStart: utc('2027-01-29T12:00:00Z'), timeZone: 'UTC' },
      ['2027-01-29', '2027-02-28', '2027-03-29', '2027-04-29', '2027-05-29', '2027-06-29', '2027-07-29', '2027-08-29', '2027-09-29', '2027-10-29', '2027-11-29', '2027-12-29', '2028-01-29', '2028-02-29', '2028-03-29'],
    ],
    [
      'started on leap day 2028-02-29',
      { anchorDay: 29, subscriptionStart: utc('2028-02-29T08:00:00Z'), timeZone: 'Europe/Prague' },
      ['2028-02-29', '2028-03-29', '2028-04-29', '2028-05-29', '2028-06-29', '2028-07-29', '2028-08-29', '2028-09-29', '2028-10-29', '2028-11-29', '2028-12-29', '2029-01-29', '2029-02-28', '2029-03-29'],
    ],
    [
      'anchor 1 across a year end',
      { anchorDay: 1, subscriptionStart: utc('2027-11-01T12:00:00Z'), timeZone: 'UTC' },
      ['2027-11-01', '2027-12-01', '2028-01-01', '2028-02-01'],
    ],
  ];
  it.each(cases)('%s', (_name, anchor, dates) => {
    for (let i = 0; i < dates.length - 1; i += 1) {
      const period = periodOfIndex(anchor, i);
      expect(period.index).toBe(i);
      expect(period.startDate).toBe(dates[i]);
      expect(period.endDate).toBe(dates[i + 1]);
      expect(wall(period.start, anchor.timeZone)).toBe(`${dates[i]} 00:00:00`);
      expect(wall(period.end, anchor.timeZone)).toBe(`${dates[i + 1]} 00:00:00`);
    }
  });

  it('31 January → 28 February → 31 March: the anchor does not drift to the 28th', () => {
    const anchor: BillingAnchor = { anchorDay: 31, subscriptionStart: utc('2027-01-31T00:00:00Z'), timeZone: 'UTC' };
    expect(periodAt(anchor, utc('2027-03-15T00:00:00Z'))).toMatchObject({ index: 1, startDate: '2027-02-28', endDate: '2027-03-31' });
    expect(periodAt(anchor, utc('2027-03-30T23:59:59.999Z'))).toMatchObject({ index: 1 });
    expect(periodAt(anchor, utc('2027-03-31T00:00:00Z'))).toMatchObject({ index: 2, startDate: '2027-03-31', endDate: '2027-04-30' });
  });
});

describe('every anchor day 1–31, two years (2027 and leap 2028), three time zones', () => {
  const zones = ['UTC', 'Europe/Prague', 'America/New_York'];
  const days = Array.from({ length: 31 }, (_, i) => i + 1);
  for (const timeZone of zones) {
    it.each(days)(`anchor day %i in ${timeZone}`, (anchorDay) => {
      // Start in January 2027 on the anchor day, at 15:00 local-ish (noon UTC is the same date in all three zones).
      const start = utc(`2027-01-${String(anchorDay).padStart(2, '0')}T15:00:00Z`);
      const anchor = billingAnchorFor(start, timeZone);
      expect(anchor.anchorDay).toBe(anchorDay);
      let previousEnd: number | null = null;
      for (let i = 0; i < 25; i += 1) {
        const period = periodOfIndex(anchor, i);
        const year = 2027 + Math.floor(i / 12);
        const month = (i % 12) + 1;
        const day = Math.min(anchorDay, daysInMonth(year, month));
        const expected = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        expect(period.startDate).toBe(expected);
        expect(wall(period.start, timeZone)).toBe(`${expected} 00:00:00`);
        expect(wall(period.start - 1, timeZone).slice(0, 10)).not.toBe(expected);
        if (previousEnd !== null) expect(period.start).toBe(previousEnd);
        const length = period.end - period.start;
        expect(length).toBeGreaterThanOrEqual(28 * DAY - HOUR);
        expect(length).toBeLessThanOrEqual(31 * DAY + HOUR);
        // Every instant of the period maps back to it.
        expect(periodAt(anchor, period.start)).toEqual(period);
        expect(periodAt(anchor, period.end - 1)).toEqual(period);
        expect(periodAt(anchor, Math.floor((period.start + period.end) / 2))).toEqual(period);
        previousEnd = period.end;
      }
    });
  }
});

describe('daylight saving', () => {
  it.each([
    // zone, anchor day, a subscription start, the period's [start, end) in UTC, its length
    ['Europe/Prague', '2026-03-15T09:00:00Z', '2026-03-14T23:00:00Z', '2026-04-14T22:00:00Z', 31 * DAY - HOUR],
    ['Europe/Prague', '2026-10-10T09:00:00Z', '2026-10-09T22:00:00Z', '2026-11-09T23:00:00Z', 31 * DAY + HOUR],
    ['Europe/Prague', '2026-03-29T09:00:00Z', '2026-03-28T23:00:00Z', '2026-04-28T22:00:00Z', 31 * DAY - HOUR], // the change day itself
    ['America/New_York', '2026-03-08T15:00:00Z', '2026-03-08T05:00:00Z', '2026-04-08T04:00:00Z', 31 * DAY - HOUR], // the change day itself
    ['America/New_York', '2026-10-20T15:00:00Z', '2026-10-20T04:00:00Z', '2026-11-20T05:00:00Z', 31 * DAY + HOUR],
  ] as const)('%s from %s: [%s, %s)', (timeZone, startIso, fromIso, toIso, length) => {
    const anchor = billingAnchorFor(utc(startIso), timeZone);
    const period = periodAt(anchor, utc(startIso));
    expect(period.index).toBe(0);
    expect(period.start).toBe(utc(fromIso));
    expect(period.end).toBe(utc(toIso));
    expect(period.end - period.start).toBe(length);
  });

  it('a skipped midnight (America/Santiago, 6 September 2026): the period starts at the first instant of the day, 01:00', () => {
    const anchor: BillingAnchor = { anchorDay: 6, subscriptionStart: utc('2026-08-06T15:00:00Z'), timeZone: 'America/Santiago' };
    const period = periodOfIndex(anchor, 1);
    expect(period.startDate).toBe('2026-09-06');
    expect(period.start).toBe(utc('2026-09-06T04:00:00Z'));
    expect(wall(period.start, 'America/Santiago')).toBe('2026-09-06 01:00:00');
    expect(wall(period.start - 1, 'America/Santiago')).toBe('2026-09-05 23:59:59');
    expect(periodAt(anchor, period.start - 1).index).toBe(0);
    expect(periodAt(anchor, period.start).index).toBe(1);
  });

  it('the repeated hour of a fall-back night stays inside one period', () => {
    const anchor: BillingAnchor = { anchorDay: 1, subscriptionStart: utc('2026-10-01T12:00:00Z'), timeZone: 'Europe/Prague' };
    // 25 October 2026: 02:00–03:00 happens twice in Prague (00:00Z–01:00Z and 01:00Z–02:00Z).
    expect(periodAt(anchor, utc('2026-10-25T00:30:00Z')).index).toBe(0);
    expect(periodAt(anchor, utc('2026-10-25T01:30:00Z')).index).toBe(0);
  });
});

describe('time zones far from UTC', () => {
  it('Pacific/Kiritimati (UTC+14): the period starts on the previous UTC day', () => {
    const anchor = billingAnchorFor(utc('2027-03-01T00:00:00Z'), 'Pacific/Kiritimati'); // 14:00 on 1 March there
    expect(anchor.anchorDay).toBe(1);
    const period = periodAt(anchor, anchor.subscriptionStart);
    expect(period).toMatchObject({ index: 0, startDate: '2027-03-01', endDate: '2027-04-01' });
    expect(period.start).toBe(utc('2027-02-28T10:00:00Z'));
    expect(period.end).toBe(utc('2027-03-31T10:00:00Z'));
    expect(periodAt(anchor, utc('2027-03-31T09:59:59.999Z')).index).toBe(0);
    expect(periodAt(anchor, utc('2027-03-31T10:00:00Z')).index).toBe(1);
  });

  it('Pacific/Pago_Pago (UTC−11): the period ends on the next UTC day', () => {
    const anchor = billingAnchorFor(utc('2027-03-01T12:00:00Z'), 'Pacific/Pago_Pago'); // 01:00 on 1 March there
    expect(anchor.anchorDay).toBe(1);
    const period = periodAt(anchor, utc('2027-04-01T05:00:00Z')); // still 31 March there
    expect(period).toMatchObject({ index: 0, startDate: '2027-03-01', endDate: '2027-04-01' });
    expect(period.start).toBe(utc('2027-03-01T11:00:00Z'));
    expect(period.end).toBe(utc('2027-04-01T11:00:00Z'));
  });

  it('the same instant is in different periods in the two zones', () => {
    const at = utc('2027-03-31T12:00:00Z'); // 1 April 02:00 in Kiritimati, 31 March 01:00 in Pago Pago
    const kiritimati: BillingAnchor = { anchorDay: 1, subscriptionStart: utc('2027-01-15T00:00:00Z'), timeZone: 'Pacific/Kiritimati' };
    const pagoPago: BillingAnchor = { ...kiritimati, timeZone: 'Pacific/Pago_Pago' };
    expect(periodAt(kiritimati, at).startDate).toBe('2027-04-01');
    expect(periodAt(pagoPago, at).startDate).toBe('2027-03-01');
  });
});

describe('boundaries and indices', () => {
  const anchor: BillingAnchor = { anchorDay: 3, subscriptionStart: utc('2026-11-03T10:00:00Z'), timeZone: 'Europe/Prague' };

  it('the subscription start is in period 0, which began at local midnight of that day', () => {
    const period = periodAt(anchor, anchor.subscriptionStart);
    expect(period).toMatchObject({ index: 0, startDate: '2026-11-03', endDate: '2026-12-03', timeZone: 'Europe/Prague' });
    expect(period.start).toBe(utc('2026-11-02T23:00:00Z'));
  });

  it.each([
    ['one ms before the boundary', utc('2026-12-02T23:00:00Z') - 1, 0],
    ['exactly at the boundary: the new period', utc('2026-12-02T23:00:00Z'), 1],
    ['one ms after', utc('2026-12-02T23:00:00Z') + 1, 1],
    ['a year later', utc('2027-11-03T12:00:00Z'), 12],
    ['before the subscription: periods go on backwards', utc('2026-10-10T00:00:00Z'), -1],
  ])('%s → index %i', (_name, now, index) => {
    expect(periodAt(anchor, now).index).toBe(index);
  });

  it('nextRenewalAt is the end of the current period, and a boundary renews a month later', () => {
    const boundary = utc('2026-12-02T23:00:00Z');
    expect(nextRenewalAt(anchor, boundary - 1)).toBe(boundary);
    expect(nextRenewalAt(anchor, boundary)).toBe(utc('2027-01-02T23:00:00Z'));
  });

  it('periodOfIndex agrees with periodAt', () => {
    for (let i = -3; i < 30; i += 1) {
      const period = periodOfIndex(anchor, i);
      expect(periodAt(anchor, period.start)).toEqual(period);
    }
  });

  it('an anchor day other than the start day: period 0 is the anchored period containing the start', () => {
    const later = periodAt({ anchorDay: 15, subscriptionStart: utc('2027-05-20T12:00:00Z'), timeZone: 'UTC' }, utc('2027-05-20T12:00:00Z'));
    expect(later).toMatchObject({ index: 0, startDate: '2027-05-15', endDate: '2027-06-15' });
    const earlier = periodAt({ anchorDay: 15, subscriptionStart: utc('2027-05-10T12:00:00Z'), timeZone: 'UTC' }, utc('2027-05-10T12:00:00Z'));
    expect(earlier).toMatchObject({ index: 0, startDate: '2027-04-15', endDate: '2027-05-15' });
  });

  it('localDate reads an instant in the zone', () => {
    expect(localDate(utc('2027-03-31T12:00:00Z'), 'Pacific/Kiritimati')).toBe('2027-04-01');
    expect(localDate(utc('2027-03-31T12:00:00Z'), 'Pacific/Pago_Pago')).toBe('2027-03-31');
  });
});

describe('bad anchors are refused', () => {
  const ok: BillingAnchor = { anchorDay: 3, subscriptionStart: utc('2026-11-03T10:00:00Z'), timeZone: 'Europe/Prague' };
  it.each([
    ['an unknown time zone', { ...ok, timeZone: 'Mars/Olympus' }, /time zone/],
    ['an empty time zone', { ...ok, timeZone: '' }, /time zone/],
    ['anchor day 0', { ...ok, anchorDay: 0 }, /anchorDay/],
    ['anchor day 32', { ...ok, anchorDay: 32 }, /anchorDay/],
    ['anchor day 2.5', { ...ok, anchorDay: 2.5 }, /anchorDay/],
  ])('%s throws a RangeError', (_name, anchor, message) => {
    expect(() => periodAt(anchor, Date.now())).toThrow(RangeError);
    expect(() => periodAt(anchor, Date.now())).toThrow(message);
  });

  it('a `now` that is not a time throws', () => {
    expect(() => periodAt(ok, Number.NaN)).toThrow(RangeError);
    expect(() => periodOfIndex(ok, 1.5)).toThrow(RangeError);
  });

  it('BillingAnchorSchema validates stored or sent anchors', () => {
    expect(BillingAnchorSchema.safeParse(ok).success).toBe(true);
    expect(BillingAnchorSchema.safeParse({ ...ok, timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(BillingAnchorSchema.safeParse({ ...ok, anchorDay: 32 }).success).toBe(false);
    expect(BillingAnchorSchema.safeParse({ ...ok, subscriptionStart: -1 }).success).toBe(false);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Nowhere')).toBe(false);
  });
});

describe('proratedCents', () => {
  const period = { start: 0, end: 30 * DAY };
  it.each([
    ['at the start: everything', 1_500, 0, 1_500],
    ['before the start: everything', 1_500, -DAY, 1_500],
    ['half-way: half', 1_500, 15 * DAY, 750],
    ['one day left of 30: a thirtieth, rounded up', 1_000, 29 * DAY, 34],
    ['one ms left: one cent', 1_000, 30 * DAY - 1, 1],
    ['at the end: nothing', 1_500, 30 * DAY, 0],
    ['a free item: nothing', 0, 0, 0],
    ['a large amount stays exact', 999_999_999, 10 * DAY, 666_666_666],
  ])('%s', (_name, cents, now, expected) => {
    expect(proratedCents(cents, period, now)).toBe(expected);
  });
});
