import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { ChatbotSummary } from '../api/types';

export interface ChatbotSummaries {
  /** Every chatbot of the workspace (`GET /chatbots`); null until loaded. */
  chatbots: ChatbotSummary[] | null;
  error: string | null;
}

/** The workspace's chatbots, loaded once when `enabled` (for selects and menus). */
export function useChatbotSummaries(enabled = true): ChatbotSummaries {
  const [state, setState] = useState<ChatbotSummaries>({ chatbots: null, error: null });
  const want = enabled && state.chatbots === null;
  useEffect(() => {
    if (!want) return;
    const ctrl = new AbortController();
    api
      .chatbots(ctrl.signal)
      .then((res) => setState({ chatbots: res.chatbots, error: null }))
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setState({ chatbots: null, error: errorMessage(err) });
      });
    return () => ctrl.abort();
  }, [want]);
  return state;
}
