import { createContext, useContext } from 'react';
import type { ChatbotUsage } from '../api/types';

export interface UsageState {
  /** The last answer of `GET /billing/usage`; null until the first. */
  usage: ChatbotUsage | null;
  /** Why the last refresh failed (the last answer is kept); null after a success. */
  error: string | null;
  loading: boolean;
  /** Asks again now, or only when the last answer is older than `maxAgeMs`. */
  refresh(maxAgeMs?: number): void;
  /** A fresher answer from elsewhere (the billing page's overview after a purchase). */
  set(usage: ChatbotUsage): void;
}

const NONE: UsageState = { usage: null, error: null, loading: false, refresh: () => undefined, set: () => undefined };

export const UsageContext = createContext<UsageState>(NONE);

/** The workspace's chatbot-conversation usage, kept fresh by <UsageProvider> in the shell. */
export function useUsage(): UsageState {
  return useContext(UsageContext);
}
