/**
 * Messages typed by the visitor (and chatbot buttons they clicked) that the
 * server has not acknowledged yet.
 * Persisted (localStorage in the browser) so neither a reload nor a network
 * cut loses one. Every mutation re-reads the store first, so two tabs of the
 * same site do not overwrite each other's entries. Pure: the store is injected.
 */
import type { KeyValueStore } from '../storage';

/** A click on a chatbot button: sent as `chatbot.choose` instead of `message.send`. */
export interface OutboxChoice {
  conversationId: string;
  nodeId: string;
  choiceId: string;
  /** The chatbot that offered the button (shown on the pending bubble's meta). */
  chatbotId: string;
}

export interface OutboxEntry {
  clientId: string;
  /** The typed text, or the label of the chosen button. */
  text: string;
  createdAt: string;
  choice?: OutboxChoice;
}

function isChoice(c: unknown): c is OutboxChoice {
  if (!c || typeof c !== 'object') return false;
  const o = c as Record<string, unknown>;
  return ['conversationId', 'nodeId', 'choiceId', 'chatbotId'].every((k) => typeof o[k] === 'string');
}

function isEntry(e: unknown): e is OutboxEntry {
  if (!e || typeof e !== 'object') return false;
  const o = e as Record<string, unknown>;
  return (
    typeof o.clientId === 'string' &&
    typeof o.text === 'string' &&
    typeof o.createdAt === 'string' &&
    (o.choice === undefined || isChoice(o.choice))
  );
}

export class Outbox {
  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {}

  /** Entries in the order they were written (the order to resend them in). */
  list(): OutboxEntry[] {
    const raw = this.store.getItem(this.key);
    if (!raw) return [];
    try {
      const data: unknown = JSON.parse(raw);
      return Array.isArray(data) ? data.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  has(clientId: string): boolean {
    return this.list().some((e) => e.clientId === clientId);
  }

  get size(): number {
    return this.list().length;
  }

  add(entry: OutboxEntry): OutboxEntry {
    const entries = this.list();
    if (!entries.some((e) => e.clientId === entry.clientId)) {
      const { clientId, text, createdAt, choice } = entry;
      entries.push(choice ? { clientId, text, createdAt, choice: { ...choice } } : { clientId, text, createdAt });
      this.save(entries);
    }
    return entry;
  }

  /** Removes an entry (acknowledged or refused); returns it when it was there. */
  remove(clientId: string): OutboxEntry | undefined {
    const entries = this.list();
    const i = entries.findIndex((e) => e.clientId === clientId);
    if (i < 0) return undefined;
    const [removed] = entries.splice(i, 1);
    this.save(entries);
    return removed;
  }

  private save(entries: OutboxEntry[]): void {
    if (entries.length) this.store.setItem(this.key, JSON.stringify(entries));
    else this.store.removeItem(this.key);
  }
}
