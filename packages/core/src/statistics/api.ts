/**
 * The statistics and insights API (docs/statistics.md): queries, answers, and
 * the pure arithmetic from aggregate sums to the figures shown — one
 * definition for the server, its OpenAPI document and the dashboard.
 */
import { z } from 'zod';

/** The longest range one query may cover (a leap year and a day). */
export const MAX_RANGE_DAYS = 367;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date, or null when it is not a real date. */
export function dayNumber(day: string): number | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return Math.round(ms / 86_400_000);
}

export function dayOfNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** Every calendar day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === null || b === null || b < a) return [];
  const days: string[] = [];
  for (let n = a; n <= b; n++) days.push(dayOfNumber(n));
  return days;
}

const DaySchema = z
  .string()
  .regex(DAY_PATTERN, 'Use a date like 2026-11-25')
  .refine((day) => dayNumber(day) !== null, 'Not a calendar date');

/** `from` ≤ `to`, at most MAX_RANGE_DAYS days: issues on `to`. */
function checkRange(range: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const a = dayNumber(range.from);
  const b = dayNumber(range.to);
  if (a === null || b === null) return;
  if (b < a) ctx.addIssue({ code: 'custom', message: '"to" is before "from"', path: ['to'] });
  else if (b - a + 1 > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', message: `A range may cover at most ${MAX_RANGE_DAYS} days`, path: ['to'] });
}

export const StatisticsQuerySchema = z
  .object({
    from: DaySchema.describe('First day, YYYY-MM-DD, in the workspace time zone'),
    to: DaySchema.describe('Last day (included), YYYY-MM-DD'),
    chatbotId: z.string().min(1).max(64).optional().describe('One chatbot; all chatbots when absent'),
  })
  .superRefine(checkRange);
export type StatisticsQuery = z.infer<typeof StatisticsQuerySchema>;

export const StatisticsFiguresSchema = z.object({
  conversations: z.number().int().describe('Conversations in the inbox (for one chatbot: those it was shown in)'),
  chatbotConversations: z.number().int().describe('The visitor clicked a chatbot button or answered a chatbot question'),
  normalConversations: z.number().int().describe('conversations − chatbotConversations'),
  chatbotShown: z.number().int().describe('Conversations in which a chatbot was shown: the denominator of the outcome rates'),
  resolvedByChatbot: z.number().int(),
  escalatedToHuman: z.number().int(),
  inProgress: z.number().int().describe('Chatbot conversations that have not ended yet'),
  impressions: z.number().int().describe('Chatbots triggered and ignored entirely: no inbox entry'),
});
export type StatisticsFigures = z.infer<typeof StatisticsFiguresSchema>;

export const StatisticsRatesSchema = z.object({
  chatbotConversationRate: z.number().nullable().describe('chatbotConversations / conversations'),
  resolvedRate: z.number().nullable().describe('resolvedByChatbot / chatbotShown'),
  escalatedRate: z.number().nullable().describe('escalatedToHuman / chatbotShown'),
});
export type StatisticsRates = z.infer<typeof StatisticsRatesSchema>;

export const StatisticsResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  chatbotId: z.string().nullable(),
  totals: StatisticsFiguresSchema,
  rates: StatisticsRatesSchema,
  /** One point per day of the range (zeros included). */
  series: z.array(StatisticsFiguresSchema.extend({ day: z.string() })),
});
export type StatisticsResponse = z.infer<typeof StatisticsResponseSchema>;

export const InsightsQuerySchema = z
  .object({
    from: DaySchema.describe('First day, YYYY-MM-DD, in the workspace time zone'),
    to: DaySchema.describe('Last day (included), YYYY-MM-DD'),
    versionId: z.string().min(1).max(64).optional().describe('One published version; all versions when absent'),
    language: z.string().min(1).max(35).optional().describe('One language variant (or the default language); all when absent'),
  })
  .superRefine(checkRange);
export type InsightsQuery = z.infer<typeof InsightsQuerySchema>;

export const InsightsFiguresSchema = z.object({
  triggered: z.number().int().describe('Chatbot runs started, joined or finished (impressions included)'),
  engaged: z.number().int().describe('Runs the visitor answered in any way: clicked, answered or typed'),
  chatbotConversations: z.number().int().describe('Runs in which the visitor clicked or answered'),
  resolvedByChatbot: z.number().int(),
  escalatedToHuman: z.number().int(),
});
export type InsightsFigures = z.infer<typeof InsightsFiguresSchema>;

export const InsightsResponseSchema = z.object({
  chatbotId: z.string(),
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  versionId: z.string().nullable(),
  language: z.string().nullable(),
  /** Published versions (newest first) and languages that have records, to choose from. */
  versions: z.array(z.object({ id: z.string(), number: z.number().int(), publishedAt: z.string() })),
  languages: z.array(z.string()),
  totals: InsightsFiguresSchema,
  nodes: z.array(z.object({ nodeId: z.string(), reached: z.number().int(), droppedOff: z.number().int() })),
  choices: z.array(z.object({ nodeId: z.string(), choiceId: z.string(), chosen: z.number().int() })),
  edges: z.array(z.object({ from: z.string(), to: z.string(), taken: z.number().int() })),
});
export type InsightsResponse = z.infer<typeof InsightsResponseSchema>;

export const EMPTY_STATISTICS: StatisticsFigures = {
  conversations: 0,
  chatbotConversations: 0,
  normalConversations: 0,
  chatbotShown: 0,
  resolvedByChatbot: 0,
  escalatedToHuman: 0,
  inProgress: 0,
  impressions: 0,
};

/** Figures from a `stats_daily` sum (columns in STATISTICS_COLUMNS order). */
export function statisticsFigures(sums: readonly number[]): StatisticsFigures {
  const [conversations = 0, chatbotConversations = 0, chatbotShown = 0, resolved = 0, escalated = 0, inProgress = 0, impressions = 0] = sums;
  return {
    conversations,
    chatbotConversations,
    normalConversations: conversations - chatbotConversations,
    chatbotShown,
    resolvedByChatbot: resolved,
    escalatedToHuman: escalated,
    inProgress,
    impressions,
  };
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Rates over the right denominators: outcomes over conversations in which a chatbot was shown. */
export function statisticsRates(figures: StatisticsFigures): StatisticsRates {
  return {
    chatbotConversationRate: ratio(figures.chatbotConversations, figures.conversations),
    resolvedRate: ratio(figures.resolvedByChatbot, figures.chatbotShown),
    escalatedRate: ratio(figures.escalatedToHuman, figures.chatbotShown),
  };
}

export function insightsFigures(sums: readonly number[]): InsightsFigures {
  const [triggered = 0, engaged = 0, chatbotConversations = 0, resolved = 0, escalated = 0] = sums;
  return { triggered, engaged, chatbotConversations, resolvedByChatbot: resolved, escalatedToHuman: escalated };
}
