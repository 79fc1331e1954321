/**
 * Chatbots running in conversations, through the real protocol and the real
 * database (SQLite and PostgreSQL): start on opening the box, impressions,
 * buttons, questions, typed handover with and without agents, the "nobody
 * answered" offer, languages, delays, webhooks and the event records.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation, Message, ServerFrame } from '@parley/core';
import { api, engines, login, startServer, TestSocket, type TestServer } from './harness.js';

type Frame<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/** Welcome → menu (pricing / contact / human) → pricing ends; contact asks an email then thanks. */
/** The conversation summary an agent's frame carries: its own frame, or inside a message frame (protocol.md). */
function summaryIn(f: ServerFrame): Conversation | undefined {
  if (f.type === 'conversation' && 'visitor' in f.conversation) return f.conversation;
  if (f.type === 'message') return f.conversation;
  return undefined;
}

function supportFlow(extra: { nodes?: Record<string, unknown>; variants?: Record<string, unknown>; handoverMessages?: unknown } = {}) {
  return {
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
        humanChoice: { id: 'human', label: 'Talk to a human' },
      },
      price: { kind: 'message', text: 'Plans start at 10 EUR.', next: 'bye' },
      ask_email: { kind: 'question', field: 'email', prompt: 'Your email, please?', retryMessage: 'That email looks wrong.', next: 'thanks' },
      thanks: { kind: 'message', text: 'Thanks, we will be in touch.', next: 'bye' },
      bye: { kind: 'end' },
      ...extra.nodes,
    },
    variants: extra.variants ?? { cs: { nodes: { welcome: { text: 'Ahoj! Jsem robot obchodu.' } } } },
    handoverMessages: extra.handoverMessages ?? { agentsOnline: 'A colleague will reply in a moment.', noAgentOnline: 'Nobody is here right now. What is your email?' },
  };
}

describe.each(engines)('chatbot runtime on %s', (engine) => {
  let server: TestServer;
  let owner: string;
  const sockets: TestSocket[] = [];
  let hook: Server | null = null;

  afterEach(async () => {
    for (const s of sockets.splice(0)) await s.close().catch(() => undefined);
    hook?.close();
    hook = null;
    await server?.close();
  });

  async function boot(env: Record<string, string> = {}) {
    server = await startServer({ engine, env: { PARLEY_TIMER_POLL_MS: '60000', ...env } });
    owner = await login(server);
  }

  async function publish(document: unknown, name = 'Shop bot') {
    const created = await api(server, 'POST', '/api/v1/chatbots', { cookie: owner, body: { name } });
    const id = created.body.chatbot.id as string;
    const saved = await api(server, 'PUT', `/api/v1/chatbots/${id}/draft`, { cookie: owner, body: { draft: document } });
    expect(saved.body.chatbot.problems).toEqual([]);
    expect((await api(server, 'POST', `/api/v1/chatbots/${id}/publish`, { cookie: owner })).status).toBe(201);
    expect((await api(server, 'PATCH', `/api/v1/chatbots/${id}`, { cookie: owner, body: { status: 'active' } })).status).toBe(200);
    return id;
  }

  async function visitor(languages: string[] = ['en-GB'], language?: string) {
    const res = await api(server, 'POST', '/api/v1/widget/session', {
      headers: { origin: 'https://shop.example' },
      body: {
        websiteKey: server.websiteKey,
        languages,
        ...(language ? { language } : {}),
        page: { url: 'https://shop.example/', title: 'Shop', referrer: '' },
      },
    });
    expect(res.status).toBe(200);
    const socket = await TestSocket.visitor(server, res.body.token);
    sockets.push(socket);
    return { session: res.body, socket };
  }

  async function agent() {
    const socket = await TestSocket.agent(server, owner);
    sockets.push(socket);
    return socket;
  }

  /** Opens the box and waits until the chatbot waits for the visitor. */
  async function openBox(socket: TestSocket) {
    socket.send({ type: 'chatbot.open' });
    const state = await socket.next<'conversation'>((f) => f.type === 'conversation' && (f.conversation as any).chatbot?.status === 'waiting');
    return state.conversation as Frame<'conversation'>['conversation'] & { chatbot: { nodeId: string; awaiting: string; field: string | null } };
  }

  function messages(socket: TestSocket): Message[] {
    return socket.all('message').map((f) => f.message);
  }

  async function events(conversationId: string) {
    const rows = await server.parley.storage.db
      .selectFrom('chatbot_events')
      .select(['event', 'node_id', 'choice_id', 'reason', 'language'])
      .where('conversation_id', '=', conversationId)
      .orderBy('at')
      .orderBy('dedupe_key')
      .execute();
    return rows;
  }

  async function inbox() {
    return (await api(server, 'GET', '/api/v1/conversations?status=all', { cookie: owner })).body.conversations as { id: string; handover: unknown; chatbot: unknown }[];
  }

  it('offers the welcome teaser, starts on opening the box and stays out of the inbox while ignored', async () => {
    await boot();
    await publish(supportFlow());
    const { session, socket } = await visitor();
    expect(session.welcome).toMatchObject({ text: 'Hi! I am the shop bot.' });
    expect(session.conversation).toBeNull();
    const team = await agent();

    const conversation = await openBox(socket);
    expect(conversation.chatbot).toMatchObject({ status: 'waiting', nodeId: 'menu', awaiting: 'button', field: null });
    await socket.next((f) => f.type === 'message' && f.message.seq === 2);
    const [welcome, menu] = messages(socket);
    expect(welcome).toMatchObject({ seq: 1, author: { type: 'chatbot', name: 'Shop bot' }, text: 'Hi! I am the shop bot.' });
    expect(menu!.meta).toMatchObject({ buttons: [{ id: 'pricing', label: 'Pricing' }, { id: 'contact', label: 'Contact me' }, { id: 'human', label: 'Talk to a human', human: true }] });

    // Opening again changes nothing; an impression is not in the inbox and agents heard nothing.
    socket.send({ type: 'chatbot.open' });
    socket.send({ type: 'ping' });
    await socket.next('pong');
    expect(messages(socket)).toHaveLength(2);
    expect(await inbox()).toEqual([]);
    expect(team.all('message')).toEqual([]);
    expect((await events(conversation.id)).map((e) => e.event)).toEqual(['triggered', 'node_reached', 'node_reached']);

    // A visitor with a conversation going on gets no teaser.
    const again = await api(server, 'POST', '/api/v1/widget/session', {
      headers: { origin: 'https://shop.example' },
      body: { websiteKey: server.websiteKey, visitorId: session.visitorId, page: { url: 'https://shop.example/', title: 'Shop', referrer: '' } },
    });
    expect(again.body.welcome).toBeNull();
    expect(again.body.conversation).toMatchObject({ id: conversation.id, chatbot: { awaiting: 'button', nodeId: 'menu' } });
  });

  it('walks through buttons and a question, stores the email on the contact and shows the path to the team', async () => {
    await boot();
    await publish(supportFlow());
    const { socket } = await visitor();
    const team = await agent();
    const conversation = await openBox(socket);

    // A forged or stale button changes nothing.
    socket.send({ type: 'chatbot.choose', clientId: 'c-bad', conversationId: conversation.id, nodeId: 'menu', choiceId: 'nope' });
    expect(await socket.next((f) => f.type === 'error' && f.ref === 'c-bad')).toMatchObject({ code: 'unknown_choice' });
    socket.send({ type: 'chatbot.choose', clientId: 'c-bad2', conversationId: conversation.id, nodeId: 'price', choiceId: 'pricing' });
    expect(await socket.next((f) => f.type === 'error' && f.ref === 'c-bad2')).toMatchObject({ code: 'unknown_choice' });

    socket.send({ type: 'chatbot.choose', clientId: 'c-1', conversationId: conversation.id, nodeId: 'menu', choiceId: 'contact' });
    const ack = await socket.next<'message.ack'>((f) => f.type === 'message.ack' && f.clientId === 'c-1');
    expect(ack.message).toMatchObject({ seq: 3, author: { type: 'visitor' }, text: 'Contact me', meta: { choice: { nodeId: 'menu', choiceId: 'contact' } } });
    // A resend of the same click is the same message, nothing runs twice.
    socket.send({ type: 'chatbot.choose', clientId: 'c-1', conversationId: conversation.id, nodeId: 'menu', choiceId: 'contact' });
    expect((await socket.next<'message.ack'>((f) => f.type === 'message.ack' && f.clientId === 'c-1')).message.id).toBe(ack.message.id);

    const asking = await socket.next<'conversation'>((f) => f.type === 'conversation' && 'chatbot' in f.conversation && (f.conversation as any).chatbot?.awaiting === 'answer');
    expect((asking.conversation as any).chatbot).toMatchObject({ nodeId: 'ask_email', field: 'email' });

    // Now the team sees it, with the chatbot's messages so far.
    const shown = await team.next<'message'>((f) => f.type === 'message' && f.message.clientId === 'c-1');
    expect(shown.conversation).toMatchObject({ id: conversation.id, chatbot: { name: 'Shop bot', status: 'waiting' }, handover: null });
    expect((await inbox()).map((c) => c.id)).toEqual([conversation.id]);

    const bad = await socket.sendMessage('not an email', 'm-1');
    expect(bad).toMatchObject({ type: 'message.ack', message: { meta: { answer: { field: 'email', valid: false } } } });
    const retry = await socket.next<'message'>((f) => f.type === 'message' && f.message.meta?.question?.retry === true);
    expect(retry.message.text).toBe('That email looks wrong.');

    const good = await socket.sendMessage('ada@example.com', 'm-2');
    expect(good).toMatchObject({ message: { meta: { answer: { field: 'email', valid: true } } } });
    await socket.next<'message'>((f) => f.type === 'message' && f.message.text === 'Thanks, we will be in touch.');

    const transcript = await api(server, 'GET', `/api/v1/conversations/${conversation.id}/messages`, { cookie: owner });
    expect(transcript.body.messages.map((m: Message) => [m.author.type, m.text])).toEqual([
      ['chatbot', 'Hi! I am the shop bot.'],
      ['chatbot', 'How can I help?'],
      ['visitor', 'Contact me'],
      ['chatbot', 'Your email, please?'],
      ['visitor', 'not an email'],
      ['chatbot', 'That email looks wrong.'],
      ['visitor', 'ada@example.com'],
      ['chatbot', 'Thanks, we will be in touch.'],
    ]);
    const visitorId = socket.frames.find((f) => f.type === 'hello')!.userId;
    const details = await api(server, 'GET', `/api/v1/visitors/${visitorId}`, { cookie: owner });
    expect(details.body.visitor.contact).toMatchObject({ email: 'ada@example.com' });
    const list = await inbox();
    expect(list[0]).toMatchObject({ chatbot: { status: 'ended' }, handover: null });

    const recorded = await events(conversation.id);
    expect(recorded.filter((e) => e.event !== 'node_reached')).toEqual([
      { event: 'triggered', node_id: 'welcome', choice_id: null, reason: 'started', language: 'en' },
      { event: 'button_chosen', node_id: 'menu', choice_id: 'contact', reason: null, language: 'en' },
      { event: 'answer_given', node_id: 'ask_email', choice_id: null, reason: null, language: 'en' },
      { event: 'ended', node_id: 'bye', choice_id: null, reason: 'end_node', language: 'en' },
    ]);
  });

  it('hands over when the visitor types instead, and asks for the email when no agent is online', async () => {
    await boot();
    await publish(supportFlow());
    const { socket } = await visitor();
    const conversation = await openBox(socket);

    const typed = await socket.sendMessage('I need help with my order', 'm-1');
    expect(typed).toMatchObject({ type: 'message.ack', message: { text: 'I need help with my order', meta: null } });
    const ask = await socket.next<'message'>((f) => f.type === 'message' && f.message.author.type === 'chatbot' && f.message.seq === 4);
    expect(ask.message).toMatchObject({ text: 'Nobody is here right now. What is your email?', meta: { question: { field: 'email', retry: false } } });
    await socket.next((f) => f.type === 'conversation' && (f.conversation as any).chatbot?.field === 'email');

    const [listed] = await inbox();
    expect(listed).toMatchObject({ id: conversation.id, handover: { reason: 'visitor_typed' }, chatbot: { status: 'handed_over' } });
    const recorded = (await events(conversation.id)).map((e) => [e.event, e.reason]);
    expect(recorded).toContainEqual(['typed_instead', null]);
    expect(recorded).toContainEqual(['handover', 'visitor_typed']);
    expect(recorded.at(-1)).toEqual(['ended', 'handover']);

    await socket.sendMessage('bob@example', 'm-2');
    await socket.next((f) => f.type === 'message' && f.message.meta?.question?.retry === true);
    await socket.sendMessage('bob@example.com', 'm-3');
    const thanks = await socket.next<'message'>((f) => f.type === 'message' && f.message.text.includes('bob@example.com') && f.message.author.type === 'chatbot');
    expect(thanks.message.text).toMatch(/Thanks/);
    const visitorId = socket.frames.find((f) => f.type === 'hello')!.userId;
    expect((await api(server, 'GET', `/api/v1/visitors/${visitorId}`, { cookie: owner })).body.visitor.contact.email).toBe('bob@example.com');

    // From now on the visitor simply talks to the team.
    await socket.sendMessage('Order 1234', 'm-4');
    socket.send({ type: 'ping' });
    await socket.next('pong');
    // welcome, menu, the email question, the retry and the thanks: nothing after.
    expect(messages(socket).filter((m) => m.author.type === 'chatbot').length).toBe(5);
  });

  it('tells the visitor a colleague will reply when an agent is online, offers the email after the set time, and steps aside when the agent writes', async () => {
    await boot({ PARLEY_HANDOVER_OFFER_SECONDS: '0.2' });
    await publish(supportFlow());
    const team = await agent();
    const first = await visitor();
    const c1 = await openBox(first.socket);
    first.socket.send({ type: 'chatbot.choose', clientId: 'h-1', conversationId: c1.id, nodeId: 'menu', choiceId: 'human' });
    await first.socket.next((f) => f.type === 'message.ack');
    const told = await first.socket.next<'message'>((f) => f.type === 'message' && f.message.author.type === 'chatbot' && f.message.seq === 4);
    expect(told.message.text).toBe('A colleague will reply in a moment.');
    const alert = summaryIn(await team.next((f) => (summaryIn(f) as any)?.handover != null && summaryIn(f)?.id === c1.id));
    expect((alert as any).handover).toMatchObject({ reason: 'asked_for_human' });

    // Nobody answered in time: the visitor is offered to leave an email.
    await new Promise((r) => setTimeout(r, 300));
    await server.parley.timers.poll();
    const offer = await first.socket.next<'message'>((f) => f.type === 'message' && f.message.meta?.question?.field === 'email');
    expect(offer.message.text).toBe('Nobody is here right now. What is your email?');

    // The agent writes: the handover is answered (no longer highlighted) and the email question is withdrawn.
    const reply = await team.sendMessage('Hello, I am here!', 'a-1', c1.id);
    expect(reply).toMatchObject({ type: 'message.ack' });
    await first.socket.next((f) => f.type === 'conversation' && (f.conversation as any).chatbot?.awaiting === 'nothing');
    expect((await inbox()).find((c) => c.id === c1.id)).toMatchObject({ handover: null });

    // A second visitor: the agent writes before the time is up, so no offer ever comes.
    const second = await visitor();
    const c2 = await openBox(second.socket);
    await second.socket.sendMessage('Hi, anyone?', 's-1');
    await second.socket.next((f) => f.type === 'message' && f.message.text === 'A colleague will reply in a moment.');
    await team.sendMessage('Yes!', 'a-2', c2.id);
    await new Promise((r) => setTimeout(r, 300));
    await server.parley.timers.poll();
    second.socket.send({ type: 'ping' });
    await second.socket.next('pong');
    expect(messages(second.socket).some((m) => m.meta?.question?.field === 'email')).toBe(false);
  });

  it('steps aside when an agent joins while the chatbot waits', async () => {
    await boot();
    await publish(supportFlow());
    const { socket } = await visitor();
    const conversation = await openBox(socket);
    await socket.sendMessage('hello?', 'v-1'); // typed: handover, now visible
    const team = await agent();
    await team.sendMessage('Hi there', 'a-1', conversation.id);
    const c2 = await visitor();
    const open2 = await openBox(c2.socket);
    c2.socket.send({ type: 'chatbot.choose', clientId: 'x-1', conversationId: open2.id, nodeId: 'menu', choiceId: 'contact' });
    await c2.socket.next((f) => f.type === 'conversation' && (f.conversation as any).chatbot?.awaiting === 'answer');
    await team.sendMessage('I can help directly', 'a-2', open2.id);
    await c2.socket.next((f) => f.type === 'conversation' && (f.conversation as any).chatbot?.status === 'handed_over');
    const recorded = await events(open2.id);
    expect(recorded.at(-1)).toMatchObject({ event: 'ended', reason: 'agent_joined' });
    // The visitor's next message is simply a message to the team.
    const plain = await c2.socket.sendMessage('great', 'x-2');
    expect(plain).toMatchObject({ message: { meta: null } });
  });

  it('keeps the version a conversation started on when a new version is published', async () => {
    await boot();
    const botId = await publish(supportFlow());
    const { socket } = await visitor();
    const conversation = await openBox(socket);
    // Version 2 renames the pricing answer; the running conversation still speaks version 1.
    const v2 = supportFlow({ nodes: { price: { kind: 'message', text: 'Version two prices.', next: 'bye' } } });
    expect((await api(server, 'PUT', `/api/v1/chatbots/${botId}/draft`, { cookie: owner, body: { draft: v2 } })).status).toBe(200);
    expect((await api(server, 'POST', `/api/v1/chatbots/${botId}/publish`, { cookie: owner })).status).toBe(201);
    socket.send({ type: 'chatbot.choose', clientId: 'v-1', conversationId: conversation.id, nodeId: 'menu', choiceId: 'pricing' });
    await socket.next((f) => f.type === 'message' && f.message.text === 'Plans start at 10 EUR.');
    const versions = await server.parley.storage.db.selectFrom('chatbot_events').select('version_id').distinct().where('conversation_id', '=', conversation.id).execute();
    expect(versions).toHaveLength(1);

    // A new visitor gets version 2.
    const next = await visitor();
    const second = await openBox(next.socket);
    next.socket.send({ type: 'chatbot.choose', clientId: 'v-2', conversationId: second.id, nodeId: 'menu', choiceId: 'pricing' });
    await next.socket.next((f) => f.type === 'message' && f.message.text === 'Version two prices.');
  });

  it('speaks the Czech variant to a Czech browser and the default language to a French one', async () => {
    await boot();
    await publish(supportFlow());
    const cs = await visitor(['cs-CZ', 'en']);
    expect(cs.session.welcome.text).toBe('Ahoj! Jsem robot obchodu.');
    const csConversation = await openBox(cs.socket);
    expect(messages(cs.socket)[0]!.text).toBe('Ahoj! Jsem robot obchodu.');
    expect((await events(csConversation.id))[0]).toMatchObject({ language: 'cs' });

    const fr = await visitor(['fr-FR', 'fr']);
    expect(fr.session.welcome.text).toBe('Hi! I am the shop bot.');
    const frConversation = await openBox(fr.socket);
    expect((await events(frConversation.id))[0]).toMatchObject({ language: 'en' });

    // The website's script wins over the browser.
    const scripted = await visitor(['en-US'], 'cs');
    expect(scripted.session.welcome.text).toBe('Ahoj! Jsem robot obchodu.');
  });

  it('waits for a delay, calls webhooks (success, failure, time limit) and shows failures to the owner', async () => {
    let mode: 'ok' | 'fail' | 'slow' = 'ok';
    const received: { signature: string | undefined; body: string }[] = [];
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ signature: req.headers['x-parley-signature'] as string | undefined, body });
        if (mode === 'slow') return; // never answers
        if (mode === 'fail') {
          res.writeHead(500).end('boom');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ order: { status: 'shipped' } }));
      });
    });
    await new Promise<void>((resolve) => hook!.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/orders`;
    await boot({ PARLEY_WEBHOOK_TIMEOUT_MS: '300' });
    const botId = await publish(
      supportFlow({
        nodes: {
          price: { kind: 'action', action: 'delay', seconds: 1, next: 'lookup' },
          lookup: {
            kind: 'action',
            action: 'call_webhook',
            url: hookUrl,
            method: 'POST',
            body: '{"visitor":"{{contact.email}}"}',
            responseMapping: [{ from: 'order.status', to: 'status' }],
            next: 'found',
            onFailure: 'failed',
          },
          found: { kind: 'message', text: 'Found your order.', next: 'bye' },
          failed: { kind: 'message', text: 'I could not look it up.', next: 'bye' },
        },
      }),
    );

    async function run() {
      const { socket } = await visitor();
      const conversation = await openBox(socket);
      socket.send({ type: 'chatbot.choose', clientId: `d-${Math.random().toString(36).slice(2)}`, conversationId: conversation.id, nodeId: 'menu', choiceId: 'pricing' });
      await socket.next((f) => f.type === 'conversation' && (f.conversation as any).chatbot?.status === 'running');
      await new Promise((r) => setTimeout(r, 1100));
      await server.parley.timers.poll(); // the delay is over: the webhook is called
      return { socket, conversation };
    }

    const ok = await run();
    await ok.socket.next<'message'>((f) => f.type === 'message' && f.message.text === 'Found your order.');
    const okSession = await server.parley.storage.db.selectFrom('chatbot_sessions').select(['state']).where('conversation_id', '=', ok.conversation.id).executeTakeFirstOrThrow();
    expect(JSON.parse(okSession.state).variables).toMatchObject({ status: 'shipped' });
    expect(received[0]!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    mode = 'fail';
    const failed = await run();
    await failed.socket.next((f) => f.type === 'message' && f.message.text === 'I could not look it up.');

    mode = 'slow';
    const slow = await run();
    await slow.socket.next((f) => f.type === 'message' && f.message.text === 'I could not look it up.', 3000);

    const errors = await api(server, 'GET', `/api/v1/chatbots/${botId}/errors`, { cookie: owner });
    expect(errors.body.errors.map((e: { code: string }) => e.code).sort()).toEqual(['webhook_failed', 'webhook_timeout']);
    expect(errors.body.errors[0]).toMatchObject({ nodeId: 'lookup' });
    const key = await api(server, 'GET', '/api/v1/chatbots/webhook-signing-key', { cookie: owner });
    expect(key.body.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps timers in the database and fires each once, even with two pollers racing', async () => {
    await boot({ PARLEY_HANDOVER_OFFER_SECONDS: '0.2' });
    await publish(supportFlow());
    const team = await agent();
    const { socket } = await visitor();
    const conversation = await openBox(socket);
    await socket.sendMessage('help', 'r-1');
    await team.next((f) => (summaryIn(f) as any)?.handover != null);
    const timers = await server.parley.storage.db.selectFrom('chatbot_timers').selectAll().where('conversation_id', '=', conversation.id).execute();
    expect(timers.map((t) => t.kind)).toEqual(['handover_offer']);
    await new Promise((r) => setTimeout(r, 300));
    // Two pollers racing (as two nodes would): one offer.
    await Promise.all([server.parley.timers.poll(), server.parley.timers.poll()]);
    await socket.next((f) => f.type === 'message' && f.message.meta?.question?.field === 'email');
    await server.parley.timers.poll();
    socket.send({ type: 'ping' });
    await socket.next('pong');
    expect(messages(socket).filter((m) => m.meta?.question?.field === 'email')).toHaveLength(1);
    expect(await server.parley.storage.db.selectFrom('chatbot_timers').selectAll().execute()).toEqual([]);
  });
});
