import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ADDON_CATALOGUE,
  DEFAULT_PLAN_CATALOGUE,
  FORECAST_MIN_WINDOW_MS,
  agentSeatLimit,
  chatbotConversationLimit,
  effectivePlanAt,
  findPlan,
  forecastLimitReachedAt,
  isLimitReached,
  purchasePackage,
  remainingConversations,
  requestPlanChange,
  setAutoRenew,
  usageWarningLevel,
  usageWarnings,
  type AddonPackage,
  type BillingAnchor,
  type UsageWarningThreshold,
} from '../index.js';

const utc = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const anchor: BillingAnchor = { anchorDay: 3, subscriptionStart: utc('2026-01-03T09:00:00Z'), timeZone: 'UTC' };
const PERIOD_START = utc('2026-11-03T00:00:00Z');
const MID = utc('2026-11-18T00:00:00Z');
const RENEWAL = utc('2026-12-03T00:00:00Z');
const RENEWAL_2 = utc('2027-01-03T00:00:00Z');
const plan = (code: string) => findPlan(DEFAULT_PLAN_CATALOGUE, code)!;

function buy(offerId: string, quantity: number, now: number, id: string): AddonPackage {
  const result = purchasePackage({ input: { offerId, quantity }, catalogue: DEFAULT_ADDON_CATALOGUE, anchor, now, id });
  if (!result.ok) throw new Error(result.message);
  return result.package;
}
function disable(pkg: AddonPackage, now: number): AddonPackage {
  const result = setAutoRenew({ pkg, enabled: false, anchor, now });
  if (!result.ok) throw new Error(result.message);
  return result.package;
}

describe('the monthly limit and agent seats', () => {
  const conversations500 = buy('chatbot_conversations_500', 1, MID, 'c500');
  const conversations100x2 = buy('chatbot_conversations_100', 2, PERIOD_START, 'c100');
  const seats = buy('agent_seat_1', 2, MID, 'seats');
  const disabled = disable(buy('chatbot_conversations_1000', 1, PERIOD_START, 'c1000'), MID);
  const packages = [conversations500, conversations100x2, seats, disabled];

  it.each([
    ['PLUS, no package', 'PLUS', [], MID, 1_000, 3],
    ['FREE, no package', 'FREE', [], MID, 50, 1],
    ['PLUS at the period start: +200 and the disabled +1 000 (still in its paid period)', 'PLUS', packages, PERIOD_START, 1_000 + 200 + 1_000, 3],
    ['PLUS just before the mid-period purchases', 'PLUS', packages, MID - 1, 1_000 + 200 + 1_000, 3],
    ['PLUS at the mid-period purchases: raised at once', 'PLUS', packages, MID, 1_000 + 200 + 1_000 + 500, 3 + 2],
    ['PLUS at the renewal: the disabled package lapsed', 'PLUS', packages, RENEWAL, 1_000 + 200 + 500, 3 + 2],
    ['EXPERT a month later', 'EXPERT', packages, RENEWAL_2 + DAY, 5_000 + 200 + 500, 10 + 2],
  ] as const)('%s', (_name, code, pkgs, now, limit, seatCount) => {
    expect(chatbotConversationLimit({ plan: plan(code), packages: pkgs, now })).toBe(limit);
    expect(agentSeatLimit({ plan: plan(code), packages: pkgs, now })).toBe(seatCount);
  });

  it('an upgrade raises the limit at once, a downgrade only at the renewal', () => {
    const up = requestPlanChange({ subscription: { planCode: 'SOLO', anchor, pendingChange: null }, to: 'PLUS', catalogue: DEFAULT_PLAN_CATALOGUE, now: MID });
    if (!up.ok) throw new Error(up.message);
    const down = requestPlanChange({ subscription: up.subscription, to: 'SOLO', catalogue: DEFAULT_PLAN_CATALOGUE, now: MID + HOUR });
    if (!down.ok) throw new Error(down.message);
    const limitAt = (now: number) => chatbotConversationLimit({ plan: plan(effectivePlanAt(down.subscription, now)), packages: [], now });
    expect(limitAt(MID + 2 * HOUR)).toBe(1_000);
    expect(limitAt(RENEWAL - 1)).toBe(1_000);
    expect(limitAt(RENEWAL)).toBe(100);
  });
});

describe('remaining and the limit', () => {
  it.each([
    [1_000, 0, 1_000, false],
    [1_000, 688, 312, false],
    [1_000, 999, 1, false],
    [1_000, 1_000, 0, true],
    [1_000, 1_200, 0, true], // the limit was lowered after use (a catalogue edit): never negative
    [0, 0, 0, true], // a plan of 0 is at its limit at once
  ])('limit %i, used %i → %i left (reached: %s)', (limit, used, remaining, reached) => {
    expect(remainingConversations({ limit, used })).toBe(remaining);
    expect(isLimitReached({ used, limit })).toBe(reached);
  });
});

describe('usage warnings: 80 % and 100 %, once each per period', () => {
  it.each([
    [0, 100, [], [], 'none'],
    [79, 100, [], [], 'none'],
    [80, 100, [], [80], '80'],
    [80, 100, [80], [], '80'],
    [99, 100, [80], [], '80'],
    [100, 100, [80], [100], '100'],
    [100, 100, [], [80, 100], '100'], // both crossed at once (e.g. a small limit): both, lowest first
    [100, 100, [80, 100], [], '100'],
    [150, 100, [80, 100], [], '100'],
    [4, 5, [], [80], '80'], // 80 % of 5 is exactly 4
    [3, 5, [], [], 'none'],
    [799, 999, [], [], 'none'], // 79.98 %: no rounding up
    [800, 999, [], [80], '80'],
    [0, 0, [], [80, 100], '100'],
  ] as Array<[number, number, UsageWarningThreshold[], UsageWarningThreshold[], string]>)(
    'used %i of %i, already sent %j → send %j, show %s',
    (used, limit, alreadySent, send, level) => {
      expect(usageWarnings({ used, limit, alreadySent })).toEqual(send);
      expect(usageWarningLevel({ used, limit })).toBe(level);
    },
  );

  it('a package bought after the 100 % warning lowers the level; the warnings already sent stay sent this period', () => {
    const alreadySent: UsageWarningThreshold[] = [80, 100];
    expect(usageWarningLevel({ used: 100, limit: 600 })).toBe('none');
    expect(usageWarnings({ used: 600, limit: 600, alreadySent })).toEqual([]);
    // A new period: nothing sent yet.
    expect(usageWarnings({ used: 480, limit: 600, alreadySent: [] })).toEqual([80]);
  });
});

describe('forecastLimitReachedAt: the average rate since the period start, carried forward', () => {
  const start = PERIOD_START;
  const end = start + 30 * DAY;
  it.each([
    ['half used after a quarter: reached at half-way', { used: 500, now: start + 7.5 * DAY, limit: 1_000 }, start + 15 * DAY],
    ['on track to reach it exactly at the end: null (not before the end)', { used: 500, now: start + 15 * DAY, limit: 1_000 }, null],
    ['slower than that: null', { used: 100, now: start + 15 * DAY, limit: 1_000 }, null],
    ['nothing used yet: null', { used: 0, now: start + 10 * DAY, limit: 1_000 }, null],
    ['nothing used at the very start: null', { used: 0, now: start, limit: 1_000 }, null],
    ['already reached: now', { used: 1_000, now: start + 10 * DAY, limit: 1_000 }, start + 10 * DAY],
    ['past the limit: now', { used: 1_200, now: start + 10 * DAY, limit: 1_000 }, start + 10 * DAY],
    ['a limit of 0: now', { used: 0, now: start + DAY, limit: 0 }, start + DAY],
    ['at the very start with some use: the rate is taken over the minimum window', { used: 10, now: start, limit: 1_000 }, start + 99 * FORECAST_MIN_WINDOW_MS],
    ['a burst in the first minute: over the minimum window, not the minute', { used: 50, now: start + 60_000, limit: 100 }, start + 60_000 + FORECAST_MIN_WINDOW_MS],
    ['the period is over: null', { used: 10, now: end, limit: 1_000 }, null],
    ['one left at a steady rate: one more interval', { used: 9, now: start + 9 * DAY, limit: 10 }, start + 10 * DAY],
  ])('%s', (_name, input, expected) => {
    expect(forecastLimitReachedAt({ ...input, periodStart: start, periodEnd: end })).toBe(expected);
  });

  it('is never before now and never at or after the end', () => {
    for (let used = 1; used < 1_000; used += 37) {
      for (let day = 1; day < 30; day += 3) {
        const now = start + day * DAY;
        const at = forecastLimitReachedAt({ used, periodStart: start, now, periodEnd: end, limit: 1_000 });
        if (at !== null) {
          expect(at).toBeGreaterThanOrEqual(now);
          expect(at).toBeLessThan(end);
        }
      }
    }
  });
});
