import { useEffect, useState } from 'react';
import { useNow } from '../lib/useNow';
import { useConnection, useSocket } from '../realtime/RealtimeContext';

/** Grace period before a first slow connect is worth mentioning. */
const FIRST_CONNECT_GRACE_MS = 1500;

function Countdown({ at }: { at: number }) {
  const now = useNow(1000);
  const s = Math.max(0, Math.ceil((at - now.getTime()) / 1000));
  return <span className="connection__detail">{s > 0 ? `Retrying in ${s} s` : 'Retrying…'}</span>;
}

/** "Reconnecting…" while the socket is down; nothing at all while it is up. */
export function ConnectionBanner() {
  const socket = useSocket();
  const state = useConnection();
  const [graceOver, setGraceOver] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setGraceOver(true), FIRST_CONNECT_GRACE_MS);
    return () => clearTimeout(t);
  }, []);

  const down = state.status === 'reconnecting' || (state.status === 'connecting' && graceOver);
  if (!down) return null;
  return (
    <div className="connection" role="status" aria-live="polite" data-testid="connection">
      <span className="spinner spinner--sm" aria-hidden="true" />
      <strong>{state.status === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}</strong>
      {state.retryAt !== null && <Countdown at={state.retryAt} />}
      {state.retryAt !== null && (
        <button type="button" className="connection__retry" onClick={() => socket.retryNow()}>
          Retry now
        </button>
      )}
    </div>
  );
}
