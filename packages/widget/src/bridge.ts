/**
 * The contract between the loader (widget.js) and its two lazily loaded
 * chunks: the chat bundle (widget/chat.js) registers itself by calling
 * `window.parley._r(mount)`, the signals chunk (widget/signals.js) by calling
 * `window.parley._s(mount)`; the loader then calls `mount(context)`.
 */
import type { Session, SessionRequest } from './api';
import type { KeyValueStore } from './storage';
import type { Teaser } from './teaser';

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
  /** Shows the unread badge on the launcher (0 hides it); `label` ("3 unread", translated) goes into its aria-label. */
  setUnread(count: number, label: string): void;
  /** Emits a public event to `parley('on', …)` listeners. */
  emit(event: WidgetEvent, data?: unknown): void;
  /** Asks the loader to close the window (Escape, header button). */
  requestClose(): void;
}

export interface ChatController {
  setOpen(open: boolean): void;
  /** The visitor has a conversation going on (what the socket says, fresher than the session). */
  busy(): boolean;
  /** A chatbot started a conversation outside the socket (a trigger): show it, sync its messages. */
  follow(conversationId: string): void;
}

export type ChatMount = (context: ChatContext) => ChatController;

/** A script API call as queued: `['set', {plan: 'pro'}]`, `['event', 'cart_abandoned']`… */
export type Call = ArrayLike<unknown>;

export interface SignalsContext {
  /** Server base URL ending in "/". */
  base: string;
  /**
   * The loader's queue of `set`, `setGroup` and `event` calls, and of the
   * `setLanguage` calls made after the loader started; the chunk takes them out.
   */
  calls: Call[];
  /**
   * The loader's state now: the current session (null until it answered;
   * the chunk records a conversation a trigger started in it, so the chat
   * bundle mounted later knows it), the box, the chat bundle once loaded.
   */
  state(): { session: Session | null; open: boolean; chat: ChatController | null };
  /** The welcome teaser (teaser.ts): a started chatbot's welcome goes here… */
  teaser: Pick<Teaser, 'start'>;
  /** …and is drawn by this. */
  redraw(): void;
  /** Loads the chat bundle at idle time (the unread badge, the box ready to open). */
  prefetch(): void;
}

export interface SignalsController {
  /** Takes the queued calls; arms the session's triggers once there is a session; sends changes. */
  run(): void;
  /** What the session request carries from the script API (the changes it sends count as sent). */
  body(): Pick<SessionRequest, 'variables' | 'group'>;
}

export type SignalsMount = (context: SignalsContext) => SignalsController;
