import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client';

export interface Reloadable<T> {
  /** The last answer; null until the first one. */
  data: T | null;
  loading: boolean;
  error: string | null;
  /** Fetches again, aborting a request still under way. */
  reload(): void;
}

/**
 * A resource fetched on demand: `reload()` aborts the previous request, keeps
 * the last answer on failure and reports the error. `load` changes when its
 * inputs do (wrap it in useCallback). Nothing is fetched until `reload()`.
 */
export function useReloadable<T>(load: (signal: AbortSignal) => Promise<T>): Reloadable<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ctrlRef = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    ctrlRef.current?.abort();
    const ctrl = new AbortController();
    ctrlRef.current = ctrl;
    setLoading(true);
    load(ctrl.signal)
      .then((value) => {
        setData(value);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (ctrlRef.current === ctrl) setLoading(false);
      });
  }, [load]);

  useEffect(() => () => ctrlRef.current?.abort(), []);

  return { data, loading, error, reload };
}
