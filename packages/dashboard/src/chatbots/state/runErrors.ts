import type { ChatbotRunError } from '../../api/types';

/**
 * Run errors: what went wrong while a chatbot ran in visitors' conversations
 * (`GET /chatbots/:id/errors`, docs/api.md). Pure, and free of `@parley/flow`
 * values so the chatbot list (main bundle) can use it too.
 */

/** "Recent" = in the last 24 hours: the list's warning, the header's count, the dots on the canvas. */
export const RECENT_ERROR_WINDOW_MS = 24 * 60 * 60 * 1000;

/** How many errors the builder and the list ask for (newest first). */
export const RUN_ERRORS_LIMIT = 50;

const SENTENCES: Record<string, string> = {
  webhook_failed: 'A webhook call failed, so the flow took its failure path.',
  webhook_timeout: 'A webhook did not answer in time, so the flow took its failure path.',
  missing_node: 'The flow led to a step that does not exist; a human was asked to take over.',
  step_limit: 'The flow ran through too many steps without waiting for the visitor (a loop?); a human was asked to take over.',
  go_to_flow_unavailable:
    'The chatbot to go to does not exist or has no published version, so the conversation was left without a chatbot.',
};

const TITLES: Record<string, string> = {
  webhook_failed: 'Webhook failed',
  webhook_timeout: 'Webhook timed out',
  missing_node: 'Missing step',
  step_limit: 'Too many steps',
  go_to_flow_unavailable: 'Chatbot to go to unavailable',
};

/** A sentence for the owner about an error code; codes this dashboard does not know get a generic one. */
export function runErrorSentence(code: string): string {
  return Object.hasOwn(SENTENCES, code) ? SENTENCES[code]! : 'Something went wrong while the chatbot ran.';
}

/** A short title for an error code ("Webhook failed"). */
export function runErrorTitle(code: string): string {
  return Object.hasOwn(TITLES, code) ? TITLES[code]! : 'Run error';
}

/** Whether an error happened within `windowMs` before `now` (a timestamp a little ahead of the clock counts too). */
export function isRecentError(error: Pick<ChatbotRunError, 'at'>, now: Date, windowMs = RECENT_ERROR_WINDOW_MS): boolean {
  const t = Date.parse(error.at);
  if (Number.isNaN(t)) return false;
  return now.getTime() - t <= windowMs;
}

/** The errors of the last 24 hours (or `windowMs`), order kept. */
export function recentErrors<E extends Pick<ChatbotRunError, 'at'>>(errors: readonly E[], now: Date, windowMs = RECENT_ERROR_WINDOW_MS): E[] {
  return errors.filter((e) => isRecentError(e, now, windowMs));
}

/** Errors grouped by step id, order kept within a step; errors that concern no step are left out. */
export function errorsByNode<E extends Pick<ChatbotRunError, 'nodeId'>>(errors: readonly E[]): Map<string, E[]> {
  const map = new Map<string, E[]>();
  for (const error of errors) {
    if (error.nodeId === null) continue;
    const list = map.get(error.nodeId);
    if (list) list.push(error);
    else map.set(error.nodeId, [error]);
  }
  return map;
}

/** "3 errors", "1 error"; "50+ errors" when the page may have cut more off. */
export function errorCountLabel(count: number, capped = false): string {
  return `${count}${capped ? '+' : ''} error${count === 1 && !capped ? '' : 's'}`;
}

/** The tooltip of a step's warning dot: "2 errors in the last 24 hours; latest: Webhook failed" (null for none). */
export function nodeErrorHint(errors: readonly Pick<ChatbotRunError, 'code'>[]): string | null {
  if (errors.length === 0) return null;
  return `${errorCountLabel(errors.length)} in the last 24 hours; latest: ${runErrorTitle(errors[0]!.code)}`;
}

/**
 * The warning a chatbot row of the list shows: the count of errors in the last
 * 24 hours out of the newest page, `capped` when every error of a full page is
 * recent (there may be more). Null when there is nothing to warn about.
 */
export function listWarning(
  errors: readonly Pick<ChatbotRunError, 'at'>[],
  now: Date,
  limit = RUN_ERRORS_LIMIT,
): { count: number; capped: boolean; latestAt: string } | null {
  const recent = recentErrors(errors, now);
  if (recent.length === 0) return null;
  return { count: recent.length, capped: errors.length >= limit && recent.length === errors.length, latestAt: recent[0]!.at };
}
