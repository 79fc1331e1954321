/**
 * Chatbots running in conversations (docs/chatbots.md, "Running chatbots in
 * conversations"): turns frames, timers and webhook answers into engine events,
 * and writes each step — the visitor's message, the chatbot's messages, the
 * event records, contact data, tags, handover, timers and the session's new
 * state — in ONE transaction. Publishing and webhook calls happen after COMMIT.
 *
 * Inside a transaction only the transaction is used (on SQLite, a query on the
 * pool would wait for the connection the transaction holds): everything that
 * needs other reads (the flow version, agents online) is fetched before.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { Conversation, HandoverReason, MessageMeta, VisitorChatbotState } from '@parley/core';
import {
  availableLanguages,
  chooseLanguage,
  createFlowState,
  step,
  validateAnswer,
  type FlowContext,
  type FlowDocument,
  type FlowEvent,
  type FlowState,
  type StepResult,
} from '@parley/flow';
import type { Clock } from '../clock.js';
import { notFound, ParleyError } from '../errors.js';
import type { EventBus } from '../events/parley-event.js';
import { newId } from '../ids.js';
import type { PresenceService } from '../services/presence-service.js';
import type { SentMessage, VisitorRef } from '../services/conversation-service.js';
import type { DialectName } from '../storage/database.js';
import type { ChatbotRole, ConversationRow, Database, MessageRow, VisitorRow } from '../storage/schema.js';
import { appendMessage, appendMessages, conversationChanges, findMessageByClientId, toMessage, type AppendMessageInput } from '../storage/repositories/message-repository.js';
import { markStatsDirty, recordConversationEvent } from '../storage/repositories/conversation-event-repository.js';
import { loadConversation, newConversationRow, summaryQuery, toConversation, writeConversationTag } from '../storage/repositories/conversation-repository.js';
import {
  clearTimer,
  clearTimers,
  findSession,
  insertChatbotError,
  insertEvents,
  parseVisitorState,
  setTimer,
  type SessionRow,
} from '../storage/repositories/chatbot-session-repository.js';
import { Statement } from '../storage/compiled-statement.js';
import { isUniqueViolation } from '../storage/unique-violation.js';
import { parseJsonObject, parseJsonStrings } from '../storage/json-columns.js';
import { FlowCache, type CachedVersion } from './flow-cache.js';
import { StepBatcher } from './step-batcher.js';
import { emailCaptureAnswer, emailFollowUp, planEffects, sessionStatus, visitorChatbotState, type PlannedMessage, type StepPlan } from './plan-step.js';
import { runtimeTexts } from './runtime-texts.js';
import type { WebhookClient, WebhookOutcome } from './webhook-client.js';
import type { FiredTrigger, TargetingService } from '../services/targeting-service.js';
import { isWithinOfficeHours, OfficeHoursSchema } from '@parley/targeting';
import { parseUnansweredChatbot, type UnansweredChatbot } from '../services/workspace-settings.js';
import type { LimitNow, Metering } from '../billing/metering.js';

export interface ChatbotRuntimeOptions {
  /** After a handover with agents online: how long before the visitor is offered to leave an email. */
  handoverOfferMs: number;
  /** How long a webhook may take before its failure path is taken (also after a crash). */
  webhookTimeoutMs: number;
}

export interface ChatbotRuntimeDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The embedded engine's handle (SQLite only): steps are group-committed on it. */
  sqlite: SqliteDatabase.Database | null;
  bus: EventBus;
  clock: Clock;
  presence: PresenceService;
  webhooks: WebhookClient;
  targeting: TargetingService;
  /** Counts chatbot conversations against the workspace's limit (docs/billing.md). */
  metering: Metering;
  options: ChatbotRuntimeOptions;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** Everything a step needs that is read before its transaction. */
interface Prepared {
  session: SessionRow;
  version: CachedVersion;
  flow: FlowDocument;
  chatbotName: string;
  agentsOnline: boolean;
  /** Within the workspace's office hours now (always, without office hours). */
  officeHoursOpen: boolean;
  /** The period and limit to count against, read while the session has not counted yet. */
  limit: LimitNow | null;
}

/** What to do once the transaction committed. */
interface AfterCommit {
  workspaceId: string;
  visitorId: string;
  conversationId: string;
  messages: MessageRow[];
  /** Chatbot messages of this step not written yet: stored together by `#flush`. */
  pending: AppendMessageInput[];
  /** Changes to the conversation row not written yet: made by `#flush`'s UPDATE. */
  changes: Partial<ConversationRow> | null;
  /** The visitor's own message (a choice or typed text): the sender's socket got an ack. */
  originConnectionId?: string | undefined;
  webhooks: { sessionId: string; chatbotId: string; url: string; method: string; body: string | null }[];
  goToFlow: { chatbotId: string; variables: FlowState['variables'] } | null;
}

type Tx = Transaction<Database>;

interface Team {
  agentsOnline: boolean;
  officeHoursOpen: boolean;
}

const ANSWER_FIELDS = new Set(['name', 'email', 'phone', 'number', 'text']);

/** How long a workspace's "agents online / office hours" and a chatbot's name are reused between steps. */
const TEAM_TTL_MS = 1_000;
const NAME_TTL_MS = 5_000;

// The step's hot-path statements, compiled once (storage/compiled-statement.ts).

const visitorConversationStatement = new Statement('runtime.visitorConversation', (db, $) =>
  db
    .selectFrom('conversations')
    .leftJoin('messages', (join) => join.onRef('messages.conversation_id', '=', 'conversations.id').on('messages.client_id', '=', $(0)))
    .select(['conversations.id', 'conversations.visitor_id', 'conversations.status', 'messages.id as earlierMessageId'])
    .where('conversations.workspace_id', '=', $(1))
    .where('conversations.id', '=', $(2)),
);

const contactOfVisitorStatement = new Statement('runtime.contactOfVisitor', (db, $) =>
  db
    .selectFrom('visitors')
    .leftJoin('contacts', 'contacts.id', 'visitors.contact_id')
    .select(['contacts.id', 'contacts.name', 'contacts.email', 'contacts.phone', 'contacts.properties'])
    .where('visitors.id', '=', $(0)),
);

/** The conversation's summary as the inbox shows it, whether the team sees it yet, and what the widget is told. */
const publishedStatement = new Statement('runtime.published', (db, $) =>
  summaryQuery(db, $(0))
    .leftJoin('chatbot_sessions', 'chatbot_sessions.conversation_id', 'conversations.id')
    .select(['conversations.inbox_visible', 'chatbot_sessions.visitor_state'])
    .where('conversations.id', '=', $(1)),
);

const saveSessionStatement = new Statement('runtime.saveSession', (db, $) =>
  db
    .updateTable('chatbot_sessions')
    .set({ state: $(0), status: $(1), visitor_state: $(2), email_capture: $(3), counted: $(4), step_count: $(5), updated_at: $(6) })
    .where('conversation_id', '=', $(7))
    .where('id', '=', $(8)),
);

export class ChatbotRuntime {
  readonly flows: FlowCache;
  readonly #batcher: StepBatcher | null;
  readonly #teams = new Map<string, { team: Team; at: number }>();
  readonly #names = new Map<string, { name: string; at: number }>();

  constructor(private readonly deps: ChatbotRuntimeDeps) {
    this.flows = new FlowCache(deps.db);
    // SQLite has one writer: steps share commits. PostgreSQL runs each step in its own transaction, concurrently.
    this.#batcher = deps.sqlite ? new StepBatcher(deps.db, deps.sqlite) : null;
  }

  /** One step's transaction (group-committed with its neighbours on SQLite). */
  #transaction<T>(fn: (trx: Tx) => Promise<T>): Promise<T> {
    return this.#batcher ? this.#batcher.run(fn) : this.deps.db.transaction().execute(fn);
  }

  // ─── entry points ────────────────────────────────────────────────────────

  /**
   * The visitor opened the chat box. With no open conversation, the chatbot
   * that applies starts in a new conversation hidden from the inbox until the
   * visitor interacts (an impression otherwise).
   */
  async open(visitor: VisitorRef): Promise<void> {
    const visitorRow = await this.#visitorRow(visitor);
    if (!visitorRow) return;
    const decision = await this.deps.targeting.decide(visitor.workspaceId, visitorRow, { kind: 'chat_opened' });
    if (decision.chatbotId) await this.#start(visitor, visitorRow, decision.chatbotId);
  }

  /**
   * A trigger fired in the visitor's page (time on page, scroll, exit intent,
   * returning visit, a custom event). Everything is evaluated again here: the
   * widget's word only says which trigger fired, and the signals it reports are
   * checked against what the server saw (the page view's age).
   */
  async trigger(
    visitor: VisitorRef,
    fired: FiredTrigger,
    page: { url: string; title: string },
  ): Promise<{ started: boolean; conversationId: string | null; welcome: string | null; reason: string | null }> {
    const visitorRow = await this.#visitorRow(visitor);
    if (!visitorRow) return { started: false, conversationId: null, welcome: null, reason: 'Unknown visitor' };
    let checked = fired;
    if (fired.kind === 'time_on_page') {
      // The first load of this URL in the current visit (a token refresh records the page again).
      const seen = await this.deps.db
        .selectFrom('page_views')
        .select((eb) => eb.fn.min('at').as('at'))
        .where('visitor_id', '=', visitor.visitorId)
        .where('url', '=', page.url)
        .where('at', '>=', visitorRow.visit_started_at)
        .executeTakeFirst();
      const since = seen?.at ? Number(seen.at) : this.deps.clock.now();
      // The page has been open at most this long, whatever the widget says (+1 s of clock slack).
      const possible = (this.deps.clock.now() - since) / 1000 + 1;
      checked = { ...fired, secondsOnPage: Math.min(fired.secondsOnPage ?? 0, possible) };
    }
    const decision = await this.deps.targeting.decide(visitor.workspaceId, visitorRow, checked, page);
    if (!decision.chatbotId) {
      const reason = decision.verdicts.find((v) => v.reason)?.reason?.message ?? 'No chatbot applies';
      return { started: false, conversationId: null, welcome: null, reason };
    }
    const started = await this.#start(visitor, visitorRow, decision.chatbotId);
    if (!started) return { started: false, conversationId: null, welcome: null, reason: 'The visitor already has a conversation' };
    return { started: true, conversationId: started.conversationId, welcome: started.welcome, reason: null };
  }

  async #visitorRow(visitor: VisitorRef): Promise<VisitorRow | undefined> {
    return this.deps.db.selectFrom('visitors').selectAll().where('workspace_id', '=', visitor.workspaceId).where('id', '=', visitor.visitorId).executeTakeFirst();
  }

  /**
   * Starts a chatbot in a new conversation hidden from the inbox until the
   * visitor interacts (an impression otherwise). Null when the visitor has an
   * open conversation meanwhile or the chatbot has no published version.
   */
  async #start(visitor: VisitorRef, visitorRow: VisitorRow, chatbotId: string): Promise<{ conversationId: string; welcome: string | null } | null> {
    const { db, clock } = this.deps;
    const candidate = await db
      .selectFrom('chatbots')
      .select(['id', 'name', 'published_version_id'])
      .where('workspace_id', '=', visitor.workspaceId)
      .where('id', '=', chatbotId)
      .executeTakeFirst();
    if (!candidate?.published_version_id) return null;
    const version = await this.flows.version(visitor.workspaceId, candidate.published_version_id);
    if (!version) return null;
    const language = await this.#chooseLanguage(visitor.workspaceId, visitorRow, version.flow);
    const team = await this.#team(visitor.workspaceId);
    // At the limit, chatbots no longer start for new visitors (they can still write to the team).
    if (!(await this.deps.metering.hasQuota(visitor.workspaceId))) return null;
    const limit = await this.deps.metering.limitNow(visitor.workspaceId);
    const now = clock.now();
    const conversationId = newId(now);
    let after: AfterCommit;
    try {
      after = await this.#transaction(async (trx) => {
        await trx
          .insertInto('conversations')
          .values(
            newConversationRow(
              { id: conversationId, workspaceId: visitor.workspaceId, websiteId: visitor.websiteId, visitorId: visitor.visitorId, now },
              { inbox_visible: 0, chatbot_id: candidate.id, chatbot_status: 'running' },
            ),
          )
          .execute();
        const session = await this.#insertSession(trx, {
          conversationId,
          workspaceId: visitor.workspaceId,
          chatbotId: candidate.id,
          versionId: version.id,
          language: language.chatbotLanguage,
          visitorLanguage: language.visitorLanguage,
          state: createFlowState(),
          now,
        });
        const prepared: Prepared = { session, version, flow: this.flows.resolved(version, language.chatbotLanguage), chatbotName: candidate.name, ...team, limit };
        const out = this.#after(visitor.workspaceId, visitor.visitorId, conversationId);
        await this.#runEvent(trx, prepared, { type: 'start' }, out);
        return out;
      });
    } catch (error) {
      // Another tab (or node) opened a conversation first: the visitor is served by that one.
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    await this.#publish(after);
    const first = after.messages.find((m) => m.author_type === 'chatbot');
    return { conversationId, welcome: first?.text ?? null };
  }

  /**
   * The opening message of the chatbot that would start for this visitor
   * (the teaser bubble), or null. A dry run of `start`: nothing is stored.
   */
  async welcome(workspaceId: string, visitorRow: VisitorRow): Promise<{ chatbotId: string; text: string } | null> {
    if (!(await this.deps.metering.hasQuota(workspaceId))) return null;
    const decision = await this.deps.targeting.decide(workspaceId, visitorRow, { kind: 'chat_opened' });
    if (!decision.chatbotId) return null;
    const candidate = await this.deps.db
      .selectFrom('chatbots')
      .select(['id', 'published_version_id'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', decision.chatbotId)
      .executeTakeFirst();
    if (!candidate?.published_version_id) return null;
    const version = await this.flows.version(workspaceId, candidate.published_version_id);
    if (!version) return null;
    const language = await this.#chooseLanguage(workspaceId, visitorRow, version.flow);
    const flow = this.flows.resolved(version, language.chatbotLanguage);
    const team = await this.#team(workspaceId);
    const contact = await this.#contactOf(this.deps.db, visitorRow.contact_id);
    const result = step(flow, createFlowState(), { type: 'start' }, this.#context(team, language.visitorLanguage, contact));
    const first = result.effects.find((e) => e.type === 'send_message');
    return first && first.type === 'send_message' && first.text.trim() !== '' ? { chatbotId: candidate.id, text: first.text } : null;
  }

  /** The visitor clicked a button. Idempotent by clientId; a button that is not offered now → `unknown_choice`. */
  async choose(
    visitor: VisitorRef,
    input: { clientId: string; conversationId: string; nodeId: string; choiceId: string; originConnectionId?: string },
  ): Promise<SentMessage> {
    const { db } = this.deps;
    const conversation = await this.#visitorConversation(visitor, input.conversationId, input.clientId);
    if (conversation.earlierMessageId) {
      const earlier = await findMessageByClientId(db, conversation.id, input.clientId);
      if (earlier) return this.#duplicate(visitor.workspaceId, earlier);
    }
    if (conversation.status === 'closed') throw new ParleyError('conversation_closed', 'This conversation is closed');
    const prepared = await this.#prepare(visitor.workspaceId, conversation.id);
    if (!prepared) throw new ParleyError('unknown_choice', 'This chatbot is not waiting for a choice');
    let result: { after: AfterCommit; message: MessageRow };
    try {
      result = await this.#transaction(async (trx) => {
        const session = await this.#lockSession(trx, prepared);
        const state = this.#state(session);
        if (state.nodeId !== input.nodeId || state.awaiting.kind !== 'button') {
          throw new ParleyError('unknown_choice', 'That button is no longer offered');
        }
        const contact = await this.#contactOfVisitor(trx, visitor.visitorId);
        const context = this.#context(prepared, session.visitor_language, contact);
        const stepped = step(prepared.flow, state, { type: 'button_chosen', choiceId: input.choiceId }, context);
        if (!stepped.ok) throw new ParleyError('unknown_choice', stepped.error.message);
        const label = this.#choiceLabel(prepared.flow, input.nodeId, input.choiceId);
        const out = this.#after(visitor.workspaceId, visitor.visitorId, conversation.id, input.originConnectionId);
        // The click is stored first, with the chatbot's reply, in one statement pair (`#flush`).
        const now = this.deps.clock.now();
        out.pending.push({
          id: newId(now),
          now,
          conversationId: conversation.id,
          workspaceId: visitor.workspaceId,
          clientId: input.clientId,
          authorType: 'visitor',
          authorId: visitor.visitorId,
          authorName: null,
          text: label,
          meta: { choice: { chatbotId: session.chatbot_id, nodeId: input.nodeId, choiceId: input.choiceId } },
        });
        await this.#applyStep(trx, { ...prepared, session }, stepped, out, contact);
        await this.#flush(trx, out);
        const message = out.messages.find((m) => m.client_id === input.clientId);
        if (!message) throw new Error('The click was not stored');
        return { after: out, message };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const existing = await findMessageByClientId(db, conversation.id, input.clientId);
        if (existing) return this.#duplicate(visitor.workspaceId, existing);
      }
      throw error;
    }
    const published = await this.#publish(result.after);
    return { message: toMessage(result.message), conversation: published, duplicate: false };
  }

  /**
   * The visitor typed into a conversation a chatbot is part of (running, asking
   * for an email, or not yet shown to the team). The message is stored; the
   * chatbot takes it as an answer, or steps aside and hands over.
   */
  async visitorTyped(visitor: VisitorRef, conversation: ConversationRow, input: { clientId: string; text: string; originConnectionId?: string | undefined }): Promise<SentMessage> {
    const { db } = this.deps;
    const prepared = await this.#prepare(visitor.workspaceId, conversation.id);
    let result: { after: AfterCommit; message: MessageRow };
    try {
      result = await this.#transaction(async (trx) => {
        const out = this.#after(visitor.workspaceId, visitor.visitorId, conversation.id, input.originConnectionId);
        const base: Omit<AppendMessageInput, 'id' | 'now'> = {
          conversationId: conversation.id,
          workspaceId: visitor.workspaceId,
          clientId: input.clientId,
          authorType: 'visitor',
          authorId: visitor.visitorId,
          authorName: null,
          text: input.text,
        };
        if (!prepared) {
          const message = await this.#append(trx, out, base);
          await this.#showInInbox(trx, conversation.id);
          return { after: out, message };
        }
        const session = await this.#lockSession(trx, prepared);
        const contact = await this.#contactOfVisitor(trx, visitor.visitorId);
        const state = this.#state(session);
        const active = state.status === 'waiting' || state.status === 'running';

        if (active) {
          const context = this.#context(prepared, session.visitor_language, contact);
          const stepped = step(prepared.flow, state, { type: 'free_text_typed', text: input.text }, context);
          const asked = parseVisitorState(session.visitor_state);
          const answering = state.awaiting.kind === 'answer' && state.nodeId !== null;
          let meta: MessageMeta | null = null;
          if (answering && stepped.ok) {
            const valid = stepped.effects.some((e) => e.type === 'chatbot_event' && e.event === 'answer_given');
            const field = asked?.field && ANSWER_FIELDS.has(asked.field) ? asked.field : 'text';
            meta = { answer: { chatbotId: session.chatbot_id, nodeId: state.nodeId!, field, valid } };
          }
          const message = await this.#append(trx, out, { ...base, meta });
          if (stepped.ok) await this.#applyStep(trx, { ...prepared, session }, stepped, out, contact, { typed: true });
          else await this.#showInInbox(trx, conversation.id);
          return { after: out, message };
        }

        if (session.email_capture === 'asking') {
          const check = validateAnswer('email', input.text);
          const outcome = emailCaptureAnswer(check.ok ? { ok: true, value: String(check.value) } : { ok: false }, session.email_capture_retries);
          const message = await this.#append(trx, out, {
            ...base,
            meta: { answer: { chatbotId: session.chatbot_id, nodeId: state.nodeId ?? 'handover', field: 'email', valid: outcome.kind === 'stored' } },
          });
          await this.#showInInbox(trx, conversation.id);
          await this.#emailCaptured(trx, prepared, session, outcome, out);
          return { after: out, message };
        }

        const message = await this.#append(trx, out, base);
        await this.#showInInbox(trx, conversation.id);
        // After the chatbot's turn: a free message escalates its session (once per session is enough).
        await recordConversationEvent(trx, {
          workspaceId: visitor.workspaceId,
          conversationId: conversation.id,
          kind: 'visitor_typed',
          sessionId: session.id,
          at: message.created_at,
          dedupeKey: `typed:${session.id}`,
        });
        return { after: out, message };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const existing = await findMessageByClientId(db, conversation.id, input.clientId);
        if (existing) return this.#duplicate(visitor.workspaceId, existing);
      }
      throw error;
    }
    const published = await this.#publish(result.after);
    return { message: toMessage(result.message), conversation: published, duplicate: false };
  }

  /** An agent wrote: the handover is answered; a chatbot still running steps aside. */
  async agentReplied(workspaceId: string, conversation: ConversationRow): Promise<void> {
    const prepared = await this.#prepare(workspaceId, conversation.id);
    const after = await this.#transaction(async (trx) => {
      const out = this.#after(workspaceId, conversation.visitor_id, conversation.id);
      await clearTimer(trx, conversation.id, 'handover_offer');
      await trx
        .updateTable('conversations')
        .set({ handover_at: null, handover_reason: null, inbox_visible: 1, stats_dirty: newId(this.deps.clock.now()) })
        .where('id', '=', conversation.id)
        .execute();
      if (prepared) {
        const session = await this.#lockSession(trx, prepared);
        const state = this.#state(session);
        if (session.email_capture !== null) {
          await trx.updateTable('chatbot_sessions').set({ email_capture: null }).where('conversation_id', '=', conversation.id).execute();
          await this.#writeVisitorState(trx, session, { ...visitorChatbotState(state, null, null) });
        }
        if (state.status === 'waiting' || state.status === 'running') {
          const contact = await this.#contactOfVisitor(trx, conversation.visitor_id);
          const stepped = step(prepared.flow, state, { type: 'agent_joined' }, this.#context(prepared, session.visitor_language, contact));
          if (stepped.ok) await this.#applyStep(trx, { ...prepared, session }, stepped, out, contact);
        }
      }
      return out;
    });
    await this.#publish(after);
  }

  /** The conversation was closed by the team: a running chatbot ends (`conversation_closed`). */
  async conversationClosed(workspaceId: string, conversationId: string): Promise<void> {
    const prepared = await this.#prepare(workspaceId, conversationId);
    if (!prepared) return;
    await this.#transaction(async (trx) => {
      const session = await this.#lockSession(trx, prepared);
      const state = this.#state(session);
      await clearTimers(trx, conversationId);
      if (state.status !== 'waiting' && state.status !== 'running') return;
      const now = this.deps.clock.now();
      const ended: FlowState = { ...state, status: state.handedOver ? 'handed_over' : 'ended', awaiting: { kind: 'nothing' }, since: null };
      const owner = await trx.selectFrom('conversations').select(['visitor_id']).where('id', '=', conversationId).executeTakeFirst();
      await this.#records(trx, { ...prepared, session }, owner?.visitor_id ?? '', [{ event: 'ended', nodeId: state.nodeId ?? prepared.flow.startNodeId, choiceId: null, reason: 'conversation_closed' }], now);
      await this.#saveSession(trx, session, ended, visitorChatbotState(ended, null, null), now);
      await trx
        .updateTable('conversations')
        .set({ chatbot_status: sessionStatus(ended), handover_at: null, handover_reason: null, stats_dirty: newId(now) })
        .where('id', '=', conversationId)
        .execute();
    });
  }

  /** A claimed timer is due (see TimerPoller). */
  async fireTimer(timer: { conversation_id: string; workspace_id: string; kind: string }): Promise<void> {
    if (timer.kind === 'unanswered') return this.#unansweredTimer(timer.workspace_id, timer.conversation_id);
    const prepared = await this.#prepare(timer.workspace_id, timer.conversation_id);
    if (!prepared) return;
    const conversation = await this.deps.db.selectFrom('conversations').selectAll().where('id', '=', timer.conversation_id).executeTakeFirst();
    if (!conversation) return;
    const after = await this.#transaction(async (trx) => {
      const out = this.#after(timer.workspace_id, conversation.visitor_id, conversation.id);
      const session = await this.#lockSession(trx, prepared);
      const state = this.#state(session);
      const contact = await this.#contactOfVisitor(trx, conversation.visitor_id);
      const context = this.#context(prepared, session.visitor_language, contact);
      if (timer.kind === 'delay' && state.awaiting.kind === 'delay') {
        const stepped = step(prepared.flow, state, { type: 'delay_elapsed' }, context);
        if (stepped.ok) await this.#applyStep(trx, { ...prepared, session }, stepped, out, contact);
      } else if (timer.kind === 'webhook' && state.awaiting.kind === 'webhook') {
        await this.#error(trx, { ...prepared, session }, state.nodeId, 'webhook_timeout', `The webhook gave no answer within ${this.deps.options.webhookTimeoutMs} ms`);
        const stepped = step(prepared.flow, state, { type: 'timeout' }, context);
        if (stepped.ok) await this.#applyStep(trx, { ...prepared, session }, stepped, out, contact);
      } else if (timer.kind === 'handover_offer') {
        const current = await trx.selectFrom('conversations').select(['handover_at', 'status']).where('id', '=', conversation.id).executeTakeFirst();
        const stillWaiting = current?.handover_at !== null && current?.status === 'open';
        if (stillWaiting && !contact.email && session.email_capture === null && state.status !== 'waiting' && state.status !== 'running') {
          await this.#askEmail(trx, { ...prepared, session }, out, null);
        }
      }
      return out;
    });
    await this.#publish(after);
  }

  /** A webhook answered (or failed): the flow goes on its success or failure path. */
  async webhookResult(workspaceId: string, conversationId: string, sessionId: string, outcome: WebhookOutcome): Promise<void> {
    const prepared = await this.#prepare(workspaceId, conversationId);
    if (!prepared || prepared.session.id !== sessionId) return;
    const conversation = await this.deps.db.selectFrom('conversations').select(['visitor_id']).where('id', '=', conversationId).executeTakeFirst();
    if (!conversation) return;
    const after = await this.#transaction(async (trx) => {
      const out = this.#after(workspaceId, conversation.visitor_id, conversationId);
      const session = await this.#lockSession(trx, prepared);
      const state = this.#state(session);
      // Late (the timeout already took the failure path) or for an older session: nothing to do.
      if (session.id !== sessionId || state.awaiting.kind !== 'webhook') return out;
      await clearTimer(trx, conversationId, 'webhook');
      if (!outcome.ok) await this.#error(trx, { ...prepared, session }, state.nodeId, outcome.code, outcome.message);
      const contact = await this.#contactOfVisitor(trx, conversation.visitor_id);
      const event: FlowEvent = outcome.ok ? { type: 'webhook_result', ok: true, data: outcome.data } : { type: 'webhook_result', ok: false };
      const stepped = step(prepared.flow, state, event, this.#context(prepared, session.visitor_language, contact));
      if (stepped.ok) await this.#applyStep(trx, { ...prepared, session }, stepped, out, contact);
      return out;
    });
    await this.#publish(after);
  }

  /**
   * The visitor closed the chat box: for statistics the conversation ended
   * (resolved by the chatbot when nothing escalated it). Only conversations a
   * chatbot was part of need the record.
   */
  async chatboxClosed(visitor: VisitorRef, conversationId: string): Promise<void> {
    const { db, clock } = this.deps;
    const row = await db
      .selectFrom('conversations')
      .select(['id', 'visitor_id', 'chatbot_id', 'last_seq'])
      .where('workspace_id', '=', visitor.workspaceId)
      .where('id', '=', conversationId)
      .executeTakeFirst();
    if (!row || row.visitor_id !== visitor.visitorId) throw notFound('Conversation');
    if (row.chatbot_id === null) return;
    const now = clock.now();
    // One record per state of the conversation: closing twice without news changes nothing.
    await db.transaction().execute((trx) =>
      recordConversationEvent(trx, {
        workspaceId: visitor.workspaceId,
        conversationId,
        kind: 'chatbox_closed',
        sessionId: null,
        at: now,
        dedupeKey: `chatbox_closed:${conversationId}:${row.last_seq}`,
      }),
    );
  }

  /**
   * A chatbot joins an ongoing conversation (an agent handed it over, or
   * nobody answered in time) or is asked to finish it (a closing flow, such
   * as a rating; the conversation closes when that flow ends).
   */
  async join(workspaceId: string, conversationId: string, chatbotId: string, role: Exclude<ChatbotRole, 'started'>): Promise<Conversation> {
    const { db, clock } = this.deps;
    const conversation = await db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', conversationId).executeTakeFirst();
    if (!conversation) throw notFound('Conversation');
    if (conversation.status === 'closed') throw new ParleyError('conversation_closed', 'This conversation is closed; reopen it first');
    const chatbot = await db
      .selectFrom('chatbots')
      .select(['id', 'name', 'published_version_id'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', chatbotId)
      .executeTakeFirst();
    if (!chatbot) throw notFound('Chatbot');
    const version = chatbot.published_version_id ? await this.flows.version(workspaceId, chatbot.published_version_id) : undefined;
    if (!version) throw new ParleyError('unprocessable', `${chatbot.name} has no published version`);
    const visitorRow = await db.selectFrom('visitors').selectAll().where('id', '=', conversation.visitor_id).executeTakeFirst();
    if (!visitorRow) throw notFound('Visitor');
    const language = await this.#chooseLanguage(workspaceId, visitorRow, version.flow);
    const team = await this.#team(workspaceId);
    const limit = await this.deps.metering.limitNow(workspaceId);
    const after = await this.#transaction(async (trx) => {
      const now = clock.now();
      const current = await findSession(trx, conversationId, this.deps.dialect);
      if (current && (current.status === 'running' || current.status === 'waiting')) {
        throw new ParleyError('conflict', 'A chatbot is already running in this conversation');
      }
      const session = await this.#insertSession(trx, {
        conversationId,
        workspaceId,
        chatbotId: chatbot.id,
        versionId: version.id,
        language: language.chatbotLanguage,
        visitorLanguage: language.visitorLanguage,
        state: createFlowState(),
        now,
        role,
      });
      const prepared: Prepared = { session, version, flow: this.flows.resolved(version, language.chatbotLanguage), chatbotName: chatbot.name, ...team, limit };
      const out = this.#after(workspaceId, conversation.visitor_id, conversationId);
      // The team asked for it: the handover (if any) is answered.
      await clearTimer(trx, conversationId, 'handover_offer');
      out.changes = { handover_at: null, handover_reason: null };
      await this.#runEvent(trx, prepared, { type: 'start' }, out);
      await this.#flush(trx, out);
      return out;
    });
    return this.#publish(after);
  }

  /**
   * Nobody wrote for the workspace's inactivity timeout in a chatbot
   * conversation still in progress (the statistics projector's sweep): the
   * conversation has ended for statistics, and a chatbot still waiting ends
   * (`timeout`).
   */
  async conversationInactive(workspaceId: string, conversationId: string, activityAt: number, endedAt: number): Promise<void> {
    const prepared = await this.#prepare(workspaceId, conversationId);
    const conversation = await this.deps.db.selectFrom('conversations').select(['visitor_id', 'activity_at']).where('id', '=', conversationId).executeTakeFirst();
    if (!conversation || conversation.activity_at !== activityAt) return;
    const after = await this.#transaction(async (trx) => {
      const out = this.#after(workspaceId, conversation.visitor_id, conversationId);
      await recordConversationEvent(trx, {
        workspaceId,
        conversationId,
        kind: 'inactive',
        sessionId: prepared?.session.id ?? null,
        at: endedAt,
        dedupeKey: `inactive:${conversationId}:${activityAt}`,
      });
      if (prepared) {
        const session = await this.#lockSession(trx, prepared);
        const state = this.#state(session);
        if (state.status === 'waiting' || state.status === 'running') {
          const contact = await this.#contactOfVisitor(trx, conversation.visitor_id);
          const stepped = step(prepared.flow, state, { type: 'timeout' }, this.#context(prepared, session.visitor_language, contact));
          if (stepped.ok) await this.#applyStep(trx, { ...prepared, session }, stepped, out, contact);
        }
      }
      return out;
    });
    if (after.messages.length > 0 || after.changes !== null) await this.#publish(after);
  }

  /** The workspace's unanswered-chatbot timer is due: the chatbot joins when no agent wrote meanwhile. */
  async #unansweredTimer(workspaceId: string, conversationId: string): Promise<void> {
    const { db } = this.deps;
    const [workspace, conversation] = await Promise.all([
      db.selectFrom('workspaces').select(['unanswered_chatbot']).where('id', '=', workspaceId).executeTakeFirst(),
      db.selectFrom('conversations').select(['status', 'last_message_author_type']).where('id', '=', conversationId).executeTakeFirst(),
    ]);
    const setting = parseUnansweredChatbot(workspace?.unanswered_chatbot ?? null);
    if (!setting || !conversation || conversation.status !== 'open') return;
    const agentWrote = await db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .where('author_type', '=', 'agent')
      .limit(1)
      .executeTakeFirst();
    if (agentWrote) return;
    try {
      await this.join(workspaceId, conversationId, setting.chatbotId, 'joined');
    } catch (error) {
      // A chatbot already runs, or the setting names a chatbot that is gone: nothing to do.
      if (!(error instanceof ParleyError)) throw error;
      this.deps.log.warn({ conversationId, code: error.code }, 'unanswered chatbot did not join');
    }
  }

  /**
   * A visitor wrote: when the workspace has an unanswered-chatbot, its timer
   * starts (the first unanswered message counts; an agent's reply clears it).
   */
  async visitorWroteToTeam(workspaceId: string, conversationId: string): Promise<void> {
    const setting = await this.#unansweredSetting(workspaceId);
    if (!setting) return;
    await this.deps.db
      .insertInto('chatbot_timers')
      .values({
        conversation_id: conversationId,
        workspace_id: workspaceId,
        kind: 'unanswered',
        due_at: this.deps.clock.now() + setting.afterSeconds * 1000,
        claimed_by: null,
        claimed_until: null,
      })
      .onConflict((oc) => oc.columns(['conversation_id', 'kind']).doNothing())
      .execute();
  }

  /** An agent wrote: the unanswered-chatbot timer (if any) is cleared. */
  async agentWrote(workspaceId: string, conversationId: string): Promise<void> {
    if (!(await this.#unansweredSetting(workspaceId))) return;
    await clearTimer(this.deps.db, conversationId, 'unanswered');
  }

  readonly #unanswered = new Map<string, { setting: UnansweredChatbot | null; at: number }>();

  async #unansweredSetting(workspaceId: string): Promise<UnansweredChatbot | null> {
    const now = this.deps.clock.now();
    const cached = this.#unanswered.get(workspaceId);
    if (cached && now - cached.at < NAME_TTL_MS) return cached.setting;
    const row = await this.deps.db.selectFrom('workspaces').select(['unanswered_chatbot']).where('id', '=', workspaceId).executeTakeFirst();
    const setting = parseUnansweredChatbot(row?.unanswered_chatbot ?? null);
    if (this.#unanswered.size > 10_000) this.#unanswered.clear();
    this.#unanswered.set(workspaceId, { setting, at: now });
    return setting;
  }

  /** Chatbots may start for new visitors: this period's chatbot conversations are not used up. */
  mayStart(workspaceId: string): Promise<boolean> {
    return this.deps.metering.hasQuota(workspaceId);
  }

  /** Forgets cached workspace settings (after a PATCH of the workspace settings). */
  forgetWorkspace(workspaceId: string): void {
    this.#unanswered.delete(workspaceId);
    this.#teams.delete(workspaceId);
  }

  // ─── one step ────────────────────────────────────────────────────────────

  async #runEvent(trx: Tx, prepared: Prepared, event: FlowEvent, out: AfterCommit): Promise<void> {
    const contact = await this.#contactOfVisitor(trx, out.visitorId);
    const state = this.#state(prepared.session);
    const stepped = step(prepared.flow, state, event, this.#context(prepared, prepared.session.visitor_language, contact));
    if (stepped.ok) await this.#applyStep(trx, prepared, stepped, out, contact);
  }

  /** Writes what one accepted step produced, and the session's new state. */
  async #applyStep(
    trx: Tx,
    prepared: Prepared,
    stepped: Extract<StepResult, { ok: true }>,
    out: AfterCommit,
    contact: FlowContext['contact'],
    cause: { typed?: boolean } = {},
  ): Promise<void> {
    let { session } = prepared;
    const now = this.deps.clock.now();
    const plan = planEffects(stepped.effects, session.chatbot_id);
    const state = stepped.state;
    // A session that counted had its first interaction (and set the conversation's) in an earlier step.
    const firstInSession = plan.interacted && session.counted === 0;
    if (firstInSession) {
      const outcome = await this.#count(trx, prepared, out, plan, now);
      if (outcome === 'limit_reached') {
        await this.#stepAside(trx, prepared, out, now);
        return;
      }
      session = { ...session, counted: 1 };
    }
    // The chatbot's messages go out in one statement pair with the step's other writes.
    await this.#writeStep(trx, { ...prepared, session }, out, contact, { ...cause, firstInSession }, plan, state, now);
    await this.#flush(trx, out);
  }

  async #writeStep(
    trx: Tx,
    prepared: Prepared,
    out: AfterCommit,
    contact: FlowContext['contact'],
    cause: { typed?: boolean; firstInSession?: boolean },
    plan: StepPlan,
    state: FlowState,
    now: number,
  ): Promise<void> {
    const { session } = prepared;

    const hasEmail = Boolean(contact.email || plan.contact.email);
    await this.#storeContact(trx, out.workspaceId, out.visitorId, plan.contact, now);
    for (const message of plan.messages) this.#appendChatbot(out, prepared, message);
    await this.#records(trx, prepared, out.visitorId, plan.events, now);
    for (const tag of plan.addTags) await writeConversationTag(trx, out.workspaceId, out.conversationId, tag, true, now);
    for (const tag of plan.removeTags) await writeConversationTag(trx, out.workspaceId, out.conversationId, tag, false, now);
    for (const error of plan.errors) await this.#error(trx, prepared, error.nodeId, error.code, error.message);

    let visitorState = visitorChatbotState(state, plan, parseVisitorState(session.visitor_state));
    const stopped = state.status === 'handed_over' || state.status === 'ended';
    const followUp = emailFollowUp({ handedOver: plan.handover !== null, stopped, agentsOnline: prepared.agentsOnline, hasEmail });

    // The conversation: visible once the visitor interacted, typed, or a human is needed.
    const changes: Partial<ConversationRow> = { chatbot_id: session.chatbot_id, chatbot_status: sessionStatus(state), updated_at: now, stats_dirty: newId(now) };
    if (plan.interacted || cause.typed || plan.handover) changes.inbox_visible = 1;
    // A chatbot conversation from the first click or answer on (set once: see `conversationChanges`).
    // Written only on the session's first interaction: later ones would rewrite its index entry for nothing.
    if (plan.interacted && cause.firstInSession) changes.first_interaction_at = now;
    // A chatbot asked to finish the conversation closes it when its flow comes to its end.
    const endReason = plan.events.find((e) => e.event === 'ended')?.reason;
    if (session.role === 'finished' && (endReason === 'end_node' || endReason === 'no_next_step')) plan.close = true;
    if (plan.handover) {
      changes.handover_at = now;
      changes.handover_reason = plan.handover.reason as HandoverReason;
      changes.activity_at = now;
      if (plan.handover.agentId) {
        const agent = await trx.selectFrom('agents').select('id').where('workspace_id', '=', out.workspaceId).where('id', '=', plan.handover.agentId).executeTakeFirst();
        if (agent) changes.assignee_id = agent.id;
      }
    }
    if (plan.close) {
      await this.#recordClosed(trx, out, now);
      changes.status = 'closed';
      changes.closed_at = now;
      changes.handover_at = null;
      changes.handover_reason = null;
      changes.activity_at = now;
    }
    // Written by `#flush` with the step's messages, in one UPDATE.
    out.changes = { ...(out.changes ?? {}), ...changes };

    // Timers: a delay to wait for, a webhook's time limit, the "nobody answered" offer.
    if (state.awaiting.kind === 'delay') {
      await setTimer(trx, { conversationId: out.conversationId, workspaceId: out.workspaceId, kind: 'delay', dueAt: state.awaiting.until });
    } else if (this.#state(session).awaiting.kind === 'delay') {
      await clearTimer(trx, out.conversationId, 'delay');
    }
    if (plan.webhooks.length > 0) {
      await setTimer(trx, { conversationId: out.conversationId, workspaceId: out.workspaceId, kind: 'webhook', dueAt: now + this.deps.options.webhookTimeoutMs + 5_000 });
      for (const call of plan.webhooks) out.webhooks.push({ sessionId: session.id, chatbotId: session.chatbot_id, url: call.url, method: call.method, body: call.body });
    }
    if (plan.close) await clearTimers(trx, out.conversationId);

    let emailCapture: SessionRow['email_capture'] = session.email_capture;
    if (!plan.close && followUp.kind === 'ask_email') {
      await this.#saveSession(trx, session, state, visitorState, now);
      await this.#askEmail(trx, { ...prepared, session: { ...session, state: JSON.stringify(state) } }, out, plan);
      if (plan.goToFlow) out.goToFlow = { chatbotId: plan.goToFlow, variables: state.variables };
      return;
    }
    if (!plan.close && followUp.kind === 'schedule_offer') {
      await setTimer(trx, { conversationId: out.conversationId, workspaceId: out.workspaceId, kind: 'handover_offer', dueAt: now + this.deps.options.handoverOfferMs });
    }
    if (plan.close) {
      emailCapture = null;
      visitorState = { ...visitorState, awaiting: 'nothing', field: null };
    }
    await this.#saveSession(trx, { ...session, email_capture: emailCapture }, state, visitorState, now);
    if (plan.goToFlow) out.goToFlow = { chatbotId: plan.goToFlow, variables: state.variables };
  }

  /**
   * The visitor's first click or answer in this session: the conversation
   * counts (once; a conversation counted in an earlier session is not counted
   * again), in this transaction (docs/billing.md).
   */
  async #count(trx: Tx, prepared: Prepared, out: AfterCommit, plan: StepPlan, now: number) {
    const { session } = prepared;
    const record = plan.events.find((e) => e.event === 'button_chosen' || e.event === 'answer_given');
    const limit = prepared.limit ?? (await this.deps.metering.limitNow(out.workspaceId, now));
    return this.deps.metering.count(
      trx,
      {
        workspaceId: out.workspaceId,
        conversationId: out.conversationId,
        chatbotId: session.chatbot_id,
        versionId: session.version_id,
        sessionId: session.id,
        interaction: record?.event === 'answer_given' ? 'answer_given' : 'button_chosen',
        nodeId: record?.nodeId ?? this.#state(session).nodeId ?? prepared.flow.startNodeId,
        choiceId: record?.choiceId ?? null,
        visitorId: out.visitorId,
        at: now,
      },
      limit,
    );
  }

  /**
   * The quota ran out between the chatbot's start and the visitor's first
   * interaction: the chatbot steps aside with a handover message, the
   * conversation goes to the team and is not counted.
   */
  async #stepAside(trx: Tx, prepared: Prepared, out: AfterCommit, now: number): Promise<void> {
    const { session } = prepared;
    const state = this.#state(session);
    const nodeId = state.nodeId ?? prepared.flow.startNodeId;
    const flowText = (prepared.agentsOnline ? prepared.flow.handoverMessages?.agentsOnline : prepared.flow.handoverMessages?.noAgentOnline)?.trim();
    const text = flowText || runtimeTexts(session.language ?? prepared.flow.defaultLanguage).stepAside;
    this.#appendChatbot(out, prepared, { text, meta: { chatbot: { id: session.chatbot_id, nodeId } } });
    await this.#records(trx, prepared, out.visitorId, [
      { event: 'handover', nodeId, choiceId: null, reason: 'quota_exhausted' },
      { event: 'ended', nodeId, choiceId: null, reason: 'handover' },
    ], now);
    const stopped: FlowState = { ...state, status: 'handed_over', handedOver: true, awaiting: { kind: 'nothing' }, since: null };
    await clearTimers(trx, out.conversationId);
    await this.#saveSession(trx, session, stopped, visitorChatbotState(stopped, null, null), now);
    out.changes = {
      ...(out.changes ?? {}),
      chatbot_id: session.chatbot_id,
      chatbot_status: sessionStatus(stopped),
      inbox_visible: 1,
      handover_at: now,
      handover_reason: 'quota_exhausted',
      activity_at: now,
      updated_at: now,
      stats_dirty: newId(now),
    };
    await this.#flush(trx, out);
  }

  /** Asks for the visitor's email after a handover (tagging the flow's own "no agent" message when it just said so). */
  async #askEmail(trx: Tx, prepared: Prepared, out: AfterCommit, plan: StepPlan | null): Promise<void> {
    const { session } = prepared;
    const now = this.deps.clock.now();
    const flowText = prepared.flow.handoverMessages?.noAgentOnline.trim() ?? '';
    const lastChatbot = out.pending.findLast((m) => m.authorType === 'chatbot');
    const saidIt = plan !== null && flowText !== '' && lastChatbot?.text === flowText;
    const nodeId = this.#state(session).nodeId ?? prepared.flow.startNodeId;
    if (saidIt && lastChatbot) {
      lastChatbot.meta = { ...(lastChatbot.meta ?? {}), question: { field: 'email', retry: false } };
    } else {
      const text = flowText !== '' && plan === null ? flowText : runtimeTexts(session.language ?? prepared.flow.defaultLanguage).askEmail;
      this.#appendChatbot(out, prepared, { text, meta: { chatbot: { id: session.chatbot_id, nodeId }, question: { field: 'email', retry: false } } });
    }
    await this.#flush(trx, out);
    const state = this.#state(session);
    await trx
      .updateTable('chatbot_sessions')
      .set({
        email_capture: 'asking',
        email_capture_retries: 0,
        visitor_state: JSON.stringify({ status: sessionStatus(state), nodeId: state.nodeId, awaiting: 'answer', field: 'email' } satisfies VisitorChatbotState),
        updated_at: now,
      })
      .where('conversation_id', '=', session.conversation_id)
      .execute();
  }

  async #emailCaptured(trx: Tx, prepared: Prepared, session: SessionRow, outcome: ReturnType<typeof emailCaptureAnswer>, out: AfterCommit): Promise<void> {
    const now = this.deps.clock.now();
    const texts = runtimeTexts(session.language ?? prepared.flow.defaultLanguage);
    const state = this.#state(session);
    const nodeId = state.nodeId ?? prepared.flow.startNodeId;
    const meta = (question?: { retry: boolean }): MessageMeta => ({
      chatbot: { id: session.chatbot_id, nodeId },
      ...(question ? { question: { field: 'email' as const, retry: question.retry } } : {}),
    });
    const done: VisitorChatbotState = { status: sessionStatus(state), nodeId: state.nodeId, awaiting: 'nothing', field: null };
    if (outcome.kind === 'stored') {
      await this.#storeContact(trx, out.workspaceId, out.visitorId, { email: outcome.email, properties: {} }, now);
      this.#appendChatbot(out, prepared, { text: texts.emailThanks(outcome.email), meta: meta() });
      await clearTimer(trx, session.conversation_id, 'handover_offer');
      await trx
        .updateTable('chatbot_sessions')
        .set({ email_capture: null, visitor_state: JSON.stringify(done), updated_at: now })
        .where('conversation_id', '=', session.conversation_id)
        .execute();
    } else if (outcome.kind === 'retry') {
      this.#appendChatbot(out, prepared, { text: texts.emailRetry, meta: meta({ retry: true }) });
      await trx
        .updateTable('chatbot_sessions')
        .set({ email_capture_retries: outcome.retries, updated_at: now })
        .where('conversation_id', '=', session.conversation_id)
        .execute();
    } else {
      // The visitor is writing something else: stop asking; the team reads it (nothing to say).
      await trx
        .updateTable('chatbot_sessions')
        .set({ email_capture: null, visitor_state: JSON.stringify(done), updated_at: now })
        .where('conversation_id', '=', session.conversation_id)
        .execute();
    }
    await this.#flush(trx, out);
  }

  // ─── sessions ────────────────────────────────────────────────────────────

  /** Reads the session and what its steps need, before any transaction. */
  async #prepare(workspaceId: string, conversationId: string): Promise<Prepared | null> {
    const { db } = this.deps;
    const session = await findSession(db, conversationId);
    if (!session || session.workspace_id !== workspaceId) return null;
    const [version, chatbotName, team] = await Promise.all([
      this.flows.version(workspaceId, session.version_id),
      this.#chatbotName(session.chatbot_id),
      this.#team(workspaceId),
    ]);
    if (!version) return null;
    return {
      session,
      version,
      flow: this.flows.resolved(version, session.language),
      chatbotName,
      ...team,
      limit: session.counted === 0 ? await this.deps.metering.limitNow(workspaceId) : null,
    };
  }

  async #chatbotName(chatbotId: string): Promise<string> {
    const cached = this.#names.get(chatbotId);
    const now = this.deps.clock.now();
    if (cached && now - cached.at < NAME_TTL_MS) return cached.name;
    const row = await this.deps.db.selectFrom('chatbots').select(['name']).where('id', '=', chatbotId).executeTakeFirst();
    const name = row?.name ?? 'Chatbot';
    if (this.#names.size > 10_000) this.#names.clear();
    this.#names.set(chatbotId, { name, at: now });
    return name;
  }

  /** Re-reads the session inside the transaction (locked on PostgreSQL); a different session means the caller raced "go to flow". */
  async #lockSession(trx: Tx, prepared: Prepared): Promise<SessionRow> {
    const session = await findSession(trx, prepared.session.conversation_id, this.deps.dialect);
    if (!session || session.id !== prepared.session.id) {
      throw new ParleyError('conflict', 'The chatbot changed meanwhile; please retry');
    }
    return session;
  }

  async #insertSession(
    trx: Tx,
    input: {
      conversationId: string;
      workspaceId: string;
      chatbotId: string;
      versionId: string;
      language: string | null;
      visitorLanguage: string;
      state: FlowState;
      now: number;
      role?: ChatbotRole;
    },
  ): Promise<SessionRow> {
    const row: SessionRow = {
      conversation_id: input.conversationId,
      id: newId(input.now),
      workspace_id: input.workspaceId,
      chatbot_id: input.chatbotId,
      version_id: input.versionId,
      language: input.language,
      visitor_language: input.visitorLanguage,
      state: JSON.stringify(input.state),
      status: 'running',
      visitor_state: JSON.stringify({ status: 'running', nodeId: null, awaiting: 'nothing', field: null } satisfies VisitorChatbotState),
      email_capture: null,
      email_capture_retries: 0,
      step_count: 0,
      started_at: input.now,
      updated_at: input.now,
      role: input.role ?? 'started',
      counted: 0,
    };
    await trx.deleteFrom('chatbot_sessions').where('conversation_id', '=', input.conversationId).execute();
    await trx.insertInto('chatbot_sessions').values(row).execute();
    return row;
  }

  async #saveSession(trx: Tx, session: SessionRow, state: FlowState, visitorState: VisitorChatbotState, now: number): Promise<void> {
    await saveSessionStatement.run(trx, [
      JSON.stringify(state),
      sessionStatus(state),
      JSON.stringify(visitorState),
      session.email_capture,
      session.counted,
      session.step_count + 1,
      now,
      session.conversation_id,
      session.id,
    ]);
  }

  async #writeVisitorState(trx: Tx, session: SessionRow, visitorState: VisitorChatbotState): Promise<void> {
    await trx.updateTable('chatbot_sessions').set({ visitor_state: JSON.stringify(visitorState) }).where('conversation_id', '=', session.conversation_id).execute();
  }

  /** The stored FlowState (written by this server from the engine's own output). */
  #state(session: SessionRow): FlowState {
    return JSON.parse(session.state) as FlowState;
  }

  /** Event records, each with a dedupe key unique to its session, step and position. */
  async #records(trx: Tx, prepared: Prepared, visitorId: string, events: StepPlan['events'], now: number): Promise<void> {
    if (events.length === 0) return;
    const { session } = prepared;
    // The step's number: `#saveSession` stores it (each step saves its session once).
    const stepNumber = session.step_count + 1;
    await insertEvents(
      trx,
      {
        workspaceId: session.workspace_id,
        conversationId: session.conversation_id,
        visitorId,
        chatbotId: session.chatbot_id,
        versionId: session.version_id,
        language: session.language ?? prepared.version.flow.defaultLanguage,
        at: now,
      },
      events.map((record, i) => ({
        id: newId(now),
        dedupeKey: `${session.id}:${stepNumber}:${i}`,
        // How the chatbot came in (docs/statistics.md: started, joined or finished).
        record: record.event === 'triggered' ? { ...record, reason: session.role } : record,
      })),
    );
  }

  async #error(trx: Tx, prepared: Prepared, nodeId: string | null, code: string, message: string): Promise<void> {
    const { session } = prepared;
    await insertChatbotError(trx, {
      id: newId(this.deps.clock.now()),
      workspaceId: session.workspace_id,
      chatbotId: session.chatbot_id,
      versionId: session.version_id,
      conversationId: session.conversation_id,
      nodeId,
      code,
      message,
      at: this.deps.clock.now(),
    });
  }

  // ─── messages, contacts, conversations ───────────────────────────────────

  #after(workspaceId: string, visitorId: string, conversationId: string, originConnectionId?: string): AfterCommit {
    return { workspaceId, visitorId, conversationId, messages: [], pending: [], changes: null, originConnectionId, webhooks: [], goToFlow: null };
  }

  async #append(trx: Tx, out: AfterCommit, input: Omit<AppendMessageInput, 'id' | 'now'>): Promise<MessageRow> {
    const now = this.deps.clock.now();
    const result = await appendMessage(trx, { ...input, id: newId(now), now });
    if (result.kind === 'missing') throw notFound('Conversation');
    out.messages.push(result.message);
    return result.message;
  }

  /** Queues a chatbot message; `#flush` stores the step's messages in one statement pair. */
  #appendChatbot(out: AfterCommit, prepared: Prepared, message: PlannedMessage): void {
    const now = this.deps.clock.now();
    out.pending.push({
      id: newId(now),
      now,
      conversationId: out.conversationId,
      workspaceId: out.workspaceId,
      clientId: null,
      authorType: 'chatbot',
      authorId: prepared.session.chatbot_id,
      authorName: prepared.chatbotName,
      text: message.text,
      meta: message.meta,
    });
  }

  async #flush(trx: Tx, out: AfterCommit): Promise<void> {
    const changes = out.changes;
    out.changes = null;
    if (out.pending.length === 0) {
      if (changes) await trx.updateTable('conversations').set((eb) => conversationChanges(eb, changes)).where('id', '=', out.conversationId).execute();
      return;
    }
    const rows = await appendMessages(trx, out.pending, changes ?? {});
    if (!rows) throw notFound('Conversation');
    out.messages.push(...rows);
    out.pending = [];
  }

  /** The conversation closes in this step: a statistics record (an end of the conversation). */
  async #recordClosed(trx: Tx, out: AfterCommit, now: number): Promise<void> {
    await recordConversationEvent(trx, {
      workspaceId: out.workspaceId,
      conversationId: out.conversationId,
      kind: 'closed',
      sessionId: null,
      at: now,
      dedupeKey: `closed:${out.conversationId}:${now}`,
    });
  }

  async #showInInbox(trx: Tx, conversationId: string): Promise<void> {
    await trx
      .updateTable('conversations')
      .set({ inbox_visible: 1, stats_dirty: newId(this.deps.clock.now()) })
      .where('id', '=', conversationId)
      .where('inbox_visible', '=', 0)
      .execute();
  }

  /** The visitor's conversation, and whether a message with this clientId is already in it (one read). */
  async #visitorConversation(
    visitor: VisitorRef,
    conversationId: string,
    clientId: string,
  ): Promise<Pick<ConversationRow, 'id' | 'visitor_id' | 'status'> & { earlierMessageId: string | null }> {
    const row = await visitorConversationStatement.first(this.deps.db, [clientId, visitor.workspaceId, conversationId]);
    if (!row || row.visitor_id !== visitor.visitorId) throw notFound('Conversation');
    return row;
  }

  #choiceLabel(flow: FlowDocument, nodeId: string, choiceId: string): string {
    const node = flow.nodes[nodeId];
    if (node?.kind === 'buttons') {
      const choice = node.choices.find((c) => c.id === choiceId);
      if (choice) return choice.label;
      if (node.humanChoice?.id === choiceId) return node.humanChoice.label;
    }
    return choiceId;
  }

  async #contactOf(db: Kysely<Database>, contactId: string | null): Promise<FlowContext['contact']> {
    const empty = { name: null, email: null, phone: null, properties: {} };
    if (!contactId) return empty;
    const row = await db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
    if (!row) return empty;
    return { name: row.name, email: row.email, phone: row.phone, properties: parseJsonObject<Record<string, string>>(row.properties, {}) };
  }

  async #contactOfVisitor(trx: Kysely<Database>, visitorId: string): Promise<FlowContext['contact']> {
    const row = await contactOfVisitorStatement.first(trx, [visitorId]);
    if (!row || row.id === null) return { name: null, email: null, phone: null, properties: {} };
    return { name: row.name, email: row.email, phone: row.phone, properties: parseJsonObject<Record<string, string>>(row.properties, {}) };
  }

  /** Stores what the chatbot collected on the visitor's contact (created on first data). */
  async #storeContact(trx: Tx, workspaceId: string, visitorId: string, data: StepPlan['contact'], now: number): Promise<void> {
    const fields = { name: data.name, email: data.email, phone: data.phone };
    const hasFields = Object.values(fields).some((v) => v !== undefined);
    if (!hasFields && Object.keys(data.properties).length === 0) return;
    const visitor = await trx.selectFrom('visitors').select(['contact_id']).where('id', '=', visitorId).executeTakeFirstOrThrow();
    let contactId = visitor.contact_id;
    let properties: Record<string, string> = {};
    if (contactId) {
      const row = await trx.selectFrom('contacts').select(['properties']).where('id', '=', contactId).executeTakeFirst();
      if (!row) contactId = null;
      else properties = parseJsonObject<Record<string, string>>(row.properties, {});
    }
    const set: { name?: string; email?: string; phone?: string } = {};
    if (fields.name !== undefined) set.name = fields.name;
    if (fields.email !== undefined) set.email = fields.email;
    if (fields.phone !== undefined) set.phone = fields.phone;
    const merged = JSON.stringify({ ...properties, ...data.properties });
    if (!contactId) {
      contactId = newId(now);
      await trx
        .insertInto('contacts')
        .values({ id: contactId, workspace_id: workspaceId, name: set.name ?? null, email: set.email ?? null, phone: set.phone ?? null, properties: merged, created_at: now, updated_at: now })
        .execute();
      await trx.updateTable('visitors').set({ contact_id: contactId }).where('id', '=', visitorId).execute();
    } else {
      await trx.updateTable('contacts').set({ ...set, properties: merged, updated_at: now }).where('id', '=', contactId).execute();
    }
  }

  #context(team: Team, language: string | null, contact: FlowContext['contact']): FlowContext {
    return { agentsOnline: team.agentsOnline, officeHoursOpen: team.officeHoursOpen, language, contact, now: this.deps.clock.now() };
  }

  /** Agents online, and whether it is within the workspace's office hours now (in its time zone). */
  async #team(workspaceId: string): Promise<Team> {
    const cached = this.#teams.get(workspaceId);
    const now = this.deps.clock.now();
    if (cached && now - cached.at < TEAM_TTL_MS) return cached.team;
    const team = await this.#readTeam(workspaceId);
    if (this.#teams.size > 10_000) this.#teams.clear();
    this.#teams.set(workspaceId, { team, at: now });
    return team;
  }

  async #readTeam(workspaceId: string): Promise<Team> {
    const [online, workspace] = await Promise.all([
      this.deps.presence.onlineAgentIds(workspaceId),
      this.deps.db.selectFrom('workspaces').select(['timezone', 'office_hours']).where('id', '=', workspaceId).executeTakeFirst(),
    ]);
    let officeHoursOpen = true;
    if (workspace?.office_hours) {
      try {
        const parsed = OfficeHoursSchema.safeParse(JSON.parse(workspace.office_hours));
        if (parsed.success) officeHoursOpen = isWithinOfficeHours(parsed.data, this.deps.clock.now(), workspace.timezone);
      } catch {
        officeHoursOpen = true;
      }
    }
    return { agentsOnline: online.length > 0, officeHoursOpen };
  }

  async #chooseLanguage(workspaceId: string, visitor: VisitorRow, flow: FlowDocument) {
    const workspace = await this.deps.db.selectFrom('workspaces').select(['default_language']).where('id', '=', workspaceId).executeTakeFirst();
    const browser = parseJsonStrings(visitor.browser_languages);
    return chooseLanguage({
      scriptLanguage: visitor.script_language,
      browserLanguages: browser,
      workspaceDefault: workspace?.default_language ?? flow.defaultLanguage,
      available: availableLanguages(flow),
    });
  }

  // ─── after commit ────────────────────────────────────────────────────────

  async #duplicate(workspaceId: string, row: MessageRow): Promise<SentMessage> {
    const conversation = await loadConversation(this.deps.db, workspaceId, row.conversation_id, this.deps.clock.now());
    if (!conversation) throw notFound('Conversation');
    return { message: toMessage(row), conversation, duplicate: true };
  }

  /** Tells the visitor and (once it is visible) the team; then calls webhooks and starts a "go to flow" target. */
  async #publish(after: AfterCommit): Promise<Conversation> {
    const { db, bus, clock } = this.deps;
    const row = await publishedStatement.first(db, [after.workspaceId, after.conversationId]);
    if (!row) throw notFound('Conversation');
    const conversation = toConversation(row, clock.now());
    const hiddenFromAgents = row.inbox_visible === 0;
    const base = { workspaceId: after.workspaceId, visitorId: after.visitorId };
    // Agents' message frames carry the new summary: they need no frame of its own when messages follow.
    await bus.publish({
      kind: 'conversation.updated',
      ...base,
      conversation,
      visitorChatbot: parseVisitorState(row.visitor_state),
      hiddenFromAgents: hiddenFromAgents || after.messages.length > 0,
    });
    for (const message of after.messages) {
      const own = message.author_type === 'visitor' && after.originConnectionId !== undefined;
      await bus.publish({
        kind: 'message.created',
        ...base,
        message: toMessage(message),
        conversation,
        hiddenFromAgents,
        ...(own ? { originConnectionId: after.originConnectionId! } : {}),
      });
    }
    for (const call of after.webhooks) this.#callWebhook(after, call);
    if (after.goToFlow) {
      await this.#goToFlow(after, after.goToFlow).catch((error: unknown) => this.deps.log.error({ err: error }, 'go to flow failed'));
    }
    return conversation;
  }

  #callWebhook(after: AfterCommit, call: AfterCommit['webhooks'][number]): void {
    this.deps.webhooks
      .call({ url: call.url, method: call.method, body: call.body, workspaceId: after.workspaceId, conversationId: after.conversationId, chatbotId: call.chatbotId }, this.deps.clock.now())
      .then((outcome) => this.webhookResult(after.workspaceId, after.conversationId, call.sessionId, outcome))
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'webhook result failed'));
  }

  /** "Go to another flow": the target chatbot's published version starts in the same conversation, with the variables. */
  async #goToFlow(after: AfterCommit, target: { chatbotId: string; variables: FlowState['variables'] }): Promise<void> {
    const { db, clock } = this.deps;
    const previous = await this.#prepare(after.workspaceId, after.conversationId);
    const chatbot = await db
      .selectFrom('chatbots')
      .select(['id', 'name', 'published_version_id'])
      .where('workspace_id', '=', after.workspaceId)
      .where('id', '=', target.chatbotId)
      .executeTakeFirst();
    const version = chatbot?.published_version_id ? await this.flows.version(after.workspaceId, chatbot.published_version_id) : undefined;
    const visitorRow = await db.selectFrom('visitors').selectAll().where('id', '=', after.visitorId).executeTakeFirst();
    if (!chatbot || !version || !visitorRow) {
      if (previous) {
        await this.#transaction((trx) =>
          this.#error(trx, previous, null, 'go_to_flow_unavailable', `The chatbot ${target.chatbotId} does not exist or has no published version`),
        );
      }
      return;
    }
    const language = await this.#chooseLanguage(after.workspaceId, visitorRow, version.flow);
    const team = await this.#team(after.workspaceId);
    const limit = await this.deps.metering.limitNow(after.workspaceId);
    const next = await this.#transaction(async (trx) => {
      const now = clock.now();
      const session = await this.#insertSession(trx, {
        conversationId: after.conversationId,
        workspaceId: after.workspaceId,
        chatbotId: chatbot.id,
        versionId: version.id,
        language: language.chatbotLanguage,
        visitorLanguage: language.visitorLanguage,
        state: createFlowState({ variables: target.variables }),
        now,
      });
      const prepared: Prepared = { session, version, flow: this.flows.resolved(version, language.chatbotLanguage), chatbotName: chatbot.name, ...team, limit };
      const out = this.#after(after.workspaceId, after.visitorId, after.conversationId);
      await this.#runEvent(trx, prepared, { type: 'start' }, out);
      return out;
    });
    await this.#publish(next);
  }
}
