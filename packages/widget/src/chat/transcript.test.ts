import type { Message } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { Transcript } from './transcript';

const C = 'conv-1';
function msg(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: 'm-' + (over.conversationId ?? C) + '-' + seq,
    conversationId: C,
    seq,
    clientId: null,
    author: { type: 'agent', id: 'a1', name: 'Ada' },
    text: 'text ' + seq,
    meta: null,
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString(),
    ...over,
  };
}
const seqs = (t: Transcript) => t.list().map((i) => i.seq);

describe('Transcript', () => {
  it('orders messages by seq whatever order they arrive in', () => {
    const t = new Transcript();
    for (const s of [3, 1, 5, 2, 4]) t.receive(msg(s));
    expect(seqs(t)).toEqual([1, 2, 3, 4, 5]);
  });

  it('drops duplicates by id and by conversation+seq (message racing sync)', () => {
    const t = new Transcript();
    expect(t.receive(msg(1))).toBe('added');
    expect(t.receive(msg(1))).toBe('duplicate');
    expect(t.receive({ ...msg(1), id: 'other-id' })).toBe('duplicate');
    expect(t.receive({ ...msg(2), seq: 7 , id: 'm-conv-1-1'})).toBe('duplicate');
    // a sync replaying what live frames delivered
    for (const m of [msg(1), msg(2), msg(3)]) t.receive(m);
    for (const m of [msg(2), msg(3), msg(4)]) t.receive(m);
    expect(seqs(t)).toEqual([1, 2, 3, 4]);
    expect(t.size).toBe(4);
  });

  it('keeps the same seq of different conversations apart, earlier conversation first', () => {
    const t = new Transcript();
    t.addConversation(C);
    t.receive(msg(1));
    t.receive(msg(1, { conversationId: 'conv-2', text: 'new conversation' }));
    t.receive(msg(2));
    expect(t.list().map((i) => [i.conversationId, i.seq])).toEqual([
      [C, 1],
      [C, 2],
      ['conv-2', 1],
    ]);
  });

  it('shows pending messages last, then turns them into sent messages on ack (same key)', () => {
    const t = new Transcript();
    t.receive(msg(1));
    t.addPending({ clientId: 'c-a', text: 'hello', createdAt: '2025-01-01T00:01:00.000Z' });
    t.addPending({ clientId: 'c-b', text: 'again', createdAt: '2025-01-01T00:01:01.000Z' });
    expect(t.list().map((i) => i.status)).toEqual(['sent', 'pending', 'pending']);
    expect(t.list()[1]).toMatchObject({ key: 'c-a', seq: null, author: { type: 'visitor' } });

    t.receive(msg(2, { author: { type: 'agent', id: 'a1', name: 'Ada' } }));
    expect(t.list().map((i) => i.key)).toEqual(['m-conv-1-1', 'm-conv-1-2', 'c-a', 'c-b']);

    const ack = msg(3, { clientId: 'c-a', text: 'hello', author: { type: 'visitor', id: 'v1', name: null } });
    expect(t.receive(ack)).toBe('acked');
    const item = t.get('c-a');
    expect(item).toMatchObject({ status: 'sent', seq: 3, id: ack.id });
    expect(t.list().map((i) => i.key)).toEqual(['m-conv-1-1', 'm-conv-1-2', 'c-a', 'c-b']);
    // the same message again (the ack raced a sync) changes nothing
    expect(t.receive(ack)).toBe('duplicate');
    expect(t.size).toBe(4);
  });

  it('never adds a pending message twice', () => {
    const t = new Transcript();
    expect(t.addPending({ clientId: 'c-a', text: 'x', createdAt: '' })).toBe(true);
    expect(t.addPending({ clientId: 'c-a', text: 'x', createdAt: '' })).toBe(false);
    expect(t.size).toBe(1);
  });

  it('marks refused messages failed; they stay where they were', () => {
    const t = new Transcript();
    t.addConversation(C);
    t.receive(msg(1));
    t.addPending({ clientId: 'c-a', text: 'x'.repeat(5000), createdAt: '' });
    const failed = t.fail('c-a', 'Message is longer than 4000 characters');
    expect(failed).toMatchObject({ status: 'failed', error: 'Message is longer than 4000 characters' });
    t.receive(msg(2));
    expect(t.list().map((i) => i.key)).toEqual(['m-conv-1-1', 'c-a', 'm-conv-1-2']);
    expect(t.fail('c-a', 'again')).toBeUndefined();
    expect(t.fail('unknown', 'x')).toBeUndefined();
    expect(t.discard('c-a')).toBe(true);
    expect(t.size).toBe(2);
  });

  it('knows the highest seq held and the contiguous one (for sync after a gap)', () => {
    const t = new Transcript();
    for (const s of [1, 2, 3, 5, 6]) t.receive(msg(s));
    expect(t.maxSeq(C)).toBe(6);
    expect(t.contiguousSeq(C)).toBe(3);
    t.receive(msg(4));
    expect(t.contiguousSeq(C)).toBe(6);
    expect(t.contiguousSeq('none')).toBe(0);
  });

  it('counts messages from others after a seq (unread badge)', () => {
    const t = new Transcript();
    t.receive(msg(1));
    t.receive(msg(2, { author: { type: 'visitor', id: 'v', name: null } }));
    t.receive(msg(3, { author: { type: 'chatbot', id: 'b', name: 'Bot' } }));
    t.receive(msg(4));
    expect(t.countFromOthers(C, 0)).toBe(3);
    expect(t.countFromOthers(C, 2)).toBe(2);
    expect(t.countFromOthers(C, 4)).toBe(0);
  });

  it('bumps its version on every change', () => {
    const t = new Transcript();
    const v0 = t.version;
    t.receive(msg(1));
    t.receive(msg(1));
    expect(t.version).toBe(v0 + 1);
  });
});
