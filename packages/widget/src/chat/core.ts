/**
 * The visitor side of the real-time protocol (docs/protocol.md), without DOM
 * or sockets: what to send on (re)connect, how to treat every server frame,
 * the outbox life cycle (pending → ack | error) and unread counting, and the
 * chatbot's side: `chatbot.open` when the box opens, button clicks
 * (`chatbot.choose`, through the outbox like messages) and the chatbot state
 * carried by `conversation` frames.
 * The controller feeds it frames and renders what it reports.
 */
import type { Author, Message, ServerFrame, VisitorChatbotState } from '@parley/core';
import { currentPrompt, refusedKey, type ChatbotPrompt } from './chatbot';
import type { Outbox, OutboxEntry } from './outbox';
import { checkText, type TextCheck } from './text';
import type { Transcript } from './transcript';

export interface CoreEvents {
  /** A message the page has not seen before (not fired for the initial history). */
  message(m: Message): void;
  /** The server refused a message: show `error`, put `text` back in the composer. */
  failed(text: string, error: string): void;
  /** An error worth showing that concerns no particular message. */
  notice(error: string): void;
  /** The server refused a button click (`unknown_choice`, or e.g. `rate_limited`): its bubble is gone. */
  choiceRefused(code: string, error: string): void;
  /** Someone else started or stopped typing. */
  typing(author: Author, typing: boolean): void;
  presence(agentsOnline: number): void;
  /** The transcript or the current conversation changed. */
  changed(): void;
}

export interface CoreOptions {
  outbox: Outbox;
  transcript: Transcript;
  /** Sends a frame on the socket; false when it is not connected. */
  send(frame: object): boolean;
  conversationId: string | null;
  /** What the session says about that conversation. */
  conversationStatus?: 'open' | 'closed';
  chatbot?: VisitorChatbotState | null;
  events: CoreEvents;
  newClientId(): string;
  now?: () => Date;
}

export class ChatCore {
  conversationId: string | null;
  /** Until the first sync completes, arriving messages are history, not news. */
  private live = false;
  private readonly syncing = new Set<string>();
  /** Per conversation: its status and its chatbot, from the session and `conversation` frames. */
  private readonly statuses = new Map<string, 'open' | 'closed'>();
  private readonly bots = new Map<string, VisitorChatbotState | null>();
  /** Buttons the server refused (see refusedKey). */
  private readonly refused = new Set<string>();
  /** The chat box is open. */
  private boxOpen = false;
  /** `chatbot.open` is owed for this opening (the socket was not ready yet). */
  private openOwed = false;

  constructor(private readonly o: CoreOptions) {
    this.conversationId = o.conversationId;
    if (o.conversationId) {
      o.transcript.addConversation(o.conversationId);
      if (o.conversationStatus) this.statuses.set(o.conversationId, o.conversationStatus);
      if (o.chatbot !== undefined) this.bots.set(o.conversationId, o.chatbot);
    }
    for (const e of o.outbox.list()) o.transcript.addPending(e);
  }

  /** The chatbot of the current conversation (null when none ran). */
  get chatbot(): VisitorChatbotState | null {
    return (this.conversationId && this.bots.get(this.conversationId)) || null;
  }

  /** The chatbot buttons to show now, if any. */
  prompt(): ChatbotPrompt | null {
    return currentPrompt(this.o.transcript.list(), this.conversationId, this.chatbot, this.refused);
  }

  /** A conversation is going on (the current one is not closed). */
  hasOpenConversation(): boolean {
    return !!this.conversationId && this.statuses.get(this.conversationId) !== 'closed';
  }

  /**
   * A chatbot started a conversation through the trigger endpoint (not over
   * this socket): it becomes the current one and its messages are synced.
   * The `conversation` frame that follows the sync brings its chatbot state.
   */
  follow(id: string): void {
    if (id === this.conversationId) return;
    this.setConversation(id);
    this.statuses.set(id, 'open');
    this.requestSync(id);
    this.o.events.changed();
  }

  private setConversation(id: string): void {
    if (id === this.conversationId) return;
    this.conversationId = id;
    this.o.transcript.addConversation(id);
  }

  /**
   * Adopts the conversation a fresh session reports when none is known yet,
   * and takes its status and chatbot state when it is the current one.
   */
  adoptConversation(c: { id: string; status: 'open' | 'closed'; chatbot?: VisitorChatbotState | null } | null): void {
    if (!c || !c.id) return;
    if (!this.conversationId) this.setConversation(c.id);
    if (c.id !== this.conversationId) return;
    this.statuses.set(c.id, c.status);
    if (c.chatbot !== undefined) this.bots.set(c.id, c.chatbot);
    this.o.events.changed();
  }

  /**
   * After every hello: `sync` from the highest seq held, then the whole
   * outbox, then `chatbot.open` when it is owed, or when the box is open and
   * no conversation is going on.
   */
  ready(): void {
    this.syncing.clear();
    this.requestSync(this.conversationId);
    for (const e of this.o.outbox.list()) this.sendEntry(e);
    if (this.boxOpen && !this.hasOpenConversation()) this.openOwed = true;
    this.flushOpen();
  }

  /** The visitor opened the box: the chatbot that applies may start (the server decides). */
  opened(): void {
    this.boxOpen = true;
    this.openOwed = true;
    this.flushOpen();
  }

  /** The box was closed: a `chatbot.open` not sent yet is dropped. */
  closed(): void {
    this.boxOpen = false;
    this.openOwed = false;
    // Statistics: closing the box ends a chatbot conversation (resolved when nothing escalated it).
    if (this.conversationId) this.o.send({ type: 'chatbox.closed', conversationId: this.conversationId });
  }

  private flushOpen(): void {
    if (this.openOwed && this.o.send({ type: 'chatbot.open' })) this.openOwed = false;
  }

  disconnected(): void {
    this.syncing.clear();
  }

  private requestSync(id: string | null): void {
    const k = id || '';
    if (this.syncing.has(k)) return;
    const frame = id
      ? { type: 'sync', conversationId: id, afterSeq: this.o.transcript.contiguousSeq(id) }
      : { type: 'sync', afterSeq: 0 };
    if (this.o.send(frame)) this.syncing.add(k);
  }

  private sendEntry(e: OutboxEntry): boolean {
    const c = e.choice;
    if (c) return this.o.send({ type: 'chatbot.choose', clientId: e.clientId, conversationId: c.conversationId, nodeId: c.nodeId, choiceId: c.choiceId });
    // No conversationId: the server routes the message to the visitor's open
    // conversation or starts one; the ack says which.
    return this.o.send({ type: 'message.send', clientId: e.clientId, text: e.text });
  }

  /**
   * The visitor clicked a chatbot button: like a typed message, it goes to
   * the outbox (resent with the same clientId until acknowledged, so it is
   * idempotent) and shows at once as a pending bubble with the button's label.
   * False when that button is not clickable now.
   */
  choose(nodeId: string, choiceId: string): boolean {
    const p = this.prompt();
    const button = p && p.active && p.nodeId === nodeId ? p.buttons.find((b) => b.id === choiceId) : undefined;
    if (!p || !button || !this.conversationId || p.refused.indexOf(choiceId) >= 0) return false;
    const entry: OutboxEntry = {
      clientId: this.o.newClientId(),
      text: button.label,
      createdAt: (this.o.now ? this.o.now() : new Date()).toISOString(),
      choice: { conversationId: this.conversationId, nodeId, choiceId, chatbotId: p.chatbotId },
    };
    this.o.outbox.add(entry);
    this.o.transcript.addPending(entry);
    this.sendEntry(entry);
    this.o.events.changed();
    return true;
  }

  /**
   * The visitor sends a message: validated, stored in the outbox (so it
   * survives reloads and cuts), shown as pending, sent when connected.
   */
  submit(raw: string): TextCheck {
    const check = checkText(raw);
    if (!check.ok) return check;
    const entry: OutboxEntry = {
      clientId: this.o.newClientId(),
      text: check.text,
      createdAt: (this.o.now ? this.o.now() : new Date()).toISOString(),
    };
    // Resending a refused text replaces its failed bubble.
    for (const it of this.o.transcript.list()) {
      if (it.status === 'failed' && it.clientId && it.text === check.text) this.o.transcript.discard(it.clientId);
    }
    this.o.outbox.add(entry);
    this.o.transcript.addPending(entry);
    this.sendEntry(entry);
    this.o.events.changed();
    return check;
  }

  /** Merges one server message; true when it was new. */
  private take(m: Message, announce: boolean): boolean {
    if (!m || typeof m.seq !== 'number' || !m.conversationId) return false;
    if (m.clientId) this.o.outbox.remove(m.clientId);
    const result = this.o.transcript.receive(m);
    if (result === 'duplicate') return false;
    if (m.author.type !== 'visitor') this.o.events.typing(m.author, false);
    if (announce) this.o.events.message(m);
    return true;
  }

  handle(f: ServerFrame): void {
    const t = this.o.transcript;
    switch (f.type) {
      case 'sync': {
        if (f.conversationId) this.setConversation(f.conversationId);
        this.syncing.delete(f.conversationId || '');
        this.syncing.delete('');
        const messages = f.messages || [];
        for (const m of messages) this.take(m, this.live);
        const last = messages[messages.length - 1];
        if (f.hasMore && f.conversationId && last) {
          if (this.o.send({ type: 'sync', conversationId: f.conversationId, afterSeq: last.seq })) this.syncing.add(f.conversationId);
        } else this.live = true;
        break;
      }
      case 'message.ack':
        if (!f.message) return;
        this.setConversation(f.message.conversationId);
        this.take(f.message, true);
        break;
      case 'message': {
        const m = f.message;
        if (!m) return;
        // A conversation we hold nothing of and that is not ours yet: a new one started (e.g. in another tab).
        if (m.conversationId !== this.conversationId && t.maxSeq(m.conversationId) === 0) this.setConversation(m.conversationId);
        const had = t.contiguousSeq(m.conversationId);
        // A gap means frames were missed: fetch them.
        if (this.take(m, true) && m.seq > had + 1) this.requestSync(m.conversationId);
        break;
      }
      case 'conversation': {
        // Visitors get {id, status, lastSeq, chatbot}.
        const c = f.conversation as { id?: string; status?: 'open' | 'closed'; chatbot?: VisitorChatbotState | null };
        if (!c || !c.id) return;
        // One we hold nothing of, open: a new conversation (the chatbot started, or another tab wrote).
        if (c.id !== this.conversationId && t.maxSeq(c.id) === 0 && c.status !== 'closed') this.setConversation(c.id);
        if (c.status) this.statuses.set(c.id, c.status);
        this.bots.set(c.id, c.chatbot || null);
        break;
      }
      case 'typing':
        if (f.author && f.author.type !== 'visitor') this.o.events.typing(f.author, !!f.typing);
        return;
      case 'presence':
        this.o.events.presence(f.agentsOnline);
        return;
      case 'error':
        if (f.ref && (f.code === 'unknown_choice' || this.isChoice(f.ref))) {
          // A refused click: drop its bubble (the buttons come back), never put the label in the composer.
          const p = this.prompt();
          const entry = this.o.outbox.remove(f.ref);
          const item = t.get(f.ref);
          const choice = entry && entry.choice ? entry.choice.choiceId : item && item.meta && item.meta.choice ? item.meta.choice.choiceId : null;
          if (f.code === 'unknown_choice' && p && choice !== null && p.chosen === choice) this.refused.add(refusedKey(p.key, choice));
          t.discard(f.ref);
          this.o.events.choiceRefused(f.code, f.message);
        } else if (f.ref) {
          const entry = this.o.outbox.remove(f.ref);
          const item = t.fail(f.ref, f.message);
          const text = entry ? entry.text : item ? item.text : null;
          if (text !== null) this.o.events.failed(text, f.message);
          else this.o.events.notice(f.message);
        } else if (f.code === 'rate_limited' || f.code === 'conversation_closed') this.o.events.notice(f.message);
        break;
      default:
        return;
    }
    this.o.events.changed();
  }

  /** The client id is a button click waiting in the outbox or shown as pending. */
  private isChoice(clientId: string): boolean {
    const entry = this.o.outbox.list().find((e) => e.clientId === clientId);
    if (entry) return !!entry.choice;
    const item = this.o.transcript.get(clientId);
    return !!(item && item.meta && item.meta.choice);
  }

  /** Messages from others in the current conversation after `readSeq`. */
  unread(readSeq: number): number {
    return this.conversationId ? this.o.transcript.countFromOthers(this.conversationId, readSeq) : 0;
  }

  /** Highest seq held in the current conversation (what "read" means when the window is open). */
  lastSeq(): number {
    return this.conversationId ? this.o.transcript.maxSeq(this.conversationId) : 0;
  }
}
