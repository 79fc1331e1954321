import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChatbotSchema,
  ChatbotStatusSchema,
  ChatbotSummarySchema,
  ChatbotVersionSchema,
  ChatbotVersionSummarySchema,
  LanguageTagSchema,
  parseFlowDocument,
  ProblemSchema,
} from '@parley/flow';
import { ParleyError } from '../../errors.js';
import { webhookSigningKey } from '../../chatbots/webhook-client.js';
import { agentOf, requireAgent } from '../agent-auth.js';
import type { AppContext } from '../app-context.js';
import { errorResponses, ErrorResponseSchema, IdParamsSchema } from '../schemas.js';

/** A draft may be far larger than other bodies (up to 1 000 steps). */
export const CHATBOT_DRAFT_BODY_LIMIT = 1024 * 1024;

const ChatbotResponse = z.object({ chatbot: ChatbotSchema });

const ChatbotNameSchema = z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters');

/**
 * The draft is read by @parley/flow (migrating older documents), so its
 * issues carry paths from the document's root: `body.draft.nodes.menu.text`.
 */
const DraftSchema = z
  .unknown()
  .transform((value, ctx) => {
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: '"draft" is required', path: [] });
      return z.NEVER;
    }
    const parsed = parseFlowDocument(value);
    if (!parsed.ok) {
      for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
      return z.NEVER;
    }
    return parsed.flow;
  })
  .describe('A FlowDocument (docs/chatbots.md); the same shape as `chatbot.draft` in the answers');

const UnpublishableSchema = z
  .object({ error: z.object({ code: z.literal('invalid'), message: z.string(), problems: z.array(ProblemSchema) }) })
  .describe('Unpublishable');

const writeErrors = { ...errorResponses, 403: ErrorResponseSchema } as const;

/** Only owners and admins change chatbots; every agent may read them. */
async function requireChatbotEditor(request: FastifyRequest): Promise<void> {
  const { role } = agentOf(request);
  if (role !== 'owner' && role !== 'admin') {
    throw new ParleyError('forbidden', 'Only owners and admins can change chatbots');
  }
}

function problemsMessage(count: number): string {
  return `The chatbot has ${count} problem${count === 1 ? '' : 's'} to fix before it can be published`;
}

/** Chatbots: drafts, publishing, versions and settings. */
export function chatbotRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Before validation, so a signed-out or read-only caller learns that first.
    app.addHook('preValidation', requireAgent(ctx.auth, ctx.config.cookieSecure));
    const editor = { preValidation: requireChatbotEditor };

    app.get(
      '/chatbots',
      {
        schema: {
          tags: ['chatbots'],
          summary: 'The workspace\'s chatbots, in creation order',
          response: { 200: z.object({ chatbots: z.array(ChatbotSummarySchema) }), ...errorResponses },
        },
      },
      async (request) => ({ chatbots: await ctx.chatbots.list(agentOf(request).workspace_id) }),
    );

    app.post(
      '/chatbots',
      {
        ...editor,
        schema: {
          tags: ['chatbots'],
          summary: 'Create an inactive chatbot with a starter draft',
          body: z.object({
            name: ChatbotNameSchema,
            defaultLanguage: LanguageTagSchema.optional().describe('The draft\'s language; the workspace\'s by default'),
          }),
          response: { 201: ChatbotResponse, ...writeErrors },
        },
      },
      async (request, reply) => {
        const chatbot = await ctx.chatbots.create(agentOf(request).workspace_id, request.body);
        return reply.code(201).send({ chatbot });
      },
    );

    app.get(
      '/chatbots/:id',
      {
        schema: {
          tags: ['chatbots'],
          summary: 'One chatbot with its draft and the draft\'s problems',
          params: IdParamsSchema,
          response: { 200: ChatbotResponse, ...errorResponses },
        },
      },
      async (request) => ({ chatbot: await ctx.chatbots.get(agentOf(request).workspace_id, request.params.id) }),
    );

    app.put(
      '/chatbots/:id/draft',
      {
        ...editor,
        bodyLimit: CHATBOT_DRAFT_BODY_LIMIT,
        schema: {
          tags: ['chatbots'],
          summary: 'Replace the draft (saved even with problems; a malformed document is refused)',
          params: IdParamsSchema,
          body: z.object({ draft: DraftSchema }),
          response: { 200: ChatbotResponse, ...writeErrors },
        },
      },
      async (request) => ({ chatbot: await ctx.chatbots.saveDraft(agentOf(request).workspace_id, request.params.id, request.body.draft) }),
    );

    app.patch(
      '/chatbots/:id',
      {
        ...editor,
        schema: {
          tags: ['chatbots'],
          summary: 'Rename, activate or deactivate (activating needs a published version)',
          params: IdParamsSchema,
          body: z.object({ name: ChatbotNameSchema.optional(), status: ChatbotStatusSchema.optional() }),
          response: { 200: ChatbotResponse, 409: ErrorResponseSchema, ...writeErrors },
        },
      },
      async (request) => ({ chatbot: await ctx.chatbots.update(agentOf(request).workspace_id, request.params.id, request.body) }),
    );

    app.post(
      '/chatbots/:id/publish',
      {
        ...editor,
        schema: {
          tags: ['chatbots'],
          summary: 'Validate the draft and publish it as the next version',
          params: IdParamsSchema,
          response: {
            201: z.object({ version: ChatbotVersionSummarySchema, chatbot: ChatbotSchema }),
            422: UnpublishableSchema,
            ...writeErrors,
          },
        },
      },
      async (request, reply) => {
        const agent = agentOf(request);
        const result = await ctx.chatbots.publish(agent.workspace_id, request.params.id, agent.id);
        if (!result.ok) {
          return reply.code(422).send({ error: { code: 'invalid', message: problemsMessage(result.problems.length), problems: result.problems } });
        }
        return reply.code(201).send({ version: result.version, chatbot: result.chatbot });
      },
    );

    app.get(
      '/chatbots/:id/versions',
      {
        schema: {
          tags: ['chatbots'],
          summary: 'Published versions, newest first',
          params: IdParamsSchema,
          response: { 200: z.object({ versions: z.array(ChatbotVersionSummarySchema) }), ...errorResponses },
        },
      },
      async (request) => ({ versions: await ctx.chatbots.listVersions(agentOf(request).workspace_id, request.params.id) }),
    );

    app.get(
      '/chatbots/:id/versions/:versionId',
      {
        schema: {
          tags: ['chatbots'],
          summary: 'One published version with its flow',
          params: IdParamsSchema.extend({ versionId: z.string().min(1).max(64) }),
          response: { 200: z.object({ version: ChatbotVersionSchema }), ...errorResponses },
        },
      },
      async (request) => ({
        version: await ctx.chatbots.getVersion(agentOf(request).workspace_id, request.params.id, request.params.versionId),
      }),
    );

    app.get(
      '/chatbots/:id/errors',
      {
        schema: {
          tags: ['chatbots'],
          summary: 'What went wrong while the chatbot ran: failed or timed-out webhooks, broken flows (newest first)',
          params: IdParamsSchema,
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: {
            200: z.object({
              errors: z.array(
                z.object({
                  id: z.string(),
                  versionId: z.string(),
                  conversationId: z.string(),
                  nodeId: z.string().nullable(),
                  code: z.string().describe('webhook_failed | webhook_timeout | missing_node | step_limit | go_to_flow_unavailable'),
                  message: z.string(),
                  at: z.string(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({ errors: await ctx.chatbots.errors(agentOf(request).workspace_id, request.params.id, request.query.limit) }),
    );

    app.get(
      '/chatbots/webhook-signing-key',
      {
        ...editor,
        schema: {
          tags: ['chatbots'],
          summary: "The key this workspace's chatbot webhooks are signed with (X-Parley-Signature)",
          response: { 200: z.object({ key: z.string() }), ...writeErrors },
        },
      },
      async (request) => ({ key: webhookSigningKey(ctx.secret, agentOf(request).workspace_id) }),
    );

    app.delete(
      '/chatbots/:id',
      {
        ...editor,
        schema: {
          tags: ['chatbots'],
          summary: 'Delete the chatbot and all its versions',
          params: IdParamsSchema,
          response: { 204: z.null(), ...writeErrors },
        },
      },
      async (request, reply) => {
        await ctx.chatbots.delete(agentOf(request).workspace_id, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
