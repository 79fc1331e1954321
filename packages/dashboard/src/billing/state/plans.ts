import type { BillingOverview, Plan } from '@parley/core';
import { formatCount, formatDayMonth } from './usage';

export type PlanChangeKind = 'upgrade' | 'downgrade';

/**
 * Mirrors @parley/core's `planChangeKind`: an upgrade takes nothing away
 * (conversations and seats at least as many) and gives more (conversations,
 * seats or a higher price); everything else is a downgrade.
 */
export function planChangeKind(from: Plan, to: Plan): PlanChangeKind {
  const takesNothing = to.includedChatbotConversations >= from.includedChatbotConversations && to.agentSeats >= from.agentSeats;
  const givesMore =
    to.includedChatbotConversations > from.includedChatbotConversations || to.agentSeats > from.agentSeats || to.monthlyPriceCents > from.monthlyPriceCents;
  return takesNothing && givesMore ? 'upgrade' : 'downgrade';
}

/** "1 000 chatbot conversations a month". */
export function conversationsText(n: number): string {
  return `${formatCount(n)} chatbot conversation${n === 1 ? '' : 's'} a month`;
}

/** "3 agent seats". */
export function seatsText(n: number): string {
  return `${formatCount(n)} agent seat${n === 1 ? '' : 's'}`;
}

export type PlanCardState = 'current' | 'current_until' | 'pending' | 'upgrade' | 'downgrade';

export interface PlanCard {
  plan: Plan;
  state: PlanCardState;
  /** "Your plan", "Your plan until 3 December", "Starts on 3 December", "Upgrade: applies now", "Downgrade: from 3 December". */
  note: string;
  /** The button's label, or null when there is nothing to do on this card. */
  action: string | null;
}

/**
 * One card per plan the workspace may choose (the API's `plans`, current
 * included), saying what switching to it would do: an upgrade applies at
 * once, a downgrade at the renewal (`renewsOn`). A pending downgrade is taken
 * back from the current plan's box ("Keep Plus" asks for the current plan).
 */
export function planCards(overview: Pick<BillingOverview, 'plan' | 'plans' | 'pendingChange'>, renewsOn: string, effectiveOn: string | null): PlanCard[] {
  const current = overview.plan;
  const pending = overview.pendingChange;
  const pendingDay = formatDayMonth(effectiveOn ?? renewsOn);
  const plans = overview.plans.some((p) => p.code === current.code) ? overview.plans : [current, ...overview.plans];
  return plans.map((plan): PlanCard => {
    if (plan.code === current.code) {
      return pending
        ? { plan, state: 'current_until', note: `Your plan until ${pendingDay}`, action: null }
        : { plan, state: 'current', note: 'Your plan', action: null };
    }
    if (pending && pending.planCode === plan.code) return { plan, state: 'pending', note: `Starts on ${pendingDay}`, action: null };
    const kind = planChangeKind(current, plan);
    return kind === 'upgrade'
      ? { plan, state: 'upgrade', note: 'Upgrade: applies now, to this period', action: 'Switch' }
      : { plan, state: 'downgrade', note: `Downgrade: applies at the renewal on ${formatDayMonth(renewsOn)}`, action: 'Switch' };
  });
}

/** The flash after `POST /billing/plan`. */
export function planChangeMessage(outcome: 'upgrade' | 'downgrade' | 'cancel_pending', plan: Plan, previous: Plan, effectiveOn: string): string {
  if (outcome === 'upgrade') return `You are on ${plan.name} now: ${conversationsText(plan.includedChatbotConversations)} from this period on.`;
  if (outcome === 'downgrade') return `${plan.name} starts on ${formatDayMonth(effectiveOn)}, at the renewal. Until then you keep ${previous.name}.`;
  return `Downgrade cancelled: you stay on ${previous.name}.`;
}
