import type { Conversation, ConversationChatbot, HandoverReason, PendingHandover } from '@parley/core';

/** Why a chatbot handed the conversation to the team, as the end of a sentence ("… handed over: <text>"). */
export const HANDOVER_REASON_TEXT: Readonly<Record<HandoverReason, string>> = {
  visitor_typed: 'the visitor typed a message',
  handover_node: 'the chatbot reached a hand-over step',
  asked_for_human: 'the visitor asked for a human',
  invalid_answers: 'the visitor could not give a valid answer',
  flow_error: 'the chatbot ran into an error in its flow',
  quota_exhausted: 'the monthly chatbot conversation limit was reached',
};

/** The reason as text; a reason this dashboard does not know yet still reads sensibly. */
export function handoverReasonText(reason: string): string {
  return (HANDOVER_REASON_TEXT as Record<string, string>)[reason] ?? 'the chatbot handed over';
}

/** Sentence case for standalone use (tooltips, notification bodies). */
export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/**
 * What the conversation header says about the conversation's chatbot:
 * "Chatbot Acme handed over: the visitor typed a message", "Chatbot Acme is waiting for the visitor"…
 * null when no chatbot ran and nothing was handed over.
 */
export function chatbotStatusText(chatbot: ConversationChatbot | null, handover: PendingHandover | null): string | null {
  const who = chatbot ? `Chatbot ${chatbot.name}` : 'A chatbot';
  if (handover) return `${who} handed over: ${handoverReasonText(handover.reason)}`;
  if (!chatbot) return null;
  switch (chatbot.status) {
    case 'waiting':
      return `${who} is waiting for the visitor`;
    case 'running':
      return `${who} is running`;
    case 'handed_over':
      return `${who} handed over to the team`;
    case 'ended':
      return `${who} has ended`;
    default:
      return who;
  }
}

/** Identifies one handover of one conversation (a later handover has another `at`). */
export function handoverKey(conversationId: string, handover: PendingHandover): string {
  return `${conversationId}@${handover.at}`;
}

export interface HandoverAlertContext {
  /**
   * True for live socket frames. A REST answer (list load, refetch) only alerts for a
   * conversation already held, so the initial list load never alerts.
   */
  live: boolean;
  /**
   * Server time (epoch ms) from which handovers count as new: a live frame about a
   * conversation not held yet only alerts for a handover at or after it (null: no cut-off).
   */
  since: number | null;
  /** Handovers already alerted for (`handoverKey`): never twice. */
  alerted: ReadonlySet<string>;
}

/**
 * Should this change of a conversation's summary play the chime and show a notification?
 * Yes when its `handover` became set: from null, or to one with a different `at`.
 */
export function shouldAlertHandover(
  prev: Pick<Conversation, 'handover'> | undefined,
  next: Pick<Conversation, 'id' | 'status' | 'handover'>,
  ctx: HandoverAlertContext,
): boolean {
  const h = next.handover;
  if (!h || next.status !== 'open') return false;
  if (ctx.alerted.has(handoverKey(next.id, h))) return false;
  if (prev === undefined) {
    if (!ctx.live) return false;
    if (ctx.since === null) return true;
    const at = Date.parse(h.at);
    return Number.isNaN(at) || at >= ctx.since;
  }
  return prev.handover === null || prev.handover.at !== h.at;
}

/** The desktop notification for a new handover. */
export function handoverNotification(c: Pick<Conversation, 'visitor' | 'chatbot' | 'handover'>): { title: string; body: string } {
  return {
    title: `${c.visitor.displayName} needs a human`,
    body: capitalise(chatbotStatusText(c.chatbot, c.handover) ?? 'A chatbot handed the conversation over to the team'),
  };
}
