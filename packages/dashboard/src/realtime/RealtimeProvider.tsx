import { useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client';
import { AgentSocket, agentSocketUrl } from './socket';
import { RealtimeContext } from './RealtimeContext';

/** One inbox WebSocket for the signed-in agent, alive as long as this is mounted. */
export function RealtimeProvider({ children, onSessionLost }: { children: ReactNode; onSessionLost: () => void }) {
  const [socket] = useState(
    () =>
      new AgentSocket({
        url: agentSocketUrl(),
        checkSession: () =>
          api.me().then(
            () => true,
            (err: unknown) => !(err instanceof ApiError && err.status === 401),
          ),
        onSessionLost,
      }),
  );
  useEffect(() => {
    socket.start();
    return () => socket.stop();
  }, [socket]);
  return <RealtimeContext.Provider value={socket}>{children}</RealtimeContext.Provider>;
}
