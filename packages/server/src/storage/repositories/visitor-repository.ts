import type { Kysely } from 'kysely';
import { visitorPseudonym, type Visitor } from '@parley/core';
import type { ContactRow, Database, VisitorRow } from '../schema.js';

export async function findVisitor(db: Kysely<Database>, workspaceId: string, id: string): Promise<VisitorRow | undefined> {
  return db.selectFrom('visitors').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function insertVisitor(db: Kysely<Database>, row: VisitorRow): Promise<void> {
  await db.insertInto('visitors').values(row).execute();
}

export async function updateVisitor(
  db: Kysely<Database>,
  id: string,
  changes: Partial<Omit<VisitorRow, 'id' | 'workspace_id' | 'website_id'>>,
): Promise<void> {
  await db.updateTable('visitors').set(changes).where('id', '=', id).execute();
}

export async function insertPageView(
  db: Kysely<Database>,
  row: { id: string; workspace_id: string; visitor_id: string; url: string; title: string; referrer: string; at: number },
): Promise<void> {
  await db.insertInto('page_views').values(row).execute();
}

/** Pushes the "online until" instant of the given visitors (socket heartbeats). */
export async function setVisitorsOnlineUntil(db: Kysely<Database>, ids: string[], until: number, now: number): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('visitors').set({ online_until: until, last_seen_at: now }).where('id', 'in', ids).execute();
}

export async function findContact(db: Kysely<Database>, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

function parseProperties(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export function visitorDisplayName(visitor: Pick<VisitorRow, 'id'>, contact: Pick<ContactRow, 'name' | 'email'> | null | undefined): string {
  return contact?.name || contact?.email || visitorPseudonym(visitor.id);
}

const RECENT_PAGES = 10;

/** Everything the visitor panel shows. */
export async function loadVisitorDetails(db: Kysely<Database>, workspaceId: string, id: string, now: number): Promise<Visitor | undefined> {
  const row = await findVisitor(db, workspaceId, id);
  if (!row) return undefined;
  const [contact, pages] = await Promise.all([
    row.contact_id ? findContact(db, row.contact_id) : Promise.resolve(undefined),
    db
      .selectFrom('page_views')
      .select(['url', 'title', 'referrer', 'at'])
      .where('visitor_id', '=', id)
      .orderBy('at', 'desc')
      .limit(RECENT_PAGES)
      .execute(),
  ]);
  return {
    id: row.id,
    websiteId: row.website_id,
    displayName: visitorDisplayName(row, contact),
    language: row.language,
    device: {
      type: (row.device_type as Visitor['device']['type']) ?? 'unknown',
      browser: row.browser,
      os: row.os,
      userAgent: row.user_agent,
    },
    currentPage: row.current_url
      ? { url: row.current_url, title: row.current_title ?? '', referrer: row.referrer ?? '' }
      : null,
    recentPages: pages.map((p) => ({ url: p.url, title: p.title, referrer: p.referrer, at: new Date(p.at).toISOString() })),
    visitCount: row.visit_count,
    pageViewCount: row.page_view_count,
    firstSeenAt: new Date(row.first_seen_at).toISOString(),
    lastSeenAt: new Date(row.last_seen_at).toISOString(),
    online: row.online_until > now,
    contact: {
      name: contact?.name ?? null,
      email: contact?.email ?? null,
      phone: contact?.phone ?? null,
      properties: contact ? parseProperties(contact.properties) : {},
    },
  };
}
