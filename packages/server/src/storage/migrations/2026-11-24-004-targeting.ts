/**
 * Targeting (docs/targeting.md): each chatbot's trigger, conditions and
 * frequency; the workspace's office hours; what the widget's script and the
 * GeoIP database tell about a visitor; the visitor on each chatbot record (for
 * "once per visit / per visitor"). Frozen in time: never import application code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The Targeting document (JSON); the default starts the chatbot when the box opens, once per visit.
  await db.schema
    .alterTable('chatbots')
    .addColumn('targeting', 'text', (c) =>
      c.notNull().defaultTo('{"trigger":{"kind":"chat_opened"},"conditions":{"kind":"group","match":"all","conditions":[]},"frequency":"once_per_visit"}'),
    )
    .execute();
  // OfficeHours (JSON) or null: always open.
  await db.schema.alterTable('workspaces').addColumn('office_hours', 'text').execute();

  // Custom variables set by the website's script (JSON object), the visitor group.
  await db.schema.alterTable('visitors').addColumn('variables', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('visitors').addColumn('visitor_group', 'text').execute();
  // From the IP, through the GeoIP database shipped with the install.
  await db.schema.alterTable('visitors').addColumn('country', 'text').execute();
  await db.schema.alterTable('visitors').addColumn('city', 'text').execute();
  // The UTM parameters of the visit's landing page (JSON object) and when the visit began.
  await db.schema.alterTable('visitors').addColumn('utm', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('visitors').addColumn('visit_started_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();

  // Whose conversation each record belongs to: "shown this visit / to this visitor" is one index lookup.
  await db.schema.alterTable('chatbot_events').addColumn('visitor_id', 'text').execute();
  await db.schema.createIndex('chatbot_events_visitor').on('chatbot_events').columns(['visitor_id', 'event', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('chatbot_events_visitor').ifExists().execute();
  await db.schema.alterTable('chatbot_events').dropColumn('visitor_id').execute();
  for (const column of ['variables', 'visitor_group', 'country', 'city', 'utm', 'visit_started_at']) {
    await db.schema.alterTable('visitors').dropColumn(column).execute();
  }
  await db.schema.alterTable('workspaces').dropColumn('office_hours').execute();
  await db.schema.alterTable('chatbots').dropColumn('targeting').execute();
}
