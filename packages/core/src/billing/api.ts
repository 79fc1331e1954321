/**
 * The billing API's answers (docs/billing.md): one definition for the
 * server, its OpenAPI document and the dashboard.
 */
import { z } from 'zod';
import { AddonKindSchema, AddonOfferSchema } from './addon-packages.js';
import { PlanSchema } from './plans.js';

export const PeriodViewSchema = z.object({
  index: z.number().int(),
  start: z.string().describe('ISO instant the period starts'),
  end: z.string().describe('ISO instant the next period starts (the renewal)'),
  startDate: z.string().describe('YYYY-MM-DD in the workspace time zone'),
  endDate: z.string().describe('YYYY-MM-DD: the renewal date, the first day of the next period'),
  renewsOn: z.string().describe('YYYY-MM-DD: the renewal day, usage starts again from 0'),
  timeZone: z.string().describe('The time zone billing periods are counted in'),
});
export type PeriodView = z.infer<typeof PeriodViewSchema>;

/** What the chatbot dashboard shows every agent: "312 of 1 000 left, renews on 3 December". */
export const ChatbotUsageSchema = z.object({
  limit: z.number().int(),
  used: z.number().int(),
  remaining: z.number().int(),
  period: PeriodViewSchema,
  warning: z.enum(['none', '80', '100']).describe('80: at least 80 % used; 100: the limit is reached, chatbots no longer start for new visitors'),
  forecastOn: z.string().nullable().describe('YYYY-MM-DD the limit will be reached at the current rate, or null'),
  text: z.string().describe('e.g. "312 of 1 000 left, renews on 3 December"'),
  forecastText: z.string(),
});
export type ChatbotUsage = z.infer<typeof ChatbotUsageSchema>;

export const AddonPackageViewSchema = z.object({
  id: z.string(),
  offerId: z.string(),
  name: z.string(),
  kind: AddonKindSchema,
  quantity: z.number().int(),
  amount: z.number().int().describe('conversations a month, or seats, it adds'),
  monthlyPriceCents: z.number().int(),
  currency: z.string(),
  purchasedAt: z.string(),
  autoRenew: z.boolean(),
  renewsAt: z.string().describe('ISO instant of the next renewal'),
  lapsesAt: z.string().nullable().describe('ISO instant it stops (auto-renew off), or null'),
  active: z.boolean(),
});
export type AddonPackageView = z.infer<typeof AddonPackageViewSchema>;

export const UsageNotificationSchema = z.object({
  threshold: z.union([z.literal(80), z.literal(100)]),
  periodIndex: z.number().int(),
  at: z.string(),
});

export const BillingOverviewSchema = z.object({
  plan: PlanSchema,
  pendingChange: z.object({ planCode: z.string(), effectiveAt: z.string() }).nullable(),
  usage: ChatbotUsageSchema,
  seats: z.object({ limit: z.number().int(), used: z.number().int() }),
  packages: z.array(AddonPackageViewSchema),
  /** What can be bought, and the plans this workspace may change to. */
  offers: z.array(AddonOfferSchema),
  plans: z.array(PlanSchema),
  notifications: z.array(UsageNotificationSchema),
});
export type BillingOverview = z.infer<typeof BillingOverviewSchema>;

export const BillingRecordSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(['package_purchase', 'package_renewal', 'plan_change']),
  item: z.string().describe('offer id or plan code'),
  description: z.string(),
  quantity: z.number().int(),
  amountCents: z.number().int(),
  currency: z.string(),
  periodIndex: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
});
export type BillingRecord = z.infer<typeof BillingRecordSchema>;

/** One counted chatbot conversation and the interaction that made it count. */
export const LedgerEntrySchema = z.object({
  conversationId: z.string(),
  countedAt: z.string(),
  periodIndex: z.number().int(),
  chatbotId: z.string(),
  chatbotName: z.string(),
  versionId: z.string(),
  interaction: z.enum(['button_chosen', 'answer_given']),
  nodeId: z.string(),
  choiceId: z.string().nullable(),
  visitorId: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
