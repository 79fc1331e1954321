import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Message, MessageMeta } from '@parley/core';
import type { ConversationRow, Database, MessageRow } from '../schema.js';

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    clientId: row.client_id,
    author: { type: row.author_type, id: row.author_id, name: row.author_name },
    text: row.text,
    meta: parseMeta(row.meta),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Stored meta is written by this server only; anything unreadable is treated as none. */
function parseMeta(text: string | null): MessageMeta | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as MessageMeta) : null;
  } catch {
    return null;
  }
}

export interface AppendMessageInput {
  id: string;
  workspaceId: string;
  conversationId: string;
  clientId: string | null;
  authorType: MessageRow['author_type'];
  authorId: string | null;
  authorName: string | null;
  text: string;
  /** Buttons, question, choice…: see MessageMeta. */
  meta?: MessageMeta | null;
  now: number;
}

/** The stored row of an appended message, once its seq is known. */
export function messageRow(input: AppendMessageInput, seq: number): MessageRow {
  return {
    id: input.id,
    workspace_id: input.workspaceId,
    conversation_id: input.conversationId,
    seq,
    client_id: input.clientId,
    author_type: input.authorType,
    author_id: input.authorId,
    author_name: input.authorName,
    text: input.text,
    meta: input.meta ? JSON.stringify(input.meta) : null,
    created_at: input.now,
  };
}

export type AppendMessageResult = { kind: 'created'; message: MessageRow } | { kind: 'missing' };

/**
 * Appends a message inside the caller's transaction: takes the next seq of the
 * conversation (the UPDATE locks its row on PostgreSQL, so concurrent senders
 * queue up), then inserts. A clientId already stored in the conversation makes
 * the insert fail with a unique violation, which rolls the seq back too: the
 * caller answers with the stored message.
 */
export async function appendMessage(trx: Transaction<Database>, input: AppendMessageInput): Promise<AppendMessageResult> {
  const isVisitor = input.authorType === 'visitor';
  const bumped = await trx
    .updateTable('conversations')
    .set((eb) => ({
      last_seq: eb('last_seq', '+', 1),
      visitor_message_count: isVisitor ? eb('visitor_message_count', '+', 1) : eb.ref('visitor_message_count'),
      last_message_seq: eb('last_seq', '+', 1),
      last_message_text: input.text.slice(0, 200),
      last_message_author_type: input.authorType,
      last_message_at: input.now,
      activity_at: input.now,
      updated_at: input.now,
    }))
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.conversationId)
    .returning(['last_seq'])
    .executeTakeFirst();
  if (!bumped) return { kind: 'missing' };

  const row = messageRow(input, bumped.last_seq);
  await trx.insertInto('messages').values(row).execute();
  return { kind: 'created', message: row };
}

/**
 * `appendMessage` for several messages of one conversation at once (a chatbot's
 * replies): one UPDATE takes the next `inputs.length` seqs, one INSERT stores them.
 */
/**
 * Changes to a conversation row as an UPDATE's SET: `first_interaction_at` is
 * only ever set once (the first interaction stays the one that counted).
 */
export function conversationChanges(eb: ExpressionBuilder<Database, 'conversations'>, changes: Partial<Omit<ConversationRow, 'id' | 'workspace_id' | 'last_seq'>>) {
  const { first_interaction_at: firstInteractionAt, ...rest } = changes;
  if (firstInteractionAt === undefined || firstInteractionAt === null) return rest;
  return { ...rest, first_interaction_at: eb.fn.coalesce('first_interaction_at', eb.val(firstInteractionAt)) };
}

export async function appendMessages(
  trx: Transaction<Database>,
  inputs: readonly AppendMessageInput[],
  /** Other changes to the conversation, made by the same UPDATE. */
  also: Partial<Omit<ConversationRow, 'id' | 'workspace_id' | 'last_seq'>> = {},
): Promise<MessageRow[] | null> {
  const last = inputs[inputs.length - 1];
  if (!last) return [];
  const visitorMessages = inputs.filter((m) => m.authorType === 'visitor').length;
  const n = inputs.length;
  const bumped = await trx
    .updateTable('conversations')
    .set((eb) => ({
      last_seq: eb('last_seq', '+', n),
      visitor_message_count: eb('visitor_message_count', '+', visitorMessages),
      last_message_seq: eb('last_seq', '+', n),
      last_message_text: last.text.slice(0, 200),
      last_message_author_type: last.authorType,
      last_message_at: last.now,
      activity_at: last.now,
      updated_at: last.now,
      ...conversationChanges(eb, also),
    }))
    .where('workspace_id', '=', last.workspaceId)
    .where('id', '=', last.conversationId)
    .returning(['last_seq'])
    .executeTakeFirst();
  if (!bumped) return null;
  const first = bumped.last_seq - n + 1;
  const rows = inputs.map((input, i) => messageRow(input, first + i));
  await trx.insertInto('messages').values(rows).execute();
  return rows;
}

export async function findMessageByClientId(
  db: Kysely<Database>,
  conversationId: string,
  clientId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** Messages after a seq, in order; one more is fetched to tell whether more remain. */
export async function listMessagesAfter(
  db: Kysely<Database>,
  conversationId: string,
  afterSeq: number,
  limit: number,
): Promise<{ messages: Message[]; hasMore: boolean }> {
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  return { messages: rows.slice(0, limit).map(toMessage), hasMore: rows.length > limit };
}
