import type { Visitor } from '@parley/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';

export type VisitorState =
  | { status: 'loading'; visitor: Visitor | null }
  | { status: 'ready'; visitor: Visitor }
  | { status: 'error'; visitor: Visitor | null; error: string };

const REFRESH_MS = 30_000;

/**
 * GET /visitors/:id, refreshed every 30 s while shown and whenever `refreshKey`
 * changes (the visitor came online, wrote…), so "current page" stays current.
 */
export function useVisitor(id: string, refreshKey: string): { state: VisitorState; reload: () => void } {
  const [state, setState] = useState<VisitorState>({ status: 'loading', visitor: null });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    setState({ status: 'loading', visitor: null });
  }, [id]);

  useEffect(() => {
    const ctrl = new AbortController();
    api
      .visitor(id, ctrl.signal)
      .then(({ visitor }) => setState({ status: 'ready', visitor }))
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setState((s) => ({ status: 'error', visitor: s.visitor, error: errorMessage(err) }));
      });
    const t = setTimeout(() => setTick((n) => n + 1), REFRESH_MS);
    return () => {
      ctrl.abort();
      clearTimeout(t);
    };
  }, [id, refreshKey, tick]);

  return { state, reload: () => setTick((n) => n + 1) };
}
