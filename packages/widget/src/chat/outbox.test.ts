import { describe, expect, it } from 'vitest';
import { memoryStore, safeStore, type KeyValueStore } from '../storage';
import { Outbox } from './outbox';

const KEY = 'parley:k1:outbox';
const entry = (n: number) => ({ clientId: 'c-' + n, text: 'message ' + n, createdAt: `2025-01-01T00:00:0${n}.000Z` });

describe('Outbox', () => {
  it('persists entries in the store, in order, across instances (reloads)', () => {
    const store = memoryStore();
    const a = new Outbox(store, KEY);
    a.add(entry(1));
    a.add(entry(2));
    const b = new Outbox(store, KEY);
    expect(b.list()).toEqual([entry(1), entry(2)]);
    expect(JSON.parse(store.getItem(KEY) as string)).toHaveLength(2);
  });

  it('adds a clientId only once (a resend never duplicates)', () => {
    const o = new Outbox(memoryStore(), KEY);
    o.add(entry(1));
    o.add(entry(1));
    expect(o.size).toBe(1);
  });

  it('removes on ack or failure and returns the entry; the key disappears when empty', () => {
    const store = memoryStore();
    const o = new Outbox(store, KEY);
    o.add(entry(1));
    o.add(entry(2));
    expect(o.remove('c-1')).toEqual(entry(1));
    expect(o.remove('c-1')).toBeUndefined();
    expect(o.list()).toEqual([entry(2)]);
    expect(o.has('c-2')).toBe(true);
    o.remove('c-2');
    expect(store.getItem(KEY)).toBeNull();
    expect(o.list()).toEqual([]);
  });

  it('two tabs sharing the store do not overwrite each other', () => {
    const store = memoryStore();
    const tab1 = new Outbox(store, KEY);
    const tab2 = new Outbox(store, KEY);
    tab1.add(entry(1));
    tab2.add(entry(2));
    tab1.remove('c-1');
    expect(tab2.list()).toEqual([entry(2)]);
  });

  it('ignores corrupt or foreign data', () => {
    const store = memoryStore();
    store.setItem(KEY, '{not json');
    expect(new Outbox(store, KEY).list()).toEqual([]);
    store.setItem(KEY, JSON.stringify([entry(1), { clientId: 3 }, null, 'x']));
    expect(new Outbox(store, KEY).list()).toEqual([entry(1)]);
    store.setItem(KEY, JSON.stringify({ a: 1 }));
    expect(new Outbox(store, KEY).list()).toEqual([]);
  });

  it('keeps working in memory when localStorage throws (private mode, quota)', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const o = new Outbox(safeStore(broken), KEY);
    o.add(entry(1));
    expect(o.list()).toEqual([entry(1)]);
    o.remove('c-1');
    expect(o.list()).toEqual([]);
    const none = new Outbox(safeStore(null), KEY);
    none.add(entry(2));
    expect(none.list()).toEqual([entry(2)]);
  });
});

describe('Outbox — chatbot button clicks', () => {
  const choice = { conversationId: 'conv-1', nodeId: 'menu', choiceId: 'pricing', chatbotId: 'bot-1' };

  it('keeps a click with its choice across reloads', () => {
    const store = memoryStore();
    new Outbox(store, KEY).add({ ...entry(1), text: 'Pricing', choice });
    expect(new Outbox(store, KEY).list()).toEqual([{ ...entry(1), text: 'Pricing', choice }]);
  });

  it('drops an entry whose choice is malformed, keeps plain entries', () => {
    const store = memoryStore();
    store.setItem(KEY, JSON.stringify([{ ...entry(1), choice: { nodeId: 'menu' } }, entry(2), { ...entry(3), choice }]));
    expect(new Outbox(store, KEY).list()).toEqual([entry(2), { ...entry(3), choice }]);
  });
});
