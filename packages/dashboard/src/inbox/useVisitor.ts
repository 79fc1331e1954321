import type { Visitor } from '@parley/core';
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client';

export type VisitorState =
  | { status: 'loading'; visitor: Visitor | null }
  | { status: 'ready'; visitor: Visitor }
  | { status: 'error'; visitor: Visitor | null; error: string };

const REFRESH_MS = 30_000;
/**
 * A refresh asked for by a new `refreshKey` waits this long, so a burst of chatbot messages
 * (message, question, handover…) makes one request.
 */
const SETTLE_MS = 250;

const LOADING: VisitorState = { status: 'loading', visitor: null };

/**
 * GET /visitors/:id (the visitor with their contact: name, email, phone, properties),
 * refreshed every 30 s while shown and whenever `refreshKey` changes (the visitor came
 * online, a chatbot stored contact data… see `visitorRefreshKey`).
 */
export function useVisitor(id: string, refreshKey: string): { state: VisitorState; reload: () => void } {
  // Kept with the id it belongs to: another visitor's data is never shown, not even for one render.
  const [held, setHeld] = useState<{ id: string; state: VisitorState }>({ id, state: LOADING });
  const [tick, setTick] = useState(0);
  const loaded = useRef<{ id: string; key: string } | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    const keyChanged = loaded.current !== null && loaded.current.id === id && loaded.current.key !== refreshKey;
    loaded.current = { id, key: refreshKey };
    const load = () => {
      api
        .visitor(id, ctrl.signal)
        .then(({ visitor }) => {
          if (!ctrl.signal.aborted) setHeld({ id, state: { status: 'ready', visitor } });
        })
        .catch((err: unknown) => {
          if (ctrl.signal.aborted) return;
          setHeld((h) => ({ id, state: { status: 'error', visitor: h.id === id ? h.state.visitor : null, error: errorMessage(err) } }));
        });
    };
    let settle: ReturnType<typeof setTimeout> | null = null;
    if (keyChanged) settle = setTimeout(load, SETTLE_MS);
    else load();
    const t = setTimeout(() => setTick((n) => n + 1), REFRESH_MS);
    return () => {
      ctrl.abort();
      if (settle) clearTimeout(settle);
      clearTimeout(t);
    };
  }, [id, refreshKey, tick]);

  return { state: held.id === id ? held.state : LOADING, reload: () => setTick((n) => n + 1) };
}
