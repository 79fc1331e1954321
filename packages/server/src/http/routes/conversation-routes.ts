import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ClientIdSchema,
  ConversationLabelSchema,
  ConversationSchema,
  MESSAGE_PAGE_MAX,
  MessageSchema,
  MessageTextSchema,
  VisitorSchema,
} from '@parley/core';
import { notFound, ParleyError } from '../../errors.js';
import { listAgents } from '../../storage/repositories/agent-repository.js';
import { loadVisitorDetails } from '../../storage/repositories/visitor-repository.js';
import type { ConversationFilter } from '../../storage/repositories/conversation-repository.js';
import { agentOf, requireAgent } from '../agent-auth.js';
import type { AppContext } from '../app-context.js';
import { AgentPublicSchema, errorResponses, ErrorResponseSchema, IdParamsSchema } from '../schemas.js';

const ConversationResponse = z.object({ conversation: ConversationSchema });

function encodeCursor(c: { activityAt: number; id: string }): string {
  return Buffer.from(`${c.activityAt}:${c.id}`).toString('base64url');
}

function decodeCursor(text: string): { activityAt: number; id: string } {
  const [at, id] = Buffer.from(text, 'base64url').toString('utf8').split(':');
  const activityAt = Number(at);
  if (!id || !Number.isFinite(activityAt)) throw new ParleyError('invalid', 'before: not a cursor returned by this API', 'query.before');
  return { activityAt, id };
}

/** The inbox: conversations, their messages, and the people in them. */
export function conversationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireAgent(ctx.auth, ctx.config.cookieSecure));

    app.get(
      '/conversations',
      {
        schema: {
          tags: ['conversations'],
          summary: 'List conversations, newest activity first',
          querystring: z.object({
            status: z.enum(['open', 'closed', 'all']).default('open'),
            assignee: z.string().min(1).max(64).optional().describe('"me", "unassigned" or an agent id'),
            tag: z.string().trim().min(1).max(50).optional().describe('only conversations with this tag'),
            label: ConversationLabelSchema.optional().describe('"joined_by_chatbot": only chatbot conversations'),
            chatbotId: z.string().min(1).max(64).optional().describe('only conversations this chatbot was shown in'),
            limit: z.coerce.number().int().min(1).max(100).default(50),
            before: z.string().max(200).optional().describe('nextCursor of the previous page'),
          }),
          response: { 200: z.object({ conversations: z.array(ConversationSchema), nextCursor: z.string().nullable() }), ...errorResponses },
        },
      },
      async (request) => {
        const agent = agentOf(request);
        const q = request.query;
        const assignee: ConversationFilter['assignee'] =
          q.assignee === undefined
            ? { kind: 'any' }
            : q.assignee === 'unassigned'
              ? { kind: 'unassigned' }
              : { kind: 'agent', agentId: q.assignee === 'me' ? agent.id : q.assignee };
        const page = await ctx.conversations.list(agent.workspace_id, {
          status: q.status,
          assignee,
          tag: q.tag,
          label: q.label,
          chatbotId: q.chatbotId,
          limit: q.limit,
          before: q.before ? decodeCursor(q.before) : undefined,
        });
        return { conversations: page.conversations, nextCursor: page.next ? encodeCursor(page.next) : null };
      },
    );

    app.get(
      '/conversations/:id',
      { schema: { tags: ['conversations'], summary: 'One conversation', params: IdParamsSchema, response: { 200: ConversationResponse, ...errorResponses } } },
      async (request) => ({ conversation: await ctx.conversations.getConversation(agentOf(request).workspace_id, request.params.id) }),
    );

    app.get(
      '/conversations/:id/messages',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Messages of a conversation after a sequence number, in order',
          params: IdParamsSchema,
          querystring: z.object({
            afterSeq: z.coerce.number().int().min(0).default(0),
            limit: z.coerce.number().int().min(1).max(MESSAGE_PAGE_MAX).default(200),
          }),
          response: { 200: z.object({ messages: z.array(MessageSchema), hasMore: z.boolean() }), ...errorResponses },
        },
      },
      async (request) => {
        const result = await ctx.conversations.messagesForAgent(agentOf(request).workspace_id, request.params.id, request.query.afterSeq, request.query.limit);
        return { messages: result.messages, hasMore: result.hasMore };
      },
    );

    app.post(
      '/conversations/:id/messages',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Reply as the signed-in agent (idempotent by clientId)',
          params: IdParamsSchema,
          body: z.object({ clientId: ClientIdSchema, text: MessageTextSchema }),
          response: { 200: z.object({ message: MessageSchema }), 201: z.object({ message: MessageSchema }), 409: ErrorResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const agent = agentOf(request);
        const sent = await ctx.conversations.sendAgentMessage(
          { workspaceId: agent.workspace_id, agentId: agent.id, name: agent.name },
          { conversationId: request.params.id, clientId: request.body.clientId, text: request.body.text },
        );
        return reply.code(sent.duplicate ? 200 : 201).send({ message: sent.message });
      },
    );

    app.post(
      '/conversations/:id/assign',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Assign to an agent, or unassign with null',
          params: IdParamsSchema,
          body: z.object({ assigneeId: z.string().min(1).max(64).nullable() }),
          response: { 200: ConversationResponse, ...errorResponses },
        },
      },
      async (request) => ({
        conversation: await ctx.conversations.apply(agentOf(request).workspace_id, request.params.id, { kind: 'assign', assigneeId: request.body.assigneeId }),
      }),
    );

    for (const kind of ['close', 'reopen'] as const) {
      app.post(
        `/conversations/:id/${kind}`,
        {
          schema: {
            tags: ['conversations'],
            summary: kind === 'close' ? 'Close the conversation' : 'Reopen the conversation',
            params: IdParamsSchema,
            response: { 200: ConversationResponse, 409: ErrorResponseSchema, ...errorResponses },
          },
        },
        async (request) => ({ conversation: await ctx.conversations.apply(agentOf(request).workspace_id, request.params.id, { kind }) }),
      );
    }

    app.post(
      '/conversations/:id/read',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Mark read up to a sequence number (for the whole team)',
          params: IdParamsSchema,
          body: z.object({ seq: z.number().int().min(0) }),
          response: { 200: ConversationResponse, ...errorResponses },
        },
      },
      async (request) => ({ conversation: await ctx.conversations.markRead(agentOf(request).workspace_id, request.params.id, request.body.seq) }),
    );

    const TagSchema = z.string().trim().min(1, 'Tag is empty').max(50, 'Tag is longer than 50 characters');
    app.post(
      '/conversations/:id/tags',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Add a tag',
          params: IdParamsSchema,
          body: z.object({ tag: TagSchema }),
          response: { 200: ConversationResponse, ...errorResponses },
        },
      },
      async (request) => ({ conversation: await ctx.conversations.tag(agentOf(request).workspace_id, request.params.id, request.body.tag, true) }),
    );
    app.delete(
      '/conversations/:id/tags/:tag',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Remove a tag',
          params: IdParamsSchema.extend({ tag: TagSchema }),
          response: { 200: ConversationResponse, ...errorResponses },
        },
      },
      async (request) => ({ conversation: await ctx.conversations.tag(agentOf(request).workspace_id, request.params.id, request.params.tag, false) }),
    );

    app.get(
      '/visitors/:id',
      { schema: { tags: ['visitors'], summary: 'A visitor and the contact data they gave', params: IdParamsSchema, response: { 200: z.object({ visitor: VisitorSchema }), ...errorResponses } } },
      async (request) => {
        const visitor = await loadVisitorDetails(ctx.db, agentOf(request).workspace_id, request.params.id, ctx.clock.now());
        if (!visitor) throw notFound('Visitor');
        return { visitor };
      },
    );

    app.get(
      '/agents',
      {
        schema: {
          tags: ['agents'],
          summary: 'The workspace\'s agents and who is online',
          response: { 200: z.object({ agents: z.array(AgentPublicSchema.extend({ online: z.boolean() })) }), ...errorResponses },
        },
      },
      async (request) => {
        const workspaceId = agentOf(request).workspace_id;
        const [agents, online] = await Promise.all([listAgents(ctx.db, workspaceId), ctx.presence.onlineAgentIds(workspaceId)]);
        const onlineSet = new Set(online);
        return { agents: agents.map((a) => ({ id: a.id, name: a.name, email: a.email, role: a.role, online: onlineSet.has(a.id) })) };
      },
    );
  };
}
