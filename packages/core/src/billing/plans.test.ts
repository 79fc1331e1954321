import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAN_CATALOGUE,
  DEFAULT_PLAN_CODE,
  PLAN_CODES,
  PlanCatalogueSchema,
  PlanSchema,
  canChangePlan,
  findPlan,
  offeredPlans,
  type Plan,
  type PlanCatalogue,
} from '../index.js';

const plan = (code: string, extra: Partial<Plan> = {}): Plan => ({
  code,
  name: code.charAt(0) + code.slice(1).toLowerCase(),
  includedChatbotConversations: 100,
  agentSeats: 1,
  monthlyPriceCents: 1_000,
  currency: 'EUR',
  legacy: false,
  ...extra,
});

describe('the default catalogue', () => {
  it('is a valid catalogue', () => {
    expect(PlanCatalogueSchema.safeParse(DEFAULT_PLAN_CATALOGUE).success).toBe(true);
  });

  it.each([
    ['FREE', 50, false],
    ['SOLO', 100, false],
    ['PLUS', 1_000, false],
    ['EXPERT', 5_000, false],
    ['STANDARD', 100, true],
    ['PRO', 500, true],
  ] as const)("%s includes PRODUCT.md's %i chatbot conversations a month (legacy: %s)", (code, conversations, legacy) => {
    expect(findPlan(DEFAULT_PLAN_CATALOGUE, code)).toMatchObject({ code, includedChatbotConversations: conversations, legacy });
  });

  it('holds exactly the named plans, and new workspaces start on one that is offered', () => {
    expect(DEFAULT_PLAN_CATALOGUE.plans.map((p) => p.code).sort()).toEqual([...PLAN_CODES].sort());
    expect(findPlan(DEFAULT_PLAN_CATALOGUE, DEFAULT_PLAN_CODE)?.legacy).toBe(false);
  });

  it('the offered plans go up in conversations, seats and price', () => {
    const offered = offeredPlans(DEFAULT_PLAN_CATALOGUE);
    for (let i = 1; i < offered.length; i += 1) {
      const [a, b] = [offered[i - 1]!, offered[i]!];
      expect(b.includedChatbotConversations).toBeGreaterThan(a.includedChatbotConversations);
      expect(b.agentSeats).toBeGreaterThanOrEqual(a.agentSeats);
      expect(b.monthlyPriceCents).toBeGreaterThan(a.monthlyPriceCents);
    }
  });
});

describe('offeredPlans', () => {
  it('leaves legacy plans out and keeps the catalogue order', () => {
    expect(offeredPlans(DEFAULT_PLAN_CATALOGUE).map((p) => p.code)).toEqual(['FREE', 'SOLO', 'PLUS', 'EXPERT']);
  });
  it('findPlan answers null for an unknown code', () => {
    expect(findPlan(DEFAULT_PLAN_CATALOGUE, 'GOLD')).toBeNull();
  });
});

describe('PlanSchema and PlanCatalogueSchema refuse bad data', () => {
  it.each([
    ['a negative conversation count', { includedChatbotConversations: -1 }, 'includedChatbotConversations must be at least 0'],
    ['a fractional conversation count', { includedChatbotConversations: 1.5 }, 'includedChatbotConversations must be a whole number'],
    ['no seat', { agentSeats: 0 }, 'agentSeats must be at least 1'],
    ['a negative price', { monthlyPriceCents: -100 }, 'monthlyPriceCents must be at least 0'],
    ['an absurd price', { monthlyPriceCents: 1e12 }, 'monthlyPriceCents must be at most 1000000000'],
    ['a lower-case code', { code: 'solo' }, 'a plan code is'],
    ['a bad currency', { currency: 'euro' }, 'three-letter ISO 4217'],
    ['an empty name', { name: '  ' }, 'a plan needs a name'],
  ])('%s', (_name, change, message) => {
    const result = PlanSchema.safeParse({ ...plan('SOLO'), ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join('; ')).toContain(message);
  });

  it.each([
    ['duplicate codes', { plans: [plan('SOLO'), plan('PLUS'), plan('SOLO')] }, 'plan code SOLO appears more than once', ['plans', 2, 'code']],
    ['two currencies', { plans: [plan('SOLO'), plan('PLUS', { currency: 'USD' })] }, 'every plan must use the same currency (EUR), PLUS uses USD', ['plans', 1, 'currency']],
    ['only legacy plans', { plans: [plan('PRO', { legacy: true })] }, 'at least one plan must be offered (not legacy)', ['plans']],
    ['no plan at all', { plans: [] }, 'the catalogue needs at least one plan', ['plans']],
  ])('%s', (_name, catalogue, message, path) => {
    const result = PlanCatalogueSchema.safeParse(catalogue);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ message, path }));
  });

  it('an operator may add a plan of their own and change the defaults', () => {
    const edited: PlanCatalogue = {
      plans: [...DEFAULT_PLAN_CATALOGUE.plans.map((p) => (p.code === 'PLUS' ? { ...p, monthlyPriceCents: 5_900 } : p)), plan('ENTERPRISE', { includedChatbotConversations: 50_000, agentSeats: 50 })],
    };
    expect(PlanCatalogueSchema.parse(edited).plans).toHaveLength(7);
  });
});

describe('canChangePlan', () => {
  const catalogue = DEFAULT_PLAN_CATALOGUE;
  it.each([
    ['FREE → PLUS', 'FREE', 'PLUS', null],
    ['EXPERT → SOLO', 'EXPERT', 'SOLO', null],
    ['a new workspace (no plan) → SOLO', null, 'SOLO', null],
    ['legacy PRO → PLUS (leaving a legacy plan)', 'PRO', 'PLUS', null],
    ['unknown target', 'SOLO', 'GOLD', 'unknown_plan'],
    ['a new workspace → legacy STANDARD', null, 'STANDARD', 'legacy_plan'],
    ['SOLO → legacy PRO', 'SOLO', 'PRO', 'legacy_plan'],
    ['legacy STANDARD → legacy PRO', 'STANDARD', 'PRO', 'legacy_plan'],
    ['the plan it is on', 'PLUS', 'PLUS', 'same_plan'],
    ['the legacy plan it is on', 'PRO', 'PRO', 'same_plan'],
    ['from a plan the operator removed → an offered plan', 'GONE', 'SOLO', null],
  ] as const)('%s', (_name, from, to, refusal) => {
    const result = canChangePlan({ from, to, catalogue });
    if (refusal === null) {
      expect(result).toMatchObject({ ok: true, to: findPlan(catalogue, to) });
    } else {
      expect(result).toMatchObject({ ok: false, reason: refusal });
      if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
    }
  });

  it('explains a refused legacy plan in words', () => {
    expect(canChangePlan({ from: 'SOLO', to: 'PRO', catalogue })).toEqual({
      ok: false,
      reason: 'legacy_plan',
      message: 'Pro is a legacy plan: it is kept for workspaces already on it and cannot be chosen',
    });
  });

  it('gives back the current plan, or null when there is none in the catalogue', () => {
    expect(canChangePlan({ from: 'SOLO', to: 'PLUS', catalogue })).toMatchObject({ ok: true, from: { code: 'SOLO' } });
    expect(canChangePlan({ from: 'GONE', to: 'PLUS', catalogue })).toMatchObject({ ok: true, from: null });
  });
});
