import type { Message } from '@parley/core';

/**
 * Merges messages into a list kept in seq order, one message per seq.
 * Returns the same array when nothing changed (cheap for React).
 * A later copy of an already-held seq replaces it only if it differs by id
 * (it cannot legitimately differ, but the server is the truth).
 */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return current as Message[];
  const bySeq = new Map<number, Message>();
  for (const m of current) bySeq.set(m.seq, m);
  let changed = false;
  for (const m of incoming) {
    const held = bySeq.get(m.seq);
    if (held && held.id === m.id) continue;
    bySeq.set(m.seq, m);
    changed = true;
  }
  if (!changed) return current as Message[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Highest seq held, 0 when none. */
export function maxSeq(messages: readonly Message[]): number {
  let max = 0;
  for (const m of messages) if (m.seq > max) max = m.seq;
  return max;
}

/** True when the seqs held are 1..n without holes (a gap means something is missing: sync). */
export function hasGap(messages: readonly Message[]): boolean {
  for (let i = 0; i < messages.length; i++) {
    const prev = i === 0 ? 0 : messages[i - 1]!.seq;
    if (messages[i]!.seq !== prev + 1) return true;
  }
  return false;
}

export interface MessageGroup {
  key: string;
  authorType: Message['author']['type'];
  authorId: string | null;
  authorName: string | null;
  messages: Message[];
}

export interface TranscriptDay {
  key: string;
  /** ISO time of the first message of the day (for the day label). */
  at: string;
  groups: MessageGroup[];
}

/** Messages from the same author less than this apart share one group. */
export const GROUP_GAP_MS = 5 * 60_000;

function localDayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** Groups consecutive messages by day, then by author (system messages always stand alone). */
export function groupTranscript(messages: readonly Message[]): TranscriptDay[] {
  const days: TranscriptDay[] = [];
  for (const m of messages) {
    const dayKey = localDayKey(m.createdAt);
    let day = days[days.length - 1];
    if (!day || day.key !== dayKey) {
      day = { key: dayKey, at: m.createdAt, groups: [] };
      days.push(day);
    }
    const group = day.groups[day.groups.length - 1];
    const last = group?.messages[group.messages.length - 1];
    const sameAuthor =
      group &&
      last &&
      m.author.type !== 'system' &&
      group.authorType === m.author.type &&
      group.authorId === m.author.id &&
      new Date(m.createdAt).getTime() - new Date(last.createdAt).getTime() < GROUP_GAP_MS;
    if (sameAuthor) {
      group.messages.push(m);
    } else {
      day.groups.push({
        key: `g${m.seq}`,
        authorType: m.author.type,
        authorId: m.author.id,
        authorName: m.author.name,
        messages: [m],
      });
    }
  }
  return days;
}
