import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AgentSocket, SocketState } from './socket';

export const RealtimeContext = createContext<AgentSocket | null>(null);

export function useSocket(): AgentSocket {
  const socket = useContext(RealtimeContext);
  if (!socket) throw new Error('useSocket outside <RealtimeProvider>');
  return socket;
}

/** The socket's connection state, re-rendering on change. */
export function useConnection(): SocketState {
  const socket = useSocket();
  return useSyncExternalStore(
    (cb) => socket.onState(cb),
    () => socket.getState(),
  );
}
