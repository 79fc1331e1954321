import { useEffect, useState } from 'react';

export interface Fetched<T> {
  /** The last answer (kept while the next one loads and when it fails); null until the first. */
  data: T | null;
  /** What the last request threw (an `ApiError` keeps the server's issues); null after a success. */
  error: unknown;
  loading: boolean;
}

/**
 * Fetches whenever `load` changes (wrap it in useCallback over its inputs),
 * aborting the request still under way; `null` fetches nothing.
 */
export function useFetch<T>(load: ((signal: AbortSignal) => Promise<T>) | null): Fetched<T> {
  const [state, setState] = useState<Fetched<T>>({ data: null, error: null, loading: load !== null });

  useEffect(() => {
    if (!load) {
      setState((s) => (s.loading ? { ...s, loading: false } : s));
      return;
    }
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    load(ctrl.signal)
      .then((data) => {
        if (!ctrl.signal.aborted) setState({ data, error: null, loading: false });
      })
      .catch((error: unknown) => {
        if (!ctrl.signal.aborted) setState((s) => ({ data: s.data, error, loading: false }));
      });
    return () => ctrl.abort();
  }, [load]);

  return state;
}
