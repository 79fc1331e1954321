import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAN_CATALOGUE,
  effectivePlanAt,
  findPlan,
  periodAt,
  planChangeKind,
  requestPlanChange,
  settleSubscription,
  upgradeChargeCents,
  type BillingAnchor,
  type Plan,
  type PlanCatalogue,
  type Subscription,
} from '../index.js';

const utc = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

const anchor: BillingAnchor = { anchorDay: 3, subscriptionStart: utc('2026-01-03T09:00:00Z'), timeZone: 'UTC' };
// The period of 3 November – 3 December 2026 (30 days).
const PERIOD_START = utc('2026-11-03T00:00:00Z');
const RENEWAL = utc('2026-12-03T00:00:00Z');
const MID = utc('2026-11-18T00:00:00Z');

const sub = (planCode: string, pendingChange: Subscription['pendingChange'] = null): Subscription => ({ planCode, anchor, pendingChange });
const catalogue = DEFAULT_PLAN_CATALOGUE;
const planOf = (code: string) => findPlan(catalogue, code)!;

const p = (conversations: number, seats: number, price: number): Plan => ({
  code: 'X',
  name: 'X',
  includedChatbotConversations: conversations,
  agentSeats: seats,
  monthlyPriceCents: price,
  currency: 'EUR',
  legacy: false,
});

describe('planChangeKind: an upgrade takes nothing away and gives more', () => {
  it.each([
    ['more conversations, same seats and price', p(100, 1, 1000), p(500, 1, 1000), 'upgrade'],
    ['more conversations and a higher price', p(100, 1, 1000), p(1000, 3, 5000), 'upgrade'],
    ['more seats only', p(100, 1, 1000), p(100, 2, 1000), 'upgrade'],
    ['a higher price only', p(100, 1, 1000), p(100, 1, 2000), 'upgrade'],
    ['more conversations for less money', p(100, 1, 1000), p(200, 1, 500), 'upgrade'],
    ['fewer conversations', p(1000, 3, 5000), p(100, 3, 5000), 'downgrade'],
    ['fewer seats', p(100, 3, 1000), p(100, 2, 1000), 'downgrade'],
    ['more conversations but fewer seats (mixed)', p(1000, 3, 5000), p(2000, 2, 6000), 'downgrade'],
    ['cheaper with the same allowances', p(100, 1, 2000), p(100, 1, 1000), 'downgrade'],
    ['nothing different', p(100, 1, 1000), p(100, 1, 1000), 'downgrade'],
  ] as const)('%s', (_name, from, to, kind) => {
    expect(planChangeKind(from, to)).toBe(kind);
  });

  it.each([
    ['FREE', 'SOLO', 'upgrade'],
    ['SOLO', 'PLUS', 'upgrade'],
    ['PLUS', 'EXPERT', 'upgrade'],
    ['EXPERT', 'FREE', 'downgrade'],
    ['PLUS', 'SOLO', 'downgrade'],
    ['STANDARD', 'SOLO', 'downgrade'], // same conversations and seats, cheaper
    ['STANDARD', 'PLUS', 'upgrade'],
    ['PRO', 'PLUS', 'upgrade'],
    ['PRO', 'SOLO', 'downgrade'],
  ])('default catalogue: %s → %s is a %s', (from, to, kind) => {
    expect(planChangeKind(planOf(from), planOf(to))).toBe(kind);
  });
});

describe('the default catalogue', () => {
  it('every legacy plan can be left at once for an offered plan (there is an upgrade from it)', () => {
    for (const legacy of catalogue.plans.filter((plan) => plan.legacy)) {
      const upgrades = catalogue.plans.filter((plan) => !plan.legacy && planChangeKind(legacy, plan) === 'upgrade');
      expect(upgrades.length, legacy.code).toBeGreaterThan(0);
    }
  });
});

describe('effectivePlanAt and settleSubscription', () => {
  const s = sub('PLUS', { planCode: 'SOLO', effectiveAt: RENEWAL, requestedAt: MID });
  it.each([
    ['before the renewal', RENEWAL - 1, 'PLUS'],
    ['exactly at the renewal', RENEWAL, 'SOLO'],
    ['after the renewal', RENEWAL + DAY, 'SOLO'],
  ])('%s: %s', (_name, now, code) => {
    expect(effectivePlanAt(s, now)).toBe(code);
    expect(settleSubscription(s, now).planCode).toBe(code);
  });
  it('settling folds a due change in and clears it, and leaves a future one alone', () => {
    expect(settleSubscription(s, RENEWAL)).toEqual(sub('SOLO'));
    expect(settleSubscription(s, RENEWAL - 1)).toBe(s);
    expect(effectivePlanAt(sub('FREE'), MID)).toBe('FREE');
  });
});

describe('requestPlanChange', () => {
  it('an upgrade applies at once to the current period', () => {
    const result = requestPlanChange({ subscription: sub('SOLO'), to: 'PLUS', catalogue, now: MID });
    expect(result).toEqual({
      ok: true,
      outcome: 'upgrade',
      subscription: sub('PLUS'),
      planNow: 'PLUS',
      pendingChange: null,
      effectiveAt: MID,
      chargeCents: 4_900 - 1_900, // raises the quota: the full difference
    });
    if (result.ok) expect(effectivePlanAt(result.subscription, MID)).toBe('PLUS');
  });

  it('a downgrade applies at the next renewal; until then the current plan stays', () => {
    const result = requestPlanChange({ subscription: sub('PLUS'), to: 'SOLO', catalogue, now: MID });
    const pendingChange = { planCode: 'SOLO', effectiveAt: RENEWAL, requestedAt: MID };
    expect(result).toEqual({ ok: true, outcome: 'downgrade', subscription: sub('PLUS', pendingChange), planNow: 'PLUS', pendingChange, effectiveAt: RENEWAL, chargeCents: 0 });
    if (!result.ok) return;
    expect(effectivePlanAt(result.subscription, RENEWAL - 1)).toBe('PLUS');
    expect(effectivePlanAt(result.subscription, RENEWAL)).toBe('SOLO');
    expect(periodAt(anchor, RENEWAL).startDate).toBe('2026-12-03');
  });

  it('upgrade then downgrade in one period: the upgrade holds for the period, the downgrade waits for the renewal', () => {
    const up = requestPlanChange({ subscription: sub('SOLO'), to: 'PLUS', catalogue, now: MID });
    if (!up.ok) throw new Error(up.message);
    const down = requestPlanChange({ subscription: up.subscription, to: 'SOLO', catalogue, now: MID + DAY });
    if (!down.ok) throw new Error(down.message);
    expect(down.outcome).toBe('downgrade');
    expect(down.chargeCents).toBe(0);
    expect(effectivePlanAt(down.subscription, MID + DAY)).toBe('PLUS');
    expect(effectivePlanAt(down.subscription, RENEWAL - 1)).toBe('PLUS');
    expect(effectivePlanAt(down.subscription, RENEWAL)).toBe('SOLO');
  });

  it('downgrade then upgrade in one period: the upgrade applies at once and drops the pending downgrade', () => {
    const down = requestPlanChange({ subscription: sub('PLUS'), to: 'SOLO', catalogue, now: MID });
    if (!down.ok) throw new Error(down.message);
    const up = requestPlanChange({ subscription: down.subscription, to: 'EXPERT', catalogue, now: MID + DAY });
    expect(up).toMatchObject({ ok: true, outcome: 'upgrade', planNow: 'EXPERT', pendingChange: null, subscription: sub('EXPERT') });
    if (up.ok) expect(effectivePlanAt(up.subscription, RENEWAL + DAY)).toBe('EXPERT');
  });

  it('a second downgrade replaces the first; the same one again keeps the first request', () => {
    const first = requestPlanChange({ subscription: sub('EXPERT'), to: 'PLUS', catalogue, now: MID });
    if (!first.ok) throw new Error(first.message);
    const again = requestPlanChange({ subscription: first.subscription, to: 'PLUS', catalogue, now: MID + DAY });
    expect(again).toMatchObject({ ok: true, outcome: 'downgrade', pendingChange: { planCode: 'PLUS', requestedAt: MID, effectiveAt: RENEWAL } });
    const other = requestPlanChange({ subscription: first.subscription, to: 'FREE', catalogue, now: MID + DAY });
    expect(other).toMatchObject({ ok: true, outcome: 'downgrade', pendingChange: { planCode: 'FREE', requestedAt: MID + DAY, effectiveAt: RENEWAL } });
  });

  it('asking for the current plan while a downgrade is pending cancels it', () => {
    const s = sub('PLUS', { planCode: 'SOLO', effectiveAt: RENEWAL, requestedAt: MID });
    expect(requestPlanChange({ subscription: s, to: 'PLUS', catalogue, now: MID + DAY })).toEqual({
      ok: true,
      outcome: 'cancel_pending',
      subscription: sub('PLUS'),
      planNow: 'PLUS',
      pendingChange: null,
      effectiveAt: MID + DAY,
      chargeCents: 0,
    });
  });

  it('a request after the pending change took effect is judged against the new plan', () => {
    const s = sub('PLUS', { planCode: 'SOLO', effectiveAt: RENEWAL, requestedAt: MID });
    const result = requestPlanChange({ subscription: s, to: 'PLUS', catalogue, now: RENEWAL + DAY });
    expect(result).toMatchObject({ ok: true, outcome: 'upgrade', subscription: sub('PLUS'), planNow: 'PLUS' });
  });

  it('a downgrade asked for exactly at a renewal instant waits for the next one', () => {
    const result = requestPlanChange({ subscription: sub('PLUS'), to: 'SOLO', catalogue, now: RENEWAL });
    expect(result).toMatchObject({ ok: true, effectiveAt: utc('2027-01-03T00:00:00Z') });
  });

  it('legacy: a workspace on PRO may downgrade and cancel back to PRO, but once it leaves PRO it cannot return', () => {
    const down = requestPlanChange({ subscription: sub('PRO'), to: 'SOLO', catalogue, now: MID });
    if (!down.ok) throw new Error(down.message);
    expect(down.planNow).toBe('PRO');
    expect(requestPlanChange({ subscription: down.subscription, to: 'PRO', catalogue, now: MID + DAY })).toMatchObject({ ok: true, outcome: 'cancel_pending', planNow: 'PRO' });

    const up = requestPlanChange({ subscription: sub('PRO'), to: 'EXPERT', catalogue, now: MID });
    if (!up.ok) throw new Error(up.message);
    expect(requestPlanChange({ subscription: up.subscription, to: 'PRO', catalogue, now: MID + DAY })).toMatchObject({ ok: false, reason: 'legacy_plan' });
    // After a downgrade from PRO took effect, PRO is gone too.
    expect(requestPlanChange({ subscription: down.subscription, to: 'PRO', catalogue, now: RENEWAL + DAY })).toMatchObject({ ok: false, reason: 'legacy_plan' });
  });

  it.each([
    ['an unknown plan', 'SOLO', 'GOLD', 'unknown_plan'],
    ['a legacy plan from a new workspace on FREE', 'FREE', 'STANDARD', 'legacy_plan'],
    ['the plan it is on, nothing pending', 'PLUS', 'PLUS', 'same_plan'],
  ])('refuses %s and changes nothing', (_name, from, to, reason) => {
    const subscription = sub(from);
    expect(requestPlanChange({ subscription, to, catalogue, now: MID })).toMatchObject({ ok: false, reason });
    expect(subscription).toEqual(sub(from));
  });

  it('a workspace whose plan the operator removed may move at once to an offered plan', () => {
    const trimmed: PlanCatalogue = { plans: catalogue.plans.filter((plan) => plan.code !== 'PRO') };
    expect(requestPlanChange({ subscription: sub('PRO'), to: 'SOLO', catalogue: trimmed, now: MID })).toMatchObject({ ok: true, outcome: 'upgrade', planNow: 'SOLO', chargeCents: 1_900 });
  });
});

describe('upgradeChargeCents', () => {
  const mid = MID; // half of the 30-day period is left
  it.each([
    ['more conversations: the full difference', p(100, 1, 1_900), p(1_000, 3, 4_900), 3_000],
    ['more seats only: the difference prorated to the half period left', p(100, 1, 1_000), p(100, 2, 2_000), 500],
    ['a higher price only: prorated', p(100, 1, 1_000), p(100, 1, 1_001), 1],
    ['cheaper: nothing', p(100, 1, 2_000), p(200, 1, 1_000), 0],
    ['from no plan: the full price', null, p(100, 1, 1_900), 1_900],
  ] as const)('%s', (_name, from, to, cents) => {
    expect(upgradeChargeCents({ from, to, anchor, now: mid })).toBe(cents);
  });
  it('a seats-only upgrade at the start of the period costs the whole difference, one ms before the end a cent', () => {
    expect(upgradeChargeCents({ from: p(100, 1, 1_000), to: p(100, 2, 2_000), anchor, now: PERIOD_START })).toBe(1_000);
    expect(upgradeChargeCents({ from: p(100, 1, 1_000), to: p(100, 2, 2_000), anchor, now: RENEWAL - 1 })).toBe(1);
  });
});
