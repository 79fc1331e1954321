import type { ExpressionBuilder, Kysely, Transaction, UpdateObject } from 'kysely';
import type { Message, MessageMeta } from '@parley/core';
import { markerRows, Statement } from '../compiled-statement.js';
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
 * Changes to a conversation row as an UPDATE's SET: `first_interaction_at` is
 * only ever set once (the first interaction stays the one that counted).
 */
export function conversationChanges(eb: ExpressionBuilder<Database, 'conversations'>, changes: Partial<Omit<ConversationRow, 'id' | 'workspace_id' | 'last_seq'>>) {
  const { first_interaction_at: firstInteractionAt, ...rest } = changes;
  if (firstInteractionAt === undefined || firstInteractionAt === null) return rest;
  return { ...rest, first_interaction_at: eb.fn.coalesce('first_interaction_at', eb.val(firstInteractionAt)) };
}

type ConversationChanges = Partial<Omit<ConversationRow, 'id' | 'workspace_id' | 'last_seq'>>;

/** `shape`: the other columns changed, comma-separated (see `appendMessages`). */
const bumpStatement = new Statement('appendMessages.bump', (db, $, shape) =>
  db
    .updateTable('conversations')
    .set((eb) => {
      const set: Record<string, unknown> = {
        last_seq: eb('last_seq', '+', $(0)),
        visitor_message_count: eb('visitor_message_count', '+', $(1)),
        last_message_seq: eb('last_seq', '+', $(0)),
        last_message_text: $(2),
        last_message_author_type: $(3),
        last_message_at: $(4),
        activity_at: $(4),
        updated_at: $(4),
      };
      const columns = shape === '' ? [] : shape.split(',');
      columns.forEach((column, i) => {
        // `first_interaction_at` is only ever set once (see `conversationChanges`).
        set[column] = column === 'first_interaction_at' ? eb.fn.coalesce('first_interaction_at', eb.val($(7 + i))) : $(7 + i);
      });
      return set as UpdateObject<Database, 'conversations'>;
    })
    .where('workspace_id', '=', $(5))
    .where('id', '=', $(6))
    .returning(['last_seq']),
);

const MESSAGE_ARGS = 11;

/** `shape`: how many messages. */
const insertMessagesStatement = new Statement('appendMessages.insert', (db, $, shape) =>
  db.insertInto('messages').values(
    markerRows(Number(shape), MESSAGE_ARGS, $, (a) => ({
      id: a(0),
      workspace_id: a(1),
      conversation_id: a(2),
      seq: a(3),
      client_id: a(4),
      author_type: a(5),
      author_id: a(6),
      author_name: a(7),
      text: a(8),
      meta: a(9),
      created_at: a(10),
    })),
  ),
);

/**
 * `appendMessage` for several messages of one conversation at once (a chatbot's
 * replies): one UPDATE takes the next `inputs.length` seqs, one INSERT stores them.
 * Both are compiled once per shape (storage/compiled-statement.ts): this is the
 * chatbot's hot path.
 */
export async function appendMessages(
  trx: Transaction<Database>,
  inputs: readonly AppendMessageInput[],
  /** Other changes to the conversation, made by the same UPDATE. */
  also: ConversationChanges = {},
): Promise<MessageRow[] | null> {
  const last = inputs[inputs.length - 1];
  if (!last) return [];
  let visitorMessages = 0;
  for (const m of inputs) if (m.authorType === 'visitor') visitorMessages++;
  const n = inputs.length;
  const columns: string[] = [];
  const args: unknown[] = [n, visitorMessages, last.text.slice(0, 200), last.authorType, last.now, last.workspaceId, last.conversationId];
  for (const column of Object.keys(also).sort()) {
    const value = also[column as keyof ConversationChanges];
    if (value === undefined) continue;
    // A null first interaction changes nothing (it is only ever set once).
    if (column === 'first_interaction_at' && value === null) continue;
    columns.push(column);
    args.push(value);
  }
  const bumped = await bumpStatement.first(trx, args, columns.join(','));
  if (!bumped) return null;
  const first = bumped.last_seq - n + 1;
  const rows = inputs.map((input, i) => messageRow(input, first + i));
  const values: unknown[] = [];
  for (const row of rows) {
    values.push(row.id, row.workspace_id, row.conversation_id, row.seq, row.client_id, row.author_type, row.author_id, row.author_name, row.text, row.meta, row.created_at);
  }
  await insertMessagesStatement.run(trx, values, String(n));
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
