/**
 * Conversation-level records statistics read besides the chatbots' own
 * (docs/statistics.md): a free message after a chatbot was shown, the chat
 * box closed, the conversation closed, the inactivity timeout. Each has a
 * dedupe key: a retried cause records nothing twice.
 */
import type { Kysely } from 'kysely';
import { newId } from '../../ids.js';
import type { ConversationEventKind, Database } from '../schema.js';

export interface ConversationEventInput {
  workspaceId: string;
  conversationId: string;
  kind: ConversationEventKind;
  sessionId: string | null;
  at: number;
  dedupeKey: string;
}

/** Stores the record and marks the conversation for the statistics projector; false when it was already stored. */
export async function recordConversationEvent(db: Kysely<Database>, input: ConversationEventInput): Promise<boolean> {
  const result = await db
    .insertInto('conversation_events')
    .values({
      id: newId(input.at),
      workspace_id: input.workspaceId,
      conversation_id: input.conversationId,
      kind: input.kind,
      session_id: input.sessionId,
      at: input.at,
      dedupe_key: input.dedupeKey,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  if (inserted) await markStatsDirty(db, input.conversationId, input.at);
  return inserted;
}

/** Something statistics read changed: the projector recomputes this conversation. */
export async function markStatsDirty(db: Kysely<Database>, conversationId: string, now: number): Promise<void> {
  await db.updateTable('conversations').set({ stats_dirty: newId(now) }).where('id', '=', conversationId).execute();
}
