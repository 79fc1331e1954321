import type { Kysely } from 'kysely';
import type { AgentRow, Database } from '../schema.js';

export async function findAgentByEmail(db: Kysely<Database>, email: string): Promise<AgentRow | undefined> {
  return db.selectFrom('agents').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function findAgent(db: Kysely<Database>, workspaceId: string, id: string): Promise<AgentRow | undefined> {
  return db.selectFrom('agents').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function listAgents(db: Kysely<Database>, workspaceId: string): Promise<AgentRow[]> {
  return db.selectFrom('agents').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
}

export async function insertSession(
  db: Kysely<Database>,
  row: { id: string; agent_id: string; workspace_id: string; created_at: number; expires_at: number },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The agent behind a session and the session's expiry, when it exists and has not expired. */
export async function findSessionAgent(
  db: Kysely<Database>,
  sessionId: string,
  now: number,
): Promise<(AgentRow & { session_expires_at: number }) | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('agents', 'agents.id', 'sessions.agent_id')
    .selectAll('agents')
    .select('sessions.expires_at as session_expires_at')
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function extendSession(db: Kysely<Database>, sessionId: string, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
