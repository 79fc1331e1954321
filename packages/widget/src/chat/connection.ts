/**
 * The visitor socket: connect, wait for `hello`, reconnect with exponential
 * backoff + jitter, reconnect at once on `online` / page becoming visible,
 * detect dead sockets with an application-level ping, and ask for a fresh
 * token when the server refuses the upgrade. Timers, sockets and window events
 * are injected so the logic runs under test without a browser.
 */
import type { ServerFrame } from '@parley/core';
import { backoffDelay } from './backoff';

export type ConnectionState = 'connecting' | 'online' | 'offline';

/** The part of the WebSocket API used here. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface ConnectionEnv {
  createSocket(url: string): SocketLike;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
  random(): number;
  /** navigator.onLine */
  isOnline(): boolean;
  /** Subscribes to "online", "offline" and "visible" (visibilitychange → visible). */
  listen(event: 'online' | 'offline' | 'visible', fn: () => void): void;
}

export interface ConnectionOptions {
  /**
   * Builds the socket URL. `fresh` asks for a new token (the last attempt was
   * refused before opening). Rejecting with `{fatal: true}` stops for good.
   */
  url(fresh: boolean): Promise<string>;
  /** Called after every `hello`: send `sync`, then the outbox. */
  onReady(): void;
  onFrame(frame: ServerFrame): void;
  onState(state: ConnectionState): void;
  env: ConnectionEnv;
  /** Ping interval; a socket silent for 2.5× this long is considered dead. */
  pingMs?: number;
  /** How long to wait for `hello` after opening. */
  helloTimeoutMs?: number;
  /** Minimum time between two token refreshes caused by refusals. */
  refreshMinMs?: number;
}

export interface Connection {
  start(): void;
  stop(): void;
  /** Sends a frame when the socket is ready; false when it is not (the caller keeps it). */
  send(frame: object): boolean;
  readonly state: ConnectionState;
  /** Reconnects immediately (resets the backoff). */
  nudge(): void;
}

const OPEN = 1;

export function createConnection(opts: ConnectionOptions): Connection {
  const env = opts.env;
  const pingMs = opts.pingMs ?? 25_000;
  const helloTimeoutMs = opts.helloTimeoutMs ?? 10_000;
  const refreshMinMs = opts.refreshMinMs ?? 30_000;

  let socket: SocketLike | null = null;
  let ready = false;
  let stopped = true;
  let connecting = false;
  let attempt = 0;
  let retryTimer: unknown = null;
  let pingTimer: unknown = null;
  let helloTimer: unknown = null;
  let lastFrameAt = 0;
  let needFresh = false;
  let lastRefreshAt = -Infinity;
  let state: ConnectionState = 'offline';

  function setState(s: ConnectionState): void {
    if (s === state) return;
    state = s;
    opts.onState(s);
  }

  function clear(t: unknown): null {
    if (t !== null) env.clearTimeout(t);
    return null;
  }

  function detach(): void {
    helloTimer = clear(helloTimer);
    pingTimer = clear(pingTimer);
    const s = socket;
    socket = null;
    ready = false;
    if (s) {
      s.onopen = s.onmessage = s.onclose = s.onerror = null;
      try {
        s.close();
      } catch {
        /* already closed */
      }
    }
  }

  function schedule(delay?: number): void {
    retryTimer = clear(retryTimer);
    if (stopped) return;
    const ms = delay ?? backoffDelay(attempt++, env.random);
    retryTimer = env.setTimeout(() => {
      retryTimer = null;
      connect();
    }, ms);
  }

  function lost(): void {
    detach();
    if (stopped) return;
    setState('offline');
    schedule();
  }

  function heartbeat(): void {
    pingTimer = env.setTimeout(() => {
      pingTimer = null;
      if (!socket || !ready) return;
      if (env.now() - lastFrameAt > pingMs * 2.5) return lost();
      try {
        socket.send('{"type":"ping"}');
      } catch {
        return lost();
      }
      heartbeat();
    }, pingMs);
  }

  function connect(): void {
    if (stopped || socket || connecting) return;
    retryTimer = clear(retryTimer);
    if (!env.isOnline()) {
      setState('offline');
      // The "online" event reconnects; poll slowly in case it never fires.
      schedule(10_000);
      return;
    }
    setState('connecting');
    const fresh = needFresh && env.now() - lastRefreshAt >= refreshMinMs;
    connecting = true;
    opts.url(fresh).then(
      (url) => {
        connecting = false;
        if (fresh) {
          needFresh = false;
          lastRefreshAt = env.now();
        }
        if (stopped || socket) return;
        open(url);
      },
      (err: unknown) => {
        connecting = false;
        if (stopped) return;
        if (err && (err as { fatal?: boolean }).fatal) {
          stop();
          setState('offline');
          return;
        }
        setState('offline');
        schedule();
      },
    );
  }

  function open(url: string): void {
    let ws: SocketLike;
    try {
      ws = env.createSocket(url);
    } catch {
      return lost();
    }
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      lastFrameAt = env.now();
      helloTimer = env.setTimeout(() => {
        helloTimer = null;
        if (socket === ws && !ready) lost();
      }, helloTimeoutMs);
    };
    ws.onmessage = (ev) => {
      if (socket !== ws) return;
      lastFrameAt = env.now();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return;
      }
      if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return;
      if (frame.type === 'hello') {
        helloTimer = clear(helloTimer);
        ready = true;
        attempt = 0;
        setState('online');
        heartbeat();
        opts.onFrame(frame);
        opts.onReady();
        return;
      }
      opts.onFrame(frame);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      // Closed before the upgrade completed: maybe the token was refused.
      if (!opened) needFresh = true;
      lost();
    };
    ws.onerror = () => {
      /* a close event follows */
    };
  }

  function nudge(): void {
    if (stopped || socket || connecting) return;
    attempt = 0;
    connect();
  }

  function stop(): void {
    stopped = true;
    retryTimer = clear(retryTimer);
    detach();
  }

  env.listen('online', nudge);
  env.listen('visible', nudge);
  env.listen('offline', () => {
    if (stopped) return;
    // Sockets may linger half-open after a network cut: drop at once, keep typing into the outbox.
    if (socket) detach();
    setState('offline');
    schedule(10_000);
  });

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      connect();
    },
    stop,
    send(frame: object): boolean {
      if (!socket || !ready || socket.readyState !== OPEN) return false;
      try {
        socket.send(JSON.stringify(frame));
        return true;
      } catch {
        return false;
      }
    },
    get state() {
      return state;
    },
    nudge,
  };
}

/** The browser environment. */
export function browserEnv(): ConnectionEnv {
  return {
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as number),
    now: () => Date.now(),
    random: Math.random,
    isOnline: () => navigator.onLine !== false,
    listen(event, fn) {
      if (event === 'visible') {
        document.addEventListener('visibilitychange', () => {
          if (document.visibilityState === 'visible') fn();
        });
      } else window.addEventListener(event, fn);
    },
  };
}
