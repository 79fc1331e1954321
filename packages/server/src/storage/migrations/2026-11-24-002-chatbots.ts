/**
 * Chatbots: an editable draft flow per chatbot and its immutable published
 * versions. Frozen in time: never import application code here.
 * Portable between SQLite and PostgreSQL (bigint is INTEGER in SQLite).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chatbots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // 'active' | 'inactive'; only a chatbot with a published version may be active.
    .addColumn('status', 'text', (c) => c.notNull())
    // Kept equal to the draft's defaultLanguage.
    .addColumn('default_language', 'text', (c) => c.notNull())
    // The FlowDocument being edited (JSON).
    .addColumn('draft', 'text', (c) => c.notNull())
    .addColumn('draft_updated_at', 'bigint', (c) => c.notNull())
    // The live version; no foreign key (the two tables point at each other).
    .addColumn('published_version_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chatbots_workspace').on('chatbots').columns(['workspace_id', 'created_at']).execute();

  await db.schema
    .createTable('chatbot_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chatbot_id', 'text', (c) => c.notNull().references('chatbots.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    // The published FlowDocument (JSON), never changed afterwards.
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    // The agent who published; kept as history even if the agent goes away.
    .addColumn('published_by', 'text', (c) => c.notNull())
    // Two concurrent publishes can never both take the same number.
    .addUniqueConstraint('chatbot_versions_chatbot_number', ['chatbot_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chatbot_versions').ifExists().execute();
  await db.schema.dropTable('chatbots').ifExists().execute();
}
