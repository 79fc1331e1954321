/**
 * The chat window: header, connection banner, message list, typing indicator,
 * error line and composer. Message text is only ever set with text nodes and
 * <a> elements built by hand (see linkify.ts) — never innerHTML.
 */
import type { WebsiteSettings } from '../api';
import { h, icon } from '../dom';
import { fill, type ChatStrings } from '../i18n';
import { messageParts, type ChatbotPrompt, type ComposerHints } from './chatbot';
import type { ConnectionState } from './connection';
import { linkify } from './linkify';
import { MESSAGE_MAX, normalizeText } from './text';
import type { TranscriptItem } from './transcript';

export interface ViewHandlers {
  send(text: string): void;
  input(text: string): void;
  close(): void;
  /** A chatbot button was clicked. */
  choose(nodeId: string, choiceId: string): void;
}

export interface View {
  readonly element: HTMLElement;
  setOpen(open: boolean): void;
  setConnection(state: ConnectionState, browserOnline: boolean): void;
  setAgentsOnline(count: number): void;
  /** Draws the transcript; `prompt` says which chatbot message shows its buttons. */
  render(items: TranscriptItem[], prompt: ChatbotPrompt | null, scrollToEnd?: boolean): void;
  /** Placeholder and keyboard hints of the composer (a chatbot question waits for an email…). */
  setComposerHints(hints: ComposerHints): void;
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
/** A small robot head beside a chatbot's name. */
const BOT_ICON = ['M12 4v3', 'M6 7h12a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2z', 'M9 12v1.5', 'M15 12v1.5'];

interface Row {
  row: HTMLElement;
  bubble: HTMLElement;
  who: HTMLElement;
  meta: HTMLElement;
  sig: string;
  text: string | null;
  /** Read before a retry message ("Please check your answer"). */
  sr: HTMLElement | null;
  /** Image and link of a chatbot message. */
  extra: HTMLElement | null;
  extraSig: string;
  choices: HTMLElement | null;
  choicesSig: string;
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
  const minimize = h('button', { type: 'button', class: 'min', 'data-testid': 'minimize', 'aria-label': strings.minimize, title: strings.minimize });
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
  /** The last chatbot button was pressed with the keyboard (Enter/Space: a click with detail 0). */
  let keyboardChoice = false;
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
    return { row, bubble, who, meta, sig: '', text: null, sr: null, extra: null, extraSig: '', choices: null, choicesSig: '' };
  }

  /** Image and link under a chatbot message (only absolute http(s) URLs get here). */
  function updateExtra(r: Row, image: string | null, link: { href: string; label: string } | null, botName: string): void {
    const sig = (image || '') + '\u0000' + (link ? link.href + '\u0000' + link.label : '');
    if (sig === r.extraSig) return;
    r.extraSig = sig;
    if (r.extra) r.extra.remove();
    r.extra = null;
    if (!image && !link) return;
    const extra = h('div', { class: 'att' });
    if (image) {
      const img = h('img', {
        src: image,
        alt: fill(strings.image, { name: botName }),
        loading: 'lazy',
        decoding: 'async',
        referrerpolicy: 'no-referrer',
        'data-testid': 'message-image',
      });
      // Keep the newest message in view once the image has its height.
      img.addEventListener('load', () => {
        if (body.scrollHeight - body.scrollTop - body.clientHeight < 80 + img.offsetHeight) toBottom();
      });
      img.addEventListener('error', () => img.remove());
      extra.appendChild(img);
    }
    if (link) {
      const a = h('a', { class: 'lk', href: link.href, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'message-link' }, link.label);
      a.appendChild(icon(['M14 5h5v5', 'M19 5l-8 8', 'M17 14v4a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h4'], STROKE));
      extra.appendChild(a);
    }
    // Text, then image and link, then the buttons.
    r.row.insertBefore(extra, r.choices || r.meta);
    r.extra = extra;
  }

  /** The buttons of the message the chatbot waits on (see currentPrompt); none elsewhere. */
  function updateChoices(r: Row, prompt: ChatbotPrompt | null): void {
    const sig = prompt ? JSON.stringify([prompt.nodeId, prompt.buttons, prompt.active, prompt.chosen, prompt.refused]) : '';
    if (sig === r.choicesSig) return;
    r.choicesSig = sig;
    // A keyboard user's focus was on a button that is redrawn or goes away: keep it in the window
    // (not for taps and clicks: focusing the composer would pop up a phone's keyboard).
    const refocus = keyboardChoice && !!r.choices && r.choices.contains((win.getRootNode() as ShadowRoot).activeElement);
    if (r.choices) r.choices.remove();
    r.choices = null;
    if (!prompt) {
      if (refocus) focusComposer();
      return;
    }
    const group = h('div', {
      class: 'chs',
      role: 'group',
      'aria-label': strings.choices,
      'data-testid': 'choices',
      'data-node-id': prompt.nodeId,
      'data-active': String(prompt.active),
    });
    let focus: HTMLButtonElement | null = null;
    for (const b of prompt.buttons) {
      const chosen = prompt.chosen === b.id;
      const off = !prompt.active || prompt.refused.indexOf(b.id) >= 0;
      const button = h(
        'button',
        {
          type: 'button',
          class: 'ch' + (b.human ? ' hu' : '') + (chosen ? ' on' : ''),
          'data-testid': 'choice',
          'data-choice-id': b.id,
          'data-human': b.human ? 'true' : null,
          'data-chosen': chosen ? 'true' : null,
        },
        b.label,
      );
      button.disabled = off;
      button.addEventListener('click', (e) => {
        keyboardChoice = e.detail === 0;
        if (!button.disabled) handlers.choose(prompt.nodeId, b.id);
      });
      if (!off && !focus) focus = button;
      group.appendChild(button);
    }
    r.row.insertBefore(group, r.meta);
    r.choices = group;
    if (refocus) {
      if (focus) focus.focus();
      else focusComposer();
    }
  }

  function updateRow(r: Row, it: TranscriptItem, first: boolean, last: boolean, prompt: ChatbotPrompt | null): void {
    updateChoices(r, prompt);
    const sig = [it.status, it.seq, it.text, first, last, it.error, it.author.name, JSON.stringify(it.meta)].join('\u0000');
    if (sig === r.sig) return;
    r.sig = sig;
    const type = it.author.type;
    const parts = messageParts(it);
    r.row.className =
      'row ' +
      (parts.kind === 'bot' ? 'ag bot' : parts.kind) +
      (parts.retry ? ' retry' : '') +
      (first ? ' first' : '') +
      (last ? ' last' : '') +
      ' ' +
      it.status;
    r.bubble.setAttribute('data-seq', it.seq === null ? '' : String(it.seq));
    r.bubble.setAttribute('data-author-type', type);
    r.bubble.setAttribute('data-status', it.status);
    const nodeId = it.meta && it.meta.chatbot ? it.meta.chatbot.nodeId : it.meta && it.meta.choice ? it.meta.choice.nodeId : null;
    setAttr(r.bubble, 'data-node-id', nodeId);
    setAttr(r.bubble, 'data-retry', parts.retry ? 'true' : null);
    setAttr(r.bubble, 'data-choice', it.meta && it.meta.choice ? it.meta.choice.choiceId : null);
    r.bubble.title = time(it.createdAt);
    if (r.text !== it.text) {
      renderText(r.bubble, it.text);
      r.text = it.text;
    }
    // A message of only an image or a link has no bubble.
    r.bubble.hidden = !it.text.trim() && !!(parts.image || parts.link);
    if (parts.retry && !r.sr) {
      r.sr = h('span', { class: 'sr' }, strings.retry + ': ');
      r.row.insertBefore(r.sr, r.bubble);
    } else if (!parts.retry && r.sr) {
      r.sr.remove();
      r.sr = null;
    }
    const showWho = first && (type === 'agent' || type === 'chatbot');
    r.who.textContent = '';
    if (showWho) {
      if (parts.kind === 'bot') r.who.appendChild(icon(BOT_ICON, STROKE));
      r.who.appendChild(document.createTextNode(it.author.name || name));
      if (parts.kind === 'bot') r.who.appendChild(h('span', { class: 'tag' }, strings.bot));
    }
    r.who.hidden = !showWho;
    updateExtra(r, parts.image, parts.link, it.author.name || name);
    const meta = it.status === 'pending' ? strings.sending : it.status === 'failed' ? strings.failed : last && type !== 'system' ? time(it.createdAt) : '';
    r.meta.textContent = meta;
    r.meta.hidden = !meta;
  }

  function setAttr(el: HTMLElement, k: string, v: string | null): void {
    if (v === null) el.removeAttribute(k);
    else el.setAttribute(k, v);
  }

  function focusComposer(): void {
    try {
      textarea.focus({ preventScroll: true });
    } catch {
      textarea.focus();
    }
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
    render(items, prompt, scrollToEnd) {
      const stick = scrollToEnd || nearBottom();
      // A chatbot's welcome stands in for the website's greeting.
      greeting.hidden = items.some((it) => it.author.type === 'chatbot');
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
        updateRow(r, it, !prev || groupKey(prev) !== groupKey(it), !next || groupKey(next) !== groupKey(it), prompt && prompt.key === it.key ? prompt : null);
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
    setComposerHints(hints) {
      textarea.placeholder = hints.placeholder;
      textarea.setAttribute('aria-label', hints.placeholder);
      const attrs = hints.attrs as Record<string, string | null>;
      for (const k in attrs) setAttr(textarea, k, attrs[k] as string | null);
    },
    getComposer: () => textarea.value,
    setComposer(text) {
      textarea.value = text;
      onComposerChange();
    },
    focusComposer,
  };
}
