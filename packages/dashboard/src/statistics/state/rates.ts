/**
 * Rates as the pages say them: always with their denominator ("62% of 40
 * conversations where a chatbot was shown"), never a bare percentage, and no
 * percentage at all over nothing.
 */

/** A counted thing, singular and plural ("conversation", "conversations where a chatbot was shown"). */
export interface Noun {
  one: string;
  many: string;
}

export const CONVERSATIONS: Noun = { one: 'conversation', many: 'conversations' };
export const CHATBOT_SHOWN: Noun = { one: 'conversation where a chatbot was shown', many: 'conversations where a chatbot was shown' };

export function countOf(n: number, noun: Noun, locale?: string): string {
  return `${n.toLocaleString(locale)} ${n === 1 ? noun.one : noun.many}`;
}

/**
 * `part / whole` as a whole percentage: "62%"; "<1%" above zero but under
 * half a percent, ">99%" under the whole but rounding to 100 — so a rate is
 * never shown as 0% or 100% when it is not. Null when `whole` is 0.
 */
export function percentText(part: number, whole: number): string | null {
  if (whole <= 0) return null;
  const ratio = part / whole;
  const rounded = Math.round(ratio * 100);
  if (part > 0 && rounded === 0) return '<1%';
  if (part < whole && rounded === 100) return '>99%';
  return `${rounded}%`;
}

/** "62% of 40 conversations where a chatbot was shown", or "No conversations where a chatbot was shown" over nothing. */
export function shareText(part: number, whole: number, noun: Noun, locale?: string): string {
  const percent = percentText(part, whole);
  if (percent === null) return `No ${noun.many}`;
  return `${percent} of ${countOf(whole, noun, locale)}`;
}
