import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { ServerFrame } from '@parley/core';
import type { TokenBucket } from './token-bucket.js';

/** One open socket and who is behind it. */
export interface Connection {
  id: string;
  ws: WebSocket;
  role: 'visitor' | 'agent';
  workspaceId: string;
  /** Visitors only. */
  visitor?: { visitorId: string; websiteId: string };
  /** Agents only. */
  agent?: { agentId: string; name: string };
  alive: boolean;
  /** Frames of one socket are handled one after the other, in arrival order. */
  queue: Promise<void>;
  messageBucket: TokenBucket | null;
}

export function send(connection: Connection, frame: ServerFrame): void {
  sendRaw(connection, JSON.stringify(frame));
}

/** Sockets corked during this event-loop turn, uncorked together once it ends. */
const corked = new Set<Duplex>();
let uncorkScheduled = false;

function uncorkAll(): void {
  uncorkScheduled = false;
  for (const socket of corked) socket.uncork();
  corked.clear();
}

/**
 * Sends a frame (text). All frames a socket gets in one event-loop turn leave in one
 * write: the underlying TCP socket is corked on the first and uncorked after
 * the turn, which saves a system call per frame under load.
 */
export function sendRaw(connection: Connection, data: string | Buffer): void {
  const { ws } = connection;
  if (ws.readyState !== ws.OPEN) return;
  const socket = (ws as unknown as { _socket?: Duplex })._socket;
  if (socket && !corked.has(socket)) {
    socket.cork();
    corked.add(socket);
    if (!uncorkScheduled) {
      uncorkScheduled = true;
      setImmediate(uncorkAll);
    }
  }
  // A Buffer is a text frame encoded once for many sockets (see `textForMany`).
  if (typeof data === 'string') ws.send(data);
  else ws.send(data, TEXT_FRAME);
}

const TEXT_FRAME = { binary: false } as const;

/**
 * A frame for several sockets: encoded to UTF-8 once and shared, rather than
 * measured and encoded again by each socket's `send`.
 */
export function textForMany(frame: string, sockets: number): string | Buffer {
  return sockets > 1 ? Buffer.from(frame) : frame;
}
