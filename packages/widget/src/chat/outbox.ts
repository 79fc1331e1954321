/**
 * Messages typed by the visitor that the server has not acknowledged yet.
 * Persisted (localStorage in the browser) so neither a reload nor a network
 * cut loses one. Every mutation re-reads the store first, so two tabs of the
 * same site do not overwrite each other's entries. Pure: the store is injected.
 */
import type { KeyValueStore } from '../storage';

export interface OutboxEntry {
  clientId: string;
  text: string;
  createdAt: string;
}

function isEntry(e: unknown): e is OutboxEntry {
  if (!e || typeof e !== 'object') return false;
  const o = e as Record<string, unknown>;
  return typeof o.clientId === 'string' && typeof o.text === 'string' && typeof o.createdAt === 'string';
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
      entries.push({ clientId: entry.clientId, text: entry.text, createdAt: entry.createdAt });
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
