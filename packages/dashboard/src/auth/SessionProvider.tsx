import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, errorMessage, onUnauthorized } from '../api/client';
import { SessionContext, type SessionApi, type SessionState } from './SessionContext';

/** Knows whether an agent is signed in: asks GET /auth/me once, then follows login/logout/401s. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    api
      .me(ctrl.signal)
      .then((session) => setState({ status: 'authenticated', session }))
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        if (err instanceof ApiError && err.status === 401) setState({ status: 'anonymous', expired: false });
        else setState({ status: 'error', error: errorMessage(err) });
      });
    return () => ctrl.abort();
  }, [attempt]);

  const expire = useCallback(() => {
    setState((s) => (s.status === 'authenticated' ? { status: 'anonymous', expired: true } : s));
  }, []);

  useEffect(() => {
    onUnauthorized(expire);
    return () => onUnauthorized(null);
  }, [expire]);

  const login = useCallback(async (email: string, password: string) => {
    const session = await api.login(email, password);
    setState({ status: 'authenticated', session });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: 'anonymous', expired: false });
    }
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((a) => a + 1);
  }, []);

  const value = useMemo<SessionApi>(() => ({ state, login, logout, expire, retry }), [state, login, logout, expire, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
