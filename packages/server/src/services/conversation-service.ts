import type { Kysely } from 'kysely';
import {
  applyConversationCommand,
  MESSAGE_PAGE_MAX,
  visitorMessageTarget,
  type Conversation,
  type ConversationCommand,
  type Message,
} from '@parley/core';
import type { Clock } from '../clock.js';
import { notFound, ParleyError } from '../errors.js';
import type { EventBus } from '../events/parley-event.js';
import { newId } from '../ids.js';
import type { ConversationRow, Database, MessageRow } from '../storage/schema.js';
import {
  findConversation,
  findLatestConversationOfVisitor,
  findOpenConversationOfVisitor,
  insertConversation,
  newConversationRow,
  listConversations,
  loadConversation,
  setConversationTag,
  updateConversation,
  type ConversationFilter,
} from '../storage/repositories/conversation-repository.js';
import {
  appendMessage,
  findMessageByClientId,
  listMessagesAfter,
  toMessage,
  type AppendMessageInput,
} from '../storage/repositories/message-repository.js';
import { isUniqueViolation } from '../storage/unique-violation.js';
import type { SqliteHotPath } from '../storage/sqlite-hot-path.js';
import { recordConversationEvent } from '../storage/repositories/conversation-event-repository.js';
import { visitorChatbotOf } from '../storage/repositories/chatbot-session-repository.js';
import type { ChatbotRuntime } from '../chatbots/chatbot-runtime.js';

/** A chatbot takes part in this conversation: the visitor's messages go through the chatbot runtime. */
function chatbotInvolved(row: Pick<ConversationRow, 'inbox_visible' | 'chatbot_status' | 'handover_at' | 'chatbot_id'>): boolean {
  // Any conversation a chatbot was part of: a free message after its turn escalates it (statistics).
  return row.inbox_visible === 0 || row.chatbot_id !== null || row.chatbot_status === 'waiting' || row.chatbot_status === 'running' || row.handover_at !== null;
}

export interface SentMessage {
  message: Message;
  conversation: Conversation;
  /** The clientId was already stored: nothing new was written or published. */
  duplicate: boolean;
}

export interface VisitorRef {
  workspaceId: string;
  websiteId: string;
  visitorId: string;
}

export interface AgentRef {
  workspaceId: string;
  agentId: string;
  name: string;
}

/**
 * Conversations and their messages: every write goes through here, is
 * persisted before anyone is told, then published on the event bus.
 */
export class ConversationService {
  #chatbots: ChatbotRuntime | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    /** The embedded engine's synchronous hot path, when running on SQLite. */
    private readonly sqlite: SqliteHotPath | null = null,
  ) {}

  /** Wired by the composition root (the runtime also needs this service's neighbours). */
  useChatbots(runtime: ChatbotRuntime): void {
    this.#chatbots = runtime;
  }

  /** A visitor writes: into their open conversation, or a new one. Idempotent by clientId. */
  async sendVisitorMessage(
    visitor: VisitorRef,
    input: { clientId: string; text: string; conversationId?: string | undefined; originConnectionId?: string },
  ): Promise<SentMessage> {
    let target: ConversationRow | undefined;
    if (input.conversationId) {
      const requested = await findConversation(this.db, visitor.workspaceId, input.conversationId);
      if (!requested || requested.visitor_id !== visitor.visitorId) throw notFound('Conversation');
      target = requested;
    } else {
      target =
        (this.sqlite?.available ? this.sqlite.findOpenConversationOfVisitor(visitor.visitorId) : await findOpenConversationOfVisitor(this.db, visitor.visitorId)) ??
        (await findLatestConversationOfVisitor(this.db, visitor.visitorId));
    }
    const decision = visitorMessageTarget(target ? { id: target.id, status: target.status } : null);
    let conversationId: string;
    if (decision.kind === 'existing') {
      conversationId = decision.conversationId;
      if (target && this.#chatbots && chatbotInvolved(target)) {
        const earlier = await findMessageByClientId(this.db, target.id, input.clientId);
        if (earlier) return this.#duplicate(visitor.workspaceId, earlier);
        return this.#chatbots.visitorTyped(visitor, target, input);
      }
    } else {
      // A resend of a message that went into the now-closed conversation is still a duplicate.
      if (target) {
        const earlier = await findMessageByClientId(this.db, target.id, input.clientId);
        if (earlier) return this.#duplicate(visitor.workspaceId, earlier);
      }
      conversationId = await this.#openConversation(visitor);
    }
    const sent = await this.#append(
      {
        id: newId(this.clock.now()),
        workspaceId: visitor.workspaceId,
        conversationId,
        clientId: input.clientId,
        authorType: 'visitor',
        authorId: visitor.visitorId,
        authorName: null,
        text: input.text,
        now: this.clock.now(),
      },
      visitor.visitorId,
      input.originConnectionId,
    );
    // The workspace may have a chatbot join when nobody answers in time.
    if (this.#chatbots && !sent.duplicate) await this.#chatbots.visitorWroteToTeam(visitor.workspaceId, conversationId);
    return sent;
  }

  /** An agent replies. Closed conversations must be reopened first. */
  async sendAgentMessage(
    agent: AgentRef,
    input: { conversationId: string; clientId: string; text: string; originConnectionId?: string },
  ): Promise<SentMessage> {
    const conversation = await findConversation(this.db, agent.workspaceId, input.conversationId);
    if (!conversation) throw notFound('Conversation');
    const earlier = await findMessageByClientId(this.db, conversation.id, input.clientId);
    if (earlier) return this.#duplicate(agent.workspaceId, earlier);
    if (conversation.status === 'closed') {
      throw new ParleyError('conversation_closed', 'This conversation is closed; reopen it to reply');
    }
    const sent = await this.#append(
      {
        id: newId(this.clock.now()),
        workspaceId: agent.workspaceId,
        conversationId: conversation.id,
        clientId: input.clientId,
        authorType: 'agent',
        authorId: agent.agentId,
        authorName: agent.name,
        text: input.text,
        now: this.clock.now(),
      },
      conversation.visitor_id,
      input.originConnectionId,
    );
    if (this.#chatbots && !sent.duplicate) await this.#chatbots.agentWrote(agent.workspaceId, conversation.id);
    if (this.#chatbots && !sent.duplicate && chatbotInvolved(conversation)) {
      // The team answered: the handover is done and a chatbot still running steps aside.
      await this.#chatbots.agentReplied(agent.workspaceId, conversation);
      return { ...sent, conversation: await this.#load(agent.workspaceId, conversation.id) };
    }
    return sent;
  }

  async #openConversation(visitor: VisitorRef): Promise<string> {
    const now = this.clock.now();
    const id = newId(now);
    try {
      await insertConversation(this.db, newConversationRow({ id, workspaceId: visitor.workspaceId, websiteId: visitor.websiteId, visitorId: visitor.visitorId, now }));
      return id;
    } catch (error) {
      // Another request (maybe on another node) opened one first: use it.
      if (!isUniqueViolation(error)) throw error;
      const open = await findOpenConversationOfVisitor(this.db, visitor.visitorId);
      if (!open) throw error;
      return open.id;
    }
  }

  async #append(input: AppendMessageInput, visitorId: string, originConnectionId: string | undefined): Promise<SentMessage> {
    let row: MessageRow;
    try {
      const result =
        this.sqlite
          ? await this.sqlite.append(input)
          : await this.db.transaction().execute((trx) => appendMessage(trx, input));
      if (result.kind === 'missing') throw notFound('Conversation');
      row = result.message;
    } catch (error) {
      if (isUniqueViolation(error) && input.clientId) {
        const existing = await findMessageByClientId(this.db, input.conversationId, input.clientId);
        if (existing) return this.#duplicate(input.workspaceId, existing);
      }
      throw error;
    }
    const message = toMessage(row);
    const conversation = await this.#load(input.workspaceId, input.conversationId);
    await this.bus.publish({
      kind: 'message.created',
      workspaceId: input.workspaceId,
      visitorId,
      message,
      conversation,
      ...(originConnectionId ? { originConnectionId } : {}),
    });
    return { message, conversation, duplicate: false };
  }

  async #duplicate(workspaceId: string, row: MessageRow): Promise<SentMessage> {
    return { message: toMessage(row), conversation: await this.#load(workspaceId, row.conversation_id), duplicate: true };
  }

  async #load(workspaceId: string, conversationId: string): Promise<Conversation> {
    // The synchronous reads never run inside a Kysely transaction's window (they would see its uncommitted rows).
    const conversation = this.sqlite?.available
      ? this.sqlite.loadConversation(workspaceId, conversationId, this.clock.now())
      : await loadConversation(this.db, workspaceId, conversationId, this.clock.now());
    if (!conversation) throw notFound('Conversation');
    return conversation;
  }

  async getConversation(workspaceId: string, conversationId: string): Promise<Conversation> {
    return this.#load(workspaceId, conversationId);
  }

  async list(workspaceId: string, filter: ConversationFilter) {
    return listConversations(this.db, workspaceId, filter, this.clock.now());
  }

  /** Close, reopen or assign; publishes the new state when something changed. */
  async apply(workspaceId: string, conversationId: string, command: ConversationCommand): Promise<Conversation> {
    const row = await findConversation(this.db, workspaceId, conversationId);
    if (!row) throw notFound('Conversation');
    if (command.kind === 'assign' && command.assigneeId !== null) {
      const assignee = await this.db
        .selectFrom('agents')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', command.assigneeId)
        .executeTakeFirst();
      if (!assignee) throw notFound('Agent');
    }
    const transition = applyConversationCommand({ status: row.status, assigneeId: row.assignee_id }, command);
    if (!transition.ok) throw new ParleyError('invalid', transition.error);
    if (!transition.changed) return this.#load(workspaceId, conversationId);
    const now = this.clock.now();
    try {
      await updateConversation(this.db, workspaceId, conversationId, {
        status: transition.status,
        assignee_id: transition.assigneeId,
        updated_at: now,
        activity_at: command.kind === 'assign' ? row.activity_at : now,
        closed_at: transition.status === 'closed' ? now : null,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ParleyError('conflict', 'The visitor already has another open conversation');
      }
      throw error;
    }
    if (transition.status === 'closed' && row.chatbot_id !== null) {
      // For statistics the conversation ended here (a chatbot conversation with no escalation is resolved).
      await recordConversationEvent(this.db, { workspaceId, conversationId, kind: 'closed', sessionId: null, at: now, dedupeKey: `closed:${conversationId}:${now}` });
    }
    if (transition.status === 'closed' && this.#chatbots) await this.#chatbots.conversationClosed(workspaceId, conversationId);
    return this.#publishUpdate(workspaceId, row.visitor_id, conversationId);
  }

  /** Marks the conversation read (for the whole team) up to a seq. */
  async markRead(workspaceId: string, conversationId: string, seq: number): Promise<Conversation> {
    const row = await findConversation(this.db, workspaceId, conversationId);
    if (!row) throw notFound('Conversation');
    const upTo = Math.min(seq, row.last_seq);
    const counted = await this.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conversation_id', '=', conversationId)
      .where('author_type', '=', 'visitor')
      .where('seq', '<=', upTo)
      .executeTakeFirstOrThrow();
    const read = Number(counted.n);
    if (read <= row.read_visitor_message_count) return this.#load(workspaceId, conversationId);
    await updateConversation(this.db, workspaceId, conversationId, { read_visitor_message_count: read });
    return this.#publishUpdate(workspaceId, row.visitor_id, conversationId);
  }

  async tag(workspaceId: string, conversationId: string, tag: string, present: boolean): Promise<Conversation> {
    const row = await findConversation(this.db, workspaceId, conversationId);
    if (!row) throw notFound('Conversation');
    await setConversationTag(this.db, workspaceId, conversationId, tag, present, this.clock.now());
    return this.#publishUpdate(workspaceId, row.visitor_id, conversationId);
  }

  async #publishUpdate(workspaceId: string, visitorId: string, conversationId: string): Promise<Conversation> {
    const [conversation, visitorChatbot, row] = await Promise.all([
      this.#load(workspaceId, conversationId),
      visitorChatbotOf(this.db, conversationId),
      this.db.selectFrom('conversations').select(['inbox_visible']).where('id', '=', conversationId).executeTakeFirst(),
    ]);
    await this.bus.publish({
      kind: 'conversation.updated',
      workspaceId,
      visitorId,
      conversation,
      visitorChatbot,
      hiddenFromAgents: row?.inbox_visible === 0,
    });
    return conversation;
  }

  /** Tells agents a visitor came online or left, through their open conversation's summary. */
  async publishVisitorPresence(workspaceId: string, visitorId: string): Promise<void> {
    const open = await findOpenConversationOfVisitor(this.db, visitorId);
    if (open && open.workspace_id === workspaceId) await this.#publishUpdate(workspaceId, visitorId, open.id);
  }

  /** Messages after a seq for an agent of the workspace. */
  async messagesForAgent(workspaceId: string, conversationId: string, afterSeq: number, limit = MESSAGE_PAGE_MAX) {
    const row = await findConversation(this.db, workspaceId, conversationId);
    if (!row) throw notFound('Conversation');
    return { conversation: row, ...(await listMessagesAfter(this.db, conversationId, afterSeq, Math.min(limit, MESSAGE_PAGE_MAX))) };
  }

  /** Messages after a seq for a visitor: their given conversation, or their current one. */
  async messagesForVisitor(visitor: VisitorRef, conversationId: string | undefined, afterSeq: number) {
    const row = conversationId
      ? await findConversation(this.db, visitor.workspaceId, conversationId)
      : ((await findOpenConversationOfVisitor(this.db, visitor.visitorId)) ??
        (await findLatestConversationOfVisitor(this.db, visitor.visitorId)));
    if (conversationId && (!row || row.visitor_id !== visitor.visitorId)) throw notFound('Conversation');
    if (!row) return { conversation: null, messages: [], hasMore: false };
    return { conversation: row, ...(await listMessagesAfter(this.db, row.id, afterSeq, MESSAGE_PAGE_MAX)) };
  }

  /** Checks that a conversation may be seen by the given visitor / workspace (for typing frames). */
  async visitorOf(workspaceId: string, conversationId: string): Promise<string> {
    const row = await findConversation(this.db, workspaceId, conversationId);
    if (!row) throw notFound('Conversation');
    return row.visitor_id;
  }
}
