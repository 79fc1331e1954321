/**
 * PRODUCT.md §2: chatbot conversation or normal conversation, and the outcome
 * of a conversation in which a chatbot was shown. Pure functions over the
 * folded facts (conversation-facts.ts); docs/statistics.md defines each term.
 */
import type { ConversationFacts, SessionFacts } from './conversation-facts.js';

export type ConversationKind = 'chatbot_conversation' | 'normal_conversation';

/**
 * resolved_by_chatbot — the visitor interacted and the conversation ended with no escalation;
 * escalated_to_human — the visitor typed instead, reached a handover or asked for a human;
 * in_progress — the visitor interacted, nothing ended it yet;
 * none — no chatbot was shown, or it was shown and neither used nor escalated from.
 */
export type ChatbotOutcome = 'resolved_by_chatbot' | 'escalated_to_human' | 'in_progress' | 'none';

export interface Classification {
  kind: ConversationKind;
  /** The visitor's first click or answer to a chatbot: the moment it became a chatbot conversation. */
  firstInteractionAt: number | null;
  /** A chatbot started, joined or finished it. */
  chatbotShown: boolean;
  outcome: ChatbotOutcome;
  /** Shown and ignored entirely: no inbox entry (counted as triggered only). */
  impression: boolean;
}

export function sessionInteracted(session: SessionFacts): boolean {
  return session.firstInteractionAt !== null;
}

/** The visitor typed instead, a handover happened, or they asked for a human (a handover too). */
export function sessionEscalated(session: SessionFacts): boolean {
  return session.typed || session.handover;
}

/** The conversation ended after this time (an end signal at or after it). */
function endedSince(facts: ConversationFacts, since: number | null): boolean {
  return facts.lastEndAt !== null && (since === null || facts.lastEndAt >= since);
}

function outcomeOf(facts: ConversationFacts, sessions: readonly SessionFacts[]): ChatbotOutcome {
  if (sessions.length === 0) return 'none';
  if (sessions.some(sessionEscalated)) return 'escalated_to_human';
  const interacted = sessions.filter(sessionInteracted);
  if (interacted.length === 0) return 'none';
  const lastInteraction = Math.max(...interacted.map((s) => s.lastInteractionAt ?? 0));
  return endedSince(facts, lastInteraction) ? 'resolved_by_chatbot' : 'in_progress';
}

/** Classifies a whole conversation (every chatbot in it). */
export function classifyConversation(facts: ConversationFacts): Classification {
  const sessions = Object.values(facts.sessions);
  let firstInteractionAt: number | null = null;
  for (const session of sessions) {
    if (session.firstInteractionAt !== null && (firstInteractionAt === null || session.firstInteractionAt < firstInteractionAt)) {
      firstInteractionAt = session.firstInteractionAt;
    }
  }
  const chatbotShown = sessions.length > 0;
  const outcome = outcomeOf(facts, sessions);
  return {
    kind: firstInteractionAt !== null ? 'chatbot_conversation' : 'normal_conversation',
    firstInteractionAt,
    chatbotShown,
    outcome,
    impression: chatbotShown && !facts.visible,
  };
}

/**
 * The conversation as one chatbot saw it (per-chatbot statistics): a chatbot
 * conversation for it when the visitor interacted with it; escalated when one
 * of its sessions escalated; resolved when the visitor used it and the
 * conversation ended after that with no escalation from it.
 */
export function classifyForChatbot(facts: ConversationFacts, chatbotId: string): Classification {
  const sessions = Object.values(facts.sessions).filter((s) => s.chatbotId === chatbotId);
  let firstInteractionAt: number | null = null;
  for (const session of sessions) {
    if (session.firstInteractionAt !== null && (firstInteractionAt === null || session.firstInteractionAt < firstInteractionAt)) {
      firstInteractionAt = session.firstInteractionAt;
    }
  }
  return {
    kind: firstInteractionAt !== null ? 'chatbot_conversation' : 'normal_conversation',
    firstInteractionAt,
    chatbotShown: sessions.length > 0,
    outcome: outcomeOf(facts, sessions),
    impression: sessions.length > 0 && !facts.visible,
  };
}

/** One session's outcome (insights per version and language). */
export function sessionOutcome(facts: ConversationFacts, session: SessionFacts): ChatbotOutcome {
  return outcomeOf(facts, [session]);
}

/**
 * Where the visitor left the flow: the session's last node, when the session
 * neither finished the flow nor escalated and the conversation ended after it
 * reached that node (or the session itself timed out or was closed).
 */
export function sessionDropOff(facts: ConversationFacts, session: SessionFacts): string | null {
  if (sessionEscalated(session)) return null;
  if (session.endReason !== null && !['timeout', 'conversation_closed'].includes(session.endReason)) return null;
  const ordinals = Object.keys(session.nodes).map(Number);
  if (ordinals.length === 0) return null;
  const last = session.nodes[Math.max(...ordinals)]!;
  const left = session.endReason !== null || endedSince(facts, last.at);
  return left ? last.nodeId : null;
}
