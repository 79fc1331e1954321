import { describe, expect, it } from 'vitest';
import { enqueue, find, markAttempted, newClientId, pendingFor, restoreIntoDraft, sendFrames, settle } from './outbox';

const entry = (clientId: string, conversationId = 'c1') => ({
  clientId,
  conversationId,
  text: `text ${clientId}`,
  createdAt: '2024-03-14T12:00:00.000Z',
});

describe('outbox', () => {
  it('queues, acks and ignores duplicates', () => {
    let ob = enqueue([], entry('a'));
    ob = enqueue(ob, entry('b', 'c2'));
    expect(enqueue(ob, entry('a'))).toBe(ob);
    expect(ob.map((e) => e.clientId)).toEqual(['a', 'b']);
    expect(pendingFor(ob, 'c2').map((e) => e.clientId)).toEqual(['b']);
    ob = settle(ob, 'a');
    expect(ob.map((e) => e.clientId)).toEqual(['b']);
    expect(settle(ob, 'zzz')).toBe(ob);
    expect(settle(ob, null)).toBe(ob);
    expect(find(ob, 'b')?.text).toBe('text b');
  });

  it('produces message.send frames in order for a resend', () => {
    const ob = enqueue(enqueue([], entry('a')), entry('b'));
    expect(sendFrames(ob)).toEqual([
      { clientId: 'a', frame: { type: 'message.send', clientId: 'a', conversationId: 'c1', text: 'text a' } },
      { clientId: 'b', frame: { type: 'message.send', clientId: 'b', conversationId: 'c1', text: 'text b' } },
    ]);
  });

  it('counts attempts', () => {
    const ob = markAttempted(enqueue(enqueue([], entry('a')), entry('b')), ['a']);
    expect(ob.map((e) => e.attempts)).toEqual([1, 0]);
  });

  it('restores a failed text into the composer without losing what was typed since', () => {
    expect(restoreIntoDraft('', 'hello')).toBe('hello');
    expect(restoreIntoDraft('  ', 'hello')).toBe('hello');
    expect(restoreIntoDraft('more', 'hello')).toBe('hello\nmore');
    expect(restoreIntoDraft('hello', 'hello')).toBe('hello');
  });

  it('makes valid client ids', () => {
    const id = newClientId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(newClientId()).not.toBe(id);
  });
});
