import type { Conversation, Message } from '@parley/core';
import type { AgentServerFrame as ServerFrame } from '../../realtime/frames';
import {
  applyMessageToSummary,
  DEFAULT_FILTER,
  markReadLocally,
  markVisitorOnline,
  reconcileFirstPage,
  sameFilter,
  upsertConversation,
  type ConversationMap,
  type ListFilter,
} from './conversations';
import { maxSeq, mergeMessages } from './messages';
import { enqueue, find, markAttempted, restoreIntoDraft, settle, type Outbox, type OutboxEntry } from './outbox';
import { applyTyping, clearTypingOf, expireTyping, type TypingMap } from './typing';

export interface AgentInfo {
  id: string;
  name: string;
  email: string;
  role: 'owner' | 'admin' | 'agent';
  online: boolean;
}

export interface TranscriptState {
  messages: Message[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
}

export interface ListState {
  filter: ListFilter;
  loading: boolean;
  error: string | null;
  nextCursor: string | null;
  /** Ids the server answered for this filter (the pages loaded so far). */
  listed: ReadonlySet<string>;
}

const NONE_LISTED: ReadonlySet<string> = new Set();

export interface InboxState {
  /** The signed-in agent's id. */
  me: string | null;
  conversations: ConversationMap;
  transcripts: Readonly<Record<string, TranscriptState>>;
  outbox: Outbox;
  drafts: Readonly<Record<string, string>>;
  composerErrors: Readonly<Record<string, string>>;
  typing: TypingMap;
  agents: Readonly<Record<string, AgentInfo>>;
  list: ListState;
  activeId: string | null;
  /** Is the tab visible? (Messages arriving while hidden stay unread.) */
  visible: boolean;
}

export function initialInboxState(me: string | null = null, visible = true): InboxState {
  return {
    me,
    conversations: {},
    transcripts: {},
    outbox: [],
    drafts: {},
    composerErrors: {},
    typing: {},
    agents: {},
    list: { filter: DEFAULT_FILTER, loading: false, error: null, nextCursor: null, listed: NONE_LISTED },
    activeId: null,
    visible,
  };
}

export type InboxAction =
  | { type: 'agentsLoaded'; agents: AgentInfo[] }
  | { type: 'filter'; filter: ListFilter }
  | { type: 'listLoading' }
  | { type: 'listLoaded'; filter: ListFilter; conversations: Conversation[]; nextCursor: string | null; firstPage: boolean }
  | { type: 'listFailed'; filter: ListFilter; error: string }
  | { type: 'conversationLoaded'; conversation: Conversation }
  | { type: 'conversationGone'; id: string }
  | { type: 'transcriptLoading'; id: string }
  | { type: 'transcriptLoaded'; id: string; messages: Message[] }
  | { type: 'transcriptFailed'; id: string; error: string }
  /** After a reconnect, cached transcripts of other conversations may have holes: forget them. */
  | { type: 'transcriptsStale'; keep: string | null }
  | { type: 'frame'; frame: ServerFrame; now: number }
  | { type: 'enqueue'; entry: Omit<OutboxEntry, 'attempts'> }
  | { type: 'sent'; clientIds: string[] }
  | { type: 'sendFailed'; clientId: string; error: string }
  | { type: 'select'; id: string | null }
  | { type: 'visibility'; visible: boolean }
  | { type: 'markedRead'; id: string }
  | { type: 'draft'; id: string; text: string }
  | { type: 'composerError'; id: string; error: string | null }
  | { type: 'typingExpire'; now: number };


function withoutKey<T>(rec: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  if (!(key in rec)) return rec;
  const copy = { ...rec };
  delete copy[key];
  return copy;
}

function mergeIntoTranscript(state: InboxState, id: string, messages: Message[]): InboxState['transcripts'] {
  const t = state.transcripts[id];
  if (!t) return state.transcripts;
  const merged = mergeMessages(t.messages, messages);
  return merged === t.messages ? state.transcripts : { ...state.transcripts, [id]: { ...t, messages: merged } };
}

/** A send that failed: the text goes back into the composer with the server's reason. */
function failSend(state: InboxState, clientId: string, error: string): InboxState {
  const entry = find(state.outbox, clientId);
  if (!entry) return state;
  const id = entry.conversationId;
  return {
    ...state,
    outbox: settle(state.outbox, clientId),
    drafts: { ...state.drafts, [id]: restoreIntoDraft(state.drafts[id] ?? '', entry.text) },
    composerErrors: { ...state.composerErrors, [id]: error },
  };
}

function applyFrame(state: InboxState, frame: ServerFrame, now: number): InboxState {
  switch (frame.type) {
    case 'message':
    case 'message.ack': {
      const m = frame.message;
      const viewing = state.activeId === m.conversationId && state.visible;
      const transcripts = mergeIntoTranscript(state, m.conversationId, [m]);
      // An agent's message frame carries the server's new summary: take it as the truth.
      const summarised = frame.type === 'message' && frame.conversation ? upsertConversation(state.conversations, frame.conversation) : state.conversations;
      let conversations = applyMessageToSummary(summarised, m, viewing);
      if (frame.type === 'message' && m.author.type === 'visitor') conversations = markVisitorOnline(conversations, m.conversationId);
      const outbox = frame.type === 'message.ack' ? settle(state.outbox, frame.clientId) : settle(state.outbox, m.clientId);
      const typing = clearTypingOf(state.typing, m.conversationId, m.author);
      if (
        transcripts === state.transcripts &&
        conversations === state.conversations &&
        outbox === state.outbox &&
        typing === state.typing
      ) {
        return state;
      }
      return { ...state, transcripts, conversations, outbox, typing };
    }
    case 'sync': {
      if (!frame.conversationId || frame.messages.length === 0) return state;
      const viewing = state.activeId === frame.conversationId && state.visible;
      let conversations = state.conversations;
      for (const m of frame.messages) conversations = applyMessageToSummary(conversations, m, viewing);
      const transcripts = mergeIntoTranscript(state, frame.conversationId, frame.messages);
      if (transcripts === state.transcripts && conversations === state.conversations) return state;
      return { ...state, transcripts, conversations };
    }
    case 'conversation': {
      // Defensive: only full agent-side summaries (a visitor-shaped state has no `visitor`).
      if (!frame.conversation || !('visitor' in frame.conversation)) return state;
      const conversations = upsertConversation(state.conversations, frame.conversation);
      return conversations === state.conversations ? state : { ...state, conversations };
    }
    case 'typing': {
      if (frame.author.type === 'agent' && frame.author.id === state.me) return state;
      const typing = applyTyping(state.typing, frame.conversationId, frame.author, frame.typing, now);
      const conversations =
        frame.typing && frame.author.type === 'visitor'
          ? markVisitorOnline(state.conversations, frame.conversationId)
          : state.conversations;
      if (typing === state.typing && conversations === state.conversations) return state;
      return { ...state, typing, conversations };
    }
    case 'presence': {
      if (!frame.agents || frame.agents.length === 0) return state;
      let agents = state.agents;
      for (const p of frame.agents) {
        const a = agents[p.id];
        if (a && a.online !== p.online) agents = { ...agents, [p.id]: { ...a, online: p.online } };
      }
      return agents === state.agents ? state : { ...state, agents };
    }
    case 'error':
      return frame.ref ? failSend(state, frame.ref, frame.message) : state;
    case 'hello':
    case 'pong':
      return state;
  }
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'agentsLoaded': {
      const agents: Record<string, AgentInfo> = {};
      for (const a of action.agents) agents[a.id] = a;
      return { ...state, agents };
    }
    case 'filter':
      if (sameFilter(state.list.filter, action.filter)) return state;
      return { ...state, list: { filter: action.filter, loading: true, error: null, nextCursor: null, listed: NONE_LISTED } };
    case 'listLoading':
      return state.list.loading ? state : { ...state, list: { ...state.list, loading: true, error: null } };
    case 'listLoaded': {
      const conversations = action.firstPage
        ? reconcileFirstPage(state.conversations, action.filter, state.me, action.conversations, action.nextCursor === null, state.activeId)
        : action.conversations.reduce(upsertConversation, state.conversations);
      const ids = action.conversations.map((c) => c.id);
      const list = sameFilter(state.list.filter, action.filter)
        ? {
            ...state.list,
            loading: false,
            error: null,
            nextCursor: action.nextCursor,
            listed: new Set(action.firstPage ? ids : [...state.list.listed, ...ids]),
          }
        : state.list;
      return { ...state, conversations, list };
    }
    case 'listFailed':
      if (!sameFilter(state.list.filter, action.filter)) return state;
      return { ...state, list: { ...state.list, loading: false, error: action.error } };
    case 'conversationLoaded': {
      const conversations = upsertConversation(state.conversations, action.conversation);
      return conversations === state.conversations ? state : { ...state, conversations };
    }
    case 'conversationGone':
      return {
        ...state,
        conversations: withoutKey(state.conversations, action.id),
        transcripts: withoutKey(state.transcripts, action.id),
      };
    case 'transcriptLoading': {
      const held = state.transcripts[action.id];
      if (held?.status === 'loading') return state;
      return {
        ...state,
        transcripts: { ...state.transcripts, [action.id]: { messages: held?.messages ?? [], status: 'loading', error: null } },
      };
    }
    case 'transcriptLoaded': {
      const held = state.transcripts[action.id];
      const messages = mergeMessages(held?.messages ?? [], action.messages);
      return { ...state, transcripts: { ...state.transcripts, [action.id]: { messages, status: 'ready', error: null } } };
    }
    case 'transcriptFailed': {
      const held = state.transcripts[action.id];
      return {
        ...state,
        transcripts: { ...state.transcripts, [action.id]: { messages: held?.messages ?? [], status: 'error', error: action.error } },
      };
    }
    case 'transcriptsStale': {
      const keep = action.keep ? state.transcripts[action.keep] : undefined;
      const transcripts = keep && action.keep ? { [action.keep]: keep } : {};
      return { ...state, transcripts };
    }
    case 'frame':
      return applyFrame(state, action.frame, action.now);
    case 'enqueue': {
      const outbox = enqueue(state.outbox, action.entry);
      const id = action.entry.conversationId;
      return {
        ...state,
        outbox,
        drafts: { ...state.drafts, [id]: '' },
        composerErrors: withoutKey(state.composerErrors, id),
      };
    }
    case 'sent':
      return { ...state, outbox: markAttempted(state.outbox, action.clientIds) };
    case 'sendFailed':
      return failSend(state, action.clientId, action.error);
    case 'select':
      return state.activeId === action.id ? state : { ...state, activeId: action.id };
    case 'visibility':
      return state.visible === action.visible ? state : { ...state, visible: action.visible };
    case 'markedRead': {
      const conversations = markReadLocally(state.conversations, action.id);
      return conversations === state.conversations ? state : { ...state, conversations };
    }
    case 'draft':
      if ((state.drafts[action.id] ?? '') === action.text) return state;
      return { ...state, drafts: { ...state.drafts, [action.id]: action.text } };
    case 'composerError':
      if (action.error === null) {
        const composerErrors = withoutKey(state.composerErrors, action.id);
        return composerErrors === state.composerErrors ? state : { ...state, composerErrors };
      }
      return { ...state, composerErrors: { ...state.composerErrors, [action.id]: action.error } };
    case 'typingExpire': {
      const typing = expireTyping(state.typing, action.now);
      return typing === state.typing ? state : { ...state, typing };
    }
  }
}

/** Highest seq held for a conversation's transcript (0 when not loaded). */
export function transcriptMaxSeq(state: InboxState, id: string): number {
  const t = state.transcripts[id];
  return t ? maxSeq(t.messages) : 0;
}

/** Unread count to show: the conversation on screen counts as read. */
export function displayedUnread(state: InboxState, c: Conversation): number {
  return state.activeId === c.id && state.visible ? 0 : c.unreadCount;
}
