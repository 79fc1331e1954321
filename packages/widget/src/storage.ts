/**
 * A tiny key/value store over localStorage that never throws: private modes,
 * sandboxed iframes and full quotas fall back to memory for this page view.
 */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return {
    getItem: (k) => (data.has(k) ? (data.get(k) as string) : null),
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

/** Wraps a (possibly missing or failing) backing store; writes that fail are kept in memory. */
export function safeStore(backing: KeyValueStore | null | undefined): KeyValueStore {
  const memory = memoryStore();
  return {
    getItem(k) {
      const m = memory.getItem(k);
      if (m !== null) return m;
      try {
        return backing ? backing.getItem(k) : null;
      } catch {
        return null;
      }
    },
    setItem(k, v) {
      try {
        if (!backing) throw 0;
        backing.setItem(k, v);
        memory.removeItem(k);
      } catch {
        memory.setItem(k, v);
      }
    },
    removeItem(k) {
      memory.removeItem(k);
      try {
        if (backing) backing.removeItem(k);
      } catch {
        /* ignore */
      }
    },
  };
}

export function readJson<T>(store: KeyValueStore, key: string): T | null {
  const raw = store.getItem(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

/**
 * Storage keys, all namespaced by the website key: `parley:<websiteKey>:<name>`.
 * localStorage: `visitor` (the visitor id), `lang` (setLanguage), `outbox`
 * (unacknowledged messages), `read` (last seq seen); sessionStorage:
 * `teaser` (the welcome teaser was dismissed, or the box opened, during this visit).
 */
export const storageKey = (websiteKey: string, name: 'visitor' | 'lang' | 'outbox' | 'read' | 'teaser') => 'parley:' + websiteKey + ':' + name;
