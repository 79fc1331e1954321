import { createContext, useContext, useSyncExternalStore } from 'react';
import type { InboxController } from './controller';
import type { InboxState } from './state/inboxState';

export const InboxContext = createContext<InboxController | null>(null);

export function useInboxController(): InboxController {
  const ctl = useContext(InboxContext);
  if (!ctl) throw new Error('useInboxController outside <InboxProvider>');
  return ctl;
}

/**
 * Reads a slice of the inbox state; the component re-renders only when the
 * selected value changes (selectors must return stored references or primitives).
 */
export function useInbox<T>(selector: (state: InboxState) => T): T {
  const ctl = useInboxController();
  return useSyncExternalStore(ctl.store.subscribe, () => selector(ctl.store.getState()));
}
