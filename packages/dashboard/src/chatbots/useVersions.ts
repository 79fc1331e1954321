import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { ChatbotVersion } from '../api/types';

export interface VersionsModel {
  /** Newest first; null until loaded. */
  versions: ChatbotVersion[] | null;
  /** Agent id → name (`GET /agents`), null until loaded or when it failed. */
  names: ReadonlyMap<string, string> | null;
  loading: boolean;
  error: string | null;
  reload(): void;
}

/**
 * Published versions, loaded once `enabled` (the Versions or Run errors panel is
 * open) and again when the published version changes (a publish from here).
 */
export function useVersions(id: string, enabled: boolean, publishedVersionId: string | null): VersionsModel {
  const [versions, setVersions] = useState<ChatbotVersion[] | null>(null);
  const [names, setNames] = useState<ReadonlyMap<string, string> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loadedFor, setLoadedFor] = useState<string | null | undefined>(undefined);
  const ctrlRef = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    ctrlRef.current?.abort();
    const ctrl = new AbortController();
    ctrlRef.current = ctrl;
    setLoading(true);
    api
      .chatbotVersions(id, ctrl.signal)
      .then((res) => {
        setVersions(res.versions);
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
    if (!enabled || loadedFor === publishedVersionId) return;
    setLoadedFor(publishedVersionId);
    reload();
  }, [enabled, loadedFor, publishedVersionId, reload]);

  // Names of who published: once, and only when a panel needs them.
  const wantNames = enabled && names === null;
  useEffect(() => {
    if (!wantNames) return;
    let live = true;
    api
      .agents()
      .then((res) => {
        if (live) setNames(new Map(res.agents.map((a) => [a.id, a.name])));
      })
      .catch(() => {
        /* ids stay unnamed ("An agent"); the list still works */
      });
    return () => {
      live = false;
    };
  }, [wantNames]);

  useEffect(() => () => ctrlRef.current?.abort(), []);

  return { versions, names, loading, error, reload };
}
