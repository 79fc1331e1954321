/**
 * The contract between the loader (widget.js) and the lazily loaded chat
 * bundle (widget/chat.js). The chat bundle registers itself by calling
 * `window.parley._r(mount)`; the loader then calls `mount(context)`.
 */
import type { Session } from './api';
import type { KeyValueStore } from './storage';

export type WidgetEvent = 'ready' | 'open' | 'close' | 'message';

export interface ChatContext {
  /** The widget's open shadow root; the chat renders its window into it. */
  root: ShadowRoot;
  /** The element inside the shadow root that holds the launcher (brand colour variables, position class). */
  container: HTMLElement;
  /** Server base URL ending in "/", e.g. "https://chat.example.com/". */
  base: string;
  websiteKey: string;
  /** Language code for the widget's own texts ("en", "fr"…). */
  language: string;
  session: Session;
  /** Calls the session endpoint again (fresh token); rejects with SessionError. */
  refreshSession(): Promise<Session>;
  store: KeyValueStore;
  /** Shows the unread badge on the launcher (0 hides it). */
  setUnread(count: number): void;
  /** Emits a public event to `parley('on', …)` listeners. */
  emit(event: WidgetEvent, data?: unknown): void;
  /** Asks the loader to close the window (Escape, header button). */
  requestClose(): void;
}

export interface ChatController {
  setOpen(open: boolean): void;
}

export type ChatMount = (context: ChatContext) => ChatController;
