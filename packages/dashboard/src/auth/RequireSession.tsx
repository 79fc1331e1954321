import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './SessionContext';
import { FullPageMessage } from '../components/FullPageMessage';

/** Renders its children for a signed-in agent; otherwise sends them to /login (and back afterwards). */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state, retry } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageMessage busy>Loading Parley…</FullPageMessage>;
  if (state.status === 'error') {
    return (
      <FullPageMessage>
        <p>{state.error}</p>
        <button type="button" className="btn btn--primary" onClick={retry}>
          Try again
        </button>
      </FullPageMessage>
    );
  }
  if (state.status === 'anonymous') {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return <>{children}</>;
}
