/**
 * widget.js — the loader embedded with
 *   <script src="https://HOST/widget.js" data-key="WEBSITE_KEY" async></script>
 *
 * It installs `window.parley(...)` (draining calls queued before it loaded),
 * opens a visitor session, draws the launcher inside a shadow root and loads
 * the chat bundle (widget/chat.js) only when needed: on open, or at idle time
 * when the visitor already has a conversation so replies show as a badge.
 */
import { requestSession, type Session, type SessionError, type SessionRequest } from './api';
import type { ChatContext, ChatController, ChatMount, WidgetEvent } from './bridge';
import { browserLanguages, loaderStrings, pickLanguage } from './i18n';
import { createLauncher, type Launcher } from './launcher';
import { keys, safeStore, type KeyValueStore } from './storage';
import { teaser } from './teaser';
import { baseUrl } from './url';

declare const __CHAT_VERSION__: string;

type Listener = (data?: unknown) => void;
interface ParleyApi {
  (...args: unknown[]): void;
  q?: ArrayLike<unknown>[];
  loaded?: boolean;
  /** Internal: the chat bundle registers itself here. */
  _r?: (mount: ChatMount) => void;
}

/** Page facts are cut to what the session endpoint accepts. */
const cut = (s: string) => (s || '').slice(0, 2048);
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
  const welcome = teaser(safeStore(storageOrNull('sessionStorage')), keys.teaser(websiteKey));
  const listeners: Partial<Record<string, Listener[]>> = {};

  let language = store.getItem(keys.language(websiteKey)) || '';
  let session: Session | null = null;
  let launcher: Launcher | null = null;
  let chat: Promise<ChatController> | null = null;
  let controller: ChatController | null = null;
  let isOpen = false;
  let wantOpen = false;
  let mounted = false;

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
    const visitorId = store.getItem(keys.visitor(websiteKey as string));
    return {
      websiteKey: websiteKey as string,
      ...(visitorId ? { visitorId } : {}),
      // Only the language set by the website's script: it wins over the browser's.
      ...(language ? { language } : {}),
      languages: browserLanguages(navigator.languages, navigator.language),
      page: {
        url: cut(location.href),
        title: cut(document.title),
        referrer: cut(document.referrer),
      },
      screen: { width: screen.width, height: screen.height },
    };
  }

  function openSession(): Promise<Session> {
    return requestSession(base, sessionBody()).then((s) => {
      session = s;
      store.setItem(keys.visitor(websiteKey as string), s.visitorId);
      return s;
    });
  }

  function loadChat(): Promise<ChatController> {
    if (chat) return chat;
    const l = launcher as Launcher;
    l.setBusy(true);
    chat = new Promise<ChatController>((resolve, reject) => {
      api._r = (mount) => {
        delete api._r;
        try {
          controller = mount(context());
          resolve(controller);
        } catch (e) {
          reject(e);
        }
      };
      const el = document.createElement('script');
      el.src = base + 'widget/chat.js?v=' + __CHAT_VERSION__;
      el.async = true;
      if (script && script.nonce) el.nonce = script.nonce;
      el.onload = () => el.remove();
      el.onerror = () => {
        el.remove();
        reject(new Error('could not load ' + el.src));
      };
      (document.head || document.documentElement).appendChild(el);
    });
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
      setUnread: (n) => l.setUnread(n),
      emit,
      requestClose() {
        setOpen(false);
        l.button.focus();
      },
    };
  }

  /** Unsent messages (a JSON array longer than "[]"). */
  const pending = () => (store.getItem(keys.outbox(websiteKey as string)) || '').length > 2;

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

  function mount(s: Session): void {
    if (mounted) return;
    mounted = true;
    const strings = loaderStrings[uiLanguage()];
    const l = createLauncher(
      s.website.color,
      s.website.position === 'left' ? 'left' : 'right',
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
    else if (s.conversation || pending()) idle(() => void loadChat().catch(() => undefined));
    // Into the live region once it is in the page, so screen readers announce it.
    setTimeout(updateTeaser, 400);
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
        if (language) store.setItem(keys.language(websiteKey as string), language);
        else store.removeItem(keys.language(websiteKey as string));
        return;
      case 'on':
        if (typeof a === 'string' && typeof b === 'function') {
          (listeners[a] = listeners[a] || []).push(b as Listener);
          if (a === 'ready' && launcher && session) {
            const s = session;
            setTimeout(() => (b as Listener)({ visitorId: s.visitorId }), 0);
          }
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
  start();
}

main();
