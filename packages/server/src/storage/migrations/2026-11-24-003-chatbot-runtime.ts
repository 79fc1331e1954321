/**
 * Chatbots running in conversations: sessions, the event records statistics
 * and metering read, timers that survive restarts, errors shown to owners,
 * and the columns the inbox and the widget need (docs/chatbots.md, "Running
 * chatbots in conversations"). Frozen in time: never import application code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Conversations a chatbot started and the visitor never touched are impressions:
  // kept (their events count as "triggered") but never shown in the inbox.
  await db.schema.alterTable('conversations').addColumn('inbox_visible', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  // The latest chatbot session's chatbot and status ('waiting' | 'running' | 'handed_over' | 'ended').
  await db.schema.alterTable('conversations').addColumn('chatbot_id', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('chatbot_status', 'text').execute();
  // A chatbot handed over and no agent has replied yet.
  await db.schema.alterTable('conversations').addColumn('handover_at', 'bigint').execute();
  await db.schema.alterTable('conversations').addColumn('handover_reason', 'text').execute();
  await db.schema
    .createIndex('conversations_inbox_visible')
    .on('conversations')
    .columns(['workspace_id', 'inbox_visible', 'activity_at'])
    .execute();

  // Buttons offered, the choice made, the question asked… (JSON MessageMeta).
  await db.schema.alterTable('messages').addColumn('meta', 'text').execute();

  // Which chatbot starts when several could; the highest first.
  await db.schema.alterTable('chatbots').addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // The visitor's language as the website's script set it (or null), and the browser's list (JSON).
  await db.schema.alterTable('visitors').addColumn('script_language', 'text').execute();
  await db.schema.alterTable('visitors').addColumn('browser_languages', 'text', (c) => c.notNull().defaultTo('[]')).execute();

  await db.schema
    .createTable('chatbot_sessions')
    // One session at a time per conversation ("go to flow" replaces it; the events keep the history).
    .addColumn('conversation_id', 'text', (c) => c.primaryKey().references('conversations.id').onDelete('cascade'))
    // New for every session: the prefix of its records' dedupe keys.
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('chatbot_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    // The chatbot language the session speaks (a variant), or null for the flow's default language.
    .addColumn('language', 'text')
    .addColumn('visitor_language', 'text', (c) => c.notNull())
    // The engine's FlowState (JSON).
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // What the widget needs to draw the prompt (JSON VisitorChatbotState).
    .addColumn('visitor_state', 'text', (c) => c.notNull())
    // After a handover with nobody to answer: asking for the visitor's email ('asking' | null) and the retries used.
    .addColumn('email_capture', 'text')
    .addColumn('email_capture_retries', 'integer', (c) => c.notNull().defaultTo(0))
    // Counts the session's steps: the dedupe keys of its records.
    .addColumn('step_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('chatbot_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('chatbot_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    // The chatbot language (variant) or the flow's default language.
    .addColumn('language', 'text', (c) => c.notNull())
    // triggered | node_reached | button_chosen | answer_given | typed_instead | handover | ended
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('choice_id', 'text')
    // The handover or end reason.
    .addColumn('reason', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    // One record per cause: a retried frame or timer writes nothing twice.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex('chatbot_events_chatbot_at').on('chatbot_events').columns(['workspace_id', 'chatbot_id', 'at']).execute();
  await db.schema.createIndex('chatbot_events_conversation').on('chatbot_events').columns(['conversation_id', 'at']).execute();

  await db.schema
    .createTable('chatbot_timers')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    // delay | webhook | handover_offer
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    // The node that claimed it and until when the claim holds (a crashed node's claim lapses).
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'bigint')
    .addPrimaryKeyConstraint('chatbot_timers_pk', ['conversation_id', 'kind'])
    .execute();
  await db.schema.createIndex('chatbot_timers_due').on('chatbot_timers').column('due_at').execute();

  await db.schema
    .createTable('chatbot_errors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('chatbot_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text')
    // webhook_failed | webhook_timeout | missing_node | step_limit | go_to_flow_unavailable
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chatbot_errors_chatbot_at').on('chatbot_errors').columns(['workspace_id', 'chatbot_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chatbot_errors').ifExists().execute();
  await db.schema.dropTable('chatbot_timers').ifExists().execute();
  await db.schema.dropTable('chatbot_events').ifExists().execute();
  await db.schema.dropTable('chatbot_sessions').ifExists().execute();
  await db.schema.dropIndex('conversations_inbox_visible').ifExists().execute();
  for (const column of ['script_language', 'browser_languages']) await db.schema.alterTable('visitors').dropColumn(column).execute();
  await db.schema.alterTable('chatbots').dropColumn('priority').execute();
  await db.schema.alterTable('messages').dropColumn('meta').execute();
  for (const column of ['inbox_visible', 'chatbot_id', 'chatbot_status', 'handover_at', 'handover_reason']) {
    await db.schema.alterTable('conversations').dropColumn(column).execute();
  }
}
