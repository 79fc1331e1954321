import type { Author } from '@parley/core';

/** Send `typing: true` at most this often while the composer changes. */
export const TYPING_SEND_INTERVAL_MS = 2000;
/** Hide someone's indicator after this long without a renewal. */
export const TYPING_HIDE_AFTER_MS = 6000;

export interface OutgoingTyping {
  typing: boolean;
  sentAt: number | null;
}

export const IDLE_TYPING: OutgoingTyping = { typing: false, sentAt: null };

/**
 * What to send when the composer text changes: `true` (throttled), `false` once
 * when the text is cleared, or nothing.
 */
export function onComposerChange(
  state: OutgoingTyping,
  text: string,
  now: number,
): { send: boolean | null; state: OutgoingTyping } {
  if (text.trim() === '') {
    if (!state.typing) return { send: null, state };
    return { send: false, state: IDLE_TYPING };
  }
  if (state.typing && state.sentAt !== null && now - state.sentAt < TYPING_SEND_INTERVAL_MS) {
    return { send: null, state };
  }
  return { send: true, state: { typing: true, sentAt: now } };
}

/** After sending the message (or leaving the conversation): stop, if we said we were typing. */
export function onStop(state: OutgoingTyping): { send: boolean | null; state: OutgoingTyping } {
  return state.typing ? { send: false, state: IDLE_TYPING } : { send: null, state };
}

export interface TypingEntry {
  author: Author;
  until: number;
}

/** Who is typing, per conversation. */
export type TypingMap = Readonly<Record<string, readonly TypingEntry[]>>;

const sameAuthor = (a: Author, b: Author) => a.type === b.type && a.id === b.id;

export function applyTyping(
  map: TypingMap,
  conversationId: string,
  author: Author,
  typing: boolean,
  now: number,
): TypingMap {
  const held = map[conversationId] ?? [];
  const others = held.filter((e) => !sameAuthor(e.author, author));
  const next = typing ? [...others, { author, until: now + TYPING_HIDE_AFTER_MS }] : others;
  if (!typing && others.length === held.length) return map;
  const copy: Record<string, readonly TypingEntry[]> = { ...map };
  if (next.length === 0) delete copy[conversationId];
  else copy[conversationId] = next;
  return copy;
}

/** Someone who sent a message has stopped typing. */
export function clearTypingOf(map: TypingMap, conversationId: string, author: Author): TypingMap {
  return applyTyping(map, conversationId, author, false, 0);
}

export function expireTyping(map: TypingMap, now: number): TypingMap {
  let changed = false;
  const copy: Record<string, readonly TypingEntry[]> = {};
  for (const [id, entries] of Object.entries(map)) {
    const alive = entries.filter((e) => e.until > now);
    if (alive.length !== entries.length) changed = true;
    if (alive.length > 0) copy[id] = alive;
  }
  return changed ? copy : map;
}

/** The earliest moment an indicator must disappear, or null when nobody types. */
export function nextTypingExpiry(map: TypingMap): number | null {
  let min: number | null = null;
  for (const entries of Object.values(map)) for (const e of entries) if (min === null || e.until < min) min = e.until;
  return min;
}

export function isVisitorTyping(map: TypingMap, conversationId: string, now: number): boolean {
  return (map[conversationId] ?? []).some((e) => e.author.type === 'visitor' && e.until > now);
}

export function agentsTyping(map: TypingMap, conversationId: string, me: string | null, now: number): Author[] {
  return (map[conversationId] ?? [])
    .filter((e) => e.author.type === 'agent' && e.author.id !== me && e.until > now)
    .map((e) => e.author);
}
