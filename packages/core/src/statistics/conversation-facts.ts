/**
 * What happened in one conversation, folded from its recorded events
 * (docs/statistics.md). The fold is order-independent and idempotent: the same
 * set of records gives the same facts whatever order they arrive in and however
 * often one of them is repeated — every field is a minimum, a maximum, a flag
 * or a set keyed by the record's own position.
 */

/** A chatbot's record (`chatbot_events`), as stored by the runtime. */
export interface ChatbotRecord {
  source: 'chatbot';
  /** The chatbot session: one run of one chatbot in the conversation. */
  sessionId: string;
  /** Position in the session (step × 1 000 + position in the step): orders the path. */
  ordinal: number;
  chatbotId: string;
  versionId: string;
  language: string;
  event: 'triggered' | 'node_reached' | 'button_chosen' | 'answer_given' | 'typed_instead' | 'handover' | 'ended';
  nodeId: string;
  choiceId: string | null;
  /** `triggered`: how the chatbot came in (started | joined | finished); `handover` and `ended`: why. */
  reason: string | null;
  at: number;
}

/** Something the conversation itself recorded (`conversation_events`). */
export interface ConversationRecord {
  source: 'conversation';
  /**
   * visitor_typed — a free message (not an answer) after a chatbot was shown;
   * chatbox_closed — the visitor closed the chat box; closed — the team or a
   * flow closed the conversation; inactive — nobody wrote for the inactivity timeout.
   */
  kind: 'visitor_typed' | 'chatbox_closed' | 'closed' | 'inactive';
  /** The chatbot session current when it happened (a visitor's message escalates that one). */
  sessionId: string | null;
  at: number;
}

export type StatisticsRecord = ChatbotRecord | ConversationRecord;

export type ChatbotRole = 'started' | 'joined' | 'finished';

export interface SessionFacts {
  sessionId: string;
  chatbotId: string;
  versionId: string;
  language: string;
  role: ChatbotRole;
  /** The first record of the session (its `triggered` one when present). */
  shownAt: number;
  firstInteractionAt: number | null;
  lastInteractionAt: number | null;
  /** The visitor typed instead of choosing (in the chatbot's turn or after it). */
  typed: boolean;
  handover: boolean;
  /** The `ended` record's reason (one per session), or null while it runs. */
  endReason: string | null;
  endedAt: number | null;
  /** `node_reached`, by ordinal: the path. */
  nodes: Record<number, { nodeId: string; at: number }>;
  /** `button_chosen`, by ordinal. */
  choices: Record<number, { nodeId: string; choiceId: string }>;
}

export interface ConversationFacts {
  conversationId: string;
  startedAt: number;
  /** In the inbox (a chatbot conversation the visitor never touched is not: an impression). */
  visible: boolean;
  /** The latest time the conversation ended: chat box closed, closed, inactive, or a flow reached its end. */
  lastEndAt: number | null;
  sessions: Record<string, SessionFacts>;
}

/** The conversation row's part: created_at and whether the inbox shows it. */
export interface ConversationBase {
  conversationId: string;
  createdAt: number;
  visible: boolean;
}

const INTERACTIONS = new Set(['button_chosen', 'answer_given']);
/** A session ending with these means the flow came to its end (an end signal for the outcome). */
export const FLOW_END_REASONS: ReadonlySet<string> = new Set(['end_node', 'no_next_step', 'timeout']);
const ROLES = new Set<ChatbotRole>(['started', 'joined', 'finished']);

const min = (a: number | null, b: number): number => (a === null || b < a ? b : a);
const max = (a: number | null, b: number): number => (a === null || b > a ? b : a);

function emptySession(record: ChatbotRecord): SessionFacts {
  return {
    sessionId: record.sessionId,
    chatbotId: record.chatbotId,
    versionId: record.versionId,
    language: record.language,
    role: 'started',
    shownAt: record.at,
    firstInteractionAt: null,
    lastInteractionAt: null,
    typed: false,
    handover: false,
    endReason: null,
    endedAt: null,
    nodes: {},
    choices: {},
  };
}

/** Folds records into the facts of one conversation; any order, any repetition, same result. */
export function foldConversation(base: ConversationBase, records: Iterable<StatisticsRecord>): ConversationFacts {
  const facts: ConversationFacts = { conversationId: base.conversationId, startedAt: base.createdAt, visible: base.visible, lastEndAt: null, sessions: {} };
  const typedSessions: string[] = [];
  for (const record of records) {
    if (record.source === 'conversation') {
      if (record.kind === 'visitor_typed') {
        if (record.sessionId) typedSessions.push(record.sessionId);
      } else {
        facts.lastEndAt = max(facts.lastEndAt, record.at);
      }
      continue;
    }
    facts.startedAt = Math.min(facts.startedAt, record.at);
    let session = facts.sessions[record.sessionId];
    if (!session) {
      session = emptySession(record);
      facts.sessions[record.sessionId] = session;
    }
    session.shownAt = Math.min(session.shownAt, record.at);
    switch (record.event) {
      case 'triggered':
        if (record.reason && ROLES.has(record.reason as ChatbotRole)) session.role = record.reason as ChatbotRole;
        break;
      case 'node_reached':
        session.nodes[record.ordinal] = { nodeId: record.nodeId, at: record.at };
        break;
      case 'button_chosen':
        if (record.choiceId !== null) session.choices[record.ordinal] = { nodeId: record.nodeId, choiceId: record.choiceId };
        break;
      case 'typed_instead':
        session.typed = true;
        break;
      case 'handover':
        session.handover = true;
        break;
      case 'ended':
        session.endReason = record.reason ?? 'ended';
        session.endedAt = record.at;
        if (record.reason !== null && FLOW_END_REASONS.has(record.reason)) facts.lastEndAt = max(facts.lastEndAt, record.at);
        break;
      default:
        break;
    }
    if (INTERACTIONS.has(record.event)) {
      session.firstInteractionAt = min(session.firstInteractionAt, record.at);
      session.lastInteractionAt = max(session.lastInteractionAt, record.at);
    }
  }
  // A free message escalates the session it was written in (recorded with its id).
  for (const sessionId of typedSessions) {
    const session = facts.sessions[sessionId];
    if (session) session.typed = true;
  }
  return facts;
}

/** The session's path: the nodes it reached, in order. */
export function sessionPath(session: SessionFacts): string[] {
  return Object.keys(session.nodes)
    .map(Number)
    .sort((a, b) => a - b)
    .map((ordinal) => session.nodes[ordinal]!.nodeId);
}
