import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client';
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
  const [errors, setErrors] = useState<ChatbotRunError[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ctrlRef = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    ctrlRef.current?.abort();
    const ctrl = new AbortController();
    ctrlRef.current = ctrl;
    setLoading(true);
    api
      .chatbotErrors(id, RUN_ERRORS_LIMIT, ctrl.signal)
      .then((res) => {
        setErrors(res.errors);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (ctrlRef.current === ctrl) setLoading(false);
      });
  }, [id]);

  useEffect(() => {
    reload();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      ctrlRef.current?.abort();
    };
  }, [reload]);

  return { errors, loading, error, reload };
}
