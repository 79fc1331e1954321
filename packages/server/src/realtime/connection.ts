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

export function sendRaw(connection: Connection, data: string): void {
  if (connection.ws.readyState === connection.ws.OPEN) connection.ws.send(data);
}
