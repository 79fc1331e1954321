import type { Author, Message, ServerFrame } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../storage';
import { ChatCore } from './core';
import { Outbox } from './outbox';
import { Transcript } from './transcript';

const C = 'conv-1';
const VISITOR: Author = { type: 'visitor', id: 'v1', name: null };
const AGENT: Author = { type: 'agent', id: 'a1', name: 'Ada' };

function msg(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: 'm' + seq + (over.conversationId ?? ''),
    conversationId: C,
    seq,
    clientId: null,
    author: AGENT,
    text: 'text ' + seq,
    meta: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...over,
  };
}

function setup(opts: { conversationId?: string | null; online?: boolean; store?: ReturnType<typeof memoryStore> } = {}) {
  const store = opts.store ?? memoryStore();
  const sent: Record<string, unknown>[] = [];
  const events: [string, ...unknown[]][] = [];
  let online = opts.online ?? true;
  let n = 0;
  const outbox = new Outbox(store, 'parley:k:outbox');
  const transcript = new Transcript();
  const core = new ChatCore({
    outbox,
    transcript,
    conversationId: opts.conversationId === undefined ? C : opts.conversationId,
    send: (f) => {
      if (!online) return false;
      sent.push(f as Record<string, unknown>);
      return true;
    },
    newClientId: () => 'c-' + ++n,
    now: () => new Date('2025-01-01T10:00:00.000Z'),
    events: {
      message: (m) => events.push(['message', m.seq, m.author.type]),
      failed: (text, error) => events.push(['failed', text, error]),
      notice: (error) => events.push(['notice', error]),
      choiceRefused: (code, error) => events.push(['choiceRefused', code, error]),
      typing: (a, on) => events.push(['typing', a.type, on]),
      presence: (count) => events.push(['presence', count]),
      changed: () => events.push(['changed']),
    },
  });
  return {
    core,
    outbox,
    transcript,
    store,
    sent,
    events,
    setOnline: (v: boolean) => (online = v),
    frame: (f: ServerFrame) => core.handle(f),
    types: () => sent.map((f) => f.type),
  };
}

describe('ChatCore — reconnect and outbox', () => {
  it('on ready sends sync with the highest seq held, then resends the whole outbox in order', () => {
    const t = setup();
    t.frame({ type: 'sync', conversationId: C, messages: [msg(1), msg(2)], lastSeq: 2, hasMore: false });
    t.setOnline(false);
    t.core.submit('first');
    t.core.submit('second');
    expect(t.sent).toEqual([]);
    t.setOnline(true);
    t.core.ready();
    expect(t.sent).toEqual([
      { type: 'sync', conversationId: C, afterSeq: 2 },
      { type: 'message.send', clientId: 'c-1', text: 'first' },
      { type: 'message.send', clientId: 'c-2', text: 'second' },
    ]);
  });

  it('a visitor without a conversation syncs without conversationId', () => {
    const t = setup({ conversationId: null });
    t.core.ready();
    expect(t.sent).toEqual([{ type: 'sync', afterSeq: 0 }]);
    t.frame({ type: 'sync', conversationId: null, messages: [], lastSeq: 0, hasMore: false });
    expect(t.core.conversationId).toBeNull();
  });

  it('a message typed while offline survives a reload and is sent after reconnecting', () => {
    const store = memoryStore();
    const first = setup({ store, online: false });
    first.core.submit('  typed offline \r\n ');
    expect(first.transcript.list()).toMatchObject([{ status: 'pending', text: 'typed offline', seq: null }]);

    const reloaded = setup({ store });
    expect(reloaded.transcript.list()).toMatchObject([{ status: 'pending', text: 'typed offline', clientId: 'c-1' }]);
    reloaded.core.ready();
    expect(reloaded.types()).toEqual(['sync', 'message.send']);
    expect(reloaded.sent[1]).toMatchObject({ clientId: 'c-1', text: 'typed offline' });
  });

  it('keeps a message pending until message.ack, then removes it from the outbox', () => {
    const t = setup();
    t.core.submit('Hello');
    expect(t.sent).toEqual([{ type: 'message.send', clientId: 'c-1', text: 'Hello' }]);
    expect(t.transcript.list()[0]).toMatchObject({ status: 'pending', seq: null });
    expect(t.outbox.has('c-1')).toBe(true);

    t.frame({ type: 'message.ack', clientId: 'c-1', message: msg(1, { clientId: 'c-1', author: VISITOR, text: 'Hello' }) });
    expect(t.transcript.list()).toMatchObject([{ status: 'sent', seq: 1, key: 'c-1' }]);
    expect(t.outbox.size).toBe(0);
    expect(t.events).toContainEqual(['message', 1, 'visitor']);
  });

  it('a lost ack is harmless: the message comes back in sync, leaves the outbox, and is not duplicated', () => {
    const t = setup();
    t.core.submit('Hello');
    // connection drops before the ack; the server had stored it
    t.core.disconnected();
    t.core.ready();
    expect(t.types()).toEqual(['message.send', 'sync', 'message.send']);
    const stored = msg(1, { clientId: 'c-1', author: VISITOR, text: 'Hello' });
    t.frame({ type: 'sync', conversationId: C, messages: [stored], lastSeq: 1, hasMore: false });
    expect(t.outbox.size).toBe(0);
    // the server answers the resent frame with the same ack
    t.frame({ type: 'message.ack', clientId: 'c-1', message: stored });
    expect(t.transcript.list()).toHaveLength(1);
    expect(t.transcript.list()[0]).toMatchObject({ status: 'sent', seq: 1 });
  });

  it('an error frame with ref marks the message failed, drops it from the outbox and gives the text back', () => {
    const t = setup();
    t.core.submit('Too spicy');
    t.frame({ type: 'error', code: 'invalid', message: 'Message is longer than 4000 characters', path: 'text', ref: 'c-1' });
    expect(t.outbox.size).toBe(0);
    expect(t.transcript.list()[0]).toMatchObject({ status: 'failed', error: 'Message is longer than 4000 characters' });
    expect(t.events).toContainEqual(['failed', 'Too spicy', 'Message is longer than 4000 characters']);
    // a later reconnect does not resend it
    t.core.ready();
    expect(t.types().filter((x) => x === 'message.send')).toHaveLength(1);
  });

  it('resending the text of a failed message replaces the failed bubble', () => {
    const t = setup();
    t.core.submit('Retry me');
    t.core.submit('Other');
    t.frame({ type: 'error', code: 'rate_limited', message: 'Slow down', ref: 'c-1' });
    t.frame({ type: 'error', code: 'rate_limited', message: 'Slow down', ref: 'c-2' });
    t.core.submit('Retry me');
    expect(t.transcript.list().map((i) => [i.text, i.status])).toEqual([
      ['Other', 'failed'],
      ['Retry me', 'pending'],
    ]);
  });

  it('refuses empty and over-long texts before sending', () => {
    const t = setup();
    expect(t.core.submit('   \n ')).toEqual({ ok: false, reason: 'empty', length: 0 });
    expect(t.core.submit('x'.repeat(4001))).toEqual({ ok: false, reason: 'tooLong', length: 4001 });
    expect(t.core.submit('x'.repeat(4000)).ok).toBe(true);
    expect(t.sent).toHaveLength(1);
    expect(t.outbox.size).toBe(1);
  });

  it('learns the conversation from the first ack', () => {
    const t = setup({ conversationId: null });
    t.core.submit('Hi');
    t.frame({ type: 'message.ack', clientId: 'c-1', message: msg(1, { clientId: 'c-1', author: VISITOR, conversationId: 'conv-9' }) });
    expect(t.core.conversationId).toBe('conv-9');
    t.core.ready();
    expect(t.sent[1]).toEqual({ type: 'sync', conversationId: 'conv-9', afterSeq: 1 });
  });
});

describe('ChatCore — frames', () => {
  it('does not announce history, announces live messages once', () => {
    const t = setup();
    t.core.ready();
    t.frame({ type: 'sync', conversationId: C, messages: [msg(1), msg(2)], lastSeq: 2, hasMore: false });
    t.frame({ type: 'message', message: msg(3) });
    t.frame({ type: 'message', message: msg(3) });
    expect(t.events.filter((e) => e[0] === 'message')).toEqual([['message', 3, 'agent']]);
  });

  it('pages through sync while hasMore', () => {
    const t = setup();
    t.core.ready();
    t.frame({ type: 'sync', conversationId: C, messages: [msg(1), msg(2)], lastSeq: 3, hasMore: true });
    expect(t.sent.at(-1)).toEqual({ type: 'sync', conversationId: C, afterSeq: 2 });
    t.frame({ type: 'sync', conversationId: C, messages: [msg(3)], lastSeq: 3, hasMore: false });
    expect(t.transcript.list().map((i) => i.seq)).toEqual([1, 2, 3]);
    expect(t.events.filter((e) => e[0] === 'message')).toEqual([]);
  });

  it('asks for a sync when a live message reveals a gap', () => {
    const t = setup();
    t.core.ready();
    t.frame({ type: 'sync', conversationId: C, messages: [msg(1)], lastSeq: 1, hasMore: false });
    t.sent.length = 0;
    t.frame({ type: 'message', message: msg(4) });
    expect(t.sent).toEqual([{ type: 'sync', conversationId: C, afterSeq: 1 }]);
    // out-of-order frames and the sync answer end up ordered and unique
    t.frame({ type: 'message', message: msg(3) });
    t.frame({ type: 'sync', conversationId: C, messages: [msg(2), msg(3), msg(4)], lastSeq: 4, hasMore: false });
    expect(t.transcript.list().map((i) => i.seq)).toEqual([1, 2, 3, 4]);
  });

  it('follows a new conversation started elsewhere (another tab)', () => {
    const t = setup();
    t.frame({ type: 'sync', conversationId: C, messages: [msg(1)], lastSeq: 1, hasMore: false });
    t.frame({ type: 'message', message: msg(1, { conversationId: 'conv-2', author: VISITOR, clientId: 'other-tab' }) });
    expect(t.core.conversationId).toBe('conv-2');
    expect(t.transcript.list().map((i) => i.conversationId)).toEqual([C, 'conv-2']);
  });

  it('relays typing of others only, and hides it when their message arrives', () => {
    const t = setup();
    t.frame({ type: 'typing', conversationId: C, author: AGENT, typing: true });
    t.frame({ type: 'typing', conversationId: C, author: VISITOR, typing: true });
    t.frame({ type: 'message', message: msg(1) });
    expect(t.events.filter((e) => e[0] === 'typing')).toEqual([
      ['typing', 'agent', true],
      ['typing', 'agent', false],
    ]);
  });

  it('reports presence and shows errors without ref only when useful', () => {
    const t = setup();
    t.frame({ type: 'presence', agentsOnline: 2 });
    t.frame({ type: 'error', code: 'rate_limited', message: 'Slow down' });
    t.frame({ type: 'error', code: 'bad_frame', message: 'Frame is not valid JSON' });
    expect(t.events.filter((e) => e[0] !== 'changed')).toEqual([
      ['presence', 2],
      ['notice', 'Slow down'],
    ]);
  });

  it('counts unread messages from others after the read seq', () => {
    const t = setup();
    t.frame({
      type: 'sync',
      conversationId: C,
      messages: [msg(1), msg(2, { author: VISITOR }), msg(3), msg(4, { author: { type: 'chatbot', id: 'b', name: 'Bot' } })],
      lastSeq: 4,
      hasMore: false,
    });
    expect(t.core.unread(0)).toBe(3);
    expect(t.core.unread(3)).toBe(1);
    expect(t.core.lastSeq()).toBe(4);
  });
});

describe('ChatCore — chatbots', () => {
  const BOT: Author = { type: 'chatbot', id: 'bot-1', name: 'Barista' };
  const BUTTONS = [
    { id: 'pricing', label: 'Pricing' },
    { id: 'human', label: 'Talk to a person', human: true },
  ];
  const menu = (seq: number) => msg(seq, { author: BOT, text: 'What can we help with?', meta: { chatbot: { id: 'bot-1', nodeId: 'menu' }, buttons: BUTTONS } });
  const atMenu = { status: 'waiting' as const, nodeId: 'menu', awaiting: 'button' as const, field: null };
  const asking = { status: 'waiting' as const, nodeId: 'ask_email', awaiting: 'answer' as const, field: 'email' as const };
  const conversationFrame = (id: string, chatbot: typeof atMenu | typeof asking | null, status: 'open' | 'closed' = 'open'): ServerFrame => ({
    type: 'conversation',
    conversation: { id, status, lastSeq: 0, chatbot },
  });
  const choiceAck = (seq: number, clientId: string, choiceId = 'pricing') =>
    msg(seq, { clientId, author: VISITOR, text: 'Pricing', meta: { choice: { chatbotId: 'bot-1', nodeId: 'menu', choiceId } } });

  /** A visitor in conv-1 with the menu shown and the chatbot waiting on it. */
  function atMenuSetup(store = memoryStore()) {
    const t = setup({ store });
    t.core.ready();
    t.frame({ type: 'sync', conversationId: C, messages: [menu(1)], lastSeq: 1, hasMore: false });
    t.frame(conversationFrame(C, atMenu));
    t.sent.length = 0;
    return t;
  }

  describe('chatbot.open', () => {
    it('is sent when the box opens while connected, after nothing else', () => {
      const t = setup({ conversationId: null });
      t.core.ready();
      t.sent.length = 0;
      t.core.opened();
      expect(t.sent).toEqual([{ type: 'chatbot.open' }]);
    });

    it('waits for the socket when the box opens offline, then follows sync and the outbox', () => {
      const t = setup({ conversationId: null, online: false });
      t.core.submit('typed before the socket was up');
      t.core.opened();
      expect(t.sent).toEqual([]);
      t.setOnline(true);
      t.core.ready();
      expect(t.types()).toEqual(['sync', 'message.send', 'chatbot.open']);
    });

    it('is not repeated on reconnect once a conversation is known, but is while the box is open and none is', () => {
      const t = setup({ conversationId: null });
      t.core.ready();
      t.core.opened();
      t.core.disconnected();
      t.core.ready();
      expect(t.types().filter((x) => x === 'chatbot.open')).toHaveLength(2);

      t.frame(conversationFrame('conv-9', atMenu));
      t.sent.length = 0;
      t.core.disconnected();
      t.core.ready();
      expect(t.types()).toEqual(['sync']);
    });

    it('is sent again after the conversation closed, and dropped when the box closes before the socket is up', () => {
      const t = setup({ online: false });
      t.core.opened();
      t.core.closed();
      t.setOnline(true);
      t.core.ready();
      expect(t.types()).toEqual(['sync']);
      t.core.opened();
      t.frame(conversationFrame(C, null, 'closed'));
      t.core.disconnected();
      t.core.ready();
      expect(t.types()).toEqual(['sync', 'chatbot.open', 'sync', 'chatbot.open']);
    });
  });

  describe('chatbox.closed', () => {
    it('tells the server the box closed in a conversation (statistics: the conversation ended)', () => {
      const t = atMenuSetup();
      t.core.opened();
      t.sent.length = 0;
      t.core.closed();
      expect(t.sent).toEqual([{ type: 'chatbox.closed', conversationId: C }]);
    });

    it('says nothing when there is no conversation yet', () => {
      const t = setup({ conversationId: null });
      t.core.ready();
      t.core.opened();
      t.sent.length = 0;
      t.core.closed();
      expect(t.sent).toEqual([]);
    });
  });

  it('follows the conversation a chatbot started and its state, from the conversation frame', () => {
    const t = setup({ conversationId: null });
    t.core.ready();
    t.frame({ type: 'sync', conversationId: null, messages: [], lastSeq: 0, hasMore: false });
    t.core.opened();
    t.frame(conversationFrame('conv-7', atMenu));
    expect(t.core.conversationId).toBe('conv-7');
    expect(t.core.chatbot).toEqual(atMenu);
    t.frame({ type: 'message', message: { ...menu(1), conversationId: 'conv-7', id: 'b1' } });
    expect(t.core.prompt()).toMatchObject({ nodeId: 'menu', active: true });
    expect(t.events).toContainEqual(['message', 1, 'chatbot']);
  });

  it('takes the chatbot state from the session at start and from a refreshed session', () => {
    const t = setup();
    expect(t.core.chatbot).toBeNull();
    t.core.adoptConversation({ id: C, status: 'open', chatbot: asking });
    expect(t.core.chatbot).toEqual(asking);
  });

  it('a click goes out as chatbot.choose through the outbox, shows at once, and disables the buttons', () => {
    const t = atMenuSetup();
    expect(t.core.choose('menu', 'pricing')).toBe(true);
    expect(t.sent).toEqual([{ type: 'chatbot.choose', clientId: 'c-1', conversationId: C, nodeId: 'menu', choiceId: 'pricing' }]);
    expect(t.outbox.list()).toMatchObject([{ clientId: 'c-1', text: 'Pricing', choice: { conversationId: C, nodeId: 'menu', choiceId: 'pricing' } }]);
    expect(t.transcript.list().at(-1)).toMatchObject({ status: 'pending', text: 'Pricing', author: { type: 'visitor' }, meta: { choice: { choiceId: 'pricing' } } });
    expect(t.core.prompt()).toMatchObject({ active: false, chosen: 'pricing' });
    // A second click (double click, another button) while the first is on its way does nothing.
    expect(t.core.choose('menu', 'human')).toBe(false);
    expect(t.core.choose('menu', 'pricing')).toBe(false);
    expect(t.sent).toHaveLength(1);
  });

  it('refuses buttons that are not clickable now', () => {
    const t = atMenuSetup();
    expect(t.core.choose('other-node', 'pricing')).toBe(false);
    expect(t.core.choose('menu', 'nope')).toBe(false);
    t.frame(conversationFrame(C, asking));
    expect(t.core.choose('menu', 'pricing')).toBe(false);
    expect(t.sent).toEqual([]);
    expect(t.outbox.size).toBe(0);
  });

  it('is acknowledged like a message: the bubble becomes the stored choice, the buttons go', () => {
    const t = atMenuSetup();
    t.core.choose('menu', 'pricing');
    t.frame({ type: 'message.ack', clientId: 'c-1', message: choiceAck(2, 'c-1') });
    expect(t.outbox.size).toBe(0);
    expect(t.transcript.list().map((i) => [i.seq, i.status, i.author.type])).toEqual([
      [1, 'sent', 'chatbot'],
      [2, 'sent', 'visitor'],
    ]);
    expect(t.core.prompt()).toBeNull();
    t.frame({ type: 'message', message: msg(3, { author: BOT, text: 'Our prices…', meta: { chatbot: { id: 'bot-1', nodeId: 'prices' } } }) });
    t.frame(conversationFrame(C, asking));
    expect(t.core.chatbot).toEqual(asking);
    expect(t.core.prompt()).toBeNull();
  });

  it('is resent with the same clientId after a reconnect or a reload, so it is stored once', () => {
    const store = memoryStore();
    const t = atMenuSetup(store);
    t.setOnline(false);
    t.core.choose('menu', 'pricing');
    t.setOnline(true);
    t.core.disconnected();
    t.core.ready();
    const choose = { type: 'chatbot.choose', clientId: 'c-1', conversationId: C, nodeId: 'menu', choiceId: 'pricing' };
    expect(t.sent).toEqual([{ type: 'sync', conversationId: C, afterSeq: 1 }, choose]);

    const reloaded = setup({ store });
    expect(reloaded.transcript.list()).toMatchObject([{ status: 'pending', text: 'Pricing', meta: { choice: { nodeId: 'menu', choiceId: 'pricing' } } }]);
    reloaded.core.ready();
    expect(reloaded.sent[1]).toEqual(choose);
    // The server answers the repeat with the same ack: one bubble.
    reloaded.frame({ type: 'message.ack', clientId: 'c-1', message: choiceAck(2, 'c-1') });
    reloaded.frame({ type: 'message.ack', clientId: 'c-1', message: choiceAck(2, 'c-1') });
    expect(reloaded.transcript.list().filter((i) => i.author.type === 'visitor')).toHaveLength(1);
  });

  it('unknown_choice removes the pending bubble, re-enables the other buttons and tells the visitor', () => {
    const t = atMenuSetup();
    t.core.choose('menu', 'pricing');
    t.frame({ type: 'error', code: 'unknown_choice', message: 'That button is no longer offered', ref: 'c-1' });
    expect(t.outbox.size).toBe(0);
    expect(t.transcript.list().map((i) => i.seq)).toEqual([1]);
    expect(t.events).toContainEqual(['choiceRefused', 'unknown_choice', 'That button is no longer offered']);
    // Never put into the composer like a refused typed message.
    expect(t.events.some((e) => e[0] === 'failed')).toBe(false);
    expect(t.core.prompt()).toMatchObject({ active: true, chosen: null, refused: ['pricing'] });
    expect(t.core.choose('menu', 'pricing')).toBe(false);
    expect(t.core.choose('menu', 'human')).toBe(true);
    // Nothing is resent after a reconnect.
    t.sent.length = 0;
    t.core.ready();
    expect(t.types()).toEqual(['sync', 'chatbot.choose']);
    expect(t.sent[1]).toMatchObject({ choiceId: 'human' });
  });

  it('another refusal of a click (rate limit) drops the bubble and keeps the button clickable', () => {
    const t = atMenuSetup();
    t.core.choose('menu', 'pricing');
    t.frame({ type: 'error', code: 'rate_limited', message: 'Slow down', ref: 'c-1' });
    expect(t.transcript.list().map((i) => i.seq)).toEqual([1]);
    expect(t.events).toContainEqual(['choiceRefused', 'rate_limited', 'Slow down']);
    expect(t.core.prompt()).toMatchObject({ active: true, refused: [] });
  });

  it('typed text while buttons show is a normal message.send, and the buttons go', () => {
    const t = atMenuSetup();
    t.core.submit('Actually, can I talk to someone?');
    expect(t.sent).toEqual([{ type: 'message.send', clientId: 'c-1', text: 'Actually, can I talk to someone?' }]);
    expect(t.core.prompt()).toBeNull();
  });

  it('messages without meta (an older server) are taken as plain messages', () => {
    const t = setup();
    const old = msg(1) as Partial<Message>;
    delete old.meta;
    t.frame({ type: 'sync', conversationId: C, messages: [old as Message], lastSeq: 1, hasMore: false });
    t.frame({ type: 'message', message: { ...(old as Message), id: 'm2', seq: 2 } });
    expect(t.transcript.list()).toMatchObject([
      { seq: 1, meta: null },
      { seq: 2, meta: null },
    ]);
    expect(t.core.prompt()).toBeNull();
    expect(t.core.chatbot).toBeNull();
  });
});

describe('ChatCore — a chatbot started by a targeting trigger (follow)', () => {
  it('switches from a closed conversation to the started one, syncs it and counts it as going on', () => {
    const t = setup();
    t.frame({ type: 'sync', conversationId: C, messages: [msg(1), msg(2)], lastSeq: 2, hasMore: false });
    t.frame({ type: 'conversation', conversation: { id: C, status: 'closed', lastSeq: 2, chatbot: null } } as unknown as ServerFrame);
    expect(t.core.hasOpenConversation()).toBe(false);
    t.sent.length = 0;
    t.core.follow('conv-2');
    expect(t.core.conversationId).toBe('conv-2');
    expect(t.core.hasOpenConversation()).toBe(true);
    expect(t.sent).toEqual([{ type: 'sync', conversationId: 'conv-2', afterSeq: 0 }]);
    // The chatbot's welcome arrives through the sync: an unread message for the badge.
    t.frame({ type: 'sync', conversationId: 'conv-2', messages: [msg(1, { conversationId: 'conv-2', author: { type: 'chatbot', id: 'b1', name: 'Barista' } })], lastSeq: 1, hasMore: false });
    expect(t.core.unread(0)).toBe(1);
  });

  it('following the current conversation again sends nothing; offline, the sync waits for the next hello', () => {
    const t = setup({ conversationId: null, online: false });
    t.core.follow('conv-2');
    expect(t.sent).toEqual([]);
    t.core.follow('conv-2');
    t.setOnline(true);
    t.core.ready();
    expect(t.sent[0]).toEqual({ type: 'sync', conversationId: 'conv-2', afterSeq: 0 });
  });
});
