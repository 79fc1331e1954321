import type { Conversation, Message } from '@parley/core';

export type StatusFilter = 'open' | 'closed';
export type AssigneeFilter = 'all' | 'mine' | 'unassigned';
export interface ListFilter {
  status: StatusFilter;
  assignee: AssigneeFilter;
  /** Only conversations carrying this tag (absent = all tags). */
  tag?: string;
  /** Only chatbot conversations (label "Joined by chatbot"). */
  joinedByChatbot?: boolean;
  /** Only conversations this chatbot took part in (absent = any). */
  chatbotId?: string;
}

export const DEFAULT_FILTER: ListFilter = { status: 'open', assignee: 'all' };

export function sameFilter(a: ListFilter, b: ListFilter): boolean {
  return (
    a.status === b.status &&
    a.assignee === b.assignee &&
    (a.tag ?? null) === (b.tag ?? null) &&
    Boolean(a.joinedByChatbot) === Boolean(b.joinedByChatbot) &&
    (a.chatbotId ?? null) === (b.chatbotId ?? null)
  );
}

export type ConversationMap = Readonly<Record<string, Conversation>>;

/** Query string for GET /conversations matching a filter. */
export function filterQuery(filter: ListFilter): Record<string, string> {
  const q: Record<string, string> = { status: filter.status };
  if (filter.assignee === 'mine') q.assignee = 'me';
  else if (filter.assignee === 'unassigned') q.assignee = 'unassigned';
  if (filter.tag) q.tag = filter.tag;
  if (filter.joinedByChatbot) q.label = 'joined_by_chatbot';
  if (filter.chatbotId) q.chatbotId = filter.chatbotId;
  return q;
}

/**
 * Whether a held conversation belongs in the filtered list. `listed`: ids the
 * server answered for this filter (a chatbot that took part before the latest
 * one is known to the server only; the summary names the latest).
 */
export function matchesFilter(c: Conversation, filter: ListFilter, me: string | null, listed?: ReadonlySet<string>): boolean {
  if (c.status !== filter.status) return false;
  if (filter.tag && !c.tags.includes(filter.tag)) return false;
  if (filter.joinedByChatbot && !c.labels.includes('joined_by_chatbot')) return false;
  if (filter.chatbotId && c.chatbot?.id !== filter.chatbotId && !listed?.has(c.id)) return false;
  if (filter.assignee === 'mine') return me !== null && c.assigneeId === me;
  if (filter.assignee === 'unassigned') return c.assigneeId === null;
  return true;
}

/**
 * When the conversation last had activity, as the server orders the list:
 * its last message, its closing, else its creation. (The server also counts a
 * reopen; the summary does not say when that happened unless it carries
 * `activityAt`, which is used when present.)
 */
export function activityAt(c: Conversation): string {
  return c.activityAt;
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/** Newest activity first; ties by id so the order is stable. */
export function compareByActivity(a: Conversation, b: Conversation): number {
  const d = time(activityAt(b)) - time(activityAt(a));
  if (d !== 0) return d;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function visibleConversations(all: ConversationMap, filter: ListFilter, me: string | null, listed?: ReadonlySet<string>): Conversation[] {
  return Object.values(all)
    .filter((c) => matchesFilter(c, filter, me, listed))
    .sort(compareByActivity);
}

/**
 * Applies a fresh summary from the server (`conversation` frame or REST answer).
 * Frames can race: a summary never moves lastSeq/lastMessage backwards, but its
 * other fields (status, assignee, unread count, visitor) are taken as they come.
 */
export function upsertConversation(all: ConversationMap, incoming: Conversation): ConversationMap {
  const held = all[incoming.id];
  let next = incoming;
  if (held && held.lastSeq > incoming.lastSeq) {
    next = { ...incoming, lastSeq: held.lastSeq, lastMessage: held.lastMessage };
  }
  if (held && sameConversation(held, next)) return all;
  return { ...all, [incoming.id]: next };
}

function sameConversation(a: Conversation, b: Conversation): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Reflects a message in its conversation's summary before (or without) the
 * server's `conversation` frame: preview, lastSeq, — for visitor messages the
 * agent is not looking at — the unread count, and — for an agent's reply — the
 * end of a pending chatbot handover (the server clears it the same way; the
 * sending socket only gets `message.ack`, which carries no summary).
 */
export function applyMessageToSummary(all: ConversationMap, m: Message, viewing: boolean): ConversationMap {
  const held = all[m.conversationId];
  if (!held || m.seq <= held.lastSeq) return all;
  const unread = m.author.type === 'visitor' && !viewing ? held.unreadCount + 1 : held.unreadCount;
  const handover = held.handover && m.author.type === 'agent' && m.createdAt >= held.handover.at ? null : held.handover;
  return {
    ...all,
    [held.id]: {
      ...held,
      lastSeq: m.seq,
      lastMessage: { seq: m.seq, authorType: m.author.type, text: m.text, createdAt: m.createdAt },
      unreadCount: unread,
      updatedAt: m.createdAt > held.updatedAt ? m.createdAt : held.updatedAt,
      handover,
    },
  };
}

/** A visitor who just wrote or typed is online, whatever the last summary said. */
export function markVisitorOnline(all: ConversationMap, conversationId: string): ConversationMap {
  const held = all[conversationId];
  if (!held || held.visitor.online) return all;
  return { ...all, [conversationId]: { ...held, visitor: { ...held.visitor, online: true } } };
}

export function markReadLocally(all: ConversationMap, id: string): ConversationMap {
  const held = all[id];
  if (!held || held.unreadCount === 0) return all;
  return { ...all, [id]: { ...held, unreadCount: 0 } };
}

/**
 * After fetching the first page of a filter from the server: conversations held
 * locally that match the filter but are missing from the answer changed while we
 * were not listening (closed, reassigned elsewhere…). They are dropped — unless
 * they are older than the page's oldest item (simply on a later page), or the one
 * the agent is looking at (the caller refreshes it).
 */
export function reconcileFirstPage(
  all: ConversationMap,
  filter: ListFilter,
  me: string | null,
  page: readonly Conversation[],
  complete: boolean,
  keepId: string | null,
): ConversationMap {
  let next: Record<string, Conversation> = { ...all };
  for (const c of page) next = { ...upsertConversation(next, c) };
  const inPage = new Set(page.map((c) => c.id));
  const oldest = page.length > 0 ? page.reduce((o, c) => (compareByActivity(o, c) < 0 ? c : o)) : null;
  let dropped = false;
  for (const c of Object.values(all)) {
    if (inPage.has(c.id) || c.id === keepId || !matchesFilter(c, filter, me)) continue;
    const onLaterPage = !complete && oldest !== null && compareByActivity(c, oldest) > 0;
    if (onLaterPage) continue;
    delete next[c.id];
    dropped = true;
  }
  if (!dropped && page.every((c) => all[c.id] === next[c.id])) return all;
  return next;
}

export function totalUnread(all: ConversationMap): number {
  let n = 0;
  for (const c of Object.values(all)) if (c.status === 'open') n += c.unreadCount;
  return n;
}
