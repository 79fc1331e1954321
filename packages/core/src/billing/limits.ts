/**
 * PRODUCT.md §3: the monthly chatbot-conversation limit (plan + active
 * conversation packages), agent seats (plan + active seat packages), what is
 * left, the 80 % / 100 % warnings, and the forecast of when the limit will be
 * reached. docs/billing.md explains each rule.
 */
import { isPackageActiveAt, type AddonKind, type AddonPackage } from './addon-packages.js';
import type { Plan } from './plans.js';

interface LimitInput {
  plan: Pick<Plan, 'includedChatbotConversations' | 'agentSeats'>;
  packages: readonly AddonPackage[];
  now: number;
}

function activeAmount(packages: readonly AddonPackage[], kind: AddonKind, now: number): number {
  let sum = 0;
  for (const pkg of packages) if (pkg.kind === kind && isPackageActiveAt(pkg, now)) sum += pkg.amount;
  return sum;
}

/** The monthly limit at `now`: the plan's included chatbot conversations + the conversation packages effective at `now`. */
export function chatbotConversationLimit(input: LimitInput): number {
  return input.plan.includedChatbotConversations + activeAmount(input.packages, 'chatbot_conversations', input.now);
}

/** Agent seats at `now`: the plan's seats + the seat packages effective at `now`. */
export function agentSeatLimit(input: LimitInput): number {
  return input.plan.agentSeats + activeAmount(input.packages, 'agent_seats', input.now);
}

/** max(0, limit − used). */
export function remainingConversations(input: { limit: number; used: number }): number {
  return Math.max(0, input.limit - input.used);
}

/** No chatbot conversation may be counted any more this period (a limit of 0 is reached at once). */
export function isLimitReached(input: { used: number; limit: number }): boolean {
  return input.used >= input.limit;
}

export const USAGE_WARNING_THRESHOLDS = [80, 100] as const;
export type UsageWarningThreshold = (typeof USAGE_WARNING_THRESHOLDS)[number];
export type UsageWarningLevel = 'none' | '80' | '100';

/** used ≥ percent % of limit, in integers (no rounding). */
function crossed(used: number, limit: number, percent: number): boolean {
  return used * 100 >= percent * limit;
}

/**
 * The thresholds crossed by `used` that were not sent yet this period
 * (`alreadySent`), lowest first. Each is sent once per period: the caller
 * records what it sent and passes it back.
 */
export function usageWarnings(input: { used: number; limit: number; alreadySent: readonly UsageWarningThreshold[] }): UsageWarningThreshold[] {
  return USAGE_WARNING_THRESHOLDS.filter((t) => crossed(input.used, input.limit, t) && !input.alreadySent.includes(t));
}

/** The warning to show now: '100' at or past the limit, '80' at or past 80 %, else 'none'. */
export function usageWarningLevel(input: { used: number; limit: number }): UsageWarningLevel {
  if (crossed(input.used, input.limit, 100)) return '100';
  if (crossed(input.used, input.limit, 80)) return '80';
  return 'none';
}

/** The shortest stretch the forecast's rate is taken over: a burst in the first minutes of a period does not forecast "in five minutes". */
export const FORECAST_MIN_WINDOW_MS = 60 * 60 * 1000;

/**
 * When the limit will be reached at the current rate: the average rate since
 * the period started (used ÷ elapsed, elapsed at least FORECAST_MIN_WINDOW_MS)
 * carried forward from `now`. `now` when it is already reached; null when
 * nothing was used yet, when the limit would not be reached before the period
 * ends, or when the period is over.
 */
export function forecastLimitReachedAt(input: { used: number; periodStart: number; now: number; periodEnd: number; limit: number }): number | null {
  const { used, periodStart, now, periodEnd, limit } = input;
  if (now >= periodEnd) return null;
  if (used >= limit) return now;
  if (used <= 0) return null;
  const elapsed = Math.max(now - periodStart, FORECAST_MIN_WINDOW_MS);
  const at = now + Math.ceil(((limit - used) * elapsed) / used);
  return at < periodEnd ? at : null;
}
