/**
 * The visitor's view of the conversation: server messages ordered by seq and
 * de-duplicated (by id, by conversation+seq and by clientId), plus the
 * visitor's own messages that are still pending or failed. Pure: no DOM.
 */
import type { Author, Message, MessageMeta } from '@parley/core';
import type { OutboxEntry } from './outbox';

export type ItemStatus = 'pending' | 'sent' | 'failed';

export interface TranscriptItem {
  /** Stable key for the view: the clientId for the visitor's own messages, else the message id. */
  key: string;
  id: string | null;
  conversationId: string | null;
  seq: number | null;
  clientId: string | null;
  author: Author;
  text: string;
  /** Chatbot parts (buttons, question, image, link) or the visitor's choice; null for plain messages. */
  meta: MessageMeta | null;
  createdAt: string;
  status: ItemStatus;
  /** Why a failed message was refused. */
  error: string | null;
}

interface Sorted extends TranscriptItem {
  /** Local insertion counter (tie breaker, order of pending items). */
  n: number;
  /** For failed items: where they sat when they failed. */
  anchor: [number, number] | null;
}

export type ReceiveResult = 'added' | 'acked' | 'duplicate';

export class Transcript {
  private readonly items = new Map<string, Sorted>();
  private readonly bySeq = new Map<string, string>();
  private readonly byId = new Map<string, string>();
  private readonly conversations: string[] = [];
  private counter = 0;
  /** Bumped on every change, so a view can skip work. */
  version = 0;

  constructor(private readonly visitorAuthor: Author = { type: 'visitor', id: null, name: null }) {}

  private rank(conversationId: string | null): number {
    if (conversationId === null) return this.conversations.length;
    let i = this.conversations.indexOf(conversationId);
    if (i < 0) i = this.conversations.push(conversationId) - 1;
    return i;
  }

  /** Registers a conversation so its messages sort after those of earlier ones. */
  addConversation(conversationId: string): void {
    this.rank(conversationId);
  }

  /** Adds a message the visitor just typed or a button they clicked (or one restored from the outbox). */
  addPending(entry: OutboxEntry): boolean {
    if (this.items.has(entry.clientId)) return false;
    this.items.set(entry.clientId, {
      key: entry.clientId,
      id: null,
      conversationId: null,
      seq: null,
      clientId: entry.clientId,
      author: this.visitorAuthor,
      text: entry.text,
      meta: entry.choice
        ? { choice: { chatbotId: entry.choice.chatbotId, nodeId: entry.choice.nodeId, choiceId: entry.choice.choiceId } }
        : null,
      createdAt: entry.createdAt,
      status: 'pending',
      error: null,
      n: this.counter++,
      anchor: null,
    });
    this.version++;
    return true;
  }

  /**
   * Merges a message from the server (ack, live frame or sync). A message seen
   * before is a duplicate; one matching a pending clientId acknowledges it.
   */
  receive(message: Message): ReceiveResult {
    const seqKey = message.conversationId + ':' + message.seq;
    if (this.byId.has(message.id) || this.bySeq.has(seqKey)) return 'duplicate';
    this.rank(message.conversationId);
    const existing = message.clientId ? this.items.get(message.clientId) : undefined;
    const key = existing ? existing.key : this.items.has(message.id) ? seqKey : message.id;
    const item: Sorted = {
      key,
      id: message.id,
      conversationId: message.conversationId,
      seq: message.seq,
      clientId: message.clientId,
      author: message.author,
      text: message.text,
      // Servers before chatbots send no meta at all.
      meta: message.meta && typeof message.meta === 'object' ? message.meta : null,
      createdAt: message.createdAt,
      status: 'sent',
      error: null,
      n: existing ? existing.n : this.counter++,
      anchor: null,
    };
    this.items.set(key, item);
    this.bySeq.set(seqKey, key);
    this.byId.set(message.id, key);
    this.version++;
    return existing ? 'acked' : 'added';
  }

  /** Marks a pending message as refused by the server. */
  fail(clientId: string, error: string): TranscriptItem | undefined {
    const item = this.items.get(clientId);
    if (!item || item.status !== 'pending') return undefined;
    item.status = 'failed';
    item.error = error;
    // Stay where it was shown: after everything held right now.
    const last = this.conversations.length - 1;
    item.anchor = [Math.max(0, last), last < 0 ? 0 : this.maxSeq(this.conversations[last] as string)];
    this.version++;
    return item;
  }

  /** Removes a local (pending or failed) item. */
  discard(clientId: string): boolean {
    const item = this.items.get(clientId);
    if (!item || item.status === 'sent') return false;
    this.items.delete(clientId);
    this.version++;
    return true;
  }

  get(key: string): TranscriptItem | undefined {
    return this.items.get(key);
  }

  /** Highest seq held for the conversation. */
  maxSeq(conversationId: string): number {
    let max = 0;
    for (const it of this.items.values()) {
      if (it.conversationId === conversationId && it.seq !== null && it.seq > max) max = it.seq;
    }
    return max;
  }

  /**
   * Highest seq n such that 1…n are all held: what to ask `sync` for, so a
   * gap (a frame missed while the socket was down) gets filled.
   */
  contiguousSeq(conversationId: string): number {
    let n = 0;
    while (this.bySeq.has(conversationId + ':' + (n + 1))) n++;
    return n;
  }

  /** Messages not written by the visitor with seq > afterSeq in the conversation. */
  countFromOthers(conversationId: string, afterSeq: number): number {
    let n = 0;
    for (const it of this.items.values()) {
      if (it.conversationId === conversationId && it.seq !== null && it.seq > afterSeq && it.author.type !== 'visitor') n++;
    }
    return n;
  }

  /** Items in display order: conversations in order, by seq; failed ones where they failed; pending last. */
  list(): TranscriptItem[] {
    const sortKey = (it: Sorted): [number, number, number, number] => {
      if (it.status === 'pending') return [Infinity, 0, 0, it.n];
      if (it.status === 'failed' && it.anchor) return [it.anchor[0], it.anchor[1], 1, it.n];
      return [this.rank(it.conversationId), it.seq ?? 0, 0, it.n];
    };
    return Array.from(this.items.values())
      .map((it) => ({ it, k: sortKey(it) }))
      .sort((a, b) => {
        for (let i = 0; i < 4; i++) {
          const d = (a.k[i] as number) - (b.k[i] as number);
          if (d) return d;
        }
        return 0;
      })
      .map(({ it }) => it);
  }

  get size(): number {
    return this.items.size;
  }
}
