/**
 * What the chatbot dashboard shows about this month's chatbot conversations
 * (PRODUCT.md §3, issue 6): limit, used, remaining, renewal date, warning and
 * forecast, and the English sentences for them ("312 of 1 000 left, renews on
 * 3 December"). The formatting is separate and pure; the server sends both
 * (the dashboard imports only types from @parley/core).
 */
import { localDate, type BillingPeriod } from './billing-period.js';
import type { AddonPackage } from './addon-packages.js';
import {
  chatbotConversationLimit,
  forecastLimitReachedAt,
  remainingConversations,
  usageWarningLevel,
  type UsageWarningLevel,
} from './limits.js';
import type { Plan } from './plans.js';

export interface UsageSummary {
  planCode: string;
  limit: number;
  used: number;
  remaining: number;
  periodIndex: number;
  periodStart: number;
  periodEnd: number;
  /** "YYYY-MM-DD", local: the day the period renews (usage starts again from 0). */
  renewsOn: string;
  warning: UsageWarningLevel;
  /** When the limit will be reached at the current rate (epoch ms), or null (limits.ts). */
  forecast: number | null;
  /** `forecast` as a local "YYYY-MM-DD", or null. */
  forecastOn: string | null;
}

/** The dashboard's figures at `now`, for the period containing it (`period` from periodAt). */
export function usageSummary(input: {
  plan: Pick<Plan, 'code' | 'includedChatbotConversations' | 'agentSeats'>;
  packages: readonly AddonPackage[];
  used: number;
  period: BillingPeriod;
  now: number;
}): UsageSummary {
  const { plan, packages, used, period, now } = input;
  const limit = chatbotConversationLimit({ plan, packages, now });
  const forecast = forecastLimitReachedAt({ used, periodStart: period.start, now, periodEnd: period.end, limit });
  return {
    planCode: plan.code,
    limit,
    used,
    remaining: remainingConversations({ limit, used }),
    periodIndex: period.index,
    periodStart: period.start,
    periodEnd: period.end,
    renewsOn: period.endDate,
    warning: usageWarningLevel({ used, limit }),
    forecast,
    forecastOn: forecast === null ? null : localDate(forecast, period.timeZone),
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** 1000 → "1 000", 1234567 → "1 234 567" (a space between groups of three, as PRODUCT.md writes them). */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** "2026-12-03" → "3 December". */
export function formatDayMonth(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = match === null ? undefined : MONTHS[Number(match[2]) - 1];
  if (match === null || month === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return `${Number(match[3])} ${month}`;
}

/** "312 of 1 000 left, renews on 3 December". */
export function formatUsageText(summary: Pick<UsageSummary, 'remaining' | 'limit' | 'renewsOn'>): string {
  return `${formatCount(summary.remaining)} of ${formatCount(summary.limit)} left, renews on ${formatDayMonth(summary.renewsOn)}`;
}

/**
 * The forecast as a sentence: "Limit reached" at the limit; "At this rate the
 * limit will be reached on 28 November" when it will be before the renewal;
 * otherwise "At this rate the limit will last until the renewal".
 */
export function formatForecastText(summary: Pick<UsageSummary, 'warning' | 'forecastOn'>): string {
  if (summary.warning === '100') return 'Limit reached';
  if (summary.forecastOn === null) return 'At this rate the limit will last until the renewal';
  return `At this rate the limit will be reached on ${formatDayMonth(summary.forecastOn)}`;
}
