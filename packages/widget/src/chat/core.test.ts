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
