import { useEffect, useRef, useState, type RefObject } from 'react';
import { api } from '../api/client';
import type { ChatbotSummary } from '../api/types';
import { listWarning } from './state/runErrors';

/** The list asks each chatbot for its newest errors only (the count caps at this). */
export const LIST_ERRORS_LIMIT = 20;

/** At most this many error requests at once, however long the list. */
const MAX_PARALLEL = 3;
let running = 0;
const waiting: (() => void)[] = [];

function limited<T>(task: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const start = () => {
      running++;
      task()
        .then(resolve, reject)
        .finally(() => {
          running--;
          waiting.shift()?.();
        });
    };
    if (running < MAX_PARALLEL) start();
    else waiting.push(start);
  });
}

export type ErrorWarning = ReturnType<typeof listWarning>;

/**
 * Whether a chatbot of the list had run errors in the last 24 hours. Lazy and
 * cheap: only published chatbots (others never ran), only once the row is on
 * screen, one small request per chatbot, three at a time; failures stay silent.
 */
export function useErrorWarning(chatbot: Pick<ChatbotSummary, 'id' | 'publishedVersion'>, ref: RefObject<Element | null>): ErrorWarning {
  const [warning, setWarning] = useState<ErrorWarning>(null);
  const [visible, setVisible] = useState(false);
  const published = chatbot.publishedVersion !== null;
  const done = useRef(false);

  useEffect(() => {
    if (!published || visible) return;
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [published, visible, ref]);

  useEffect(() => {
    if (!visible || !published || done.current) return;
    const ctrl = new AbortController();
    limited(() => api.chatbotErrors(chatbot.id, LIST_ERRORS_LIMIT, ctrl.signal))
      .then((res) => {
        done.current = true;
        setWarning(listWarning(res.errors, new Date(), LIST_ERRORS_LIMIT));
      })
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [visible, published, chatbot.id]);

  return warning;
}
