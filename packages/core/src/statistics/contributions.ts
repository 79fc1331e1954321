/**
 * What one conversation adds to the aggregate tables (docs/statistics.md,
 * "Aggregates"). The server stores each conversation's last contribution and
 * applies only the difference when its facts change, so the tables always
 * equal the sum over all conversations — what a full recount computes.
 */
import { classifyConversation, classifyForChatbot, sessionDropOff, sessionEscalated, sessionInteracted, sessionOutcome, type Classification } from './classification.js';
import { sessionPath, type ConversationFacts } from './conversation-facts.js';

/** Statistics per day and chatbot ('' = all chatbots): the columns of `stats_daily`. */
export const STATISTICS_COLUMNS = ['conversations', 'chatbot_conversations', 'chatbot_shown', 'resolved', 'escalated', 'in_progress', 'impressions'] as const;
/** Insights per day, chatbot, version and language: the columns of `insights_daily`. */
export const INSIGHTS_COLUMNS = ['triggered', 'engaged', 'chatbot_conversations', 'resolved', 'escalated'] as const;
/** Per node: reached, dropped off; per button: chosen; per edge of the path: taken. */
export type PathMetric = 'reached' | 'dropped_off' | 'chosen' | 'taken';

export interface StatisticsKey {
  table: 'stats';
  chatbotId: string;
  day: string;
}
export interface InsightsKey {
  table: 'insights';
  chatbotId: string;
  versionId: string;
  language: string;
  day: string;
}
export interface PathKey {
  table: 'path';
  chatbotId: string;
  versionId: string;
  language: string;
  day: string;
  metric: PathMetric;
  nodeId: string;
  /** The choice (chosen) or the next node (taken); '' otherwise. */
  target: string;
}
export type AggregateKey = StatisticsKey | InsightsKey | PathKey;

/** A conversation's contribution: encoded key → column values (see `encodeKey`). */
export type Contribution = Record<string, number[]>;

const SEP = '\u001f';

export function encodeKey(key: AggregateKey): string {
  switch (key.table) {
    case 'stats':
      return ['s', key.chatbotId, key.day].join(SEP);
    case 'insights':
      return ['i', key.chatbotId, key.versionId, key.language, key.day].join(SEP);
    case 'path':
      return ['p', key.chatbotId, key.versionId, key.language, key.day, key.metric, key.nodeId, key.target].join(SEP);
  }
}

export function decodeKey(encoded: string): AggregateKey {
  const parts = encoded.split(SEP);
  const [table, chatbotId = ''] = parts;
  if (table === 's') return { table: 'stats', chatbotId, day: parts[2] ?? '' };
  if (table === 'i') return { table: 'insights', chatbotId, versionId: parts[2] ?? '', language: parts[3] ?? '', day: parts[4] ?? '' };
  return {
    table: 'path',
    chatbotId,
    versionId: parts[2] ?? '',
    language: parts[3] ?? '',
    day: parts[4] ?? '',
    metric: (parts[5] ?? 'reached') as PathMetric,
    nodeId: parts[6] ?? '',
    target: parts[7] ?? '',
  };
}

function add(into: Contribution, key: AggregateKey, values: number[]): void {
  if (values.every((v) => v === 0)) return;
  const encoded = encodeKey(key);
  const existing = into[encoded];
  if (!existing) {
    into[encoded] = values.slice();
    return;
  }
  for (let i = 0; i < values.length; i++) existing[i] = (existing[i] ?? 0) + (values[i] ?? 0);
}

function statisticsRow(c: Classification, visible: boolean): number[] {
  const shown = c.chatbotShown && visible;
  return [
    visible ? 1 : 0,
    visible && c.kind === 'chatbot_conversation' ? 1 : 0,
    shown ? 1 : 0,
    shown && c.outcome === 'resolved_by_chatbot' ? 1 : 0,
    shown && c.outcome === 'escalated_to_human' ? 1 : 0,
    shown && c.outcome === 'in_progress' ? 1 : 0,
    c.impression ? 1 : 0,
  ];
}

/**
 * Everything one conversation counts for. `dayOf` turns a time into the
 * workspace's calendar day ('YYYY-MM-DD' in its time zone).
 */
export function contributionOf(facts: ConversationFacts, dayOf: (at: number) => string): Contribution {
  const out: Contribution = {};
  const day = dayOf(facts.startedAt);
  add(out, { table: 'stats', chatbotId: '', day }, statisticsRow(classifyConversation(facts), facts.visible));
  const sessions = Object.values(facts.sessions);
  const chatbots = new Set(sessions.map((s) => s.chatbotId));
  for (const chatbotId of chatbots) {
    add(out, { table: 'stats', chatbotId, day }, statisticsRow(classifyForChatbot(facts, chatbotId), facts.visible));
  }
  for (const session of sessions) {
    const dims = { chatbotId: session.chatbotId, versionId: session.versionId, language: session.language, day: dayOf(session.shownAt) };
    const outcome = sessionOutcome(facts, session);
    const interacted = sessionInteracted(session);
    add(out, { table: 'insights', ...dims }, [
      1,
      interacted || sessionEscalated(session) ? 1 : 0,
      interacted ? 1 : 0,
      outcome === 'resolved_by_chatbot' ? 1 : 0,
      outcome === 'escalated_to_human' ? 1 : 0,
    ]);
    // Visitors (sessions), not visits of a node: a loop reaching a node twice counts once.
    const path = sessionPath(session);
    for (const nodeId of new Set(path)) add(out, { table: 'path', ...dims, metric: 'reached', nodeId, target: '' }, [1]);
    const edges = new Set<string>();
    for (let i = 1; i < path.length; i++) edges.add(`${path[i - 1]}${SEP}${path[i]}`);
    for (const edge of edges) {
      const [from = '', to = ''] = edge.split(SEP);
      add(out, { table: 'path', ...dims, metric: 'taken', nodeId: from, target: to }, [1]);
    }
    const choices = new Set(Object.values(session.choices).map((c) => `${c.nodeId}${SEP}${c.choiceId}`));
    for (const choice of choices) {
      const [nodeId = '', choiceId = ''] = choice.split(SEP);
      add(out, { table: 'path', ...dims, metric: 'chosen', nodeId, target: choiceId }, [1]);
    }
    const dropOff = sessionDropOff(facts, session);
    if (dropOff !== null) add(out, { table: 'path', ...dims, metric: 'dropped_off', nodeId: dropOff, target: '' }, [1]);
  }
  return out;
}

/** `next − previous`, keeping only what changed. */
export function contributionDelta(previous: Contribution, next: Contribution): Contribution {
  const delta: Contribution = {};
  for (const [key, values] of Object.entries(next)) {
    const before = previous[key];
    const diff = values.map((v, i) => v - (before?.[i] ?? 0));
    if (diff.some((v) => v !== 0)) delta[key] = diff;
  }
  for (const [key, values] of Object.entries(previous)) {
    if (key in next) continue;
    delta[key] = values.map((v) => -v);
  }
  return delta;
}

/** Sums contributions (a recount, or a batch's deltas before they are written). */
export function sumContributions(into: Contribution, more: Contribution): Contribution {
  for (const [key, values] of Object.entries(more)) {
    const existing = into[key];
    if (!existing) into[key] = values.slice();
    else for (let i = 0; i < values.length; i++) existing[i] = (existing[i] ?? 0) + (values[i] ?? 0);
  }
  return into;
}
