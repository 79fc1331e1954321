import { createContext, useContext } from 'react';
import type { Session } from '../api/types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'authenticated'; session: Session };

export interface SessionApi {
  state: SessionState;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** The server says the session is gone (401 on a call, socket refused). */
  expire(): void;
  retry(): void;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside <SessionProvider>');
  return ctx;
}

/** The signed-in session; only for components under <RequireSession>. */
export function useAuthenticated(): Session {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useAuthenticated without a session');
  return state.session;
}
