import type { AgentServerFrame as ServerFrame } from './frames';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentSocket, agentSocketUrl, type WebSocketLike } from './socket';

class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  closed: number | null = null;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.closed = code;
  }
  // test helpers
  serverSends(frame: ServerFrame | string) {
    this.readyState = 1;
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) } as MessageEvent);
  }
  serverCloses() {
    this.readyState = 3;
    this.onclose?.({ code: 1006 } as CloseEvent);
  }
}

const hello: ServerFrame = { type: 'hello', protocol: 1, connectionId: 'x', role: 'agent', userId: 'me', serverTime: '' };
const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;

function make(extra: Partial<ConstructorParameters<typeof AgentSocket>[0]> = {}) {
  return new AgentSocket({ url: 'ws://h/ws/agent', createSocket: (u) => new FakeSocket(u), random: () => 1, ...extra });
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('AgentSocket', () => {
  it('builds ws:// and wss:// URLs from the page location', () => {
    expect(agentSocketUrl({ protocol: 'http:', host: 'a:3000' })).toBe('ws://a:3000/ws/agent');
    expect(agentSocketUrl({ protocol: 'https:', host: 'chat.example' })).toBe('wss://chat.example/ws/agent');
  });

  it('is open after hello, passes frames on, and sends only while open', () => {
    const s = make();
    const frames: ServerFrame[] = [];
    s.onFrame((f) => frames.push(f));
    s.start();
    expect(s.getState().status).toBe('connecting');
    expect(s.send({ type: 'ping' })).toBe(false);
    last().serverSends(hello);
    expect(s.getState()).toMatchObject({ status: 'open', connectedOnce: true });
    last().serverSends('not json');
    last().serverSends({ type: 'pong' });
    expect(frames.map((f) => f.type)).toEqual(['hello', 'pong']);
    expect(s.send({ type: 'read', conversationId: 'c', seq: 1 })).toBe(true);
    expect(last().sent).toEqual([{ type: 'read', conversationId: 'c', seq: 1 }]);
    s.stop();
  });

  it('reconnects with growing delays and resets after hello', () => {
    const s = make();
    s.start();
    last().serverSends(hello);
    last().serverCloses();
    expect(s.getState()).toMatchObject({ status: 'reconnecting', failures: 1 });
    vi.advanceTimersByTime(499);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    last().serverCloses(); // refused
    vi.advanceTimersByTime(999);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    last().serverSends(hello);
    expect(s.getState()).toMatchObject({ status: 'open', failures: 0 });
    s.stop();
  });

  it('retryNow skips the wait', () => {
    const s = make();
    s.start();
    last().serverSends(hello);
    last().serverCloses();
    s.retryNow();
    expect(FakeSocket.all).toHaveLength(2);
    s.stop();
  });

  it('drops a connection that stops answering pings', () => {
    const s = make({ pingIntervalMs: 1000, pongTimeoutMs: 500 });
    s.start();
    const first = last();
    first.serverSends(hello);
    vi.advanceTimersByTime(1000);
    expect(first.sent).toEqual([{ type: 'ping' }]);
    vi.advanceTimersByTime(500);
    expect(first.closed).toBe(4000);
    expect(s.getState().status).toBe('reconnecting');
    s.stop();
  });

  it('keeps a connection that answers', () => {
    const s = make({ pingIntervalMs: 1000, pongTimeoutMs: 500 });
    s.start();
    last().serverSends(hello);
    vi.advanceTimersByTime(1000);
    last().serverSends({ type: 'pong' });
    vi.advanceTimersByTime(600);
    expect(s.getState().status).toBe('open');
    s.stop();
  });

  it('stops and reports when the session is gone', async () => {
    const lost = vi.fn();
    const s = make({ checkSession: async () => false, onSessionLost: lost });
    s.start();
    last().serverCloses(); // refused before hello
    await vi.runAllTicks();
    await Promise.resolve();
    expect(lost).toHaveBeenCalledTimes(1);
    expect(s.getState().status).toBe('stopped');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('stop closes the socket and never reconnects', () => {
    const s = make();
    s.start();
    const ws = last();
    ws.serverSends(hello);
    s.stop();
    expect(ws.closed).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });
});
