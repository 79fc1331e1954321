import { describe, expect, it } from 'vitest';
import {
  AddonCatalogueSchema,
  AddonPackageSchema,
  DEFAULT_ADDON_CATALOGUE,
  MAX_PACKAGE_QUANTITY,
  applyRenewal,
  isPackageActiveAt,
  lapsed,
  periodAt,
  purchasePackage,
  renewalKey,
  renewalsDue,
  setAutoRenew,
  type AddonPackage,
  type BillingAnchor,
  type RenewalDue,
} from '../index.js';

const utc = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

// Subscription since 3 January 2026 (UTC): period 10 is 3 November – 3 December 2026.
const anchor: BillingAnchor = { anchorDay: 3, subscriptionStart: utc('2026-01-03T09:00:00Z'), timeZone: 'UTC' };
const PERIOD_START = utc('2026-11-03T00:00:00Z');
const MID = utc('2026-11-18T00:00:00Z');
const RENEWAL = utc('2026-12-03T00:00:00Z'); // period 11 starts
const RENEWAL_2 = utc('2027-01-03T00:00:00Z'); // period 12 starts
const RENEWAL_3 = utc('2027-02-03T00:00:00Z'); // period 13 starts

function buy(offerId: string, quantity = 1, now = MID, id = 'pkg-1'): AddonPackage {
  const result = purchasePackage({ input: { offerId, quantity }, catalogue: DEFAULT_ADDON_CATALOGUE, anchor, now, id });
  if (!result.ok) throw new Error(result.message);
  return result.package;
}

function switchTo(pkg: AddonPackage, enabled: boolean, now: number) {
  const result = setAutoRenew({ pkg, enabled, anchor, now });
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** What the server does at each scheduler tick: record what is due, apply it. */
function runScheduler(packages: AddonPackage[], now: number): { packages: AddonPackage[]; recorded: RenewalDue[] } {
  const due = renewalsDue(packages, anchor, now);
  const next = packages.map((pkg) => due.filter((r) => r.packageId === pkg.id).reduce(applyRenewal, pkg));
  return { packages: next, recorded: due };
}

describe('the package catalogue', () => {
  it('the default one is valid and holds +100, +500, +1 000, +5 000 conversations and +1 seat', () => {
    expect(AddonCatalogueSchema.safeParse(DEFAULT_ADDON_CATALOGUE).success).toBe(true);
    expect(DEFAULT_ADDON_CATALOGUE.offers.map((o) => [o.kind, o.amount])).toEqual([
      ['chatbot_conversations', 100],
      ['chatbot_conversations', 500],
      ['chatbot_conversations', 1_000],
      ['chatbot_conversations', 5_000],
      ['agent_seats', 1],
    ]);
  });

  it('bigger conversation packages cost less per conversation', () => {
    const perConversation = DEFAULT_ADDON_CATALOGUE.offers.filter((o) => o.kind === 'chatbot_conversations').map((o) => o.monthlyPriceCents / o.amount);
    expect([...perConversation].sort((a, b) => b - a)).toEqual(perConversation);
  });

  it.each([
    ['duplicate ids', [DEFAULT_ADDON_CATALOGUE.offers[0], DEFAULT_ADDON_CATALOGUE.offers[0]], 'package chatbot_conversations_100 appears more than once'],
    ['two currencies', [DEFAULT_ADDON_CATALOGUE.offers[0], { ...DEFAULT_ADDON_CATALOGUE.offers[4], currency: 'USD' }], 'every package must use the same currency (EUR), agent_seat_1 uses USD'],
    ['an amount of 0', [{ ...DEFAULT_ADDON_CATALOGUE.offers[0], amount: 0 }], 'Too small'],
    ['a negative price', [{ ...DEFAULT_ADDON_CATALOGUE.offers[0], monthlyPriceCents: -1 }], 'Too small'],
    ['an unknown kind', [{ ...DEFAULT_ADDON_CATALOGUE.offers[0], kind: 'sms' }], 'Invalid option'],
  ])('refuses %s', (_name, offers, message) => {
    const result = AddonCatalogueSchema.safeParse({ offers });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join('; ')).toContain(message);
  });
});

describe('buying a package', () => {
  it('mid-period: effective at once, auto-renews at the end of the current period', () => {
    const result = purchasePackage({ input: { offerId: 'chatbot_conversations_500', quantity: 2 }, catalogue: DEFAULT_ADDON_CATALOGUE, anchor, now: MID, id: 'pkg-1' });
    expect(result).toEqual({
      ok: true,
      package: {
        id: 'pkg-1',
        offerId: 'chatbot_conversations_500',
        kind: 'chatbot_conversations',
        quantity: 2,
        amount: 1_000,
        monthlyPriceCents: 9_000,
        currency: 'EUR',
        purchasedAt: MID,
        purchasedInPeriod: 10,
        paidThroughPeriod: 10,
        autoRenew: true,
        renewsAt: RENEWAL,
        lapsesAt: null,
      },
      chargeCents: 9_000, // conversations: the full month, they are all usable at once
      period: periodAt(anchor, MID),
    });
    if (result.ok) {
      expect(AddonPackageSchema.parse(result.package)).toEqual(result.package);
      expect(isPackageActiveAt(result.package, MID - 1)).toBe(false);
      expect(isPackageActiveAt(result.package, MID)).toBe(true);
      expect(isPackageActiveAt(result.package, RENEWAL + DAY)).toBe(true);
    }
  });

  it.each([
    ['at the period start: the full price', PERIOD_START, 3 * 1_500],
    ['half-way: half', MID, (3 * 1_500) / 2],
    ['on the last day: a thirtieth, rounded up', RENEWAL - DAY, Math.ceil((3 * 1_500) / 30)],
  ])('a seat package is prorated: %s', (_name, now, cents) => {
    const result = purchasePackage({ input: { offerId: 'agent_seat_1', quantity: 3 }, catalogue: DEFAULT_ADDON_CATALOGUE, anchor, now, id: 'seat' });
    expect(result).toMatchObject({ ok: true, chargeCents: cents, package: { kind: 'agent_seats', amount: 3, monthlyPriceCents: 4_500, renewsAt: RENEWAL } });
  });

  it('exactly at a renewal instant: bought in the new period', () => {
    expect(buy('chatbot_conversations_100', 1, RENEWAL)).toMatchObject({ purchasedInPeriod: 11, paidThroughPeriod: 11, renewsAt: RENEWAL_2 });
  });

  it.each([
    ['an unknown package', { offerId: 'chatbot_conversations_7', quantity: 1 }, 'unknown_package', 'there is no package "chatbot_conversations_7"'],
    ['a negative quantity', { offerId: 'agent_seat_1', quantity: -1 }, 'invalid_input', 'quantity must be at least 1'],
    ['a quantity of 0', { offerId: 'agent_seat_1', quantity: 0 }, 'invalid_input', 'quantity must be at least 1'],
    ['a fractional quantity', { offerId: 'agent_seat_1', quantity: 1.5 }, 'invalid_input', 'quantity must be a whole number'],
    ['an absurd quantity', { offerId: 'agent_seat_1', quantity: 1e9 }, 'invalid_input', `quantity must be at most ${MAX_PACKAGE_QUANTITY}`],
    ['one over the maximum', { offerId: 'agent_seat_1', quantity: MAX_PACKAGE_QUANTITY + 1 }, 'invalid_input', `quantity must be at most ${MAX_PACKAGE_QUANTITY}`],
    ['an infinite quantity', { offerId: 'agent_seat_1', quantity: Number.POSITIVE_INFINITY }, 'invalid_input', 'quantity must be a number'],
    ['NaN', { offerId: 'agent_seat_1', quantity: Number.NaN }, 'invalid_input', 'quantity must be a number'],
    ['a quantity as text', { offerId: 'agent_seat_1', quantity: '5' }, 'invalid_input', 'quantity must be a number'],
    ['no quantity', { offerId: 'agent_seat_1' }, 'invalid_input', 'quantity must be a number'],
    ['no package', { quantity: 1 }, 'invalid_input', 'offerId must be the id of a package'],
    ['an empty package id', { offerId: '', quantity: 1 }, 'invalid_input', 'offerId must be the id of a package'],
    ['nothing at all', null, 'invalid_input', 'a purchase is { offerId, quantity }'],
    ['a list', [{ offerId: 'agent_seat_1', quantity: 1 }], 'invalid_input', 'a purchase is { offerId, quantity }'],
  ])('refuses %s with a clear message', (_name, input, reason, message) => {
    const result = purchasePackage({ input, catalogue: DEFAULT_ADDON_CATALOGUE, anchor, now: MID, id: 'x' });
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('accepts the maximum quantity', () => {
    expect(buy('agent_seat_1', MAX_PACKAGE_QUANTITY)).toMatchObject({ amount: MAX_PACKAGE_QUANTITY });
  });
});

describe('renewals', () => {
  it('nothing is due before the renewal instant; at it, one renewal for the new period', () => {
    const pkg = buy('chatbot_conversations_1000');
    expect(renewalsDue([pkg], anchor, RENEWAL - 1)).toEqual([]);
    expect(renewalsDue([pkg], anchor, RENEWAL)).toEqual([
      {
        packageId: 'pkg-1',
        periodIndex: 11,
        idempotencyKey: 'pkg-1:11',
        periodStart: RENEWAL,
        periodEnd: RENEWAL_2,
        periodStartDate: '2026-12-03',
        offerId: 'chatbot_conversations_1000',
        kind: 'chatbot_conversations',
        quantity: 1,
        amount: 1_000,
        priceCents: 8_000,
        currency: 'EUR',
      },
    ]);
  });

  it('applying a renewal moves the next renewal a period on; applying it again changes nothing', () => {
    const pkg = buy('chatbot_conversations_1000');
    const [renewal] = renewalsDue([pkg], anchor, RENEWAL);
    const renewed = applyRenewal(pkg, renewal!);
    expect(renewed).toMatchObject({ paidThroughPeriod: 11, renewsAt: RENEWAL_2, lapsesAt: null });
    expect(applyRenewal(renewed, renewal!)).toBe(renewed);
    expect(renewalsDue([renewed], anchor, RENEWAL + DAY)).toEqual([]);
    expect(() => applyRenewal(buy('agent_seat_1', 1, MID, 'other'), renewal!)).toThrow(RangeError);
  });

  it('a scheduler that was down for three renewals catches up each period once, oldest first, with its own key', () => {
    const a = buy('chatbot_conversations_100', 1, MID, 'a');
    const b = buy('agent_seat_1', 1, MID + 1, 'b');
    const due = renewalsDue([b, a], anchor, RENEWAL_3 + DAY);
    expect(due.map((r) => r.idempotencyKey)).toEqual(['a:11', 'b:11', 'a:12', 'b:12', 'a:13', 'b:13']);
    const { packages, recorded } = runScheduler([a, b], RENEWAL_3 + DAY);
    expect(recorded).toHaveLength(6);
    expect(packages.map((p) => p.paidThroughPeriod)).toEqual([13, 13]);
    expect(renewalsDue(packages, anchor, RENEWAL_3 + 2 * DAY)).toEqual([]);
  });

  it('a clock that jumps back after a renewal does not renew again', () => {
    const { packages } = runScheduler([buy('chatbot_conversations_100')], RENEWAL);
    expect(renewalsDue(packages, anchor, RENEWAL - DAY)).toEqual([]);
    expect(renewalsDue(packages, anchor, RENEWAL)).toEqual([]);
  });

  it('the key is the package id and the period index', () => {
    expect(renewalKey('pkg-1', 11)).toBe('pkg-1:11');
  });
});

describe('disabling and re-enabling', () => {
  it('disabled before the renewal: effective until the period ends, then lapses, never renewed', () => {
    const { package: off, renewals } = switchTo(buy('chatbot_conversations_500'), false, MID + DAY);
    expect(renewals).toEqual([]);
    expect(off).toMatchObject({ autoRenew: false, renewsAt: RENEWAL, lapsesAt: RENEWAL, paidThroughPeriod: 10 });
    expect(isPackageActiveAt(off, RENEWAL - 1)).toBe(true);
    expect(isPackageActiveAt(off, RENEWAL)).toBe(false);
    expect(renewalsDue([off], anchor, RENEWAL)).toEqual([]);
    expect(renewalsDue([off], anchor, RENEWAL_3)).toEqual([]);
    expect(lapsed([off], RENEWAL - 1)).toEqual([]);
    expect(lapsed([off], RENEWAL)).toEqual([off]);
  });

  it('disabled, then re-enabled before the renewal: kept, renews as usual', () => {
    const off = switchTo(buy('chatbot_conversations_500'), false, MID + DAY).package;
    const on = switchTo(off, true, RENEWAL - 1);
    expect(on.renewals).toEqual([]);
    expect(on.package).toMatchObject({ autoRenew: true, lapsesAt: null, renewsAt: RENEWAL });
    expect(isPackageActiveAt(on.package, RENEWAL)).toBe(true);
    expect(renewalsDue([on.package], anchor, RENEWAL).map((r) => r.idempotencyKey)).toEqual(['pkg-1:11']);
    expect(lapsed([on.package], RENEWAL_3)).toEqual([]);
  });

  it('disabled after the renewal was recorded: effective for that whole new period', () => {
    const { packages } = runScheduler([buy('chatbot_conversations_500')], RENEWAL);
    const off = switchTo(packages[0]!, false, RENEWAL + DAY);
    expect(off.renewals).toEqual([]);
    expect(off.package).toMatchObject({ paidThroughPeriod: 11, lapsesAt: RENEWAL_2 });
    expect(isPackageActiveAt(off.package, RENEWAL_2 - 1)).toBe(true);
    expect(isPackageActiveAt(off.package, RENEWAL_2)).toBe(false);
  });

  it('disabled after the renewal instant but before the scheduler ran: the renewal is settled first (same transaction)', () => {
    const off = switchTo(buy('chatbot_conversations_500'), false, RENEWAL + DAY);
    expect(off.renewals.map((r) => r.idempotencyKey)).toEqual(['pkg-1:11']);
    expect(off.package).toMatchObject({ paidThroughPeriod: 11, autoRenew: false, renewsAt: RENEWAL_2, lapsesAt: RENEWAL_2 });
    // The scheduler arriving late finds nothing more to do.
    expect(renewalsDue([off.package], anchor, RENEWAL + 2 * DAY)).toEqual([]);
  });

  it('disabled exactly at the renewal instant: that renewal happened (the instant belongs to the new period)', () => {
    const off = switchTo(buy('chatbot_conversations_500'), false, RENEWAL);
    expect(off.renewals.map((r) => r.periodIndex)).toEqual([11]);
    expect(off.package.lapsesAt).toBe(RENEWAL_2);
  });

  it('disabled after renewal, re-enabled during the new period: kept', () => {
    const off = switchTo(buy('chatbot_conversations_500'), false, RENEWAL + DAY);
    const on = switchTo(off.package, true, RENEWAL + 2 * DAY);
    expect(on.package).toMatchObject({ autoRenew: true, lapsesAt: null, paidThroughPeriod: 11, renewsAt: RENEWAL_2 });
    expect(renewalsDue([on.package], anchor, RENEWAL_2).map((r) => r.idempotencyKey)).toEqual(['pkg-1:12']);
  });

  it('a lapsed package cannot be switched back on', () => {
    const off = switchTo(buy('chatbot_conversations_500'), false, MID).package;
    expect(setAutoRenew({ pkg: off, enabled: true, anchor, now: RENEWAL })).toEqual({ ok: false, reason: 'lapsed', message: 'the package has lapsed; buy it again to get it back' });
  });

  it('switching to the state it is already in changes nothing', () => {
    const pkg = buy('chatbot_conversations_500');
    expect(switchTo(pkg, true, MID + DAY)).toEqual({ ok: true, package: pkg, renewals: [] });
  });
});
