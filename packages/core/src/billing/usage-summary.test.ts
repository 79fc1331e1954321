import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ADDON_CATALOGUE,
  DEFAULT_PLAN_CATALOGUE,
  findPlan,
  formatCount,
  formatDayMonth,
  formatForecastText,
  formatUsageText,
  periodAt,
  purchasePackage,
  usageSummary,
  type AddonPackage,
  type BillingAnchor,
} from '../index.js';

const utc = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;
const plan = (code: string) => findPlan(DEFAULT_PLAN_CATALOGUE, code)!;

// A Prague workspace subscribed on 3 January: its periods run from the 3rd, local midnight.
const anchor: BillingAnchor = { anchorDay: 3, subscriptionStart: utc('2026-01-03T09:00:00Z'), timeZone: 'Europe/Prague' };
const START = utc('2026-11-02T23:00:00Z'); // 3 November 00:00 in Prague
const END = utc('2026-12-02T23:00:00Z'); // 3 December 00:00 in Prague

function buy(offerId: string, now: number): AddonPackage {
  const result = purchasePackage({ input: { offerId, quantity: 1 }, catalogue: DEFAULT_ADDON_CATALOGUE, anchor, now, id: offerId });
  if (!result.ok) throw new Error(result.message);
  return result.package;
}

describe('usageSummary: what the chatbot dashboard shows', () => {
  it("PRODUCT.md's example: 312 of 1 000 left, renews on 3 December", () => {
    const now = START + 25 * DAY;
    const summary = usageSummary({ plan: plan('PLUS'), packages: [], used: 688, period: periodAt(anchor, now), now });
    expect(summary).toEqual({
      planCode: 'PLUS',
      limit: 1_000,
      used: 688,
      remaining: 312,
      periodIndex: 10,
      periodStart: START,
      periodEnd: END,
      renewsOn: '2026-12-03',
      warning: 'none',
      forecast: null, // 688 in 25 days: 1 000 would be reached after 36 days, the period has 30
      forecastOn: null,
    } satisfies typeof summary);
  });

  it.each([
    ['quiet: no warning, no forecast', 'PLUS', [], 100, 10, 'none', null],
    ['past 80 %, on course to run out before the renewal (day 17.6)', 'SOLO', [], 85, 15, '80', '2026-11-20'],
    ['at the limit', 'SOLO', [], 100, 15, '100', '2026-11-18'],
    ['at the limit, then a +100 package bought: back under 80 %, lasts until the renewal', 'SOLO', ['chatbot_conversations_100'], 100, 15, 'none', null],
  ] as const)('%s', (_name, code, offers, used, day, warning, forecastOn) => {
    const now = START + day * DAY;
    const summary = usageSummary({ plan: plan(code), packages: offers.map((o) => buy(o, now)), used, period: periodAt(anchor, now), now });
    expect(summary.warning).toBe(warning);
    expect(summary.forecastOn).toBe(forecastOn);
    expect(summary.remaining).toBe(Math.max(0, summary.limit - used));
  });

  it('a package bought mid-period counts at once', () => {
    const bought = START + 10 * DAY;
    const pkg = buy('chatbot_conversations_500', bought);
    const before = usageSummary({ plan: plan('SOLO'), packages: [pkg], used: 100, period: periodAt(anchor, bought - 1), now: bought - 1 });
    const after = usageSummary({ plan: plan('SOLO'), packages: [pkg], used: 100, period: periodAt(anchor, bought), now: bought });
    expect([before.limit, before.remaining, before.warning]).toEqual([100, 0, '100']);
    expect([after.limit, after.remaining, after.warning]).toEqual([600, 500, 'none']);
  });

  it('the forecast date is read in the workspace time zone', () => {
    // 48 used in the first day of 865: at that rate the limit is reached after 18 days and 30 minutes,
    // 23:30 UTC on 20 November, which is already 21 November in Prague.
    const now = START + DAY;
    const custom = { code: 'CUSTOM', includedChatbotConversations: 865, agentSeats: 1 };
    const summary = usageSummary({ plan: custom, packages: [], used: 48, period: periodAt(anchor, now), now });
    expect(summary.forecast).toBe(utc('2026-11-20T23:30:00Z'));
    expect(summary.forecastOn).toBe('2026-11-21');
    expect(summary.warning).toBe('none');
  });
});

describe('the texts', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1_000, '1 000'],
    [12_345, '12 345'],
    [1_234_567, '1 234 567'],
  ])('formatCount(%i) = %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });

  it.each([
    ['2026-12-03', '3 December'],
    ['2027-01-31', '31 January'],
    ['2028-02-29', '29 February'],
  ])('formatDayMonth(%s) = %s', (date, text) => {
    expect(formatDayMonth(date)).toBe(text);
  });

  it.each(['2026-13-01', '3 December', ''])('formatDayMonth refuses %j', (date) => {
    expect(() => formatDayMonth(date)).toThrow(RangeError);
  });

  it.each([
    [{ remaining: 312, limit: 1_000, renewsOn: '2026-12-03' }, '312 of 1 000 left, renews on 3 December'],
    [{ remaining: 0, limit: 100, renewsOn: '2027-01-31' }, '0 of 100 left, renews on 31 January'],
    [{ remaining: 5_500, limit: 5_500, renewsOn: '2028-02-29' }, '5 500 of 5 500 left, renews on 29 February'],
  ])('formatUsageText(%j) = %s', (summary, text) => {
    expect(formatUsageText(summary)).toBe(text);
  });

  it.each([
    [{ warning: '100', forecastOn: '2026-11-18' }, 'Limit reached'],
    [{ warning: '80', forecastOn: '2026-11-28' }, 'At this rate the limit will be reached on 28 November'],
    [{ warning: 'none', forecastOn: null }, 'At this rate the limit will last until the renewal'],
  ] as const)('formatForecastText(%j) = %s', (summary, text) => {
    expect(formatForecastText(summary)).toBe(text);
  });
});
