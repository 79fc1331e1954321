/**
 * Chatbot conversations vs normal conversations, end to end through the
 * protocol and the real database (SQLite and PostgreSQL): the seed's two
 * examples, impressions, the inactivity timeout, chatbots joining and
 * finishing, the "Joined by chatbot" label and filter, the API's bad input,
 * and aggregates equal to a full recount after a randomized stream of records
 * with duplicates and reordering (docs/statistics.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '@parley/core';
import { api, engines, login, signInNewAgent, startServer, TestSocket, type TestServer } from './harness.js';
import { newId } from '../src/ids.js';
import { newConversationRow } from '../src/storage/repositories/conversation-repository.js';
import { insertEvents } from '../src/storage/repositories/chatbot-session-repository.js';
import { recordConversationEvent } from '../src/storage/repositories/conversation-event-repository.js';
import { readAggregates } from '../src/statistics/aggregate-store.js';
import { recountFromRecords } from '../src/statistics/statistics-projector.js';

/** Welcome → menu (pricing / contact) → price → "anything else?" (another → menu, done → end). */
const SHOP_FLOW = {
  schemaVersion: 1,
  startNodeId: 'welcome',
  defaultLanguage: 'en',
  nodes: {
    welcome: { kind: 'message', text: 'Hi! I am the shop bot.', next: 'menu' },
    menu: {
      kind: 'buttons',
      text: 'How can I help?',
      choices: [
        { id: 'pricing', label: 'Pricing', next: 'price' },
        { id: 'contact', label: 'Contact me', next: 'ask_email' },
      ],
    },
    price: { kind: 'message', text: 'Plans start at 10 EUR.', next: 'more' },
    more: {
      kind: 'buttons',
      text: 'Anything else?',
      choices: [
        { id: 'another', label: 'Another question', next: 'menu' },
        { id: 'done', label: 'No, thanks', next: 'bye' },
      ],
    },
    ask_email: { kind: 'question', field: 'email', prompt: 'Your email, please?', retryMessage: 'That email looks wrong.', next: 'bye' },
    bye: { kind: 'end' },
  },
};

/** A closing flow: how did we do? (the chatbot that finishes conversations). */
const RATING_FLOW = {
  schemaVersion: 1,
  startNodeId: 'rate',
  defaultLanguage: 'en',
  nodes: {
    rate: {
      kind: 'buttons',
      text: 'How did we do?',
      choices: [
        { id: 'good', label: 'Great', next: 'thanks' },
        { id: 'bad', label: 'Not great', next: 'thanks' },
      ],
    },
    thanks: { kind: 'message', text: 'Thank you for the rating!', next: 'bye' },
    bye: { kind: 'end' },
  },
};

const DAY_MS = 86_400_000;
const today = (server: TestServer) => new Date(server.clock.now()).toISOString().slice(0, 10);
const around = (server: TestServer) => ({
  from: new Date(server.clock.now() - DAY_MS).toISOString().slice(0, 10),
  to: new Date(server.clock.now() + DAY_MS).toISOString().slice(0, 10),
});

describe.each(engines)('statistics on %s', (engine) => {
  let server: TestServer;
  let owner: string;
  const sockets: TestSocket[] = [];

  afterEach(async () => {
    for (const s of sockets.splice(0)) await s.close().catch(() => undefined);
    await server?.close();
  });

  async function boot() {
    // The projector and the timers run when the test says so.
    server = await startServer({ engine, env: { PARLEY_TIMER_POLL_MS: '60000', PARLEY_STATS_INTERVAL_MS: '60000', PARLEY_STATS_SWEEP_MS: '3600000' } });
    owner = await login(server);
  }

  async function publish(document: unknown, name: string, active = true) {
    const created = await api(server, 'POST', '/api/v1/chatbots', { cookie: owner, body: { name } });
    const id = created.body.chatbot.id as string;
    const saved = await api(server, 'PUT', `/api/v1/chatbots/${id}/draft`, { cookie: owner, body: { draft: document } });
    expect(saved.body.chatbot.problems).toEqual([]);
    expect((await api(server, 'POST', `/api/v1/chatbots/${id}/publish`, { cookie: owner })).status).toBe(201);
    if (active) expect((await api(server, 'PATCH', `/api/v1/chatbots/${id}`, { cookie: owner, body: { status: 'active' } })).status).toBe(200);
    return id;
  }

  async function visitor() {
    const res = await api(server, 'POST', '/api/v1/widget/session', {
      headers: { origin: 'https://shop.example' },
      body: { websiteKey: server.websiteKey, languages: ['en-GB'], page: { url: 'https://shop.example/', title: 'Shop', referrer: '' } },
    });
    expect(res.status).toBe(200);
    const socket = await TestSocket.visitor(server, res.body.token);
    sockets.push(socket);
    return socket;
  }

  async function openBox(socket: TestSocket): Promise<string> {
    socket.send({ type: 'chatbot.open' });
    const frame = await socket.next<'conversation'>((f) => f.type === 'conversation' && (f.conversation as any).chatbot?.status === 'waiting');
    return frame.conversation.id;
  }

  async function choose(socket: TestSocket, conversationId: string, nodeId: string, choiceId: string) {
    const clientId = `c-${nodeId}-${choiceId}-${Math.random().toString(36).slice(2, 8)}`;
    socket.send({ type: 'chatbot.choose', clientId, conversationId, nodeId, choiceId });
    const ack = await socket.next<'message.ack'>((f) => f.type === 'message.ack' && f.clientId === clientId);
    return ack;
  }

  async function statistics(query: Record<string, string> = {}) {
    const params = new URLSearchParams({ ...around(server), ...query });
    const res = await api(server, 'GET', `/api/v1/statistics?${params}`, { cookie: owner });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function insights(chatbotId: string, query: Record<string, string> = {}) {
    const params = new URLSearchParams({ ...around(server), ...query });
    const res = await api(server, 'GET', `/api/v1/chatbots/${chatbotId}/insights?${params}`, { cookie: owner });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function inbox(query = '') {
    return (await api(server, 'GET', `/api/v1/conversations?status=all${query}`, { cookie: owner })).body.conversations as { id: string; labels: string[] }[];
  }

  async function workspaceId(): Promise<string> {
    const row = await server.parley.storage.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async function expectRecountEqual() {
    const ws = await workspaceId();
    await server.parley.statistics.poll();
    expect(await readAggregates(server.parley.storage.db, ws)).toEqual(await recountFromRecords(server.parley.storage.db, ws));
  }

  it("the seed's first example: clicked through, closed the box → chatbot conversation, Joined by chatbot, Resolved by chatbot", async () => {
    await boot();
    const bot = await publish(SHOP_FLOW, 'Shop bot');
    const socket = await visitor();
    const conversationId = await openBox(socket);
    await choose(socket, conversationId, 'menu', 'pricing');
    await socket.next((f) => f.type === 'message' && f.message.text === 'Anything else?');
    socket.send({ type: 'chatbox.closed', conversationId });
    socket.send({ type: 'ping' });
    await socket.next('pong');
    await server.parley.statistics.poll();

    const [listed] = await inbox();
    expect(listed).toMatchObject({ id: conversationId, labels: ['joined_by_chatbot'] });
    expect((await inbox('&label=joined_by_chatbot')).map((c) => c.id)).toEqual([conversationId]);
    expect((await inbox(`&chatbotId=${bot}`)).map((c) => c.id)).toEqual([conversationId]);

    const all = await statistics();
    expect(all.totals).toEqual({
      conversations: 1,
      chatbotConversations: 1,
      normalConversations: 0,
      chatbotShown: 1,
      resolvedByChatbot: 1,
      escalatedToHuman: 0,
      inProgress: 0,
      impressions: 0,
    });
    expect(all.rates).toEqual({ chatbotConversationRate: 1, resolvedRate: 1, escalatedRate: 0 });
    expect(all.series.find((p: { day: string }) => p.day === today(server))).toMatchObject({ chatbotConversations: 1, resolvedByChatbot: 1 });
    expect((await statistics({ chatbotId: bot })).totals).toMatchObject({ conversations: 1, chatbotConversations: 1, resolvedByChatbot: 1 });

    const seen = await insights(bot);
    expect(seen.totals).toEqual({ triggered: 1, engaged: 1, chatbotConversations: 1, resolvedByChatbot: 1, escalatedToHuman: 0 });
    const node = (id: string) => seen.nodes.find((n: { nodeId: string }) => n.nodeId === id);
    expect(node('welcome')).toEqual({ nodeId: 'welcome', reached: 1, droppedOff: 0 });
    expect(node('menu')).toEqual({ nodeId: 'menu', reached: 1, droppedOff: 0 });
    expect(node('more')).toEqual({ nodeId: 'more', reached: 1, droppedOff: 1 });
    expect(node('ask_email')).toBeUndefined();
    expect(seen.choices).toEqual([{ nodeId: 'menu', choiceId: 'pricing', chosen: 1 }]);
    expect(seen.edges).toContainEqual({ from: 'menu', to: 'price', taken: 1 });
    expect(seen.versions).toHaveLength(1);
    expect(seen.languages).toEqual(['en']);
    await expectRecountEqual();
  });

  it("the seed's second example: ignored the buttons and typed → normal conversation, Escalated to human", async () => {
    await boot();
    const bot = await publish(SHOP_FLOW, 'Shop bot');
    const socket = await visitor();
    const conversationId = await openBox(socket);
    await socket.sendMessage('I just want to talk to someone', 'v-1');
    await server.parley.statistics.poll();

    const [listed] = await inbox();
    expect(listed).toMatchObject({ id: conversationId, labels: [] });
    expect(await inbox('&label=joined_by_chatbot')).toEqual([]);
    const all = await statistics();
    expect(all.totals).toMatchObject({ conversations: 1, chatbotConversations: 0, normalConversations: 1, chatbotShown: 1, resolvedByChatbot: 0, escalatedToHuman: 1 });
    expect(all.rates).toEqual({ chatbotConversationRate: 0, resolvedRate: 0, escalatedRate: 1 });
    expect((await insights(bot)).totals).toEqual({ triggered: 1, engaged: 1, chatbotConversations: 0, resolvedByChatbot: 0, escalatedToHuman: 1 });
    await expectRecountEqual();
  });

  it('a chatbot ignored entirely is an impression; a chatbot conversation that escalates later stays one', async () => {
    await boot();
    const bot = await publish(SHOP_FLOW, 'Shop bot');
    const ignoring = await visitor();
    await openBox(ignoring);
    const later = await visitor();
    const conversationId = await openBox(later);
    await choose(later, conversationId, 'menu', 'pricing');
    await later.sendMessage('Actually, I have a question', 'v-2');
    await server.parley.statistics.poll();

    const all = await statistics();
    expect(all.totals).toMatchObject({ conversations: 1, chatbotConversations: 1, chatbotShown: 1, resolvedByChatbot: 0, escalatedToHuman: 1, impressions: 1 });
    expect((await inbox()).map((c) => c.labels)).toEqual([['joined_by_chatbot']]);
    expect((await insights(bot)).totals).toEqual({ triggered: 2, engaged: 1, chatbotConversations: 1, resolvedByChatbot: 0, escalatedToHuman: 1 });
    await expectRecountEqual();
  });

  it('ends a chatbot conversation after the inactivity timeout (resolved), and the timeout is a setting', async () => {
    await boot();
    await publish(SHOP_FLOW, 'Shop bot');
    const settings = await api(server, 'PATCH', '/api/v1/workspace/settings', { cookie: owner, body: { inactivityTimeoutMinutes: 10 } });
    expect(settings.body).toMatchObject({ inactivityTimeoutMinutes: 10 });
    const socket = await visitor();
    const conversationId = await openBox(socket);
    await choose(socket, conversationId, 'menu', 'pricing');
    await server.parley.statistics.poll();
    expect((await statistics()).totals).toMatchObject({ chatbotConversations: 1, inProgress: 1, resolvedByChatbot: 0 });

    server.clock.advance(9 * 60_000);
    expect(await server.parley.statistics.sweepInactive()).toBe(0);
    server.clock.advance(2 * 60_000);
    expect(await server.parley.statistics.sweepInactive()).toBe(1);
    await server.parley.statistics.poll();
    expect((await statistics()).totals).toMatchObject({ chatbotConversations: 1, inProgress: 0, resolvedByChatbot: 1 });
    // The chatbot that still waited ended with the timeout: nothing is swept twice.
    expect(await server.parley.statistics.sweepInactive()).toBe(0);
    await expectRecountEqual();
  });

  it('a chatbot joins a conversation an agent hands to it, and one finishes a conversation and closes it', async () => {
    await boot();
    const shop = await publish(SHOP_FLOW, 'Shop bot', false);
    const rating = await publish(RATING_FLOW, 'Rating', false);
    const socket = await visitor();
    const first = await socket.sendMessage('Hello?', 'v-1');
    const conversationId = (first as any).message.conversationId as string;

    const joined = await api(server, 'POST', `/api/v1/conversations/${conversationId}/chatbot`, { cookie: owner, body: { chatbotId: shop, role: 'joined' } });
    expect(joined.status).toBe(200);
    expect(joined.body.conversation.chatbot).toMatchObject({ id: shop, status: 'waiting' });
    await socket.next((f) => f.type === 'message' && f.message.text === 'How can I help?');
    const busy = await api(server, 'POST', `/api/v1/conversations/${conversationId}/chatbot`, { cookie: owner, body: { chatbotId: rating, role: 'finished' } });
    expect(busy.status).toBe(409);
    await choose(socket, conversationId, 'menu', 'pricing');
    await choose(socket, conversationId, 'more', 'done');
    await server.parley.statistics.poll();
    expect((await inbox()).map((c) => c.labels)).toEqual([['joined_by_chatbot']]);
    expect((await statistics({ chatbotId: shop })).totals).toMatchObject({ conversations: 1, chatbotConversations: 1, resolvedByChatbot: 1 });

    // The agent lets the rating chatbot finish the conversation: it closes when the flow ends.
    const finishing = await api(server, 'POST', `/api/v1/conversations/${conversationId}/chatbot`, { cookie: owner, body: { chatbotId: rating, role: 'finished' } });
    expect(finishing.status).toBe(200);
    await socket.next((f) => f.type === 'message' && f.message.text === 'How did we do?');
    await choose(socket, conversationId, 'rate', 'good');
    await socket.next((f) => f.type === 'conversation' && f.conversation.id === conversationId && f.conversation.status === 'closed');
    await server.parley.statistics.poll();
    expect((await statistics({ chatbotId: rating })).totals).toMatchObject({ conversations: 1, chatbotConversations: 1, resolvedByChatbot: 1 });
    const roles = await server.parley.storage.db
      .selectFrom('chatbot_events')
      .select(['chatbot_id', 'reason'])
      .where('conversation_id', '=', conversationId)
      .where('event', '=', 'triggered')
      .orderBy('at')
      .execute();
    expect(roles).toEqual([
      { chatbot_id: shop, reason: 'joined' },
      { chatbot_id: rating, reason: 'finished' },
    ]);
    // Closed: no chatbot can join any more.
    const closed = await api(server, 'POST', `/api/v1/conversations/${conversationId}/chatbot`, { cookie: owner, body: { chatbotId: shop } });
    expect(closed.status).toBe(409);
    await expectRecountEqual();
  });

  it('joins when nobody answers within the set time, and not when an agent replied', async () => {
    await boot();
    const shop = await publish(SHOP_FLOW, 'Shop bot', false);
    const set = await api(server, 'PATCH', '/api/v1/workspace/settings', { cookie: owner, body: { unansweredChatbot: { chatbotId: shop, afterSeconds: 30 } } });
    expect(set.status).toBe(200);
    expect(set.body.unansweredChatbot).toEqual({ chatbotId: shop, afterSeconds: 30 });

    const waiting = await visitor();
    await waiting.sendMessage('Is anyone there?', 'w-1');
    const answered = await visitor();
    const sent = await answered.sendMessage('Hello', 'a-1');
    const team = await TestSocket.agent(server, owner);
    sockets.push(team);
    await team.sendMessage('Hi, how can I help?', 't-1', (sent as any).message.conversationId);

    server.clock.advance(31_000);
    await server.parley.timers.poll();
    await waiting.next((f) => f.type === 'message' && f.message.text === 'How can I help?');
    answered.send({ type: 'ping' });
    await answered.next('pong');
    expect(answered.all('message').some((f) => (f.message as Message).author.type === 'chatbot')).toBe(false);
  });

  it('refuses bad ranges, and chatbots or versions of another workspace', async () => {
    await boot();
    const bot = await publish(SHOP_FLOW, 'Shop bot');
    const get = (path: string) => api(server, 'GET', path, { cookie: owner });
    const inverted = await get('/api/v1/statistics?from=2026-11-20&to=2026-11-10');
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.issues).toEqual([{ path: 'querystring.to', message: '"to" is before "from"' }]);
    expect((await get('/api/v1/statistics?from=2024-01-01&to=2026-01-01')).status).toBe(400);
    expect((await get('/api/v1/statistics?from=2026-02-30&to=2026-03-01')).status).toBe(400);
    expect((await get('/api/v1/statistics?from=yesterday&to=2026-03-01')).status).toBe(400);
    expect((await get('/api/v1/statistics?to=2026-03-01')).status).toBe(400);
    expect((await get(`/api/v1/statistics?from=2026-01-01&to=2026-01-31&chatbotId=${newId()}`)).status).toBe(404);
    expect((await get(`/api/v1/chatbots/${newId()}/insights?from=2026-01-01&to=2026-01-31`)).status).toBe(404);
    expect((await get(`/api/v1/chatbots/${bot}/insights?from=2026-01-01&to=2026-01-31&versionId=${newId()}`)).status).toBe(404);
    expect((await get(`/api/v1/chatbots/${bot}/insights?from=2026-01-31&to=2026-01-01`)).status).toBe(400);
    const unknown = await api(server, 'PATCH', '/api/v1/workspace/settings', { cookie: owner, body: { unansweredChatbot: { chatbotId: newId(), afterSeconds: 30 } } });
    expect(unknown.status).toBe(400);
    expect((await api(server, 'PATCH', '/api/v1/workspace/settings', { cookie: owner, body: { inactivityTimeoutMinutes: 0 } })).status).toBe(400);
    // Another workspace sees none of this one's chatbots, versions or conversations.
    const other = await signInNewAgent(server, { email: `other-${engine}@example.com`, password: 'other-password', newWorkspace: true });
    const version = (await get(`/api/v1/chatbots/${bot}/versions`)).body.versions[0].id as string;
    const asOther = (path: string) => api(server, 'GET', path, { cookie: other });
    expect((await asOther(`/api/v1/statistics?from=2026-01-01&to=2026-01-31&chatbotId=${bot}`)).status).toBe(404);
    expect((await asOther(`/api/v1/chatbots/${bot}/insights?from=2026-01-01&to=2026-01-31&versionId=${version}`)).status).toBe(404);
    const ownBot = await api(server, 'POST', '/api/v1/chatbots', { cookie: other, body: { name: 'Theirs' } });
    expect((await asOther(`/api/v1/chatbots/${ownBot.body.chatbot.id}/insights?from=2026-01-01&to=2026-01-31&versionId=${version}`)).status).toBe(404);
    const conversation = await api(server, 'POST', `/api/v1/conversations/${newId()}/chatbot`, { cookie: other, body: { chatbotId: ownBot.body.chatbot.id } });
    expect(conversation.status).toBe(404);
    // The empty answer covers every day of the range.
    const empty = await get('/api/v1/statistics?from=2026-01-01&to=2026-01-31');
    expect(empty.body.series).toHaveLength(31);
    expect(empty.body.rates).toEqual({ chatbotConversationRate: null, resolvedRate: null, escalatedRate: null });
  });

  it('aggregates equal a full recount after a randomized stream of records, with duplicates, reordering and a new time zone', async () => {
    await boot();
    const db = server.parley.storage.db;
    const ws = await workspaceId();
    const website = await db.selectFrom('websites').select('id').executeTakeFirstOrThrow();
    let seed = 7;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const base = Date.UTC(2026, 10, 20, 22, 0, 0);
    type Pending = () => Promise<void>;
    const stream: Pending[] = [];
    // One visitor (a real one, from the widget session) with many closed conversations.
    const session = await api(server, 'POST', '/api/v1/widget/session', {
      headers: { origin: 'https://shop.example' },
      body: { websiteKey: server.websiteKey, page: { url: 'https://shop.example/', title: 'Shop', referrer: '' } },
    });
    const visitorId = session.body.visitorId as string;
    for (let c = 0; c < 40; c++) {
      const conversationId = newId(base + c * 3_600_000);
      const created = base + c * 3_600_000;
      await db
        .insertInto('conversations')
        .values(newConversationRow({ id: conversationId, workspaceId: ws, websiteId: website.id, visitorId, now: created }, { inbox_visible: rand() < 0.8 ? 1 : 0, status: 'closed' }))
        .execute();
      const sessions = rand() < 0.2 ? 2 : 1;
      for (let s = 0; s < sessions; s++) {
        const sessionId = newId();
        const chatbotId = pick(['bot-a', 'bot-b']);
        const versionId = pick(['v1', 'v2']);
        const language = pick(['en', 'cs']);
        const shownAt = created + s * 600_000;
        const records: { event: string; nodeId: string; choiceId: string | null; reason: string | null; at: number }[] = [
          { event: 'triggered', nodeId: 'welcome', choiceId: null, reason: pick(['started', 'joined', 'finished']), at: shownAt },
          { event: 'node_reached', nodeId: 'welcome', choiceId: null, reason: null, at: shownAt },
          { event: 'node_reached', nodeId: 'menu', choiceId: null, reason: null, at: shownAt },
        ];
        const path = Math.floor(rand() * 4);
        for (let i = 0; i < path; i++) {
          const choice = pick(['a', 'b', 'c']);
          records.push({ event: 'button_chosen', nodeId: 'menu', choiceId: choice, reason: null, at: shownAt + (i + 1) * 1_000 });
          records.push({ event: 'node_reached', nodeId: `n-${choice}`, choiceId: null, reason: null, at: shownAt + (i + 1) * 1_000 });
          records.push({ event: 'node_reached', nodeId: 'menu', choiceId: null, reason: null, at: shownAt + (i + 1) * 1_000 });
        }
        const roll = rand();
        if (roll < 0.2) records.push({ event: 'typed_instead', nodeId: 'menu', choiceId: null, reason: null, at: shownAt + 9_000 });
        else if (roll < 0.3) records.push({ event: 'handover', nodeId: 'menu', choiceId: null, reason: 'asked_for_human', at: shownAt + 9_000 });
        else if (roll < 0.5) records.push({ event: 'ended', nodeId: 'menu', choiceId: null, reason: 'end_node', at: shownAt + 9_000 });
        records.forEach((record, i) => {
          const row = { id: newId(), dedupeKey: `${sessionId}:${i + 1}:0`, record: { event: record.event, nodeId: record.nodeId, choiceId: record.choiceId, reason: record.reason } };
          const write: Pending = async () => {
            await db.transaction().execute(async (trx) => {
              await insertEvents(trx, { workspaceId: ws, conversationId, visitorId, chatbotId, versionId, language, at: record.at }, [row]);
              await trx.updateTable('conversations').set({ stats_dirty: newId() }).where('id', '=', conversationId).execute();
            });
          };
          stream.push(write);
          if (rand() < 0.3) stream.push(write); // a retry
        });
        if (rand() < 0.3) {
          const typed: Pending = async () => {
            await recordConversationEvent(db, { workspaceId: ws, conversationId, kind: 'visitor_typed', sessionId, at: shownAt + 20_000, dedupeKey: `typed:${sessionId}` });
          };
          stream.push(typed, typed);
        }
      }
      const ending = pick(['chatbox_closed', 'closed', 'inactive', null] as const);
      if (ending) {
        const end: Pending = async () => {
          await recordConversationEvent(db, { workspaceId: ws, conversationId, kind: ending, sessionId: null, at: created + 1_800_000, dedupeKey: `${ending}:${conversationId}` });
        };
        stream.push(end, end);
      }
    }
    // Out of order: shuffled, with the projector running at random points in between.
    for (let i = stream.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [stream[i], stream[j]] = [stream[j]!, stream[i]!];
    }
    for (const write of stream) {
      await write();
      if (rand() < 0.1) await server.parley.statistics.poll();
    }
    await server.parley.statistics.poll();
    const aggregates = await readAggregates(db, ws);
    expect(aggregates).toEqual(await recountFromRecords(db, ws));
    const all = await api(server, 'GET', '/api/v1/statistics?from=2026-11-01&to=2026-12-31', { cookie: owner });
    const visible = await db.selectFrom('conversations').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', ws).where('inbox_visible', '=', 1).executeTakeFirstOrThrow();
    expect(all.body.totals.conversations).toBe(Number(visible.n));
    expect(all.body.totals.chatbotShown).toBeGreaterThan(0);
    expect(all.body.totals.resolvedByChatbot + all.body.totals.escalatedToHuman + all.body.totals.inProgress).toBeLessThanOrEqual(all.body.totals.chatbotShown);

    // A new time zone moves conversations to other days, and the tables still equal a recount.
    const before = all.body.series.filter((p: { conversations: number }) => p.conversations > 0).map((p: { day: string }) => p.day);
    expect((await api(server, 'PATCH', '/api/v1/workspace/settings', { cookie: owner, body: { timeZone: 'Pacific/Kiritimati' } })).status).toBe(200);
    await server.parley.statistics.poll();
    expect(await readAggregates(db, ws)).toEqual(await recountFromRecords(db, ws));
    const moved = await api(server, 'GET', '/api/v1/statistics?from=2026-11-01&to=2026-12-31', { cookie: owner });
    expect(moved.body.timezone).toBe('Pacific/Kiritimati');
    expect(moved.body.totals).toEqual(all.body.totals);
    expect(moved.body.series.filter((p: { conversations: number }) => p.conversations > 0).map((p: { day: string }) => p.day)).not.toEqual(before);
  });
});
