import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuthorType, Conversation, ConversationLabel, ConversationStatus } from '@parley/core';
import type { ConversationRow, Database } from '../schema.js';
import { Statement } from '../compiled-statement.js';
import { visitorDisplayName } from './visitor-repository.js';

export async function findConversation(db: Kysely<Database>, workspaceId: string, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function openConversationOfVisitorQuery(db: Kysely<Database>, visitorId: string) {
  // A literal 'open' (not a bound parameter) lets SQLite plan once with the partial unique index.
  return db.selectFrom('conversations').selectAll().where('visitor_id', '=', visitorId).where('status', '=', sql.lit('open'));
}

export async function findOpenConversationOfVisitor(db: Kysely<Database>, visitorId: string): Promise<ConversationRow | undefined> {
  return openConversationOfVisitorQuery(db, visitorId).executeTakeFirst();
}

export async function findLatestConversationOfVisitor(db: Kysely<Database>, visitorId: string): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A new open conversation with no messages yet; `extra` overrides (a chatbot's hidden conversation). */
export function newConversationRow(
  base: { id: string; workspaceId: string; websiteId: string; visitorId: string; now: number },
  extra: Partial<ConversationRow> = {},
): ConversationRow {
  return {
    id: base.id,
    workspace_id: base.workspaceId,
    website_id: base.websiteId,
    visitor_id: base.visitorId,
    status: 'open',
    assignee_id: null,
    last_seq: 0,
    visitor_message_count: 0,
    read_visitor_message_count: 0,
    tags: '[]',
    labels: '[]',
    last_message_seq: null,
    last_message_text: null,
    last_message_author_type: null,
    last_message_at: null,
    activity_at: base.now,
    created_at: base.now,
    updated_at: base.now,
    closed_at: null,
    inbox_visible: 1,
    chatbot_id: null,
    chatbot_status: null,
    handover_at: null,
    handover_reason: null,
    first_interaction_at: null,
    // A new conversation counts in statistics: the projector picks it up.
    stats_dirty: base.id,
    ...extra,
  };
}

export async function insertConversation(db: Kysely<Database>, row: ConversationRow): Promise<void> {
  await db.insertInto('conversations').values(row).execute();
}

export async function updateConversation(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  changes: Partial<Pick<ConversationRow, 'status' | 'assignee_id' | 'updated_at' | 'closed_at' | 'activity_at' | 'read_visitor_message_count'>>,
): Promise<void> {
  await db.updateTable('conversations').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export interface ConversationFilter {
  status: ConversationStatus | 'all';
  assignee: { kind: 'any' } | { kind: 'unassigned' } | { kind: 'agent'; agentId: string };
  /** Only conversations carrying this tag. */
  tag?: string | undefined;
  /** Only chatbot conversations ("Joined by chatbot"). */
  label?: ConversationLabel | undefined;
  /** Only conversations this chatbot was shown in. */
  chatbotId?: string | undefined;
  limit: number;
  /** Cursor: conversations with older activity than this one. */
  before?: { activityAt: number; id: string } | undefined;
}

const summaryColumns = [
  'conversations.id',
  'conversations.website_id',
  'conversations.visitor_id',
  'conversations.status',
  'conversations.assignee_id',
  'conversations.last_seq',
  'conversations.visitor_message_count',
  'conversations.read_visitor_message_count',
  'conversations.tags',
  'conversations.labels',
  'conversations.last_message_seq',
  'conversations.last_message_text',
  'conversations.last_message_author_type',
  'conversations.last_message_at',
  'conversations.activity_at',
  'conversations.created_at',
  'conversations.updated_at',
  'conversations.closed_at',
  'visitors.online_until',
  'conversations.chatbot_id',
  'conversations.chatbot_status',
  'conversations.handover_at',
  'conversations.handover_reason',
  'conversations.first_interaction_at',
  'chatbots.name as chatbot_name',
  'contacts.name as contact_name',
  'contacts.email as contact_email',
] as const;

export function summaryQuery(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('conversations')
    .innerJoin('visitors', 'visitors.id', 'conversations.visitor_id')
    .leftJoin('contacts', 'contacts.id', 'visitors.contact_id')
    .leftJoin('chatbots', 'chatbots.id', 'conversations.chatbot_id')
    .select(summaryColumns)
    .where('conversations.workspace_id', '=', workspaceId);
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function parseList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** "Joined by chatbot": the visitor interacted with a chatbot in it (a chatbot conversation). */
export function conversationLabels(r: Pick<SummaryRow, 'first_interaction_at'>): ConversationLabel[] {
  return r.first_interaction_at !== null ? ['joined_by_chatbot'] : [];
}

export function toConversation(r: SummaryRow, now: number): Conversation {
  return {
    id: r.id,
    websiteId: r.website_id,
    status: r.status,
    assigneeId: r.assignee_id,
    tags: parseList(r.tags),
    labels: conversationLabels(r),
    lastSeq: r.last_seq,
    lastMessage:
      r.last_message_seq !== null && r.last_message_at !== null
        ? {
            seq: r.last_message_seq,
            authorType: (r.last_message_author_type ?? 'system') as AuthorType,
            text: r.last_message_text ?? '',
            createdAt: new Date(r.last_message_at).toISOString(),
          }
        : null,
    unreadCount: Math.max(0, r.visitor_message_count - r.read_visitor_message_count),
    visitor: {
      id: r.visitor_id,
      displayName: visitorDisplayName({ id: r.visitor_id }, { name: r.contact_name, email: r.contact_email }),
      email: r.contact_email,
      online: r.online_until > now,
    },
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    activityAt: new Date(r.activity_at).toISOString(),
    closedAt: r.closed_at === null ? null : new Date(r.closed_at).toISOString(),
    chatbot:
      r.chatbot_id !== null && r.chatbot_status !== null
        ? { id: r.chatbot_id, name: r.chatbot_name ?? 'Chatbot', status: r.chatbot_status }
        : null,
    handover:
      r.handover_at !== null && r.handover_reason !== null
        ? { at: new Date(r.handover_at).toISOString(), reason: r.handover_reason }
        : null,
  };
}

const summaryOf = new Statement('loadConversation', (db, $) => summaryQuery(db, $(0)).where('conversations.id', '=', $(1)));

export async function loadConversation(db: Kysely<Database>, workspaceId: string, id: string, now: number): Promise<Conversation | undefined> {
  const row = await summaryOf.first(db, [workspaceId, id]);
  return row ? toConversation(row, now) : undefined;
}

/** One page of the inbox, newest activity first. */
export async function listConversations(
  db: Kysely<Database>,
  workspaceId: string,
  filter: ConversationFilter,
  now: number,
): Promise<{ conversations: Conversation[]; next: { activityAt: number; id: string } | null }> {
  // Impressions (a chatbot the visitor never touched) are not the team's business.
  let query = summaryQuery(db, workspaceId).where('conversations.inbox_visible', '=', 1);
  if (filter.status !== 'all') query = query.where('conversations.status', '=', filter.status);
  if (filter.assignee.kind === 'unassigned') query = query.where('conversations.assignee_id', 'is', null);
  if (filter.assignee.kind === 'agent') query = query.where('conversations.assignee_id', '=', filter.assignee.agentId);
  if (filter.tag !== undefined) {
    const tag = filter.tag;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('conversation_tags')
          .select('conversation_tags.tag')
          .whereRef('conversation_tags.conversation_id', '=', 'conversations.id')
          .where('conversation_tags.tag', '=', tag),
      ),
    );
  }
  if (filter.label === 'joined_by_chatbot') query = query.where('conversations.first_interaction_at', 'is not', null);
  if (filter.chatbotId !== undefined) {
    const chatbotId = filter.chatbotId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('chatbot_events')
          .select('chatbot_events.id')
          .whereRef('chatbot_events.conversation_id', '=', 'conversations.id')
          .where('chatbot_events.chatbot_id', '=', chatbotId)
          .where('chatbot_events.event', '=', 'triggered'),
      ),
    );
  }
  if (filter.before) {
    const { activityAt, id } = filter.before;
    query = query.where((eb) =>
      eb.or([
        eb('conversations.activity_at', '<', activityAt),
        eb.and([eb('conversations.activity_at', '=', activityAt), eb('conversations.id', '<', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('conversations.activity_at', 'desc')
    .orderBy('conversations.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    conversations: page.map((row) => toConversation(row, now)),
    next: rows.length > filter.limit && last ? { activityAt: last.activity_at, id: last.id } : null,
  };
}

/** Adds or removes a tag, keeping the conversation's JSON copy equal to the tag rows. */
export async function setConversationTag(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
  tag: string,
  present: boolean,
  now: number,
): Promise<void> {
  await db.transaction().execute((trx) => writeConversationTag(trx, workspaceId, conversationId, tag, present, now));
}

/** `setConversationTag` inside the caller's transaction. */
export async function writeConversationTag(
  trx: Transaction<Database>,
  workspaceId: string,
  conversationId: string,
  tag: string,
  present: boolean,
  now: number,
): Promise<void> {
  if (present) {
    await trx
      .insertInto('conversation_tags')
      .values({ conversation_id: conversationId, workspace_id: workspaceId, tag, created_at: now })
      .onConflict((oc) => oc.columns(['conversation_id', 'tag']).doNothing())
      .execute();
  } else {
    await trx.deleteFrom('conversation_tags').where('conversation_id', '=', conversationId).where('tag', '=', tag).execute();
  }
  const tags = await trx.selectFrom('conversation_tags').select('tag').where('conversation_id', '=', conversationId).orderBy('tag').execute();
  await trx
    .updateTable('conversations')
    .set({ tags: JSON.stringify(tags.map((t) => t.tag)), updated_at: now })
    .where('id', '=', conversationId)
    .execute();
}
