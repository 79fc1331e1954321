import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  parseClientFrame,
  PROTOCOL_VERSION,
  WS_FRAME_MAX_BYTES,
  type ClientFrame,
  type ServerFrame,
} from '@parley/core';
import type { Clock } from '../clock.js';
import { ParleyError } from '../errors.js';
import type { EventBus, ParleyEvent } from '../events/parley-event.js';
import { newId } from '../ids.js';
import type { AuthService } from '../services/auth-service.js';
import type { ConversationService } from '../services/conversation-service.js';
import type { ChatbotRuntime } from '../chatbots/chatbot-runtime.js';
import type { PresenceService } from '../services/presence-service.js';
import type { WidgetSessionService } from '../services/widget-session-service.js';
import { verifyVisitorToken } from '../auth/visitor-token.js';
import { isOriginAllowed } from '../auth/origin.js';
import { parseAllowedOrigins } from '../storage/repositories/workspace-repository.js';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { send, sendRaw, textForMany, type Connection } from './connection.js';
import { TokenBucket } from './token-bucket.js';
import { visitorChatbotOf } from '../storage/repositories/chatbot-session-repository.js';
import type { Metrics } from '../http/metrics.js';

export interface GatewayDeps {
  db: Kysely<Database>;
  bus: EventBus;
  clock: Clock;
  secret: string;
  auth: AuthService;
  conversations: ConversationService;
  chatbots: ChatbotRuntime;
  presence: PresenceService;
  widgetSessions: WidgetSessionService;
  metrics: Metrics;
  sessionCookieName: string;
  /** Origins allowed to open agent sockets besides the request's own host. */
  publicUrl: string | undefined;
  visitorMessagesPerSecond: number;
  visitorMessageBurst: number;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

const PING_INTERVAL_MS = 25_000;

function parseCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

/**
 * The WebSocket gateway: authenticates upgrades, turns client frames into
 * service calls, and delivers bus events to the sockets connected to this node.
 */
export class Gateway {
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: WS_FRAME_MAX_BYTES });
  readonly #byWorkspace = new Map<string, Set<Connection>>();
  /** The agents of each workspace alone, so fan-out does not walk every visitor socket. */
  readonly #agentsByWorkspace = new Map<string, Set<Connection>>();
  readonly #byVisitor = new Map<string, Set<Connection>>();
  readonly #unsubscribe: () => void;
  readonly #pingTimer: NodeJS.Timeout;

  constructor(private readonly deps: GatewayDeps) {
    this.#unsubscribe = deps.bus.subscribe((event) => this.#deliver(event));
    this.#pingTimer = setInterval(() => this.#ping(), PING_INTERVAL_MS);
    this.#pingTimer.unref();
  }

  get connectionCount(): number {
    return this.#wss.clients.size;
  }

  /** Handles an HTTP upgrade for /ws/visitor and /ws/agent; returns false for other paths. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws/visitor' && url.pathname !== '/ws/agent') return false;
    socket.on('error', () => socket.destroy());
    const authenticate = url.pathname === '/ws/visitor' ? this.#authenticateVisitor(request, url) : this.#authenticateAgent(request);
    authenticate.then(
      (identity) => {
        if ('refuse' in identity) return refuse(socket, identity.refuse, identity.reason);
        this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, identity));
      },
      (error: unknown) => {
        this.deps.log.error({ err: error }, 'websocket upgrade failed');
        refuse(socket, 500, 'Internal Server Error');
      },
    );
    return true;
  }

  async #authenticateVisitor(request: IncomingMessage, url: URL): Promise<Omit<Connection, 'id' | 'ws' | 'alive' | 'queue'> | { refuse: number; reason: string }> {
    const claims = verifyVisitorToken(this.deps.secret, url.searchParams.get('token') ?? '', this.deps.clock.now());
    if (!claims) return { refuse: 401, reason: 'Unauthorized' };
    const website = await this.deps.db.selectFrom('websites').select(['allowed_origins']).where('id', '=', claims.websiteId).executeTakeFirst();
    if (!website) return { refuse: 401, reason: 'Unauthorized' };
    if (!isOriginAllowed(request.headers.origin, parseAllowedOrigins(website))) return { refuse: 403, reason: 'Forbidden' };
    return {
      role: 'visitor',
      workspaceId: claims.workspaceId,
      visitor: { visitorId: claims.visitorId, websiteId: claims.websiteId },
      messageBucket: new TokenBucket(this.deps.visitorMessagesPerSecond, this.deps.visitorMessageBurst, this.deps.clock.now()),
    };
  }

  async #authenticateAgent(request: IncomingMessage): Promise<Omit<Connection, 'id' | 'ws' | 'alive' | 'queue'> | { refuse: number; reason: string }> {
    // Cookie-authenticated sockets must come from our own pages (cross-site WebSocket hijacking).
    const origin = request.headers.origin;
    if (origin) {
      const host = request.headers.host;
      const own = [`http://${host}`, `https://${host}`, ...(this.deps.publicUrl ? [this.deps.publicUrl] : [])];
      if (!own.includes(origin)) return { refuse: 403, reason: 'Forbidden' };
    }
    const session = await this.deps.auth.authenticate(parseCookie(request.headers.cookie, this.deps.sessionCookieName));
    if (!session) return { refuse: 401, reason: 'Unauthorized' };
    const { agent } = session;
    return { role: 'agent', workspaceId: agent.workspace_id, agent: { agentId: agent.id, name: agent.name }, messageBucket: null };
  }

  #accept(ws: WebSocket, identity: Omit<Connection, 'id' | 'ws' | 'alive' | 'queue'>): void {
    const connection: Connection = { ...identity, id: newId(), ws, alive: true, queue: Promise.resolve() };
    this.#index(connection);
    this.deps.metrics.wsConnections.inc({ role: connection.role });
    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('message', (data, isBinary) => {
      connection.alive = true;
      const raw = isBinary ? null : data.toString();
      connection.queue = connection.queue.then(() => this.#handleFrame(connection, raw)).catch((error: unknown) => {
        this.deps.log.error({ err: error }, 'websocket frame failed');
        send(connection, { type: 'error', code: 'internal', message: 'Something went wrong; please retry' });
      });
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      this.#unindex(connection);
      this.deps.metrics.wsConnections.dec({ role: connection.role });
      const done =
        connection.role === 'agent'
          ? this.deps.presence.agentDisconnected(connection.workspaceId, connection.agent!.agentId)
          : this.deps.presence
              .visitorDisconnected(connection.visitor!.visitorId)
              .then(async (left) => {
                if (left) await this.deps.conversations.publishVisitorPresence(connection.workspaceId, connection.visitor!.visitorId);
              });
      done.catch((error: unknown) => this.deps.log.warn({ err: error }, 'presence update failed'));
    });

    send(connection, {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      connectionId: connection.id,
      role: connection.role,
      userId: connection.role === 'agent' ? connection.agent!.agentId : connection.visitor!.visitorId,
      serverTime: new Date(this.deps.clock.now()).toISOString(),
    });
    // Resolves true when the connecting socket already got the presence news through the bus.
    const ready: Promise<boolean> =
      connection.role === 'agent'
        ? this.deps.presence.agentConnected(connection.workspaceId, connection.agent!.agentId)
        : this.deps.presence.visitorConnected(connection.visitor!.visitorId).then(async (came) => {
            if (came) await this.deps.conversations.publishVisitorPresence(connection.workspaceId, connection.visitor!.visitorId);
            return false;
          });
    connection.queue = ready
      .then((told) => (told ? undefined : this.#sendPresence(connection)))
      .catch((error: unknown) => this.deps.log.warn({ err: error }, 'presence update failed'));
  }

  async #sendPresence(connection: Connection): Promise<void> {
    const online = new Set(await this.deps.presence.onlineAgentIds(connection.workspaceId));
    if (connection.role === 'visitor') {
      send(connection, { type: 'presence', agentsOnline: online.size });
      return;
    }
    const agents = await this.deps.db.selectFrom('agents').select('id').where('workspace_id', '=', connection.workspaceId).execute();
    send(connection, { type: 'presence', agentsOnline: online.size, agents: agents.map((a) => ({ id: a.id, online: online.has(a.id) })) });
  }

  async #handleFrame(connection: Connection, raw: string | null): Promise<void> {
    if (raw === null) {
      send(connection, { type: 'error', code: 'bad_frame', message: 'Binary frames are not supported; send JSON text' });
      return;
    }
    const parsed = parseClientFrame(raw);
    if (!parsed.ok) {
      send(connection, parsed.error);
      return;
    }
    try {
      await this.#dispatch(connection, parsed.frame);
    } catch (error) {
      const ref = parsed.frame.type === 'message.send' || parsed.frame.type === 'chatbot.choose' ? parsed.frame.clientId : undefined;
      if (error instanceof ParleyError) {
        const code = error.code === 'unauthorized' || error.code === 'conflict' ? 'forbidden' : error.code === 'unprocessable' ? 'invalid' : error.code;
        send(connection, { type: 'error', code, message: error.message, ...(ref ? { ref } : {}) });
        return;
      }
      this.deps.log.error({ err: error }, 'websocket frame failed');
      send(connection, { type: 'error', code: 'internal', message: 'Something went wrong; please retry', ...(ref ? { ref } : {}) });
    }
  }

  async #dispatch(connection: Connection, frame: ClientFrame): Promise<void> {
    const { conversations } = this.deps;
    switch (frame.type) {
      case 'ping':
        send(connection, { type: 'pong' });
        return;
      case 'message.send': {
        if (connection.messageBucket && !connection.messageBucket.take(this.deps.clock.now())) {
          throw new ParleyError('rate_limited', 'You are sending messages too fast; please wait a moment');
        }
        const input = { clientId: frame.clientId, text: frame.text, originConnectionId: connection.id };
        const sent =
          connection.role === 'visitor'
            ? await conversations.sendVisitorMessage(this.#visitorRef(connection), { ...input, conversationId: frame.conversationId })
            : await conversations.sendAgentMessage(this.#agentRef(connection), {
                ...input,
                conversationId: this.#requireConversationId(frame.conversationId),
              });
        this.deps.metrics.messages.inc({ author: connection.role, duplicate: String(sent.duplicate) });
        send(connection, { type: 'message.ack', clientId: frame.clientId, message: sent.message });
        return;
      }
      case 'sync': {
        const result =
          connection.role === 'visitor'
            ? await conversations.messagesForVisitor(this.#visitorRef(connection), frame.conversationId, frame.afterSeq)
            : await conversations.messagesForAgent(connection.workspaceId, this.#requireConversationId(frame.conversationId), frame.afterSeq);
        send(connection, {
          type: 'sync',
          conversationId: result.conversation?.id ?? null,
          messages: result.messages,
          lastSeq: result.conversation?.last_seq ?? 0,
          hasMore: result.hasMore,
        });
        // A visitor that reconnects may have missed the chatbot's prompt state: send it again.
        if (connection.role === 'visitor' && result.conversation) {
          const c = result.conversation;
          send(connection, {
            type: 'conversation',
            conversation: { id: c.id, status: c.status, lastSeq: c.last_seq, chatbot: await visitorChatbotOf(this.deps.db, c.id) },
          });
        }
        return;
      }
      case 'typing': {
        const visitorId = await conversations.visitorOf(connection.workspaceId, frame.conversationId);
        if (connection.role === 'visitor' && visitorId !== connection.visitor!.visitorId) throw new ParleyError('not_found', 'Conversation not found');
        await this.deps.bus.publish({
          kind: 'typing',
          workspaceId: connection.workspaceId,
          visitorId,
          conversationId: frame.conversationId,
          author:
            connection.role === 'visitor'
              ? { type: 'visitor', id: visitorId, name: null }
              : { type: 'agent', id: connection.agent!.agentId, name: connection.agent!.name },
          typing: frame.typing,
          originConnectionId: connection.id,
        });
        return;
      }
      case 'read': {
        if (connection.role !== 'agent') throw new ParleyError('forbidden', 'Only agents mark conversations read');
        await conversations.markRead(connection.workspaceId, frame.conversationId, frame.seq);
        return;
      }
      case 'chatbot.open': {
        if (connection.role !== 'visitor') throw new ParleyError('forbidden', 'Only visitors open the chat box');
        await this.deps.chatbots.open(this.#visitorRef(connection));
        return;
      }
      case 'chatbox.closed': {
        if (connection.role !== 'visitor') throw new ParleyError('forbidden', 'Only visitors close their chat box');
        await this.deps.chatbots.chatboxClosed(this.#visitorRef(connection), frame.conversationId);
        return;
      }
      case 'chatbot.choose': {
        if (connection.role !== 'visitor') throw new ParleyError('forbidden', 'Only visitors choose chatbot buttons');
        if (connection.messageBucket && !connection.messageBucket.take(this.deps.clock.now())) {
          throw new ParleyError('rate_limited', 'You are sending messages too fast; please wait a moment');
        }
        const sent = await this.deps.chatbots.choose(this.#visitorRef(connection), {
          clientId: frame.clientId,
          conversationId: frame.conversationId,
          nodeId: frame.nodeId,
          choiceId: frame.choiceId,
          originConnectionId: connection.id,
        });
        this.deps.metrics.messages.inc({ author: 'visitor', duplicate: String(sent.duplicate) });
        send(connection, { type: 'message.ack', clientId: frame.clientId, message: sent.message });
        return;
      }
    }
  }

  #requireConversationId(id: string | undefined): string {
    if (!id) throw new ParleyError('invalid', 'conversationId is required');
    return id;
  }

  #visitorRef(connection: Connection) {
    return { workspaceId: connection.workspaceId, websiteId: connection.visitor!.websiteId, visitorId: connection.visitor!.visitorId };
  }

  #agentRef(connection: Connection) {
    return { workspaceId: connection.workspaceId, agentId: connection.agent!.agentId, name: connection.agent!.name };
  }

  #index(connection: Connection): void {
    const ws = this.#byWorkspace.get(connection.workspaceId) ?? new Set();
    ws.add(connection);
    this.#byWorkspace.set(connection.workspaceId, ws);
    if (connection.role === 'agent') {
      const agents = this.#agentsByWorkspace.get(connection.workspaceId) ?? new Set();
      agents.add(connection);
      this.#agentsByWorkspace.set(connection.workspaceId, agents);
    }
    if (connection.visitor) {
      const set = this.#byVisitor.get(connection.visitor.visitorId) ?? new Set();
      set.add(connection);
      this.#byVisitor.set(connection.visitor.visitorId, set);
    }
  }

  #unindex(connection: Connection): void {
    const ws = this.#byWorkspace.get(connection.workspaceId);
    ws?.delete(connection);
    if (ws?.size === 0) this.#byWorkspace.delete(connection.workspaceId);
    const agents = this.#agentsByWorkspace.get(connection.workspaceId);
    agents?.delete(connection);
    if (agents?.size === 0) this.#agentsByWorkspace.delete(connection.workspaceId);
    if (connection.visitor) {
      const set = this.#byVisitor.get(connection.visitor.visitorId);
      set?.delete(connection);
      if (set?.size === 0) this.#byVisitor.delete(connection.visitor.visitorId);
    }
  }

  /** Sends one pre-serialised frame to the workspace's agents and the visitor's sockets. */
  #fanOut(event: { workspaceId: string; visitorId: string }, agentFrame: string | null, visitorFrame: string | null, skip?: string): void {
    if (agentFrame !== null) {
      const agents = this.#agentsByWorkspace.get(event.workspaceId);
      if (agents) {
        const data = textForMany(agentFrame, agents.size);
        for (const c of agents) {
          if (c.id !== skip) sendRaw(c, data);
        }
      }
    }
    if (visitorFrame !== null) {
      for (const c of this.#byVisitor.get(event.visitorId) ?? []) {
        if (c.id !== skip && c.workspaceId === event.workspaceId) sendRaw(c, visitorFrame);
      }
    }
  }

  #deliver(event: ParleyEvent): void {
    switch (event.kind) {
      case 'message.created': {
        // One frame per socket and message: agents get the new summary inside it.
        this.#fanOut(
          event,
          event.hiddenFromAgents ? null : JSON.stringify({ type: 'message', message: event.message, conversation: event.conversation } satisfies ServerFrame),
          JSON.stringify({ type: 'message', message: event.message } satisfies ServerFrame),
          event.originConnectionId,
        );
        return;
      }
      case 'conversation.updated': {
        const c = event.conversation;
        this.#fanOut(
          event,
          event.hiddenFromAgents ? null : JSON.stringify({ type: 'conversation', conversation: c } satisfies ServerFrame),
          JSON.stringify({
            type: 'conversation',
            conversation: { id: c.id, status: c.status, lastSeq: c.lastSeq, chatbot: event.visitorChatbot },
          } satisfies ServerFrame),
        );
        return;
      }
      case 'typing': {
        const frame = JSON.stringify({ type: 'typing', conversationId: event.conversationId, author: event.author, typing: event.typing } satisfies ServerFrame);
        // Visitors see agents typing; agents see the visitor and each other.
        this.#fanOut(event, frame, event.author.type === 'visitor' ? null : frame, event.originConnectionId);
        return;
      }
      case 'presence.changed': {
        const agentsOnline = event.agents.filter((a) => a.online).length;
        const agentFrame = JSON.stringify({ type: 'presence', agentsOnline, agents: event.agents } satisfies ServerFrame);
        const visitorFrame = JSON.stringify({ type: 'presence', agentsOnline } satisfies ServerFrame);
        for (const c of this.#byWorkspace.get(event.workspaceId) ?? []) sendRaw(c, c.role === 'agent' ? agentFrame : visitorFrame);
        return;
      }
    }
  }

  #ping(): void {
    for (const connections of this.#byWorkspace.values()) {
      for (const connection of connections) {
        if (!connection.alive) {
          connection.ws.terminate();
          continue;
        }
        connection.alive = false;
        connection.ws.ping();
      }
    }
  }

  /** Closes every socket (clients reconnect elsewhere) and stops listening to the bus. */
  async close(): Promise<void> {
    this.#unsubscribe();
    clearInterval(this.#pingTimer);
    for (const ws of this.#wss.clients) ws.close(1012, 'Server restarting');
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}
