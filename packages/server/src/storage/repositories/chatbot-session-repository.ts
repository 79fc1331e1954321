/**
 * Storage of running chatbots: sessions, event records, timers and the errors
 * owners see. Every write takes the caller's transaction.
 */
import type { Kysely } from 'kysely';
import type { VisitorChatbotState } from '@parley/core';
import { markerRows, Statement } from '../compiled-statement.js';
import type { DialectName } from '../database.js';
import type { ChatbotTimerKind, Database } from '../schema.js';

export type SessionRow = Awaited<ReturnType<typeof findSession>> & object;

const sessionOf = new Statement('findSession', (db, $) => db.selectFrom('chatbot_sessions').selectAll().where('conversation_id', '=', $(0)));
const sessionOfForUpdate = new Statement('findSession.forUpdate', (db, $) =>
  db.selectFrom('chatbot_sessions').selectAll().where('conversation_id', '=', $(0)).forUpdate(),
);

/** The conversation's session; locked for the transaction on PostgreSQL. */
export async function findSession(db: Kysely<Database>, conversationId: string, lock: DialectName | null = null) {
  return (lock === 'postgres' ? sessionOfForUpdate : sessionOf).first(db, [conversationId]);
}

export function parseVisitorState(text: string | null | undefined): VisitorChatbotState | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as VisitorChatbotState;
  } catch {
    return null;
  }
}

/** What the visitor's widget is told about the chatbot of a conversation. */
export async function visitorChatbotOf(db: Kysely<Database>, conversationId: string): Promise<VisitorChatbotState | null> {
  const row = await db
    .selectFrom('chatbot_sessions')
    .select(['visitor_state'])
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return parseVisitorState(row?.visitor_state);
}

export interface EventRecordRow {
  event: string;
  nodeId: string;
  choiceId: string | null;
  reason: string | null;
}

const EVENT_ARGS = 13;

/** `shape`: how many records. */
const insertEventsStatement = new Statement('insertEvents', (db, $, shape) =>
  db
    .insertInto('chatbot_events')
    .values(
      markerRows(Number(shape), EVENT_ARGS, $, (a) => ({
        id: a(0),
        workspace_id: a(1),
        conversation_id: a(2),
        visitor_id: a(3),
        chatbot_id: a(4),
        version_id: a(5),
        language: a(6),
        event: a(7),
        node_id: a(8),
        choice_id: a(9),
        reason: a(10),
        at: a(11),
        dedupe_key: a(12),
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing()),
);

/** Inserts records; a dedupe key already stored is skipped (a retried cause writes nothing twice). */
export async function insertEvents(
  db: Kysely<Database>,
  base: { workspaceId: string; conversationId: string; visitorId: string; chatbotId: string; versionId: string; language: string; at: number },
  rows: { id: string; dedupeKey: string; record: EventRecordRow }[],
): Promise<void> {
  if (rows.length === 0) return;
  const args: unknown[] = [];
  for (const { id, dedupeKey, record } of rows) {
    args.push(id, base.workspaceId, base.conversationId, base.visitorId, base.chatbotId, base.versionId, base.language);
    args.push(record.event, record.nodeId, record.choiceId, record.reason, base.at, dedupeKey);
  }
  await insertEventsStatement.run(db, args, String(rows.length));
}

export async function setTimer(
  db: Kysely<Database>,
  timer: { conversationId: string; workspaceId: string; kind: ChatbotTimerKind; dueAt: number },
): Promise<void> {
  await db
    .insertInto('chatbot_timers')
    .values({
      conversation_id: timer.conversationId,
      workspace_id: timer.workspaceId,
      kind: timer.kind,
      due_at: timer.dueAt,
      claimed_by: null,
      claimed_until: null,
    })
    .onConflict((oc) => oc.columns(['conversation_id', 'kind']).doUpdateSet({ due_at: timer.dueAt, claimed_by: null, claimed_until: null }))
    .execute();
}

export async function clearTimer(db: Kysely<Database>, conversationId: string, kind: ChatbotTimerKind): Promise<void> {
  await db.deleteFrom('chatbot_timers').where('conversation_id', '=', conversationId).where('kind', '=', kind).execute();
}

export async function clearTimers(db: Kysely<Database>, conversationId: string): Promise<void> {
  await db.deleteFrom('chatbot_timers').where('conversation_id', '=', conversationId).execute();
}

/** Timers due now that no live claim holds, oldest first. */
export async function dueTimers(db: Kysely<Database>, now: number, limit: number) {
  return db
    .selectFrom('chatbot_timers')
    .selectAll()
    .where('due_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

/** Claims a due timer for this node; true for exactly one of the nodes racing for it. */
export async function claimTimer(
  db: Kysely<Database>,
  timer: { conversation_id: string; kind: ChatbotTimerKind; due_at: number },
  nodeId: string,
  now: number,
  holdMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('chatbot_timers')
    .set({ claimed_by: nodeId, claimed_until: now + holdMs })
    .where('conversation_id', '=', timer.conversation_id)
    .where('kind', '=', timer.kind)
    .where('due_at', '=', timer.due_at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a timer this node claimed, unless it was re-armed meanwhile (a new due time). */
export async function finishTimer(db: Kysely<Database>, timer: { conversation_id: string; kind: ChatbotTimerKind; due_at: number }): Promise<boolean> {
  const result = await db
    .deleteFrom('chatbot_timers')
    .where('conversation_id', '=', timer.conversation_id)
    .where('kind', '=', timer.kind)
    .where('due_at', '=', timer.due_at)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function insertChatbotError(
  db: Kysely<Database>,
  row: { id: string; workspaceId: string; chatbotId: string; versionId: string; conversationId: string; nodeId: string | null; code: string; message: string; at: number },
): Promise<void> {
  await db
    .insertInto('chatbot_errors')
    .values({
      id: row.id,
      workspace_id: row.workspaceId,
      chatbot_id: row.chatbotId,
      version_id: row.versionId,
      conversation_id: row.conversationId,
      node_id: row.nodeId,
      code: row.code,
      message: row.message.slice(0, 500),
      at: row.at,
    })
    .execute();
}

export async function listChatbotErrors(db: Kysely<Database>, workspaceId: string, chatbotId: string, limit: number) {
  return db
    .selectFrom('chatbot_errors')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('chatbot_id', '=', chatbotId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
