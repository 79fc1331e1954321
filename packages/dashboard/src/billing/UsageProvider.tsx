import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, errorMessage } from '../api/client';
import type { ChatbotUsage } from '../api/types';
import { UsageContext, type UsageState } from './UsageContext';

/** How often the usage is asked again while the tab is visible. */
export const USAGE_REFRESH_MS = 30_000;
/** A focus right after an answer does not ask again. */
const FOCUS_MIN_GAP_MS = 2_000;

/**
 * Keeps `GET /billing/usage` fresh for the whole app (the chatbot list's
 * panel, the warning banner): on mount, every 30 s while the tab is visible,
 * and when the window regains focus or the tab becomes visible again.
 */
export function UsageProvider({ children }: { children: ReactNode }) {
  const [usage, setUsage] = useState<ChatbotUsage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const ctrlRef = useRef<AbortController | null>(null);
  const lastRef = useRef(0);

  const refresh = useCallback((maxAgeMs?: number) => {
    if (maxAgeMs !== undefined && Date.now() - lastRef.current < maxAgeMs) return;
    ctrlRef.current?.abort();
    const ctrl = new AbortController();
    ctrlRef.current = ctrl;
    lastRef.current = Date.now();
    setLoading(true);
    api
      .billingUsage(ctrl.signal)
      .then((answer) => {
        setUsage(answer);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (ctrlRef.current === ctrl) setLoading(false);
      });
  }, []);

  const set = useCallback((next: ChatbotUsage) => {
    ctrlRef.current?.abort();
    lastRef.current = Date.now();
    setUsage(next);
    setError(null);
    setLoading(false);
  }, []);

  useEffect(() => {
    refresh();
    const timer = setInterval(() => {
      if (!document.hidden) refresh();
    }, USAGE_REFRESH_MS);
    const onFocus = () => {
      if (!document.hidden && Date.now() - lastRef.current > FOCUS_MIN_GAP_MS) refresh();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onFocus);
      ctrlRef.current?.abort();
    };
  }, [refresh]);

  const value = useMemo<UsageState>(() => ({ usage, error, loading, refresh, set }), [usage, error, loading, refresh, set]);
  return <UsageContext.Provider value={value}>{children}</UsageContext.Provider>;
}
