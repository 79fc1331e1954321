/** Builders for unit tests (not bundled: only *.test.ts import this). */
import type { Conversation, Message } from '@parley/core';

export function msg(seq: number, over: Partial<Message> & { authorType?: Message['author']['type'] } = {}): Message {
  const { authorType = 'visitor', ...rest } = over;
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    clientId: null,
    author: { type: authorType, id: authorType === 'system' ? null : `${authorType}-1`, name: authorType === 'agent' ? 'Ada' : null },
    text: `message ${seq}`,
    meta: null,
    createdAt: new Date(Date.UTC(2024, 2, 14, 12, 0, seq)).toISOString(),
    ...rest,
  };
}

/** A conversation; its activityAt defaults to the latest of creation, last message and close, as the server keeps it. */
export function conv(id: string, over: Partial<Conversation> = {}): Conversation {
  const base: Omit<Conversation, 'activityAt'> = {
    id,
    websiteId: 'w1',
    status: 'open',
    assigneeId: null,
    tags: [],
    labels: [],
    lastSeq: 0,
    lastMessage: null,
    unreadCount: 0,
    visitor: { id: `v-${id}`, displayName: `Visitor ${id}`, email: null, online: true },
    createdAt: '2024-03-14T10:00:00.000Z',
    updatedAt: '2024-03-14T10:00:00.000Z',
    closedAt: null,
    chatbot: null,
    handover: null,
    ...over,
  };
  let at = base.createdAt;
  if (base.lastMessage && base.lastMessage.createdAt > at) at = base.lastMessage.createdAt;
  if (base.status === 'closed' && base.closedAt && base.closedAt > at) at = base.closedAt;
  return { ...base, activityAt: over.activityAt ?? at };
}
