/**
 * Glue: socket (connection.ts) ↔ protocol logic (core.ts) ↔ window (view.ts),
 * plus the unread badge and the host page's 'message' events.
 */
import type { Author, Message } from '@parley/core';
import type { Session } from '../api';
import type { ChatContext, ChatController } from '../bridge';
import { chatColors } from '../color';
import { chatStrings, fill, pickLanguage } from '../i18n';
import { readJson, storageKey } from '../storage';
import { visitorSocketUrl } from '../url';
import { awaitingRetry, composerHints } from './chatbot';
import { browserEnv, createConnection, type ConnectionEnv } from './connection';
import { ChatCore } from './core';
import { newClientId } from './ids';
import { Outbox } from './outbox';
import { chatCss } from './styles';
import { Transcript } from './transcript';
import { TYPING_TIMEOUT_MS, TypingSignal } from './typing';
import { createView } from './view';

/** What the host page receives with `parley('on', 'message', fn)`. */
function publicMessage(m: Message) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    author: { type: m.author.type, name: m.author.name },
    text: m.text,
    createdAt: m.createdAt,
  };
}

export function mountChat(ctx: ChatContext, env: ConnectionEnv = browserEnv()): ChatController {
  const strings = chatStrings[pickLanguage(ctx.language)];
  let session: Session = ctx.session;
  let open = false;
  const readKey = storageKey(ctx.websiteKey, 'read');

  const view = createView(session.website, strings, {
    send(text) {
      const result = core.submit(text);
      if (result.ok) {
        view.setComposer('');
        view.setError(null);
        typing.stop();
        draw(true);
      } else if (result.reason === 'tooLong') view.setComposer(text); // shows the length error
    },
    input(text) {
      typing.input(!text.trim());
    },
    close: () => ctx.requestClose(),
    choose(nodeId, choiceId) {
      if (core.choose(nodeId, choiceId)) {
        view.setError(null);
        draw(true);
      }
    },
  });
  view.setAgentsOnline(session.agentsOnline);
  const style = document.createElement('style');
  style.textContent = chatCss;
  ctx.root.appendChild(style);
  ctx.container.appendChild(view.element);
  const colors = chatColors(session.website.color);
  for (const k of ['--pl', '--pr'] as const) ctx.container.style.setProperty(k, colors[k]);

  let typingTimer: ReturnType<typeof setTimeout> | null = null;
  let typingWho: string | null = null;
  function hideTyping(): void {
    if (typingTimer) clearTimeout(typingTimer);
    typingTimer = null;
    typingWho = null;
    view.setTyping(null);
  }
  function onTyping(author: Author, on: boolean): void {
    const who = author.type + ':' + (author.id || '');
    if (on) {
      typingWho = who;
      view.setTyping(author.name || '');
      if (typingTimer) clearTimeout(typingTimer);
      typingTimer = setTimeout(hideTyping, TYPING_TIMEOUT_MS);
    } else if (typingWho === who) hideTyping();
  }

  const readSeq = (): number => {
    const r = readJson<{ c?: string; s?: number }>(ctx.store, readKey);
    return r && r.c === core.conversationId && typeof r.s === 'number' ? r.s : 0;
  };
  function updateUnread(): void {
    if (open) {
      const seq = core.lastSeq();
      if (core.conversationId && seq > readSeq()) ctx.store.setItem(readKey, JSON.stringify({ c: core.conversationId, s: seq }));
      ctx.setUnread(0, '');
    } else {
      const n = core.unread(readSeq());
      ctx.setUnread(n, fill(strings.unread, { n }));
    }
  }

  /** Transcript, chatbot buttons and the composer's hints for the chatbot's question. */
  function draw(scrollToEnd?: boolean): void {
    const items = transcript.list();
    const bot = core.chatbot;
    view.render(items, core.prompt(), scrollToEnd);
    view.setComposerHints(composerHints(bot, strings, awaitingRetry(items, core.conversationId, bot)));
  }

  let renderQueued = false;
  function scheduleRender(): void {
    if (renderQueued) return;
    renderQueued = true;
    Promise.resolve().then(() => {
      renderQueued = false;
      draw();
      updateUnread();
    });
  }

  const transcript = new Transcript();
  const conn = createConnection({
    env,
    async url(fresh) {
      // A refused upgrade (bad or expired token) makes the next attempt ask for a fresh one.
      if (fresh) {
        session = await ctx.refreshSession();
        core.adoptConversation(session.conversation);
      }
      return visitorSocketUrl(ctx.base, session.token);
    },
    onReady: () => core.ready(),
    onFrame: (f) => core.handle(f),
    onState(state) {
      if (state !== 'online') {
        typing.reset();
        core.disconnected();
      }
      view.setConnection(state, env.isOnline());
    },
  });

  const core: ChatCore = new ChatCore({
    outbox: new Outbox(ctx.store, storageKey(ctx.websiteKey, 'outbox')),
    transcript,
    send: (frame) => conn.send(frame),
    conversationId: session.conversation ? session.conversation.id : null,
    conversationStatus: session.conversation ? session.conversation.status : undefined,
    chatbot: session.conversation ? session.conversation.chatbot : undefined,
    newClientId: () => newClientId(),
    events: {
      message: (m) => ctx.emit('message', publicMessage(m)),
      failed(text, error) {
        // Never lose what the visitor wrote: back into the composer.
        const current = view.getComposer();
        view.setComposer(current.trim() ? text + '\n' + current : text);
        view.setError(error);
      },
      notice: (error) => view.setError(error),
      choiceRefused: (code, error) => view.setError(code === 'unknown_choice' ? strings.staleChoice : error),
      typing: onTyping,
      presence: (n) => view.setAgentsOnline(n),
      changed: scheduleRender,
    },
  });

  const typing = new TypingSignal((on) =>
    core.conversationId ? conn.send({ type: 'typing', conversationId: core.conversationId, typing: on }) : false,
  );

  view.setConnection('connecting', env.isOnline());
  scheduleRender();
  conn.start();

  return {
    setOpen(o) {
      open = o;
      view.setOpen(o);
      if (o) {
        draw(true);
        view.focusComposer();
        // The chatbot that applies starts when no conversation is going on (the server decides).
        core.opened();
      } else core.closed();
      updateUnread();
    },
    busy: () => core.hasOpenConversation(),
    follow: (id) => core.follow(id),
  };
}
