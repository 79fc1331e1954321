import type { ClientFrameInput } from '@parley/core';

/**
 * Messages typed by the agent and not yet acknowledged by the server. Each has a
 * clientId (the idempotency key): resending after a reconnect is harmless, the
 * server answers the stored message instead of storing it twice.
 */
export interface OutboxEntry {
  clientId: string;
  conversationId: string;
  text: string;
  createdAt: string;
  /** How many times the frame was handed to a socket. */
  attempts: number;
}

export type Outbox = readonly OutboxEntry[];

export function enqueue(outbox: Outbox, entry: Omit<OutboxEntry, 'attempts'>): Outbox {
  if (outbox.some((e) => e.clientId === entry.clientId)) return outbox;
  return [...outbox, { ...entry, attempts: 0 }];
}

/** Removes the entry the server acknowledged (or that failed); same array when unknown. */
export function settle(outbox: Outbox, clientId: string | null | undefined): Outbox {
  if (!clientId) return outbox;
  const i = outbox.findIndex((e) => e.clientId === clientId);
  if (i < 0) return outbox;
  return [...outbox.slice(0, i), ...outbox.slice(i + 1)];
}

export function find(outbox: Outbox, clientId: string | null | undefined): OutboxEntry | undefined {
  return clientId ? outbox.find((e) => e.clientId === clientId) : undefined;
}

export function markAttempted(outbox: Outbox, clientIds: readonly string[]): Outbox {
  if (clientIds.length === 0) return outbox;
  const ids = new Set(clientIds);
  return outbox.map((e) => (ids.has(e.clientId) ? { ...e, attempts: e.attempts + 1 } : e));
}

export function pendingFor(outbox: Outbox, conversationId: string): OutboxEntry[] {
  return outbox.filter((e) => e.conversationId === conversationId);
}

/** The frames to (re)send, oldest first. */
export function sendFrames(outbox: Outbox): { clientId: string; frame: ClientFrameInput }[] {
  return outbox.map((e) => ({
    clientId: e.clientId,
    frame: { type: 'message.send', clientId: e.clientId, conversationId: e.conversationId, text: e.text },
  }));
}

/**
 * A failed message goes back into the composer so nothing typed is lost:
 * alone if the composer is empty, else above what was typed since.
 */
export function restoreIntoDraft(draft: string, failedText: string): string {
  if (draft.trim() === '') return failedText;
  if (draft.includes(failedText)) return draft;
  return `${failedText}\n${draft}`;
}

/** A clientId the server accepts (`[A-Za-z0-9_-]`, ≤ 64 chars). */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  // Non-secure contexts (plain http on a LAN address) have no randomUUID.
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
