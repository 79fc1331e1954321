import type { ChatbotUsage } from '@parley/core';

/**
 * The chatbot-conversation usage as the dashboard shows it: the sentence
 * "312 of 1 000 left, renews on 3 December" (mirrors `formatUsageText` of
 * @parley/core; a test compares them), the bar, the warning level and its
 * colour, and when the app-wide banner shows.
 */
export type WarningLevel = ChatbotUsage['warning'];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 1000 → "1 000" (a space between groups of three, as PRODUCT.md writes them). */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** "2026-12-03" → "3 December"; anything else is returned as it is. */
export function formatDayMonth(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return date;
  return `${Number(match[3])} ${month}`;
}

/** "2026-11-03" → "3 Nov 2026" (a table's short date). */
export function formatShortDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return date;
  return `${Number(match[3])} ${month.slice(0, 3)} ${match[1]}`;
}

/** The sentence in two parts: the big "312 of 1 000 left" and ", renews on 3 December". */
export function usageTextParts(usage: Pick<ChatbotUsage, 'remaining' | 'limit' | 'period'>): { left: string; renews: string } {
  return {
    left: `${formatCount(usage.remaining)} of ${formatCount(usage.limit)} left`,
    renews: `, renews on ${formatDayMonth(usage.period.renewsOn)}`,
  };
}

/** The bar's filled share, 0–100: used ÷ limit, capped; a limit of 0 is full (reached at once). */
export function usagePercent(used: number, limit: number): number {
  if (limit <= 0) return 100;
  if (used <= 0) return 0;
  return Math.min(100, (used * 100) / limit);
}

/** "72 %" for the bar's label: whole percent, never "0 %" once something is used nor "100 %" before the limit. */
export function usagePercentLabel(used: number, limit: number): string {
  const exact = usagePercent(used, limit);
  let shown = Math.round(exact);
  if (shown === 0 && used > 0) shown = 1;
  if (shown === 100 && used < limit) shown = 99;
  return `${shown} %`;
}

/** Mirrors @parley/core's `usageWarningLevel` (integers, no rounding: 799 of 999 is not yet 80 %). */
export function warningLevelOf(used: number, limit: number): WarningLevel {
  if (used * 100 >= 100 * limit) return '100';
  if (used * 100 >= 80 * limit) return '80';
  return 'none';
}

export type UsageTone = 'ok' | 'warn' | 'full';

/** The bar's and the panel's colour: green, amber from 80 %, red at the limit. */
export function usageTone(level: WarningLevel): UsageTone {
  return level === '100' ? 'full' : level === '80' ? 'warn' : 'ok';
}

export const WARNING_80_TEXT = "80 % of this month's chatbot conversations used";
export const WARNING_100_TEXT = 'Limit reached: chatbots no longer start for new visitors. Visitors can still write to your team.';

/** The warning sentence for a level, or null for none. */
export function warningText(level: WarningLevel): string | null {
  return level === '100' ? WARNING_100_TEXT : level === '80' ? WARNING_80_TEXT : null;
}

// ---- the app-wide banner ----

/** What the agent dismissed in this browser session: the level, in that period. */
export interface BannerDismissal {
  periodIndex: number;
  level: Exclude<WarningLevel, 'none'>;
}

const RANK: Record<WarningLevel, number> = { none: 0, '80': 1, '100': 2 };

/**
 * The banner shows at 80 % and at the limit, unless this level (or a higher
 * one) was dismissed in this period: it comes back when the level rises
 * (80 → 100) and in a new period.
 */
export function bannerVisible(usage: Pick<ChatbotUsage, 'warning' | 'period'> | null, dismissed: BannerDismissal | null): boolean {
  if (!usage || usage.warning === 'none') return false;
  if (!dismissed || dismissed.periodIndex !== usage.period.index) return true;
  return RANK[usage.warning] > RANK[dismissed.level];
}

/** Reads a stored dismissal (sessionStorage text); null when absent or not one. */
export function parseDismissal(text: string | null): BannerDismissal | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<BannerDismissal> | null;
    if (value && Number.isInteger(value.periodIndex) && (value.level === '80' || value.level === '100')) {
      return { periodIndex: value.periodIndex as number, level: value.level };
    }
  } catch {
    // not JSON: nothing dismissed
  }
  return null;
}
