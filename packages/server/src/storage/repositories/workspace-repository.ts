import type { Insertable, Kysely } from 'kysely';
import type { AgentRole, Database, WebsiteRow, WorkspaceRow } from '../schema.js';

export async function insertWorkspace(db: Kysely<Database>, row: Insertable<Database['workspaces']>): Promise<void> {
  await db.insertInto('workspaces').values(row).execute();
}

export async function countWorkspaces(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('workspaces').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findWorkspace(db: Kysely<Database>, id: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAgent(
  db: Kysely<Database>,
  row: { id: string; workspace_id: string; email: string; name: string; role: AgentRole; password_hash: string; created_at: number },
): Promise<void> {
  await db.insertInto('agents').values(row).execute();
}

export async function insertWebsite(db: Kysely<Database>, row: WebsiteRow): Promise<void> {
  await db.insertInto('websites').values(row).execute();
}

export async function findWebsiteByKey(db: Kysely<Database>, publicKey: string): Promise<WebsiteRow | undefined> {
  return db.selectFrom('websites').selectAll().where('public_key', '=', publicKey).executeTakeFirst();
}

export async function listWebsites(db: Kysely<Database>, workspaceId: string): Promise<WebsiteRow[]> {
  return db.selectFrom('websites').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
}

export function parseAllowedOrigins(row: Pick<WebsiteRow, 'allowed_origins'>): string[] {
  try {
    const value: unknown = JSON.parse(row.allowed_origins);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
