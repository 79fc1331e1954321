import { describe, expect, it } from 'vitest';
import { planChangeKind as corePlanChangeKind } from '../../../../core/src/billing/plan-change';
import { DEFAULT_PLAN_CATALOGUE } from '../../../../core/src/billing/plans';
import { conversationsText, planCards, planChangeKind, planChangeMessage, seatsText } from './plans';

const plans = DEFAULT_PLAN_CATALOGUE.plans;
const plan = (code: string) => plans.find((p) => p.code === code)!;
const offered = plans.filter((p) => !p.legacy);

describe('plans', () => {
  it('tell upgrades from downgrades like @parley/core', () => {
    const more = [...plans, { ...plan('PLUS'), code: 'MIXED', agentSeats: 1, includedChatbotConversations: 2000 }];
    for (const from of more) for (const to of more) expect(planChangeKind(from, to), `${from.code} → ${to.code}`).toBe(corePlanChangeKind(from, to));
  });

  it('say what switching to each plan would do', () => {
    const cards = planCards({ plan: plan('PLUS'), plans: offered, pendingChange: null }, '2026-12-03', null);
    expect(cards.map((c) => [c.plan.code, c.state, c.note, c.action])).toEqual([
      ['FREE', 'downgrade', 'Downgrade: applies at the renewal on 3 December', 'Switch'],
      ['SOLO', 'downgrade', 'Downgrade: applies at the renewal on 3 December', 'Switch'],
      ['PLUS', 'current', 'Your plan', null],
      ['EXPERT', 'upgrade', 'Upgrade: applies now, to this period', 'Switch'],
    ]);
  });

  it('show a pending downgrade on both plans', () => {
    const cards = planCards(
      { plan: plan('PLUS'), plans: offered, pendingChange: { planCode: 'SOLO', effectiveAt: '2026-12-02T23:00:00.000Z' } },
      '2026-12-03',
      '2026-12-03',
    );
    expect(cards.find((c) => c.plan.code === 'SOLO')).toMatchObject({ state: 'pending', note: 'Starts on 3 December', action: null });
    expect(cards.find((c) => c.plan.code === 'PLUS')).toMatchObject({ state: 'current_until', note: 'Your plan until 3 December', action: null });
  });

  it('keep a legacy current plan on the list', () => {
    const cards = planCards({ plan: plan('PRO'), plans: offered, pendingChange: null }, '2026-12-03', null);
    expect(cards[0]).toMatchObject({ state: 'current' });
    expect(cards.map((c) => c.plan.code)).toEqual(['PRO', 'FREE', 'SOLO', 'PLUS', 'EXPERT']);
  });

  it('word the outcome', () => {
    expect(planChangeMessage('upgrade', plan('EXPERT'), plan('PLUS'), '2026-11-20')).toBe(
      'You are on Expert now: 5 000 chatbot conversations a month from this period on.',
    );
    expect(planChangeMessage('downgrade', plan('SOLO'), plan('PLUS'), '2026-12-03')).toBe('Solo starts on 3 December, at the renewal. Until then you keep Plus.');
    expect(planChangeMessage('cancel_pending', plan('PLUS'), plan('PLUS'), '2026-12-03')).toBe('Downgrade cancelled: you stay on Plus.');
    expect(conversationsText(1)).toBe('1 chatbot conversation a month');
    expect(seatsText(10)).toBe('10 agent seats');
  });
});
