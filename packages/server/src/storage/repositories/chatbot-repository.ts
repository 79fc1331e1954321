import { sql, type Kysely, type Transaction } from 'kysely';
import type { ChatbotRow, ChatbotStatus, ChatbotVersionRow, Database } from '../schema.js';

/** A chatbot row with what its summary needs from the published version. */
export interface ChatbotWithPublished extends ChatbotRow {
  published_number: number | null;
  published_at: number | null;
  /** 1 when the draft differs from the published flow (or nothing is published), else 0. */
  has_unpublished_changes: number;
}

function withPublishedQuery(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('chatbots')
    .leftJoin('chatbot_versions as v', 'v.id', 'chatbots.published_version_id')
    .selectAll('chatbots')
    .select([
      'v.number as published_number',
      'v.published_at as published_at',
      // Compared in the database, so the published flow is never fetched for a summary.
      sql<number>`case when ${sql.ref('v.id')} is null or ${sql.ref('v.flow')} <> ${sql.ref('chatbots.draft')} then 1 else 0 end`.as(
        'has_unpublished_changes',
      ),
    ])
    .where('chatbots.workspace_id', '=', workspaceId);
}

function normalise(row: ChatbotWithPublished): ChatbotWithPublished {
  return { ...row, has_unpublished_changes: Number(row.has_unpublished_changes) };
}

export async function insertChatbot(db: Kysely<Database>, row: ChatbotRow): Promise<void> {
  await db.insertInto('chatbots').values(row).execute();
}

export async function findChatbot(db: Kysely<Database>, workspaceId: string, id: string): Promise<ChatbotWithPublished | undefined> {
  const row = await withPublishedQuery(db, workspaceId).where('chatbots.id', '=', id).executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** The workspace's chatbots in creation order. */
export async function listChatbots(db: Kysely<Database>, workspaceId: string): Promise<ChatbotWithPublished[]> {
  const rows = await withPublishedQuery(db, workspaceId).orderBy('chatbots.created_at').orderBy('chatbots.id').execute();
  return rows.map(normalise);
}

/** Changes columns of a chatbot; false when it does not exist in the workspace. */
export async function updateChatbot(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  changes: Partial<Pick<ChatbotRow, 'name' | 'status' | 'default_language' | 'draft' | 'draft_updated_at' | 'published_version_id' | 'updated_at'>>,
): Promise<boolean> {
  const result = await db.updateTable('chatbots').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Renames and/or sets the status. With `requirePublished`, the write happens
 * only if the chatbot has a published version, checked in the same statement
 * (activating can never race with anything). False when no row was changed.
 */
export async function updateChatbotSettings(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  changes: { name?: string; status?: ChatbotStatus; updated_at: number },
  requirePublished: boolean,
): Promise<boolean> {
  let query = db.updateTable('chatbots').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (requirePublished) query = query.where('published_version_id', 'is not', null);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Inside the caller's transaction: touches the chatbot and returns its draft.
 * The UPDATE locks the row on PostgreSQL, so concurrent publishes of the same
 * chatbot queue up here (SQLite runs one transaction at a time anyway).
 */
export async function lockChatbotForPublish(
  trx: Transaction<Database>,
  workspaceId: string,
  id: string,
  now: number,
): Promise<{ draft: string } | undefined> {
  return trx
    .updateTable('chatbots')
    .set({ updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returning(['draft'])
    .executeTakeFirst();
}

export async function nextVersionNumber(trx: Transaction<Database>, workspaceId: string, chatbotId: string): Promise<number> {
  const row = await trx
    .selectFrom('chatbot_versions')
    .select((eb) => eb.fn.max<number | null>('number').as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('chatbot_id', '=', chatbotId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertVersion(trx: Transaction<Database>, row: ChatbotVersionRow): Promise<void> {
  await trx.insertInto('chatbot_versions').values(row).execute();
}

export type ChatbotVersionSummaryRow = Omit<ChatbotVersionRow, 'flow'>;

/** Versions of a chatbot, newest first (without their flows). */
export async function listVersions(db: Kysely<Database>, workspaceId: string, chatbotId: string): Promise<ChatbotVersionSummaryRow[]> {
  return db
    .selectFrom('chatbot_versions')
    .select(['id', 'chatbot_id', 'workspace_id', 'number', 'published_at', 'published_by'])
    .where('workspace_id', '=', workspaceId)
    .where('chatbot_id', '=', chatbotId)
    .orderBy('number', 'desc')
    .execute();
}

export async function findVersion(
  db: Kysely<Database>,
  workspaceId: string,
  chatbotId: string,
  versionId: string,
): Promise<ChatbotVersionRow | undefined> {
  return db
    .selectFrom('chatbot_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('chatbot_id', '=', chatbotId)
    .where('id', '=', versionId)
    .executeTakeFirst();
}

/** Deletes a chatbot and its versions; false when it does not exist in the workspace. */
export async function deleteChatbot(db: Kysely<Database>, workspaceId: string, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('chatbot_versions').where('workspace_id', '=', workspaceId).where('chatbot_id', '=', id).execute();
    const result = await trx.deleteFrom('chatbots').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  });
}
