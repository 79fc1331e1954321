/**
 * Fewer index writes per chatbot step (docs/benchmarks.md, "Chatbot steps"):
 * every record was written to five b-trees, and a step writes several records.
 * - `chatbot_events_chatbot_at` served no query since statistics and insights
 *   read their aggregates (migration 005).
 * - `chatbot_events_visitor` serves targeting's "when did this visitor last see
 *   each chatbot", which reads `triggered` records only: it now holds only those.
 * Frozen in time: never import application code here.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('chatbot_events_chatbot_at').execute();
  await db.schema.dropIndex('chatbot_events_visitor').execute();
  await db.schema
    .createIndex('chatbot_events_visitor_triggered')
    .on('chatbot_events')
    .columns(['visitor_id', 'chatbot_id', 'at'])
    .where(sql.ref('event'), '=', sql.lit('triggered'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('chatbot_events_visitor_triggered').execute();
  await db.schema.createIndex('chatbot_events_visitor').on('chatbot_events').columns(['visitor_id', 'event', 'at']).execute();
  await db.schema.createIndex('chatbot_events_chatbot_at').on('chatbot_events').columns(['workspace_id', 'chatbot_id', 'at']).execute();
}
