/**
 * PRODUCT.md §3: the plan catalogue. Plans are data the operator edits; the
 * defaults carry PRODUCT.md's monthly chatbot-conversation limits. Pure: the
 * server loads a catalogue (or uses the default) and asks these functions.
 * docs/billing.md explains every rule.
 */
import { z } from 'zod';

/** The plans PRODUCT.md names. The catalogue may hold others (operator-defined codes). */
export const PLAN_CODES = ['FREE', 'SOLO', 'PLUS', 'EXPERT', 'STANDARD', 'PRO'] as const;
export type KnownPlanCode = (typeof PLAN_CODES)[number];

/** The plan a new workspace starts on. */
export const DEFAULT_PLAN_CODE: KnownPlanCode = 'FREE';

/** Upper bound of any count or price in a catalogue: keeps sums far inside safe integers. */
export const CATALOGUE_NUMBER_MAX = 1_000_000_000;

/** "FREE", "SOLO", "ENTERPRISE_2027": upper-case letters, digits and underscores, 2–32 characters. */
export const PlanCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,31}$/, 'a plan code is 2–32 upper-case letters, digits or underscores, starting with a letter');

/** ISO 4217 code, e.g. "EUR". */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'a currency is a three-letter ISO 4217 code such as "EUR"');

const count = (what: string, min: number) =>
  z
    .number()
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(CATALOGUE_NUMBER_MAX, `${what} must be at most ${CATALOGUE_NUMBER_MAX}`);

export const PlanSchema = z.object({
  code: PlanCodeSchema,
  name: z.string().trim().min(1, 'a plan needs a name').max(64),
  /** Chatbot conversations included each billing period. */
  includedChatbotConversations: count('includedChatbotConversations', 0),
  /** Agents the plan allows (the owner takes one). */
  agentSeats: count('agentSeats', 1),
  /** Price of one billing period, in the currency's minor unit (cents). */
  monthlyPriceCents: count('monthlyPriceCents', 0),
  currency: CurrencySchema,
  /** Kept for workspaces already on it, never offered to new ones. */
  legacy: z.boolean(),
});
export type Plan = z.infer<typeof PlanSchema>;

/**
 * The operator-editable catalogue: unique codes, one currency (so prices
 * compare), and at least one plan that is offered (not legacy).
 */
export const PlanCatalogueSchema = z
  .object({ plans: z.array(PlanSchema).min(1, 'the catalogue needs at least one plan') })
  .superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    catalogue.plans.forEach((plan, index) => {
      if (seen.has(plan.code)) {
        ctx.addIssue({ code: 'custom', path: ['plans', index, 'code'], message: `plan code ${plan.code} appears more than once` });
      }
      seen.add(plan.code);
    });
    const currency = catalogue.plans[0]?.currency;
    catalogue.plans.forEach((plan, index) => {
      if (plan.currency !== currency) {
        ctx.addIssue({ code: 'custom', path: ['plans', index, 'currency'], message: `every plan must use the same currency (${currency}), ${plan.code} uses ${plan.currency}` });
      }
    });
    if (catalogue.plans.every((plan) => plan.legacy)) {
      ctx.addIssue({ code: 'custom', path: ['plans'], message: 'at least one plan must be offered (not legacy)' });
    }
  });
export type PlanCatalogue = z.infer<typeof PlanCatalogueSchema>;

/**
 * The defaults: PRODUCT.md's conversation limits; seats and prices (EUR) are
 * placeholders for the operator to edit (docs/billing.md).
 */
export const DEFAULT_PLAN_CATALOGUE: PlanCatalogue = {
  plans: [
    { code: 'FREE', name: 'Free', includedChatbotConversations: 50, agentSeats: 1, monthlyPriceCents: 0, currency: 'EUR', legacy: false },
    { code: 'SOLO', name: 'Solo', includedChatbotConversations: 100, agentSeats: 1, monthlyPriceCents: 1_900, currency: 'EUR', legacy: false },
    { code: 'PLUS', name: 'Plus', includedChatbotConversations: 1_000, agentSeats: 3, monthlyPriceCents: 4_900, currency: 'EUR', legacy: false },
    { code: 'EXPERT', name: 'Expert', includedChatbotConversations: 5_000, agentSeats: 10, monthlyPriceCents: 14_900, currency: 'EUR', legacy: false },
    { code: 'STANDARD', name: 'Standard', includedChatbotConversations: 100, agentSeats: 1, monthlyPriceCents: 2_400, currency: 'EUR', legacy: true },
    { code: 'PRO', name: 'Pro', includedChatbotConversations: 500, agentSeats: 3, monthlyPriceCents: 5_900, currency: 'EUR', legacy: true },
  ],
};

/** The plan with this code, or null. */
export function findPlan(catalogue: PlanCatalogue, code: string): Plan | null {
  return catalogue.plans.find((plan) => plan.code === code) ?? null;
}

/** The plans a workspace may choose (legacy ones left out), in catalogue order. */
export function offeredPlans(catalogue: PlanCatalogue): Plan[] {
  return catalogue.plans.filter((plan) => !plan.legacy);
}

export type PlanChangeRefusal = 'unknown_plan' | 'legacy_plan' | 'same_plan';

export type PlanChangeCheck =
  | { ok: true; from: Plan | null; to: Plan }
  | { ok: false; reason: PlanChangeRefusal; message: string };

/**
 * May a workspace on `from` (null: no plan yet, a new workspace) move to `to`?
 * Refused: a code not in the catalogue; a legacy plan the workspace is not on;
 * the plan it is already on. `from` comes back as null when the workspace has
 * no plan or its plan is no longer in the catalogue (the operator removed it):
 * such a workspace may move to any offered plan, and the move applies at once
 * (plan-change.ts).
 */
export function canChangePlan(input: { from: string | null; to: string; catalogue: PlanCatalogue }): PlanChangeCheck {
  const { from, to, catalogue } = input;
  const target = findPlan(catalogue, to);
  if (target === null) return { ok: false, reason: 'unknown_plan', message: `there is no plan ${JSON.stringify(to)}` };
  if (from === to) return { ok: false, reason: 'same_plan', message: `the workspace is already on ${target.name}` };
  if (target.legacy) {
    return { ok: false, reason: 'legacy_plan', message: `${target.name} is a legacy plan: it is kept for workspaces already on it and cannot be chosen` };
  }
  return { ok: true, from: from === null ? null : findPlan(catalogue, from), to: target };
}
