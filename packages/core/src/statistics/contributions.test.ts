import { describe, expect, it } from 'vitest';
import {
  contributionDelta,
  contributionOf,
  decodeKey,
  encodeKey,
  foldConversation,
  statisticsFigures,
  statisticsRates,
  sumContributions,
  type ChatbotRecord,
  type Contribution,
  type StatisticsRecord,
} from '../index.js';

const T0 = Date.UTC(2026, 10, 25, 23, 30, 0);
const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

function rec(event: ChatbotRecord['event'], ordinal: number, extra: Partial<ChatbotRecord> = {}): ChatbotRecord {
  return { source: 'chatbot', sessionId: 's1', ordinal, chatbotId: 'bot', versionId: 'v1', language: 'en', event, nodeId: 'menu', choiceId: null, reason: null, at: T0 + ordinal, ...extra };
}

/** A looping path: menu → faq → menu → price, then the chat box closed. */
const LOOP: StatisticsRecord[] = [
  rec('triggered', 0, { reason: 'started' }),
  rec('node_reached', 1),
  rec('button_chosen', 1000, { choiceId: 'faq' }),
  rec('node_reached', 1001, { nodeId: 'faq' }),
  rec('node_reached', 1002, { nodeId: 'menu' }),
  rec('button_chosen', 2000, { choiceId: 'price' }),
  rec('node_reached', 2001, { nodeId: 'price' }),
  { source: 'conversation', kind: 'chatbox_closed', sessionId: null, at: T0 + 5_000 },
];

/** A tiny deterministic PRNG (mulberry32) for shuffles. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('contributionOf', () => {
  const facts = foldConversation({ conversationId: 'c', createdAt: T0, visible: true }, LOOP);
  const contribution = contributionOf(facts, utcDay);
  const get = (key: Parameters<typeof encodeKey>[0]) => contribution[encodeKey(key)];

  it('counts the conversation for all chatbots and for its chatbot', () => {
    const row = [1, 1, 1, 1, 0, 0, 0];
    expect(get({ table: 'stats', chatbotId: '', day: '2026-11-25' })).toEqual(row);
    expect(get({ table: 'stats', chatbotId: 'bot', day: '2026-11-25' })).toEqual(row);
    expect(get({ table: 'insights', chatbotId: 'bot', versionId: 'v1', language: 'en', day: '2026-11-25' })).toEqual([1, 1, 1, 1, 0]);
  });
  it('counts visitors per node and per edge, not visits: the loop reaches the menu once', () => {
    const dims = { table: 'path' as const, chatbotId: 'bot', versionId: 'v1', language: 'en', day: '2026-11-25' };
    expect(get({ ...dims, metric: 'reached', nodeId: 'menu', target: '' })).toEqual([1]);
    expect(get({ ...dims, metric: 'taken', nodeId: 'menu', target: 'faq' })).toEqual([1]);
    expect(get({ ...dims, metric: 'taken', nodeId: 'faq', target: 'menu' })).toEqual([1]);
    expect(get({ ...dims, metric: 'taken', nodeId: 'menu', target: 'price' })).toEqual([1]);
    expect(get({ ...dims, metric: 'chosen', nodeId: 'menu', target: 'price' })).toEqual([1]);
    // The visitor left at "price" without the flow ending there.
    expect(get({ ...dims, metric: 'dropped_off', nodeId: 'price', target: '' })).toEqual([1]);
  });
  it('is the same for any order and any repetition of the records', () => {
    const next = random(42);
    for (let round = 0; round < 200; round++) {
      const stream = [...LOOP, ...LOOP.filter(() => next() < 0.3)];
      for (let i = stream.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [stream[i], stream[j]] = [stream[j]!, stream[i]!];
      }
      const again = contributionOf(foldConversation({ conversationId: 'c', createdAt: T0, visible: true }, stream), utcDay);
      expect(again).toEqual(contribution);
    }
  });
  it('days follow the given calendar (the workspace time zone)', () => {
    const prague = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
    const moved = contributionOf(facts, prague);
    expect(moved[encodeKey({ table: 'stats', chatbotId: '', day: '2026-11-26' })]).toEqual([1, 1, 1, 1, 0, 0, 0]);
  });
  it('an impression counts as triggered only', () => {
    const impression = foldConversation({ conversationId: 'c', createdAt: T0, visible: false }, [rec('triggered', 0), rec('node_reached', 1)]);
    const c = contributionOf(impression, utcDay);
    expect(c[encodeKey({ table: 'stats', chatbotId: '', day: '2026-11-25' })]).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(c[encodeKey({ table: 'insights', chatbotId: 'bot', versionId: 'v1', language: 'en', day: '2026-11-25' })]).toEqual([1, 0, 0, 0, 0]);
  });
});

describe('contributionDelta', () => {
  it('previous + delta = next, keys that vanish are subtracted', () => {
    const before: Contribution = { a: [1, 0], b: [2] };
    const after: Contribution = { a: [1, 1], c: [5] };
    const delta = contributionDelta(before, after);
    expect(delta).toEqual({ a: [0, 1], b: [-2], c: [5] });
    const summed = sumContributions(structuredClone(before), delta);
    expect(Object.fromEntries(Object.entries(summed).filter(([, v]) => v.some((x) => x !== 0)))).toEqual(after);
  });
  it('keys survive the trip through their encoding', () => {
    const key = { table: 'path' as const, chatbotId: 'b', versionId: 'v', language: 'pt-BR', day: '2026-01-02', metric: 'chosen' as const, nodeId: 'n:1', target: 'c-2' };
    expect(decodeKey(encodeKey(key))).toEqual(key);
  });
});

describe('figures and rates', () => {
  it('divides outcomes by the conversations where a chatbot was shown', () => {
    const figures = statisticsFigures([10, 4, 8, 3, 5, 0, 2]);
    expect(figures).toMatchObject({ conversations: 10, chatbotConversations: 4, normalConversations: 6, chatbotShown: 8 });
    expect(statisticsRates(figures)).toEqual({ chatbotConversationRate: 0.4, resolvedRate: 3 / 8, escalatedRate: 5 / 8 });
    expect(statisticsRates(statisticsFigures([]))).toEqual({ chatbotConversationRate: null, resolvedRate: null, escalatedRate: null });
  });
});
