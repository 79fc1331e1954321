import { describe, expect, it } from 'vitest';
import { periodAt, periodOfIndex, type BillingAnchor } from '../../../../core/src/billing/billing-period';
import { addDays } from '../../statistics/state/dateRange';
import { anchorDayOf, periodOptions, periodRangeLabel } from './periods';

/** A period as the API shows it, from @parley/core's (whose endDate is the renewal day). */
function view(anchor: BillingAnchor, now: number) {
  const p = periodAt(anchor, now);
  return { index: p.index, startDate: p.startDate, renewsOn: p.endDate };
}

describe('the ledger period options', () => {
  it('list the current period, then each before it down to period 0', () => {
    const options = periodOptions({ index: 2, startDate: '2026-11-03', renewsOn: '2026-12-03' });
    expect(options).toEqual([
      { index: 2, startDate: '2026-11-03', lastDate: '2026-12-02', label: 'This period · 3 Nov – 2 Dec 2026' },
      { index: 1, startDate: '2026-10-03', lastDate: '2026-11-02', label: '3 Oct – 2 Nov 2026' },
      { index: 0, startDate: '2026-09-03', lastDate: '2026-10-02', label: '3 Sep – 2 Oct 2026' },
    ]);
    expect(periodOptions({ index: 0, startDate: '2026-11-03', renewsOn: '2026-12-03' })).toHaveLength(1);
    expect(periodOptions({ index: 100, startDate: '2026-11-03', renewsOn: '2026-12-03' }, 5).map((o) => o.index)).toEqual([100, 99, 98, 97, 96]);
  });

  it('find the anchor day from a clamped month', () => {
    expect(anchorDayOf({ startDate: '2026-04-30', renewsOn: '2026-05-31' })).toBe(31);
    expect(anchorDayOf({ startDate: '2026-02-28', renewsOn: '2026-03-30' })).toBe(30);
    expect(anchorDayOf({ startDate: '2027-01-31', renewsOn: '2027-02-28' })).toBe(31);
  });

  it('agree with @parley/core for every anchor day, month ends and leap years', () => {
    for (const timeZone of ['UTC', 'Europe/Prague', 'America/New_York']) {
      for (let day = 1; day <= 31; day++) {
        const start = Date.UTC(2027, 0, day, 12);
        const anchor: BillingAnchor = { anchorDay: day, subscriptionStart: start, timeZone };
        for (const monthsLater of [1, 2, 13, 14, 25]) {
          const now = Date.UTC(2027, monthsLater, 15, 12);
          const options = periodOptions(view(anchor, now), 30);
          for (const option of options) {
            const p = periodOfIndex(anchor, option.index);
            expect(option.startDate, `${timeZone} day ${day} period ${option.index}`).toBe(p.startDate);
            expect(option.lastDate).toBe(addDays(p.endDate, -1));
          }
          expect(options.at(-1)?.index).toBe(Math.max(0, options[0]!.index - 29));
        }
      }
    }
  });

  it('label a range in short', () => {
    expect(periodRangeLabel('2026-12-03', '2027-01-02')).toBe('3 Dec 2026 – 2 Jan 2027');
    expect(periodRangeLabel('2026-11-01', '2026-11-30')).toBe('1 – 30 Nov 2026');
    expect(periodRangeLabel('x', 'y')).toBe('x – y');
  });
});
