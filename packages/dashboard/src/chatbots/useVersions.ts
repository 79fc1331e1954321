import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { useReloadable } from '../lib/useReloadable';
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
  const load = useCallback((signal: AbortSignal) => api.chatbotVersions(id, signal).then((res) => res.versions), [id]);
  const { data: versions, loading, error, reload } = useReloadable(load);
  const [names, setNames] = useState<ReadonlyMap<string, string> | null>(null);
  const [loadedFor, setLoadedFor] = useState<string | null | undefined>(undefined);

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

  return { versions, names, loading, error, reload };
}
