/**
 * widget.js — the loader embedded with
 *   <script src="https://HOST/widget.js" data-key="WEBSITE_KEY" async></script>
 *
 * It installs `window.parley(...)` (draining calls queued before it loaded),
 * opens a visitor session, draws the launcher inside a shadow root and loads
 * the chat bundle (widget/chat.js) only when needed: on open, or at idle time
 * when the visitor already has a conversation so replies show as a badge.
 * The signals chunk (widget/signals.js) arms the session's triggers and sends
 * the targeting calls (`set`, `setGroup`, `event`); it loads only when needed.
 */
import { requestSession, type Session, type SessionError, type SessionRequest } from './api';
import type { Call, ChatContext, ChatController, ChatMount, SignalsController, SignalsMount, WidgetEvent } from './bridge';
import { browserLanguages, loaderStrings, pickLanguage } from './i18n';
import { createLauncher, type Launcher } from './launcher';
import { pageView } from './page';
import { safeStore, storageKey, type KeyValueStore } from './storage';
import { teaser } from './teaser';
import { baseUrl } from './url';

declare const __CHAT_VERSION__: string;
declare const __SIGNALS_VERSION__: string;

type Listener = (data?: unknown) => void;
interface ParleyApi {
  (...args: unknown[]): void;
  q?: ArrayLike<unknown>[];
  loaded?: boolean;
  /** Internal: the chat bundle (_r) and the signals chunk (_s) register themselves here. */
  _r?: (mount: ChatMount) => void;
  _s?: (mount: SignalsMount) => void;
}

const TAG = '[parley]';

function findScript(): HTMLScriptElement | null {
  const cur = document.currentScript as HTMLScriptElement | null;
  if (cur && cur.src && cur.getAttribute('data-key')) return cur;
  return document.querySelector<HTMLScriptElement>('script[data-key][src*="widget.js"]');
}

function storageOrNull(name: 'localStorage' | 'sessionStorage'): KeyValueStore | null {
  try {
    return window[name];
  } catch {
    return null;
  }
}

function idle(fn: () => void): void {
  const w = window as unknown as { requestIdleCallback?: (fn: () => void, o: { timeout: number }) => void };
  if (w.requestIdleCallback) w.requestIdleCallback(fn, { timeout: 3000 });
  else setTimeout(fn, 1200);
}

function main(): void {
  const w = window as unknown as { parley?: ParleyApi };
  const previous = w.parley;
  if (previous && previous.loaded) return; // the script is on the page twice
  const script = findScript();
  const websiteKey = script && script.getAttribute('data-key');
  if (!script || !websiteKey) {
    console.warn(TAG + ' widget.js needs a data-key attribute with the website key');
    return;
  }
  const base = baseUrl(script.src, location.href);
  const store = safeStore(storageOrNull('localStorage'));
  // For this visit only (the tab's session): the teaser was dismissed or the box opened.
  const welcome = teaser(safeStore(storageOrNull('sessionStorage')), storageKey(websiteKey, 'teaser'));
  const listeners: Partial<Record<string, Listener[]>> = {};

  let language = store.getItem(storageKey(websiteKey, 'lang')) || '';
  let session: Session | null = null;
  let launcher: Launcher | null = null;
  let chat: Promise<ChatController> | null = null;
  let controller: ChatController | null = null;
  let isOpen = false;
  let wantOpen = false;
  let mounted = false;
  /** `set`, `setGroup`, `event` (and `setLanguage` once started) calls for the signals chunk. */
  const calls: Call[] = [];
  let live = false;
  let signals: SignalsController | null = null;
  let signalsLoad: Promise<void> | null = null;

  const uiLanguage = () => pickLanguage(language, ...(navigator.languages || []), navigator.language);

  function emit(event: WidgetEvent, data?: unknown): void {
    for (const fn of (listeners[event] || []).slice()) {
      try {
        fn(data);
      } catch (e) {
        console.error(TAG + ' error in a "' + event + '" listener', e);
      }
    }
  }

  function sessionBody(): SessionRequest {
    const visitorId = store.getItem(storageKey(websiteKey as string, 'visitor'));
    return {
      websiteKey: websiteKey as string,
      ...(visitorId ? { visitorId } : {}),
      // Only the language set by the website's script: it wins over the browser's.
      ...(language ? { language } : {}),
      languages: browserLanguages(navigator.languages, navigator.language),
      page: pageView(),
      screen: { width: screen.width, height: screen.height },
      // Variables and group from the script API (validated by the signals chunk).
      ...(signals && signals.body()),
    };
  }

  function openSession(): Promise<Session> {
    return requestSession(base, sessionBody()).then((s) => {
      session = s;
      store.setItem(storageKey(websiteKey as string, 'visitor'), s.visitorId);
      return s;
    });
  }

  /** Loads widget/<name>.js, which registers its mount function as `parley[reg]`. */
  function chunk<T>(name: string, reg: '_r' | '_s', version: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      api[reg] = resolve as never;
      const el = document.createElement('script');
      el.src = base + 'widget/' + name + '.js?v=' + version;
      el.async = true;
      if (script && script.nonce) el.nonce = script.nonce;
      el.onload = () => el.remove();
      el.onerror = () => {
        el.remove();
        reject(new Error('could not load ' + el.src));
      };
      (document.head || document.documentElement).appendChild(el);
    });
  }

  function loadChat(): Promise<ChatController> {
    if (chat) return chat;
    const l = launcher as Launcher;
    l.setBusy(true);
    chat = chunk<ChatMount>('chat', '_r', __CHAT_VERSION__).then((mount) => (controller = mount(context())));
    chat.then(
      () => l.setBusy(false),
      (e: unknown) => {
        l.setBusy(false);
        chat = null; // try again on the next open
        console.warn(TAG, e);
      },
    );
    return chat;
  }

  function context(): ChatContext {
    const l = launcher as Launcher;
    return {
      root: l.root,
      container: l.container,
      base,
      websiteKey: websiteKey as string,
      language: uiLanguage(),
      session: session as Session,
      refreshSession: openSession,
      store,
      setUnread: l.setUnread,
      emit,
      requestClose() {
        setOpen(false);
        l.button.focus();
      },
    };
  }

  /** Unsent messages (a JSON array longer than "[]"). */
  const pending = () => (store.getItem(storageKey(websiteKey as string, 'outbox')) || '').length > 2;

  function updateTeaser(): void {
    if (launcher && session) launcher.setTeaser(welcome.text(session, isOpen, pending()));
  }

  function setOpen(open: boolean): void {
    wantOpen = open;
    const l = launcher;
    if (!l || open === isOpen) return;
    isOpen = open;
    l.setOpen(open);
    if (open) {
      // The visitor has seen the chatbot's welcome now: no teaser again during this visit.
      welcome.dismiss();
      updateTeaser();
      loadChat().then(
        (c) => {
          if (isOpen) c.setOpen(true);
        },
        () => {
          isOpen = false;
          l.setOpen(false);
        },
      );
    } else {
      if (controller) controller.setOpen(false);
      if (l.root.activeElement) l.button.focus();
    }
    emit(open ? 'open' : 'close');
  }

  const prefetch = () => idle(() => void loadChat().catch(() => undefined));

  /** Script API calls other than events (events alone need the chunk only when triggers are armed). */
  const needed = () => calls.some((c) => c[0] != 'event');

  function loadSignals(): Promise<void> {
    return (signalsLoad =
      signalsLoad ||
      chunk<SignalsMount>('signals', '_s', __SIGNALS_VERSION__).then(
        (m) => {
          signals = m({
            base,
            calls,
            state: () => ({ session, open: isOpen, chat: controller }),
            teaser: welcome,
            redraw: updateTeaser,
            prefetch,
          });
          signals.run();
        },
        (e: unknown) => console.warn(TAG, e),
      ));
  }

  /**
   * New calls for the signals chunk, or the session answered: the chunk runs,
   * or loads when it has work (events alone, with nothing armed, are ignored).
   */
  function signal(): void {
    if (signals) signals.run();
    else if (session && ((session.triggers && session.triggers.length) || needed())) void loadSignals();
  }

  function mount(s: Session): void {
    if (mounted) return;
    mounted = true;
    const strings = loaderStrings[uiLanguage()];
    const l = createLauncher(
      s.website.color,
      s.website.position,
      strings,
      () => setOpen(!isOpen),
      (open) => {
        if (open) return setOpen(true);
        welcome.dismiss();
        updateTeaser();
      },
    );
    launcher = l;
    (document.body || document.documentElement).appendChild(l.host);
    emit('ready', { visitorId: s.visitorId });
    if (wantOpen) setOpen(true);
    else if (s.conversation || pending()) prefetch();
    // Into the live region once it is in the page, so screen readers announce it.
    setTimeout(updateTeaser, 400);
    signal();
  }

  let retries = 0;
  function start(): void {
    openSession().then(
      (s) => {
        if (document.body) mount(s);
        else document.addEventListener('DOMContentLoaded', () => mount(s));
      },
      (e: SessionError) => {
        if (e.fatal) {
          console.warn(TAG + ' the chat widget is disabled on this page: ' + e.message + ' (HTTP ' + e.status + ')');
          return;
        }
        if (retries++ === 0) console.warn(TAG + ' could not reach the chat server, retrying: ' + e.message);
        setTimeout(start, Math.min(60_000, 2000 * Math.pow(2, retries - 1)));
      },
    );
  }

  function command(args: ArrayLike<unknown>): void {
    const name = args[0];
    const a = args[1];
    const b = args[2];
    switch (name) {
      case 'open':
        return setOpen(true);
      case 'close':
        return setOpen(false);
      case 'toggle':
        return setOpen(!(launcher ? isOpen : wantOpen));
      case 'setLanguage':
        language = typeof a === 'string' ? a.trim().slice(0, 35) : '';
        if (language) store.setItem(storageKey(websiteKey as string, 'lang'), language);
        else store.removeItem(storageKey(websiteKey as string, 'lang'));
        // Before the session call it goes with it; after, the server is told (signals chunk).
        if (!live) return;
      // falls through
      case 'set':
      case 'setGroup':
      case 'event':
        calls.push(args);
        return signal();
      case 'on':
        if (typeof a === 'string' && typeof b === 'function') {
          (listeners[a] = listeners[a] || []).push(b as Listener);
          if (a === 'ready' && launcher && session) setTimeout(b as Listener, 0, { visitorId: session.visitorId });
        }
        return;
      case 'off':
        if (typeof a === 'string') listeners[a] = (listeners[a] || []).filter((f) => f !== b);
        return;
      default:
        console.warn(TAG + ' unknown command: ' + String(name));
    }
  }

  const api: ParleyApi = function () {
    // eslint-disable-next-line prefer-rest-params
    command(arguments);
  } as ParleyApi;
  api.loaded = true;
  const queued = previous && previous.q ? Array.prototype.slice.call(previous.q) : [];
  w.parley = api;
  for (const args of queued) command(args as ArrayLike<unknown>);
  live = true;
  // Variables or a group set before load go with the session call: the chunk validates them first.
  if (needed()) void loadSignals().then(start);
  else start();
}

main();
