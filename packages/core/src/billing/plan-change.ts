/**
 * PRODUCT.md §3: an upgrade applies at once to the current period; a
 * downgrade at the next renewal. A subscription keeps its plan and at most one
 * pending change; the pending change takes effect by itself at its instant
 * (`effectivePlanAt`), so nothing has to run at the renewal instant for the
 * right plan to apply. docs/billing.md explains the rules.
 */
import { nextRenewalAt, periodAt, proratedCents, type BillingAnchor } from './billing-period.js';
import { canChangePlan, findPlan, type Plan, type PlanCatalogue, type PlanChangeRefusal } from './plans.js';

/** A downgrade waiting for the renewal. */
export interface PendingPlanChange {
  planCode: string;
  /** The renewal instant it takes effect at (epoch ms). */
  effectiveAt: number;
  /** When the owner asked for it (epoch ms). */
  requestedAt: number;
}

export interface Subscription {
  /** The plan in effect (until `pendingChange.effectiveAt`, if any). */
  planCode: string;
  anchor: BillingAnchor;
  pendingChange: PendingPlanChange | null;
}

/**
 * upgrade — the new plan takes nothing away (included chatbot conversations
 * and agent seats each at least as many) and gives more: more conversations,
 * more seats, or a higher price (a dearer plan with the same allowances is
 * still a step up).
 * downgrade — every other change: it takes something away (even when it also
 * adds something else), costs less, or changes nothing that matters.
 */
export type PlanChangeKind = 'upgrade' | 'downgrade';

export function planChangeKind(from: Plan, to: Plan): PlanChangeKind {
  const takesNothing =
    to.includedChatbotConversations >= from.includedChatbotConversations && to.agentSeats >= from.agentSeats;
  const givesMore =
    to.includedChatbotConversations > from.includedChatbotConversations ||
    to.agentSeats > from.agentSeats ||
    to.monthlyPriceCents > from.monthlyPriceCents;
  return takesNothing && givesMore ? 'upgrade' : 'downgrade';
}

/** The plan code in effect at `now`: the pending change's once its instant has come. */
export function effectivePlanAt(subscription: Subscription, now: number): string {
  const pending = subscription.pendingChange;
  return pending !== null && now >= pending.effectiveAt ? pending.planCode : subscription.planCode;
}

/** The subscription with a pending change that is due at `now` folded in (what to store after a renewal). */
export function settleSubscription(subscription: Subscription, now: number): Subscription {
  const pending = subscription.pendingChange;
  if (pending === null || now < pending.effectiveAt) return subscription;
  return { ...subscription, planCode: pending.planCode, pendingChange: null };
}

/**
 * What an upgrade costs for the rest of the current period: when it raises
 * the included chatbot conversations, the full difference of the monthly
 * prices (the whole new allowance is usable at once, as with a conversation
 * package); otherwise (more seats or a dearer plan only) the difference
 * prorated to the time left, rounded up to a cent. Never negative.
 */
export function upgradeChargeCents(input: { from: Plan | null; to: Plan; anchor: BillingAnchor; now: number }): number {
  const { from, to, anchor, now } = input;
  const difference = to.monthlyPriceCents - (from?.monthlyPriceCents ?? 0);
  if (difference <= 0) return 0;
  const raisesQuota = from === null || to.includedChatbotConversations > from.includedChatbotConversations;
  return raisesQuota ? difference : proratedCents(difference, periodAt(anchor, now), now);
}

/**
 * upgrade — in effect now, for the rest of the current period; any pending downgrade is dropped;
 * downgrade — in effect at the next renewal (`effectiveAt`); replaces any pending downgrade;
 * cancel_pending — asked for the plan it is on while a downgrade was pending: the downgrade is dropped.
 */
export type PlanChangeOutcome = PlanChangeKind | 'cancel_pending';

export type PlanChangeResult =
  | {
      ok: true;
      outcome: PlanChangeOutcome;
      /** The subscription to store. */
      subscription: Subscription;
      /** The plan in effect now, after the change. */
      planNow: string;
      /** The downgrade waiting for the renewal, if any. */
      pendingChange: PendingPlanChange | null;
      /** When the requested plan takes effect (now for an upgrade or a cancel). */
      effectiveAt: number;
      /** What to charge now (upgradeChargeCents); 0 for a downgrade or a cancel. */
      chargeCents: number;
    }
  | { ok: false; reason: PlanChangeRefusal; message: string };

/**
 * The owner asks for plan `to` at `now`. The change is judged against the plan
 * in effect now (a pending downgrade not yet due does not count): an upgrade
 * of it applies at once, anything else at the next renewal.
 */
export function requestPlanChange(input: {
  subscription: Subscription;
  to: string;
  catalogue: PlanCatalogue;
  now: number;
}): PlanChangeResult {
  const { to, catalogue, now } = input;
  const subscription = settleSubscription(input.subscription, now);
  const current = subscription.planCode;

  if (to === current && subscription.pendingChange !== null) {
    const next: Subscription = { ...subscription, pendingChange: null };
    return { ok: true, outcome: 'cancel_pending', subscription: next, planNow: current, pendingChange: null, effectiveAt: now, chargeCents: 0 };
  }

  const check = canChangePlan({ from: current, to, catalogue });
  if (!check.ok) return check;

  const from = findPlan(catalogue, current);
  const kind: PlanChangeKind = from === null ? 'upgrade' : planChangeKind(from, check.to);
  if (kind === 'upgrade') {
    const next: Subscription = { ...subscription, planCode: to, pendingChange: null };
    const chargeCents = upgradeChargeCents({ from, to: check.to, anchor: subscription.anchor, now });
    return { ok: true, outcome: 'upgrade', subscription: next, planNow: to, pendingChange: null, effectiveAt: now, chargeCents };
  }

  const previous = subscription.pendingChange;
  const pendingChange: PendingPlanChange =
    previous !== null && previous.planCode === to
      ? previous
      : { planCode: to, effectiveAt: nextRenewalAt(subscription.anchor, now), requestedAt: now };
  const next: Subscription = { ...subscription, pendingChange };
  return { ok: true, outcome: 'downgrade', subscription: next, planNow: current, pendingChange, effectiveAt: pendingChange.effectiveAt, chargeCents: 0 };
}
