import { useEffect, useState } from 'react';
import { api } from '../api/client';

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The workspace's time zone (`GET /workspace/settings`), which the date ranges
 * are counted in; null while it loads, the browser's zone if it cannot be read
 * (the answers carry the zone the server used, and the pages follow it).
 */
export function useWorkspaceTimeZone(): string | null {
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api
      .workspaceSettings(ctrl.signal)
      .then((s) => setZone(s.timeZone))
      .catch(() => {
        if (!ctrl.signal.aborted) setZone(browserZone());
      });
    return () => ctrl.abort();
  }, []);
  return zone;
}
