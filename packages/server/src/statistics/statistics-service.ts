/**
 * Statistics and insights answered from the aggregate tables (never from the
 * raw records): a date range of calendar days in the workspace's time zone,
 * all chatbots or one, per version and language (docs/statistics.md).
 */
import type { Kysely } from 'kysely';
import {
  daysBetween,
  EMPTY_STATISTICS,
  insightsFigures,
  statisticsFigures,
  statisticsRates,
  type InsightsQuery,
  type InsightsResponse,
  type StatisticsQuery,
  type StatisticsResponse,
} from '@parley/core';
import { notFound } from '../errors.js';
import type { Database } from '../storage/schema.js';

const n = (value: unknown): number => Number(value ?? 0);

export class StatisticsService {
  constructor(private readonly db: Kysely<Database>) {}

  async #timeZone(workspaceId: string): Promise<string> {
    const row = await this.db.selectFrom('workspaces').select(['timezone']).where('id', '=', workspaceId).executeTakeFirst();
    if (!row) throw notFound('Workspace');
    return row.timezone;
  }

  async #requireChatbot(workspaceId: string, chatbotId: string): Promise<void> {
    const row = await this.db.selectFrom('chatbots').select('id').where('workspace_id', '=', workspaceId).where('id', '=', chatbotId).executeTakeFirst();
    if (!row) throw notFound('Chatbot');
  }

  async statistics(workspaceId: string, query: StatisticsQuery): Promise<StatisticsResponse> {
    if (query.chatbotId !== undefined) await this.#requireChatbot(workspaceId, query.chatbotId);
    const timezone = await this.#timeZone(workspaceId);
    const rows = await this.db
      .selectFrom('stats_daily')
      .select(['day', 'conversations', 'chatbot_conversations', 'chatbot_shown', 'resolved', 'escalated', 'in_progress', 'impressions'])
      .where('workspace_id', '=', workspaceId)
      .where('chatbot_id', '=', query.chatbotId ?? '')
      .where('day', '>=', query.from)
      .where('day', '<=', query.to)
      .execute();
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const totals = [0, 0, 0, 0, 0, 0, 0];
    const series = daysBetween(query.from, query.to).map((day) => {
      const r = byDay.get(day);
      if (!r) return { day, ...EMPTY_STATISTICS };
      const values = [r.conversations, r.chatbot_conversations, r.chatbot_shown, r.resolved, r.escalated, r.in_progress, r.impressions].map(n);
      values.forEach((v, i) => (totals[i]! += v));
      return { day, ...statisticsFigures(values) };
    });
    const figures = statisticsFigures(totals);
    return { from: query.from, to: query.to, timezone, chatbotId: query.chatbotId ?? null, totals: figures, rates: statisticsRates(figures), series };
  }

  async insights(workspaceId: string, chatbotId: string, query: InsightsQuery): Promise<InsightsResponse> {
    await this.#requireChatbot(workspaceId, chatbotId);
    const versions = await this.db
      .selectFrom('chatbot_versions')
      .select(['id', 'number', 'published_at'])
      .where('workspace_id', '=', workspaceId)
      .where('chatbot_id', '=', chatbotId)
      .orderBy('number', 'desc')
      .execute();
    if (query.versionId !== undefined && !versions.some((v) => v.id === query.versionId)) throw notFound('Version');
    const timezone = await this.#timeZone(workspaceId);

    let totalsQuery = this.db
      .selectFrom('insights_daily')
      .select((eb) => [
        eb.fn.sum<number>('triggered').as('triggered'),
        eb.fn.sum<number>('engaged').as('engaged'),
        eb.fn.sum<number>('chatbot_conversations').as('chatbot_conversations'),
        eb.fn.sum<number>('resolved').as('resolved'),
        eb.fn.sum<number>('escalated').as('escalated'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('chatbot_id', '=', chatbotId)
      .where('day', '>=', query.from)
      .where('day', '<=', query.to);
    let pathQuery = this.db
      .selectFrom('insights_path_daily')
      .select((eb) => ['metric', 'node_id', 'target', eb.fn.sum<number>('count').as('count')])
      .where('workspace_id', '=', workspaceId)
      .where('chatbot_id', '=', chatbotId)
      .where('day', '>=', query.from)
      .where('day', '<=', query.to)
      .groupBy(['metric', 'node_id', 'target']);
    if (query.versionId !== undefined) {
      totalsQuery = totalsQuery.where('version_id', '=', query.versionId);
      pathQuery = pathQuery.where('version_id', '=', query.versionId);
    }
    if (query.language !== undefined) {
      totalsQuery = totalsQuery.where('language', '=', query.language);
      pathQuery = pathQuery.where('language', '=', query.language);
    }
    const [totalsRow, pathRows, languageRows] = await Promise.all([
      totalsQuery.executeTakeFirst(),
      pathQuery.execute(),
      this.db
        .selectFrom('insights_daily')
        .select('language')
        .distinct()
        .where('workspace_id', '=', workspaceId)
        .where('chatbot_id', '=', chatbotId)
        .orderBy('language')
        .execute(),
    ]);

    const nodes = new Map<string, { nodeId: string; reached: number; droppedOff: number }>();
    const node = (nodeId: string) => {
      let entry = nodes.get(nodeId);
      if (!entry) {
        entry = { nodeId, reached: 0, droppedOff: 0 };
        nodes.set(nodeId, entry);
      }
      return entry;
    };
    const choices: InsightsResponse['choices'] = [];
    const edges: InsightsResponse['edges'] = [];
    for (const r of pathRows) {
      const count = n(r.count);
      if (count === 0) continue;
      if (r.metric === 'reached') node(r.node_id).reached += count;
      else if (r.metric === 'dropped_off') node(r.node_id).droppedOff += count;
      else if (r.metric === 'chosen') choices.push({ nodeId: r.node_id, choiceId: r.target, chosen: count });
      else if (r.metric === 'taken') edges.push({ from: r.node_id, to: r.target, taken: count });
    }
    const byName = (a: { nodeId: string }, b: { nodeId: string }) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0);
    return {
      chatbotId,
      from: query.from,
      to: query.to,
      timezone,
      versionId: query.versionId ?? null,
      language: query.language ?? null,
      versions: versions.map((v) => ({ id: v.id, number: v.number, publishedAt: new Date(Number(v.published_at)).toISOString() })),
      languages: languageRows.map((r) => r.language),
      totals: totalsRow
        ? insightsFigures([totalsRow.triggered, totalsRow.engaged, totalsRow.chatbot_conversations, totalsRow.resolved, totalsRow.escalated].map(n))
        : insightsFigures([]),
      nodes: [...nodes.values()].sort(byName),
      choices: choices.sort((a, b) => byName(a, b) || (a.choiceId < b.choiceId ? -1 : 1)),
      edges: edges.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : 1)),
    };
  }
}
