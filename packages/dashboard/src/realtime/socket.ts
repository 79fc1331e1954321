import type { ClientFrameInput } from '@parley/core';
import type { AgentServerFrame as ServerFrame } from './frames';
import { backoffDelay } from './backoff';

/**
 * The inbox's WebSocket (docs/protocol.md): connects, says when it is usable
 * (after `hello`), keeps itself alive with pings, and reconnects with backoff.
 * It knows nothing about conversations: listeners get every server frame.
 */
export type SocketStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'stopped';

export interface SocketState {
  status: SocketStatus;
  /** Was the socket ever open? (Distinguishes "connecting" from "reconnecting".) */
  connectedOnce: boolean;
  /** Consecutive failed attempts since the last `hello`. */
  failures: number;
  /** When the next attempt starts (epoch ms), while waiting. */
  retryAt: number | null;
}

/** The part of the browser WebSocket the client uses (a fake in tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
}

export interface AgentSocketOptions {
  url: string;
  createSocket?: (url: string) => WebSocketLike;
  /**
   * Asked when a connection fails before `hello` (a refused upgrade looks like any
   * other failure from the browser). Resolve false when the session is gone.
   */
  checkSession?: () => Promise<boolean>;
  onSessionLost?: () => void;
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  random?: () => number;
}

const OPEN = 1;

export function agentSocketUrl(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws/agent`;
}

export class AgentSocket {
  private ws: WebSocketLike | null = null;
  private gotHello = false;
  private state: SocketState = { status: 'idle', connectedOnce: false, failures: 0, retryAt: null };
  private readonly frameListeners = new Set<(frame: ServerFrame) => void>();
  private readonly stateListeners = new Set<(state: SocketState) => void>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly createSocket: (url: string) => WebSocketLike;
  private readonly pingIntervalMs: number;
  private readonly pongTimeoutMs: number;
  private readonly onWake = () => this.retryNow();

  constructor(private readonly opts: AgentSocketOptions) {
    this.createSocket = opts.createSocket ?? ((url) => new WebSocket(url));
    this.pingIntervalMs = opts.pingIntervalMs ?? 25_000;
    this.pongTimeoutMs = opts.pongTimeoutMs ?? 10_000;
  }

  getState(): SocketState {
    return this.state;
  }

  isOpen(): boolean {
    return this.state.status === 'open' && this.ws?.readyState === OPEN;
  }

  onFrame(listener: (frame: ServerFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onState(listener: (state: SocketState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  start(): void {
    if (this.state.status !== 'idle' && this.state.status !== 'stopped') return;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onWake);
      window.addEventListener('focus', this.onWake);
    }
    this.connect();
  }

  stop(): void {
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onWake);
      window.removeEventListener('focus', this.onWake);
    }
    this.clearTimers();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      detach(ws);
      ws.close(1000, 'bye');
    }
    this.setState({ status: 'stopped', retryAt: null });
  }

  /** Skip the wait when a reconnect is scheduled (the "Retry now" button, the browser going online). */
  retryNow(): void {
    if (this.state.status !== 'reconnecting' || this.ws) return;
    this.connect();
  }

  /** Sends a frame if the socket is usable; false means "not now" (keep it for later). */
  send(frame: ClientFrameInput): boolean {
    if (!this.isOpen() || !this.ws) return false;
    try {
      this.ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  private connect(): void {
    this.clearTimers();
    this.gotHello = false;
    this.setState({ status: this.state.connectedOnce || this.state.failures > 0 ? 'reconnecting' : 'connecting', retryAt: null });
    let ws: WebSocketLike;
    try {
      ws = this.createSocket(this.opts.url);
    } catch {
      this.scheduleReconnect(true);
      return;
    }
    this.ws = ws;
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.alive();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return;
      }
      if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return;
      if (frame.type === 'hello') {
        this.gotHello = true;
        this.setState({ status: 'open', connectedOnce: true, failures: 0, retryAt: null });
        this.startPing();
      }
      for (const l of [...this.frameListeners]) {
        try {
          l(frame);
        } catch (err) {
          console.error('[parley] frame listener failed', err);
        }
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.dropped();
    };
    ws.onerror = () => {
      /* a close event follows */
    };
  }

  /** The current socket is gone (closed by the server, the network, or our liveness check). */
  private dropped(): void {
    const ws = this.ws;
    this.ws = null;
    if (ws) detach(ws);
    this.clearTimers();
    if (this.state.status === 'stopped') return;
    this.scheduleReconnect(!this.gotHello);
  }

  private scheduleReconnect(beforeHello: boolean): void {
    const failures = this.state.failures + 1;
    const delay = backoffDelay(failures - 1, this.opts.random);
    this.setState({ status: 'reconnecting', failures, retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
    if (beforeHello && this.opts.checkSession) {
      this.opts
        .checkSession()
        .then((ok) => {
          if (!ok && this.state.status !== 'stopped') {
            this.stop();
            this.opts.onSessionLost?.();
          }
        })
        .catch(() => {
          /* unreachable server: keep retrying */
        });
    }
  }

  private startPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (!this.send({ type: 'ping' })) return;
      if (this.pongTimer) return;
      this.pongTimer = setTimeout(() => {
        // No frame at all since the ping: the connection is dead even if the browser has not noticed.
        this.pongTimer = null;
        const ws = this.ws;
        if (!ws) return;
        detach(ws);
        try {
          ws.close(4000, 'timeout');
        } catch {
          /* ignore */
        }
        this.dropped();
      }, this.pongTimeoutMs);
    }, this.pingIntervalMs);
  }

  private alive(): void {
    if (this.pongTimer) {
      clearTimeout(this.pongTimer);
      this.pongTimer = null;
    }
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.retryTimer = this.pingTimer = this.pongTimer = null;
  }

  private setState(patch: Partial<SocketState>): void {
    const next = { ...this.state, ...patch };
    const s = this.state;
    if (
      s.status === next.status &&
      s.connectedOnce === next.connectedOnce &&
      s.failures === next.failures &&
      s.retryAt === next.retryAt
    ) {
      return;
    }
    this.state = next;
    for (const l of [...this.stateListeners]) l(next);
  }
}

function detach(ws: WebSocketLike): void {
  ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
}
