import type { Conversation, Message } from '@parley/core';
import type { AgentServerFrame as ServerFrame } from '../realtime/frames';
import { ApiError, errorMessage, type Api } from '../api/client';
import type { ChatbotRole } from '../api/types';
import { checkComposerText } from '../lib/messageText';
import { createStore, type Store } from '../lib/store';
import type { AgentSocket } from '../realtime/socket';
import { filterQuery, sameFilter, type ConversationMap, type ListFilter } from './state/conversations';
import { handoverKey, handoverNotification, shouldAlertHandover } from './state/handover';
import { inboxReducer, initialInboxState, transcriptMaxSeq, type InboxAction, type InboxState } from './state/inboxState';
import { shouldChime } from './state/chime';
import { maxSeq } from './state/messages';
import { find, newClientId, sendFrames } from './state/outbox';
import { IDLE_TYPING, nextTypingExpiry, onComposerChange, onStop, type OutgoingTyping } from './state/typing';

export interface VisitorMessageNotice {
  conversationId: string;
  visitorName: string;
  text: string;
}

/** A chatbot handed a conversation over to the team (newly): notify the agent. */
export interface HandoverNotice {
  conversationId: string;
  /** Ready-made notification texts ("Teal Otter needs a human", "Chatbot Acme handed over: …"). */
  title: string;
  body: string;
}

export interface InboxControllerDeps {
  api: Pick<
    Api,
    'agents' | 'conversations' | 'conversation' | 'messages' | 'assign' | 'addTag' | 'removeTag' | 'close' | 'reopen' | 'read' | 'handToChatbot'
  >;
  socket: Pick<AgentSocket, 'send' | 'isOpen' | 'onFrame'>;
  me: string;
  /** A visitor wrote while the tab is hidden (title badge, browser notification). */
  onVisitorMessageWhileHidden?: (notice: VisitorMessageNotice) => void;
  isHidden?: () => boolean;
  /** A live visitor message the agent is not looking at (see `shouldChime`): play the sound. */
  onChime?: (conversationId: string) => void;
  /** Is the notification sound muted? (Read on every message: the toggle changes it.) */
  isMuted?: () => boolean;
  /**
   * A conversation's `handover` became set (see `shouldAlertHandover`): show a desktop
   * notification. The chime goes through `onChime` (unless muted).
   */
  onHandover?: (notice: HandoverNotice) => void;
  now?: () => number;
  newClientId?: () => string;
}

export type SendResult = { ok: true } | { ok: false; error: string };

/**
 * Everything the inbox does besides drawing: owns the store, feeds it from REST
 * and socket frames, and runs the protocol's rules (sync then resend after every
 * connect, read marks, typing throttling).
 */
export class InboxController {
  readonly store: Store<InboxState, InboxAction>;
  private readonly readSent = new Map<string, number>();
  private readonly typingOut = new Map<string, OutgoingTyping>();
  private readonly transcriptLoads = new Map<string, number>();
  private readonly conversationFetches = new Map<string, Promise<void>>();
  private listRequest = 0;
  private hellos = 0;
  /** Handovers already alerted for, and the server time from which a handover counts as new. */
  private readonly alertedHandovers = new Set<string>();
  private handoversSince: number | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly unsubscribers: (() => void)[] = [];
  private readonly now: () => number;
  private readonly makeClientId: () => string;

  constructor(private readonly deps: InboxControllerDeps) {
    this.now = deps.now ?? Date.now;
    this.makeClientId = deps.newClientId ?? newClientId;
    this.store = createStore(inboxReducer, initialInboxState(deps.me, !(deps.isHidden?.() ?? false)));
  }

  get state(): InboxState {
    return this.store.getState();
  }

  private dispatch = (action: InboxAction): void => {
    const before = this.state.conversations;
    this.store.dispatch(action);
    const after = this.state.conversations;
    if (after !== before) this.alertNewHandovers(before, after, action.type === 'frame');
  };

  start(): void {
    this.unsubscribers.push(this.deps.socket.onFrame((f) => this.onFrame(f)));
    this.unsubscribers.push(this.store.subscribe(() => this.afterChange()));
    this.deps.api
      .agents()
      .then(({ agents }) => this.dispatch({ type: 'agentsLoaded', agents }))
      .catch(() => {
        /* names fall back to "Another agent" */
      });
  }

  stop(): void {
    for (const u of this.unsubscribers.splice(0)) u();
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.listRequest++;
  }

  // ---- socket ----------------------------------------------------------------

  private onFrame(frame: ServerFrame): void {
    // A refused message may mean the conversation changed under us (closed, deleted): refresh it.
    const refused = frame.type === 'error' && frame.ref ? find(this.state.outbox, frame.ref) : undefined;
    this.dispatch({ type: 'frame', frame, now: this.now() });
    if (refused && frame.type === 'error' && frame.code !== 'invalid' && frame.code !== 'rate_limited') {
      void this.fetchConversation(refused.conversationId, true);
    }
    switch (frame.type) {
      case 'hello':
        if (this.handoversSince === null) {
          const t = Date.parse(frame.serverTime);
          this.handoversSince = Number.isNaN(t) ? this.now() : t;
        }
        this.onConnected(++this.hellos > 1);
        break;
      case 'message':
        this.onMessage(frame.message);
        break;
      case 'sync':
        if (frame.conversationId && frame.hasMore && frame.messages.length > 0) {
          this.deps.socket.send({ type: 'sync', conversationId: frame.conversationId, afterSeq: maxSeq(frame.messages) });
        }
        break;
      case 'conversation':
        break;
      case 'typing':
        this.scheduleTypingExpiry();
        break;
      case 'error':
        if (!frame.ref) console.warn('[parley] server error frame', frame);
        break;
    }
  }

  private onMessage(m: Message): void {
    const s = this.state;
    if (shouldChime(m, { activeId: s.activeId, visible: s.visible && !(this.deps.isHidden?.() ?? false), muted: this.deps.isMuted?.() ?? false })) {
      this.deps.onChime?.(m.conversationId);
    }
    const known = this.state.conversations[m.conversationId] !== undefined;
    const fetched = known ? Promise.resolve() : this.fetchConversation(m.conversationId);
    if (m.author.type === 'visitor' && this.deps.isHidden?.()) {
      // A brand-new conversation: wait for its summary so the notice can name the visitor.
      void fetched.then(() => {
        this.deps.onVisitorMessageWhileHidden?.({
          conversationId: m.conversationId,
          visitorName: this.state.conversations[m.conversationId]?.visitor.displayName ?? 'Visitor',
          text: m.text,
        });
      });
    }
  }

  /**
   * After every (re)connect: sync the open conversation from the highest seq
   * held, then resend the outbox (protocol order), then refresh what may have
   * changed while we were away.
   */
  private onConnected(reconnect: boolean): void {
    const s = this.state;
    const active = s.activeId;
    this.typingOut.clear();
    if (reconnect) {
      this.readSent.clear();
      this.dispatch({ type: 'transcriptsStale', keep: active });
    }
    if (active) {
      const t = this.state.transcripts[active];
      if (t && t.status === 'ready') {
        this.deps.socket.send({ type: 'sync', conversationId: active, afterSeq: transcriptMaxSeq(this.state, active) });
      } else if (!t || t.status === 'error') {
        void this.loadTranscript(active);
      }
    }
    this.flushOutbox();
    if (reconnect) {
      void this.reloadList();
      if (active) void this.fetchConversation(active, true);
    }
  }

  private flushOutbox(): void {
    const sent: string[] = [];
    for (const { clientId, frame } of sendFrames(this.state.outbox)) {
      if (!this.deps.socket.send(frame)) break;
      sent.push(clientId);
    }
    if (sent.length > 0) this.dispatch({ type: 'sent', clientIds: sent });
  }

  // ---- list ------------------------------------------------------------------

  setFilter(filter: ListFilter): void {
    const held = this.state.list.filter;
    const changed = !sameFilter(held, filter);
    this.dispatch({ type: 'filter', filter });
    if (changed || this.listRequest === 0) void this.reloadList();
  }

  async reloadList(): Promise<void> {
    const request = ++this.listRequest;
    const filter = this.state.list.filter;
    this.dispatch({ type: 'listLoading' });
    try {
      const page = await this.deps.api.conversations(filterQuery(filter));
      if (request !== this.listRequest) return;
      this.dispatch({ type: 'listLoaded', filter, conversations: page.conversations, nextCursor: page.nextCursor, firstPage: true });
    } catch (err) {
      if (request !== this.listRequest) return;
      this.dispatch({ type: 'listFailed', filter, error: errorMessage(err) });
    }
  }

  async loadMore(): Promise<void> {
    const { filter, nextCursor, loading } = this.state.list;
    if (!nextCursor || loading) return;
    const request = ++this.listRequest;
    this.dispatch({ type: 'listLoading' });
    try {
      const page = await this.deps.api.conversations(filterQuery(filter), nextCursor);
      if (request !== this.listRequest) return;
      this.dispatch({ type: 'listLoaded', filter, conversations: page.conversations, nextCursor: page.nextCursor, firstPage: false });
    } catch (err) {
      if (request !== this.listRequest) return;
      this.dispatch({ type: 'listFailed', filter, error: errorMessage(err) });
    }
  }

  // ---- one conversation ------------------------------------------------------

  select(id: string | null): void {
    const prev = this.state.activeId;
    if (prev && prev !== id) this.stopTyping(prev);
    this.dispatch({ type: 'select', id });
    if (!id) return;
    if (!this.state.conversations[id]) void this.fetchConversation(id);
    const t = this.state.transcripts[id];
    if (!t || t.status === 'error') void this.loadTranscript(id);
  }

  fetchConversation(id: string, force = false): Promise<void> {
    const running = this.conversationFetches.get(id);
    if (running && !force) return running;
    const p = this.deps.api
      .conversation(id)
      .then(({ conversation }) => this.dispatch({ type: 'conversationLoaded', conversation }))
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) this.dispatch({ type: 'conversationGone', id });
      })
      .finally(() => {
        if (this.conversationFetches.get(id) === p) this.conversationFetches.delete(id);
      });
    this.conversationFetches.set(id, p);
    return p;
  }

  /** GET the whole transcript (pages of 500 in seq order); live frames merge in meanwhile. */
  async loadTranscript(id: string): Promise<void> {
    const load = (this.transcriptLoads.get(id) ?? 0) + 1;
    this.transcriptLoads.set(id, load);
    this.dispatch({ type: 'transcriptLoading', id });
    const all: Message[] = [];
    try {
      let after = 0;
      for (;;) {
        const page = await this.deps.api.messages(id, after);
        all.push(...page.messages);
        if (!page.hasMore || page.messages.length === 0) break;
        after = maxSeq(page.messages);
      }
      if (this.transcriptLoads.get(id) !== load) return;
      this.dispatch({ type: 'transcriptLoaded', id, messages: all });
    } catch (err) {
      if (this.transcriptLoads.get(id) !== load) return;
      const message =
        err instanceof ApiError && err.status === 404 ? 'This conversation does not exist (anymore).' : errorMessage(err);
      this.dispatch({ type: 'transcriptFailed', id, error: message });
    }
  }

  // ---- composer --------------------------------------------------------------

  send(conversationId: string, raw: string): SendResult {
    const check = checkComposerText(raw);
    if (!check.ok) {
      return {
        ok: false,
        error: check.reason === 'empty' ? 'Message is empty' : `Message is longer than 4000 characters`,
      };
    }
    const clientId = this.makeClientId();
    this.stopTyping(conversationId);
    this.dispatch({
      type: 'enqueue',
      entry: { clientId, conversationId, text: check.text, createdAt: new Date(this.now()).toISOString() },
    });
    if (this.deps.socket.send({ type: 'message.send', clientId, conversationId, text: check.text })) {
      this.dispatch({ type: 'sent', clientIds: [clientId] });
    }
    return { ok: true };
  }

  composerChanged(conversationId: string, text: string): void {
    this.dispatch({ type: 'draft', id: conversationId, text });
    if (this.state.composerErrors[conversationId]) this.dispatch({ type: 'composerError', id: conversationId, error: null });
    const r = onComposerChange(this.typingOut.get(conversationId) ?? IDLE_TYPING, text, this.now());
    this.typingOut.set(conversationId, r.state);
    if (r.send !== null) this.deps.socket.send({ type: 'typing', conversationId, typing: r.send });
  }

  private stopTyping(conversationId: string): void {
    const r = onStop(this.typingOut.get(conversationId) ?? IDLE_TYPING);
    this.typingOut.set(conversationId, r.state);
    if (r.send !== null) this.deps.socket.send({ type: 'typing', conversationId, typing: r.send });
  }

  // ---- actions ---------------------------------------------------------------

  async assign(id: string, assigneeId: string | null): Promise<void> {
    const { conversation } = await this.deps.api.assign(id, assigneeId);
    this.dispatch({ type: 'conversationLoaded', conversation });
  }

  /** Adds a tag (already normalised by the caller); the server's 400 is thrown to show inline. */
  async addTag(id: string, tag: string): Promise<void> {
    const { conversation } = await this.deps.api.addTag(id, tag);
    this.dispatch({ type: 'conversationLoaded', conversation });
  }

  async removeTag(id: string, tag: string): Promise<void> {
    const { conversation } = await this.deps.api.removeTag(id, tag);
    this.dispatch({ type: 'conversationLoaded', conversation });
  }

  async close(id: string): Promise<void> {
    const { conversation } = await this.deps.api.close(id);
    this.dispatch({ type: 'conversationLoaded', conversation });
  }

  async reopen(id: string): Promise<void> {
    const { conversation } = await this.deps.api.reopen(id);
    this.dispatch({ type: 'conversationLoaded', conversation });
  }

  /** Hands the conversation to a chatbot (it joins now, or finishes it); the server's 409/422 message is thrown. */
  async handToChatbot(id: string, chatbotId: string, role: ChatbotRole): Promise<void> {
    const { conversation } = await this.deps.api.handToChatbot(id, chatbotId, role);
    this.dispatch({ type: 'conversationLoaded', conversation });
  }

  setVisible(visible: boolean): void {
    this.dispatch({ type: 'visibility', visible });
  }

  // ---- read marks --------------------------------------------------------------

  private afterChange(): void {
    this.maybeMarkRead();
  }

  /** The agent looks at a conversation with unread visitor messages: mark it read up to the last seq. */
  private maybeMarkRead(): void {
    const s = this.state;
    const id = s.activeId;
    if (!id || !s.visible) return;
    const t = s.transcripts[id];
    const c = s.conversations[id];
    if (!t || t.status !== 'ready' || !c) return;
    const max = maxSeq(t.messages);
    if (max === 0) return;
    const sent = this.readSent.get(id);
    if (sent === undefined && c.unreadCount === 0) {
      this.readSent.set(id, max);
      return;
    }
    if (sent !== undefined && max <= sent) return;
    const needs = c.unreadCount > 0 || t.messages.some((m) => m.seq > (sent ?? 0) && m.author.type === 'visitor');
    if (!needs) {
      this.readSent.set(id, max);
      return;
    }
    this.readSent.set(id, max);
    if (!this.deps.socket.send({ type: 'read', conversationId: id, seq: max })) {
      this.deps.api
        .read(id, max)
        .then(({ conversation }) => this.dispatch({ type: 'conversationLoaded', conversation }))
        .catch(() => this.readSent.delete(id));
    }
    this.dispatch({ type: 'markedRead', id });
  }

  // ---- handover alerts ----------------------------------------------------------

  /**
   * Chime and notify for every conversation whose `handover` just became set. Live frames may
   * introduce a conversation (it became visible with its handover); REST answers (the list
   * load, refetches) only alert for conversations already held, so the first load never does.
   */
  private alertNewHandovers(before: ConversationMap, after: ConversationMap, live: boolean): void {
    const found: Conversation[] = [];
    for (const id of Object.keys(after)) {
      const next = after[id]!;
      const prev = before[id];
      if (prev === next) continue;
      if (!shouldAlertHandover(prev, next, { live, since: this.handoversSince, alerted: this.alertedHandovers })) continue;
      this.alertedHandovers.add(handoverKey(id, next.handover!));
      found.push(next);
    }
    for (const c of found) {
      if (!(this.deps.isMuted?.() ?? false)) this.deps.onChime?.(c.id);
      this.deps.onHandover?.({ conversationId: c.id, ...handoverNotification(c) });
    }
  }

  // ---- typing expiry -----------------------------------------------------------

  private scheduleTypingExpiry(): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = null;
    const next = nextTypingExpiry(this.state.typing);
    if (next === null) return;
    this.typingTimer = setTimeout(() => {
      this.typingTimer = null;
      this.dispatch({ type: 'typingExpire', now: this.now() });
      this.scheduleTypingExpiry();
    }, Math.max(0, next - this.now()) + 20);
  }
}
