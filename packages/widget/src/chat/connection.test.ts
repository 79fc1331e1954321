import { describe, expect, it } from 'vitest';
import { createConnection, type ConnectionEnv, type ConnectionState, type SocketLike } from './connection';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: string[] = [];
  closed = false;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  // server side helpers
  accept() {
    this.readyState = 1;
    this.onopen?.({});
    this.push({ type: 'hello', protocol: 1, connectionId: 'x', role: 'visitor', userId: 'v', serverTime: '' });
  }
  push(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
}

function setup(opts: { refuseToken?: string } = {}) {
  let now = 0;
  let online = true;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const sockets: FakeSocket[] = [];
  const listeners: Record<string, (() => void)[]> = {};
  const states: ConnectionState[] = [];
  const urls: boolean[] = [];
  let ready = 0;
  let token = 1;
  let failUrl: unknown = null;
  const env: ConnectionEnv = {
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      const i = timers.findIndex((t) => t.id === h);
      if (i >= 0) timers.splice(i, 1);
    },
    now: () => now,
    random: () => 1,
    isOnline: () => online,
    listen: (ev, fn) => (listeners[ev] = listeners[ev] || []).push(fn),
  };
  const conn = createConnection({
    env,
    url: async (fresh) => {
      urls.push(fresh);
      if (failUrl) throw failUrl;
      if (fresh) token++;
      return 'ws://h/ws/visitor?token=t' + token;
    },
    onReady: () => ready++,
    onFrame: () => undefined,
    onState: (s) => states.push(s),
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  async function advance(ms: number) {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > end) break;
      timers.shift();
      now = t.at;
      t.fn();
      await flush();
    }
    now = end;
  }
  return {
    conn,
    sockets,
    states,
    urls,
    timers,
    flush,
    advance,
    last: () => sockets[sockets.length - 1] as FakeSocket,
    ready: () => ready,
    fire: (ev: string) => (listeners[ev] || []).forEach((f) => f()),
    setOnline: (v: boolean) => (online = v),
    failUrl: (e: unknown) => (failUrl = e),
    opts,
  };
}

describe('connection', () => {
  it('connects, becomes online at hello and calls onReady each time', async () => {
    const t = setup();
    t.conn.start();
    await t.flush();
    expect(t.states).toEqual(['connecting']);
    expect(t.conn.send({ type: 'ping' })).toBe(false); // not ready before hello
    t.last().accept();
    expect(t.states).toEqual(['connecting', 'online']);
    expect(t.ready()).toBe(1);
    expect(t.conn.send({ type: 'sync' })).toBe(true);
    expect(t.last().sent).toEqual(['{"type":"sync"}']);
  });

  it('reconnects with growing, capped delays after drops', async () => {
    const t = setup();
    t.conn.start();
    await t.flush();
    t.last().accept();
    t.last().drop();
    expect(t.states.at(-1)).toBe('offline');
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = t.sockets.length;
      let waited = 0;
      while (t.sockets.length === before) {
        await t.advance(50);
        waited += 50;
      }
      delays.push(waited);
      t.last().readyState = 1;
      t.last().onopen?.({}); // opens but never says hello, then drops
      t.last().drop();
    }
    expect(delays.slice(0, 5)).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(10_000);
  });

  it('resets the backoff after a successful hello', async () => {
    const t = setup();
    t.conn.start();
    await t.flush();
    t.last().drop();
    await t.advance(500);
    t.last().drop();
    await t.advance(1000);
    t.last().accept();
    t.last().drop();
    const n = t.sockets.length;
    await t.advance(500);
    expect(t.sockets.length).toBe(n + 1);
  });

  it('asks for a fresh token when the upgrade is refused (closed before open)', async () => {
    const t = setup();
    t.conn.start();
    await t.flush();
    expect(t.urls).toEqual([false]);
    t.last().drop(); // refused: never opened
    await t.advance(500);
    expect(t.urls).toEqual([false, true]);
    expect(t.last().url).toContain('token=t2');
    t.last().accept();
    t.last().drop(); // a normal drop after being connected keeps the token
    await t.advance(500);
    expect(t.urls).toEqual([false, true, false]);
  });

  it('reconnects at once on "online" and on the page becoming visible', async () => {
    const t = setup();
    t.conn.start();
    await t.flush();
    t.last().accept();
    t.last().drop();
    const n = t.sockets.length;
    t.fire('online');
    await t.flush();
    expect(t.sockets.length).toBe(n + 1);
    t.last().accept();
    t.last().drop();
    t.fire('visible');
    await t.flush();
    expect(t.sockets.length).toBe(n + 2);
  });

  it('drops the socket on "offline" and waits for the network', async () => {
    const t = setup();
    t.conn.start();
    await t.flush();
    const s = t.last();
    s.accept();
    t.setOnline(false);
    t.fire('offline');
    expect(s.closed).toBe(true);
    expect(t.conn.state).toBe('offline');
    expect(t.conn.send({ type: 'ping' })).toBe(false);
    await t.advance(30_000);
    expect(t.sockets.length).toBe(1); // no attempts while offline
    t.setOnline(true);
    t.fire('online');
    await t.flush();
    expect(t.sockets.length).toBe(2);
  });

  it('pings and closes a socket that went silent', async () => {
    const t = setup();
    t.conn.start();
    await t.flush();
    const s = t.last();
    s.accept();
    await t.advance(25_000);
    expect(s.sent).toContain('{"type":"ping"}');
    await t.advance(50_000); // silent for 75 s > 2.5 × 25 s
    expect(s.closed).toBe(true);
    await t.advance(1_000);
    expect(t.sockets.length).toBeGreaterThan(1);
  });

  it('stops for good on a fatal session error', async () => {
    const t = setup();
    t.failUrl({ fatal: true });
    t.conn.start();
    await t.flush();
    expect(t.sockets).toHaveLength(0);
    await t.advance(60_000);
    expect(t.sockets).toHaveLength(0);
    expect(t.conn.state).toBe('offline');
  });

  it('retries when the session call fails for a transient reason', async () => {
    const t = setup();
    t.failUrl(new Error('network'));
    t.conn.start();
    await t.flush();
    t.failUrl(null);
    await t.advance(600);
    expect(t.sockets).toHaveLength(1);
  });

  it('ignores frames that are not JSON objects', async () => {
    const t = setup();
    t.conn.start();
    await t.flush();
    t.last().accept();
    t.last().onmessage?.({ data: 'not json' });
    t.last().onmessage?.({ data: '42' });
    expect(t.conn.state).toBe('online');
  });
});
