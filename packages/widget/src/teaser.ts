/**
 * The welcome teaser above the launcher (pure, part of the loader): the
 * opening message of the chatbot that would start when the box opens
 * (`session.welcome`).
 */
import type { Session } from './api';
import type { KeyValueStore } from './storage';

/**
 * The text to show, or null. It shows when the session has a welcome, the
 * visitor has no open conversation, and it is not `hidden` (see `teaser`).
 */
export function teaserText(s: Pick<Session, 'welcome' | 'conversation'>, hidden: boolean): string | null {
  const text = s.welcome && typeof s.welcome.text === 'string' ? s.welcome.text.trim() : '';
  return !text || hidden || (s.conversation && s.conversation.status === 'open') ? null : text;
}

/**
 * The teaser over the visit's storage (sessionStorage): once dismissed with ×
 * or once the box was opened, it stays hidden for the rest of the visit. It is
 * also hidden while the box is open and while messages wait in the outbox.
 * `start(text)`: a trigger started a chatbot (signals chunk); its welcome
 * replaces the session's and shows even if an earlier teaser was dismissed
 * during this visit (× and opening the box hide it as before).
 */
export type Teaser = ReturnType<typeof teaser>;

export function teaser(visit: KeyValueStore, key: string) {
  let started: string | null = null;
  return {
    text: (s: Pick<Session, 'welcome' | 'conversation'>, open: boolean, pending: boolean) =>
      open || pending || visit.getItem(key) !== null ? null : started || teaserText(s, false),
    dismiss: () => visit.setItem(key, '1'),
    start(text: string) {
      started = text;
      visit.removeItem(key);
    },
  };
}
