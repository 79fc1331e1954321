/**
 * The aggregate tables (`stats_daily`, `insights_daily`, `insights_path_daily`)
 * as a Contribution map: adding differences, and reading everything back (the
 * recount test compares the two).
 */
import type { Kysely } from 'kysely';
import { decodeKey, encodeKey, INSIGHTS_COLUMNS, STATISTICS_COLUMNS, type Contribution, type PathMetric } from '@parley/core';
import type { Database } from '../storage/schema.js';

const CHUNK = 200;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Adds a workspace's differences to the tables (one multi-row upsert per table and chunk). */
export async function addToAggregates(db: Kysely<Database>, workspaceId: string, delta: Contribution): Promise<void> {
  const stats: Database['stats_daily'][] = [];
  const insights: Database['insights_daily'][] = [];
  const paths: Database['insights_path_daily'][] = [];
  // Sorted: concurrent writers (several PostgreSQL nodes) lock rows in the same order.
  for (const encoded of Object.keys(delta).sort()) {
    const values = delta[encoded]!;
    const key = decodeKey(encoded);
    if (key.table === 'stats') {
      const [conversations = 0, chatbotConversations = 0, shown = 0, resolved = 0, escalated = 0, inProgress = 0, impressions = 0] = values;
      stats.push({
        workspace_id: workspaceId,
        chatbot_id: key.chatbotId,
        day: key.day,
        conversations,
        chatbot_conversations: chatbotConversations,
        chatbot_shown: shown,
        resolved,
        escalated,
        in_progress: inProgress,
        impressions,
      });
    } else if (key.table === 'insights') {
      const [triggered = 0, engaged = 0, chatbotConversations = 0, resolved = 0, escalated = 0] = values;
      insights.push({
        workspace_id: workspaceId,
        chatbot_id: key.chatbotId,
        day: key.day,
        version_id: key.versionId,
        language: key.language,
        triggered,
        engaged,
        chatbot_conversations: chatbotConversations,
        resolved,
        escalated,
      });
    } else {
      paths.push({
        workspace_id: workspaceId,
        chatbot_id: key.chatbotId,
        day: key.day,
        version_id: key.versionId,
        language: key.language,
        metric: key.metric,
        node_id: key.nodeId,
        target: key.target,
        count: values[0] ?? 0,
      });
    }
  }
  for (const rows of chunks(stats)) {
    await db
      .insertInto('stats_daily')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'chatbot_id', 'day']).doUpdateSet((eb) => ({
          conversations: eb('stats_daily.conversations', '+', eb.ref('excluded.conversations')),
          chatbot_conversations: eb('stats_daily.chatbot_conversations', '+', eb.ref('excluded.chatbot_conversations')),
          chatbot_shown: eb('stats_daily.chatbot_shown', '+', eb.ref('excluded.chatbot_shown')),
          resolved: eb('stats_daily.resolved', '+', eb.ref('excluded.resolved')),
          escalated: eb('stats_daily.escalated', '+', eb.ref('excluded.escalated')),
          in_progress: eb('stats_daily.in_progress', '+', eb.ref('excluded.in_progress')),
          impressions: eb('stats_daily.impressions', '+', eb.ref('excluded.impressions')),
        })),
      )
      .execute();
  }
  for (const rows of chunks(insights)) {
    await db
      .insertInto('insights_daily')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'chatbot_id', 'day', 'version_id', 'language']).doUpdateSet((eb) => ({
          triggered: eb('insights_daily.triggered', '+', eb.ref('excluded.triggered')),
          engaged: eb('insights_daily.engaged', '+', eb.ref('excluded.engaged')),
          chatbot_conversations: eb('insights_daily.chatbot_conversations', '+', eb.ref('excluded.chatbot_conversations')),
          resolved: eb('insights_daily.resolved', '+', eb.ref('excluded.resolved')),
          escalated: eb('insights_daily.escalated', '+', eb.ref('excluded.escalated')),
        })),
      )
      .execute();
  }
  for (const rows of chunks(paths)) {
    await db
      .insertInto('insights_path_daily')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['workspace_id', 'chatbot_id', 'day', 'version_id', 'language', 'metric', 'node_id', 'target'])
          .doUpdateSet((eb) => ({ count: eb('insights_path_daily.count', '+', eb.ref('excluded.count')) })),
      )
      .execute();
  }
}

/** Everything the tables hold for a workspace, as one Contribution (rows of zeros left out). */
export async function readAggregates(db: Kysely<Database>, workspaceId: string): Promise<Contribution> {
  const out: Contribution = {};
  const put = (key: string, values: number[]) => {
    if (values.some((v) => v !== 0)) out[key] = values;
  };
  const stats = await db.selectFrom('stats_daily').selectAll().where('workspace_id', '=', workspaceId).execute();
  for (const r of stats) {
    put(
      encodeKey({ table: 'stats', chatbotId: r.chatbot_id, day: r.day }),
      STATISTICS_COLUMNS.map((c) => Number(r[c])),
    );
  }
  const insights = await db.selectFrom('insights_daily').selectAll().where('workspace_id', '=', workspaceId).execute();
  for (const r of insights) {
    put(
      encodeKey({ table: 'insights', chatbotId: r.chatbot_id, versionId: r.version_id, language: r.language, day: r.day }),
      INSIGHTS_COLUMNS.map((c) => Number(r[c])),
    );
  }
  const paths = await db.selectFrom('insights_path_daily').selectAll().where('workspace_id', '=', workspaceId).execute();
  for (const r of paths) {
    put(
      encodeKey({
        table: 'path',
        chatbotId: r.chatbot_id,
        versionId: r.version_id,
        language: r.language,
        day: r.day,
        metric: r.metric as PathMetric,
        nodeId: r.node_id,
        target: r.target,
      }),
      [Number(r.count)],
    );
  }
  return out;
}
