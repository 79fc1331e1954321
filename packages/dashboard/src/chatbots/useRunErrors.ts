import { useCallback, useEffect } from 'react';
import { api } from '../api/client';
import { useReloadable } from '../lib/useReloadable';
import type { ChatbotRunError } from '../api/types';
import { RUN_ERRORS_LIMIT } from './state/runErrors';

export interface RunErrorsModel {
  /** Newest first; null until the first answer. */
  errors: ChatbotRunError[] | null;
  loading: boolean;
  error: string | null;
  /** Refetch (the panel's Refresh, opening the panel). */
  reload(): void;
}

/** How often the builder refetches its run errors while the tab is visible. */
const POLL_MS = 2 * 60_000;

/** The chatbot's latest run errors (`GET /chatbots/:id/errors`), fetched on open, on demand and every 2 minutes while visible. */
export function useRunErrors(id: string): RunErrorsModel {
  const load = useCallback((signal: AbortSignal) => api.chatbotErrors(id, RUN_ERRORS_LIMIT, signal).then((res) => res.errors), [id]);
  const { data, loading, error, reload } = useReloadable(load);

  useEffect(() => {
    reload();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return { errors: data, loading, error, reload };
}
