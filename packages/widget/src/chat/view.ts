/**
 * The chat window: header, connection banner, message list, typing indicator,
 * error line and composer. Message text is only ever set with text nodes and
 * <a> elements built by hand (see linkify.ts) — never innerHTML.
 */
import type { WebsiteSettings } from '../api';
import { h, icon } from '../dom';
import { fill, type ChatStrings } from '../i18n';
import type { ConnectionState } from './connection';
import { linkify } from './linkify';
import { MESSAGE_MAX, normalizeText } from './text';
import type { TranscriptItem } from './transcript';

export interface ViewHandlers {
  send(text: string): void;
  input(text: string): void;
  close(): void;
}

export interface View {
  readonly element: HTMLElement;
  setOpen(open: boolean): void;
  setConnection(state: ConnectionState, browserOnline: boolean): void;
  setAgentsOnline(count: number): void;
  render(items: TranscriptItem[], scrollToEnd?: boolean): void;
  /** `null` hides the indicator; a string (possibly empty) shows it for that name. */
  setTyping(name: string | null): void;
  setError(message: string | null): void;
  getComposer(): string;
  setComposer(text: string): void;
  focusComposer(): void;
}

/** Counter appears when this close to the limit. */
const COUNTER_FROM = MESSAGE_MAX - 500;
const STROKE = 's';

interface Row {
  row: HTMLElement;
  bubble: HTMLElement;
  who: HTMLElement;
  meta: HTMLElement;
  sig: string;
  text: string | null;
}

function groupKey(it: TranscriptItem): string {
  return it.author.type === 'visitor' ? 'v' : it.author.type + ':' + (it.author.id ?? '');
}

function time(iso: string): string {
  const d = new Date(iso);
  if (isNaN(d.getTime())) return '';
  try {
    return d.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
  } catch {
    return d.toTimeString().slice(0, 5);
  }
}

/** Fills an element with text and clickable http(s) links. */
export function renderText(el: HTMLElement, text: string): void {
  el.textContent = '';
  for (const t of linkify(text)) {
    if (t.type === 'text') el.appendChild(document.createTextNode(t.text));
    else {
      const a = document.createElement('a');
      a.href = t.href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = t.text;
      el.appendChild(a);
    }
  }
}

export function createView(website: WebsiteSettings, strings: ChatStrings, handlers: ViewHandlers): View {
  const name = website.name || 'Chat';
  const avatar = () => h('span', { class: 'av', 'aria-hidden': 'true' }, (name.trim()[0] || '?').toUpperCase());

  // Header
  const statusText = h('span', { class: 'st-t' });
  const status = h('div', { class: 'st' }, h('span', { class: 'dot' }), statusText);
  const minimize = h('button', { type: 'button', class: 'min', 'aria-label': strings.minimize, title: strings.minimize });
  minimize.appendChild(icon(['M6 9l6 6 6-6'], STROKE));
  minimize.addEventListener('click', () => handlers.close());
  const header = h('header', { class: 'hd' }, avatar(), h('div', { class: 'hd-t' }, h('div', { class: 'nm' }, name), status), minimize);

  // Banner (connection)
  const banner = h('div', { class: 'bn', role: 'status', hidden: '' });

  // Body: greeting, log, typing
  const greeting = h(
    'div',
    { class: 'row ag first last gr' },
    h('div', { class: 'who' }, name),
    (() => {
      const b = h('div', { class: 'bub' });
      renderText(b, website.greeting || strings.greeting);
      return b;
    })(),
  );
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': strings.messages });
  const typingLabel = h('span', { class: 'sr' });
  const typing = h(
    'div',
    { class: 'row ag typing', 'data-testid': 'typing', hidden: '' },
    h('div', { class: 'bub dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')),
    typingLabel,
  );
  const body = h('div', { class: 'bd' }, greeting, log, typing);

  // Composer
  const error = h('div', { class: 'err', 'data-testid': 'error', role: 'alert', hidden: '' });
  const counter = h('span', { class: 'cnt', 'aria-live': 'polite', hidden: '' });
  const textarea = h('textarea', {
    'data-testid': 'composer',
    rows: '1',
    placeholder: strings.placeholder,
    'aria-label': strings.placeholder,
    enterkeyhint: 'send',
  });
  const sendBtn = h('button', { type: 'button', class: 'send', 'data-testid': 'send', 'aria-label': strings.send, title: strings.send });
  sendBtn.appendChild(icon(['M12 19V5', 'M5.5 11.5L12 5l6.5 6.5'], STROKE));
  const composer = h(
    'div',
    { class: 'ft' },
    h('div', { class: 'msgs' }, error, counter),
    h('div', { class: 'box' }, textarea, sendBtn),
    h('div', { class: 'pw-by' }, strings.powered),
  );

  const win = h(
    'div',
    {
      class: 'win',
      id: 'parley-window',
      role: 'dialog',
      'aria-label': fill(strings.dialog, { name }),
      'data-testid': 'window',
      'data-connection': 'connecting',
      hidden: '',
    },
    header,
    banner,
    body,
    composer,
  );

  let lengthError = false;
  let serverError: string | null = null;
  let bannerTimer: ReturnType<typeof setTimeout> | null = null;
  const rows = new Map<string, Row>();
  let connection: [ConnectionState, boolean] = ['connecting', true];

  function showBanner(): void {
    bannerTimer = null;
    const [state, browserOnline] = connection;
    if (state === 'online') return;
    banner.textContent = browserOnline ? strings.connecting : strings.offline;
    banner.className = 'bn' + (browserOnline ? '' : ' off');
    banner.hidden = false;
  }

  function showError(): void {
    const msg = lengthError ? fill(strings.tooLong, { max: MESSAGE_MAX }) : serverError;
    error.textContent = msg || '';
    error.hidden = !msg;
  }

  function onComposerChange(): void {
    textarea.style.height = 'auto';
    textarea.style.height = Math.min(textarea.scrollHeight, 120) + 'px';
    const len = normalizeText(textarea.value).length;
    lengthError = len > MESSAGE_MAX;
    counter.hidden = len < COUNTER_FROM;
    counter.textContent = len + ' / ' + MESSAGE_MAX;
    counter.classList.toggle('over', lengthError);
    sendBtn.classList.toggle('off', len === 0 || lengthError);
    showError();
  }

  function submit(): void {
    handlers.send(textarea.value);
  }

  textarea.addEventListener('input', () => {
    onComposerChange();
    handlers.input(textarea.value);
  });
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      submit();
    }
  });
  sendBtn.addEventListener('click', () => {
    submit();
    textarea.focus();
  });
  win.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      handlers.close();
    }
  });

  function nearBottom(): boolean {
    return body.scrollHeight - body.scrollTop - body.clientHeight < 80;
  }
  function toBottom(): void {
    body.scrollTop = body.scrollHeight;
  }

  function createRow(): Row {
    const who = h('div', { class: 'who' });
    const bubble = h('div', { class: 'bub', 'data-testid': 'message' });
    const meta = h('div', { class: 'meta', 'aria-hidden': 'true' });
    const row = h('div', { class: 'row' }, who, bubble, meta);
    return { row, bubble, who, meta, sig: '', text: null };
  }

  function updateRow(r: Row, it: TranscriptItem, first: boolean, last: boolean): void {
    const sig = [it.status, it.seq, it.text, first, last, it.error, it.author.name].join('\u0000');
    if (sig === r.sig) return;
    r.sig = sig;
    const type = it.author.type;
    r.row.className =
      'row ' + (type === 'visitor' ? 'me' : type === 'system' ? 'sys' : 'ag') + (first ? ' first' : '') + (last ? ' last' : '') + ' ' + it.status;
    r.bubble.setAttribute('data-seq', it.seq === null ? '' : String(it.seq));
    r.bubble.setAttribute('data-author-type', type);
    r.bubble.setAttribute('data-status', it.status);
    r.bubble.title = time(it.createdAt);
    if (r.text !== it.text) {
      renderText(r.bubble, it.text);
      r.text = it.text;
    }
    const showWho = first && (type === 'agent' || type === 'chatbot');
    r.who.textContent = showWho ? it.author.name || name : '';
    r.who.hidden = !showWho;
    const meta = it.status === 'pending' ? strings.sending : it.status === 'failed' ? strings.failed : last && type !== 'system' ? time(it.createdAt) : '';
    r.meta.textContent = meta;
    r.meta.hidden = !meta;
  }

  return {
    element: win,
    setOpen(open) {
      win.hidden = !open;
      if (open) {
        onComposerChange();
        toBottom();
      }
    },
    setConnection(state, browserOnline) {
      win.setAttribute('data-connection', state);
      connection = [state, browserOnline];
      if (state === 'online') {
        if (bannerTimer) clearTimeout(bannerTimer);
        bannerTimer = null;
        banner.hidden = true;
      } else if (!banner.hidden || !browserOnline) showBanner();
      // Avoid a flash of "Reconnecting…" on quick reconnects.
      else if (!bannerTimer) bannerTimer = setTimeout(showBanner, 1500);
    },
    setAgentsOnline(count) {
      const online = count > 0;
      status.className = 'st' + (online ? ' on' : '');
      statusText.textContent = (online ? strings.online : strings.away) + ' · ' + (online ? strings.onlineHint : strings.awayHint);
    },
    render(items, scrollToEnd) {
      const stick = scrollToEnd || nearBottom();
      const keep = new Set<string>();
      let ref: ChildNode | null = log.firstChild;
      items.forEach((it, i) => {
        keep.add(it.key);
        let r = rows.get(it.key);
        if (!r) {
          r = createRow();
          rows.set(it.key, r);
        }
        const prev = items[i - 1];
        const next = items[i + 1];
        updateRow(r, it, !prev || groupKey(prev) !== groupKey(it), !next || groupKey(next) !== groupKey(it));
        if (r.row !== ref) log.insertBefore(r.row, ref);
        else ref = ref.nextSibling;
      });
      rows.forEach((r, k) => {
        if (!keep.has(k)) {
          r.row.remove();
          rows.delete(k);
        }
      });
      if (stick) toBottom();
    },
    setTyping(who) {
      const stick = nearBottom();
      typing.hidden = who === null;
      typingLabel.textContent = who === null ? '' : who ? fill(strings.typing, { name: who }) : strings.someoneTyping;
      if (stick) toBottom();
    },
    setError(message) {
      serverError = message;
      showError();
    },
    getComposer: () => textarea.value,
    setComposer(text) {
      textarea.value = text;
      onComposerChange();
    },
    focusComposer() {
      try {
        textarea.focus({ preventScroll: true });
      } catch {
        textarea.focus();
      }
    },
  };
}
