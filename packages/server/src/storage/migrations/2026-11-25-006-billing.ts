/**
 * Plans, metering, packages and billing records (docs/billing.md). Frozen in
 * time: never import application code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The subscription: its plan, the instant and time zone its periods are anchored to, a downgrade waiting for the renewal.
  await db.schema.alterTable('workspaces').addColumn('plan_code', 'text', (c) => c.notNull().defaultTo('FREE')).execute();
  await db.schema.alterTable('workspaces').addColumn('subscription_start', 'bigint').execute();
  await db.schema.alterTable('workspaces').addColumn('billing_timezone', 'text').execute();
  await db.schema.alterTable('workspaces').addColumn('pending_plan_code', 'text').execute();
  await db.schema.alterTable('workspaces').addColumn('pending_plan_at', 'bigint').execute();

  // A session that already counted (or whose conversation had): no metering read on later steps.
  await db.schema.alterTable('chatbot_sessions').addColumn('counted', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // Per billing period: the limit (plan + packages) and the chatbot conversations counted against it.
  await db.schema
    .createTable('billing_usage')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('period_index', 'integer', (c) => c.notNull())
    .addColumn('limit_value', 'bigint', (c) => c.notNull())
    .addColumn('used', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('billing_usage_pk', ['workspace_id', 'period_index'])
    .execute();

  // Every counted conversation (at most once: the key) and the interaction that made it count.
  await db.schema
    .createTable('usage_ledger')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('period_index', 'integer', (c) => c.notNull())
    .addColumn('counted_at', 'bigint', (c) => c.notNull())
    .addColumn('chatbot_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    // button_chosen | answer_given
    .addColumn('interaction', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('choice_id', 'text')
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('usage_ledger_period').on('usage_ledger').columns(['workspace_id', 'period_index', 'counted_at']).execute();

  await db.schema
    .createTable('addon_packages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('offer_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // chatbot_conversations | agent_seats
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('monthly_price_cents', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('purchased_at', 'bigint', (c) => c.notNull())
    .addColumn('purchased_in_period', 'integer', (c) => c.notNull())
    .addColumn('paid_through_period', 'integer', (c) => c.notNull())
    .addColumn('auto_renew', 'integer', (c) => c.notNull())
    .addColumn('renews_at', 'bigint', (c) => c.notNull())
    .addColumn('lapses_at', 'bigint')
    // active | lapsed
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('addon_packages_workspace').on('addon_packages').columns(['workspace_id', 'status']).execute();
  await db.schema.createIndex('addon_packages_renews').on('addon_packages').columns(['status', 'renews_at']).execute();

  // Purchases, renewals and plan changes; the idempotency key makes each happen once (a renewal: package + period).
  await db.schema
    .createTable('billing_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    // package_purchase | package_renewal | plan_change
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('period_index', 'integer', (c) => c.notNull())
    .addColumn('period_start', 'bigint', (c) => c.notNull())
    .addColumn('period_end', 'bigint', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex('billing_records_workspace').on('billing_records').columns(['workspace_id', 'at']).execute();

  // What the default payment provider records for invoicing (one per billing record).
  await db.schema
    .createTable('payment_charges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('billing_record_id', 'text', (c) => c.notNull().unique())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // recorded (for invoicing) | captured | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();

  // 80 % and 100 % warnings, once each per period.
  await db.schema
    .createTable('usage_notifications')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('period_index', 'integer', (c) => c.notNull())
    .addColumn('threshold', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_notifications_pk', ['workspace_id', 'period_index', 'threshold'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['usage_notifications', 'payment_charges', 'billing_records', 'addon_packages', 'usage_ledger', 'billing_usage']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.alterTable('chatbot_sessions').dropColumn('counted').execute();
  for (const column of ['pending_plan_at', 'pending_plan_code', 'billing_timezone', 'subscription_start', 'plan_code']) {
    await db.schema.alterTable('workspaces').dropColumn(column).execute();
  }
}
