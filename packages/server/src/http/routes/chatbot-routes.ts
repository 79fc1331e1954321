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
import { checkTargeting, OfficeHoursSchema, type TargetingFacts } from '@parley/targeting';
import { VisitorVariablesSchema } from '@parley/core';
import { utmOf } from '../../services/targeting-service.js';
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

/** The targeting is read by @parley/targeting: issues carry paths from the document's root (`body.targeting.conditions.conditions.1.value`). */
const TargetingBodySchema = z
  .unknown()
  .transform((value, ctx) => {
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: '"targeting" is required', path: [] });
      return z.NEVER;
    }
    const checked = checkTargeting(value);
    if (!checked.ok) {
      for (const issue of checked.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return checked.targeting;
  })
  .describe('A Targeting document (docs/targeting.md)');

const DebugInputSchema = z.object({
  url: z.string().min(1).max(2000),
  title: z.string().max(500).default(''),
  referrer: z.string().max(2000).default(''),
  language: z.string().max(35).nullable().default(null),
  country: z.string().max(2).nullable().default(null),
  city: z.string().max(100).nullable().default(null),
  deviceType: z.enum(['desktop', 'mobile', 'tablet', 'unknown']).default('desktop'),
  browser: z.string().max(50).nullable().default(null),
  os: z.string().max(50).nullable().default(null),
  visitCount: z.number().int().min(1).max(1_000_000).default(1),
  visitorGroup: z.string().max(64).nullable().default(null),
  variables: VisitorVariablesSchema.optional(),
  contactProperties: z.record(z.string().max(64), z.string().max(500)).optional(),
  /** ISO 8601; now when left out. */
  time: z.iso.datetime({ offset: true }).optional(),
  /** Left out: as they are now. */
  agentsOnline: z.boolean().optional(),
  /** The trigger that fires; left out or null: which chatbot could start on this page at all. */
  trigger: z
    .object({
      kind: z.enum(['time_on_page', 'scroll', 'exit_intent', 'returning_visit', 'chat_opened', 'custom_event']),
      name: z.string().max(64).optional(),
      scrollPercent: z.number().min(0).max(100).optional(),
      secondsOnPage: z.number().min(0).max(86_400).optional(),
    })
    .nullable()
    .optional(),
  shownThisVisit: z.array(z.string().max(64)).max(200).default([]),
  shownToVisitor: z.array(z.string().max(64)).max(200).default([]),
  openConversation: z.boolean().default(false),
});

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

    const TargetingAnswer = z.object({
      targeting: z.record(z.string(), z.unknown()).describe('The Targeting document: {trigger, conditions, frequency} (docs/targeting.md)'),
      priority: z.number().int(),
      warnings: z.array(z.object({ path: z.array(z.number()), code: z.string(), message: z.string() })).describe('The linter: conditions that can never match, slow regexes…'),
    });

    app.get(
      '/chatbots/:id/targeting',
      {
        schema: {
          tags: ['chatbots'],
          summary: 'Who sees the chatbot, when and where, with the linter’s warnings',
          params: IdParamsSchema,
          response: { 200: TargetingAnswer, ...errorResponses },
        },
      },
      async (request) => ctx.chatbots.getTargeting(agentOf(request).workspace_id, request.params.id),
    );

    app.put(
      '/chatbots/:id/targeting',
      {
        ...editor,
        schema: {
          tags: ['chatbots'],
          summary: 'Replace the targeting (trigger, conditions, frequency) and maybe the priority',
          params: IdParamsSchema,
          body: z.object({
            targeting: TargetingBodySchema,
            priority: z.number().int().min(-1000).max(1000).optional(),
          }),
          response: { 200: TargetingAnswer, ...writeErrors },
        },
      },
      async (request) =>
        ctx.chatbots.setTargeting(agentOf(request).workspace_id, request.params.id, { targeting: request.body.targeting, priority: request.body.priority }),
    );

    app.post(
      '/chatbots/targeting/debug',
      {
        schema: {
          tags: ['chatbots'],
          summary: 'The targeting debugger: which chatbot would start for this visitor and moment, and why each other would not',
          body: DebugInputSchema,
          response: {
            200: z.object({
              chatbotId: z.string().nullable(),
              verdicts: z.array(
                z.object({
                  chatbotId: z.string(),
                  name: z.string(),
                  outcome: z.enum(['starts', 'excluded', 'outranked']),
                  reason: z.object({ code: z.string(), message: z.string(), path: z.array(z.number()).optional() }).nullable(),
                }),
              ),
              localTime: z.string().describe('The moment in the workspace’s time zone'),
              timeZone: z.string(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const workspaceId = agentOf(request).workspace_id;
        const input = request.body;
        const workspace = await ctx.db.selectFrom('workspaces').select(['timezone', 'office_hours']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
        const now = input.time ? Date.parse(input.time) : ctx.clock.now();
        const officeHours = workspace.office_hours ? OfficeHoursSchema.safeParse(JSON.parse(workspace.office_hours)) : null;
        const agentsOnline = input.agentsOnline ?? (await ctx.presence.onlineAgentIds(workspaceId)).length > 0;
        const facts: TargetingFacts = {
          page: { url: input.url, title: input.title },
          referrer: input.referrer,
          utm: utmOf(input.url),
          language: input.language,
          country: input.country ? input.country.toUpperCase() : null,
          city: input.city,
          deviceType: input.deviceType,
          browser: input.browser,
          os: input.os,
          visitCount: input.visitCount,
          visitorGroup: input.visitorGroup,
          variables: input.variables ?? {},
          contactProperties: input.contactProperties ?? {},
          now,
          timeZone: workspace.timezone,
          officeHours: officeHours?.success ? officeHours.data : null,
          agentsOnline,
        };
        const trigger = input.trigger
          ? {
              kind: input.trigger.kind,
              ...(input.trigger.name !== undefined ? { name: input.trigger.name } : {}),
              ...(input.trigger.scrollPercent !== undefined ? { scrollPercent: input.trigger.scrollPercent } : {}),
              ...(input.trigger.secondsOnPage !== undefined ? { secondsOnPage: input.trigger.secondsOnPage } : {}),
            }
          : null;
        const decision = await ctx.targeting.debug(workspaceId, facts, trigger, {
          shownThisVisit: input.shownThisVisit,
          shownToVisitor: input.shownToVisitor,
          openConversation: input.openConversation,
        });
        const localTime = new Intl.DateTimeFormat('en-GB', { timeZone: workspace.timezone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(now));
        return { ...decision, localTime, timeZone: workspace.timezone };
      },
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
