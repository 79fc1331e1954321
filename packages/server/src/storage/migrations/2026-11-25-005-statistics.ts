/**
 * Chatbot conversations, statistics and insights (docs/statistics.md): the
 * moment a conversation became a chatbot conversation, the conversation-level
 * records statistics read besides `chatbot_events`, the per-conversation
 * contribution and the aggregate tables the projector keeps equal to a recount.
 * Frozen in time: never import application code here.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The visitor's first click or answer to a chatbot: a chatbot conversation from then on ("Joined by chatbot"; metering counts it).
  await db.schema.alterTable('conversations').addColumn('first_interaction_at', 'bigint').execute();
  // Set (to a new token) whenever something statistics read changed; the projector clears the token it saw.
  await db.schema.alterTable('conversations').addColumn('stats_dirty', 'text').execute();
  await db.schema
    .createIndex('conversations_stats_dirty')
    .on('conversations')
    .column('stats_dirty')
    .where(sql.ref('stats_dirty'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('conversations_chatbot_conversation')
    .on('conversations')
    .columns(['workspace_id', 'first_interaction_at'])
    .execute();

  // How the chatbot came in: started the conversation, joined it, or was asked to finish it.
  await db.schema.alterTable('chatbot_sessions').addColumn('role', 'text', (c) => c.notNull().defaultTo('started')).execute();

  await db.schema.alterTable('workspaces').addColumn('inactivity_timeout_minutes', 'integer', (c) => c.notNull().defaultTo(30)).execute();
  // JSON {chatbotId, afterSeconds}: that chatbot joins when a visitor's message is unanswered this long.
  await db.schema.alterTable('workspaces').addColumn('unanswered_chatbot', 'text').execute();

  await db.schema
    .createTable('conversation_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    // visitor_typed | chatbox_closed | closed | inactive
    .addColumn('kind', 'text', (c) => c.notNull())
    // The chatbot session current at the time (a free message escalates that one).
    .addColumn('session_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex('conversation_events_conversation').on('conversation_events').columns(['conversation_id', 'at']).execute();

  await db.schema
    .createTable('conversation_stats')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    // chatbot_conversation | normal_conversation
    .addColumn('kind', 'text', (c) => c.notNull())
    // resolved_by_chatbot | escalated_to_human | in_progress | none
    .addColumn('outcome', 'text', (c) => c.notNull())
    // JSON: what this conversation adds to the aggregate tables (applied as differences).
    .addColumn('contribution', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conversation_stats_outcome').on('conversation_stats').columns(['outcome', 'conversation_id']).execute();

  const counter = (name: string) => (t: any) => t.addColumn(name, 'bigint', (c: any) => c.notNull().defaultTo(0));
  let stats = db.schema
    .createTable('stats_daily')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    // '' for all chatbots.
    .addColumn('chatbot_id', 'text', (c) => c.notNull())
    // Calendar day in the workspace's time zone, YYYY-MM-DD.
    .addColumn('day', 'text', (c) => c.notNull());
  for (const column of ['conversations', 'chatbot_conversations', 'chatbot_shown', 'resolved', 'escalated', 'in_progress', 'impressions']) stats = counter(column)(stats);
  await stats.addPrimaryKeyConstraint('stats_daily_pk', ['workspace_id', 'chatbot_id', 'day']).execute();

  let insights = db.schema
    .createTable('insights_daily')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('chatbot_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull());
  for (const column of ['triggered', 'engaged', 'chatbot_conversations', 'resolved', 'escalated']) insights = counter(column)(insights);
  await insights.addPrimaryKeyConstraint('insights_daily_pk', ['workspace_id', 'chatbot_id', 'day', 'version_id', 'language']).execute();

  await db.schema
    .createTable('insights_path_daily')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('chatbot_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    // reached | dropped_off | chosen | taken
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    // The choice (chosen) or the next node (taken); '' otherwise.
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('insights_path_daily_pk', ['workspace_id', 'chatbot_id', 'day', 'version_id', 'language', 'metric', 'node_id', 'target'])
    .execute();

  // Conversations that existed before: counted by the projector's first run.
  await db.updateTable('conversations').set({ stats_dirty: 'migrated' }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['insights_path_daily', 'insights_daily', 'stats_daily', 'conversation_stats', 'conversation_events']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.alterTable('workspaces').dropColumn('unanswered_chatbot').execute();
  await db.schema.alterTable('workspaces').dropColumn('inactivity_timeout_minutes').execute();
  await db.schema.alterTable('chatbot_sessions').dropColumn('role').execute();
  await db.schema.dropIndex('conversations_chatbot_conversation').ifExists().execute();
  await db.schema.dropIndex('conversations_stats_dirty').ifExists().execute();
  await db.schema.alterTable('conversations').dropColumn('stats_dirty').execute();
  await db.schema.alterTable('conversations').dropColumn('first_interaction_at').execute();
}
