/**
 * Reads a conversation's recorded events (`chatbot_events`,
 * `conversation_events`) as the pure records statistics fold
 * (@parley/core conversation-facts), and the workspace's calendar day.
 */
import type { Kysely } from 'kysely';
import { foldConversation, type ChatbotRecord, type ConversationFacts, type StatisticsRecord } from '@parley/core';
import type { Database } from '../storage/schema.js';

const CHATBOT_EVENTS = new Set<ChatbotRecord['event']>(['triggered', 'node_reached', 'button_chosen', 'answer_given', 'typed_instead', 'handover', 'ended']);

/** `<session id>:<step>:<position>` → the session and the record's position in it. */
export function parseDedupeKey(key: string): { sessionId: string; ordinal: number } {
  const parts = key.split(':');
  const position = Number(parts.pop());
  const stepNumber = Number(parts.pop());
  return { sessionId: parts.join(':'), ordinal: (Number.isFinite(stepNumber) ? stepNumber : 0) * 1000 + (Number.isFinite(position) ? position : 0) };
}

export interface ConversationBaseRow {
  id: string;
  workspace_id: string;
  created_at: number;
  inbox_visible: number;
}

const IN_CHUNK = 500;

/** The facts of each conversation given, from everything recorded for it. */
export async function loadFacts(db: Kysely<Database>, conversations: readonly ConversationBaseRow[]): Promise<Map<string, ConversationFacts>> {
  const records = new Map<string, StatisticsRecord[]>();
  for (const c of conversations) records.set(c.id, []);
  for (let i = 0; i < conversations.length; i += IN_CHUNK) {
    const ids = conversations.slice(i, i + IN_CHUNK).map((c) => c.id);
    const [chatbotRows, conversationRows] = await Promise.all([
      db
        .selectFrom('chatbot_events')
        .select(['conversation_id', 'chatbot_id', 'version_id', 'language', 'event', 'node_id', 'choice_id', 'reason', 'at', 'dedupe_key'])
        .where('conversation_id', 'in', ids)
        .execute(),
      db.selectFrom('conversation_events').select(['conversation_id', 'kind', 'session_id', 'at']).where('conversation_id', 'in', ids).execute(),
    ]);
    for (const row of chatbotRows) {
      if (!CHATBOT_EVENTS.has(row.event as ChatbotRecord['event'])) continue;
      const { sessionId, ordinal } = parseDedupeKey(row.dedupe_key);
      records.get(row.conversation_id)?.push({
        source: 'chatbot',
        sessionId,
        ordinal,
        chatbotId: row.chatbot_id,
        versionId: row.version_id,
        language: row.language,
        event: row.event as ChatbotRecord['event'],
        nodeId: row.node_id,
        choiceId: row.choice_id,
        reason: row.reason,
        at: Number(row.at),
      });
    }
    for (const row of conversationRows) {
      records.get(row.conversation_id)?.push({ source: 'conversation', kind: row.kind, sessionId: row.session_id, at: Number(row.at) });
    }
  }
  const facts = new Map<string, ConversationFacts>();
  for (const c of conversations) {
    facts.set(c.id, foldConversation({ conversationId: c.id, createdAt: Number(c.created_at), visible: c.inbox_visible === 1 }, records.get(c.id) ?? []));
  }
  return facts;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day ('YYYY-MM-DD') of a time in a time zone (UTC when the zone is unknown). */
export function dayIn(timeZone: string): (at: number) => string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
    }
    formatters.set(timeZone, formatter);
  }
  const f = formatter;
  return (at) => f.format(at);
}
