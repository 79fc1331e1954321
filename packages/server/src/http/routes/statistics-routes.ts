import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConversationSchema, InsightsQuerySchema, InsightsResponseSchema, StatisticsQuerySchema, StatisticsResponseSchema } from '@parley/core';
import { agentOf, requireAgent } from '../agent-auth.js';
import type { AppContext } from '../app-context.js';
import { errorResponses, ErrorResponseSchema, IdParamsSchema } from '../schemas.js';

/** Statistics and insights (docs/statistics.md): any agent of the workspace may read them. */
export function statisticsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preValidation', requireAgent(ctx.auth, ctx.config.cookieSecure));

    app.get(
      '/statistics',
      {
        schema: {
          tags: ['statistics'],
          summary: 'Conversations, chatbot conversations, Resolved by chatbot, Escalated to human: totals, rates and a daily series',
          description:
            'Days are calendar days in the workspace time zone. Outcome rates divide by the conversations in which a chatbot was shown (`chatbotShown`). Figures follow the records within about a second.',
          querystring: StatisticsQuerySchema,
          response: { 200: StatisticsResponseSchema, ...errorResponses },
        },
      },
      async (request) => ctx.statistics.statistics(agentOf(request).workspace_id, request.query),
    );

    app.get(
      '/chatbots/:id/insights',
      {
        schema: {
          tags: ['statistics'],
          summary: 'How visitors move through a chatbot: per version and language, per node, button and path',
          params: IdParamsSchema,
          querystring: InsightsQuerySchema,
          response: { 200: InsightsResponseSchema, ...errorResponses },
        },
      },
      async (request) => ctx.statistics.insights(agentOf(request).workspace_id, request.params.id, request.query),
    );

    app.post(
      '/conversations/:id/chatbot',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Hand the conversation to a chatbot: it joins now, or finishes the conversation (closing it when its flow ends)',
          params: IdParamsSchema,
          body: z.object({
            chatbotId: z.string().min(1).max(64),
            role: z.enum(['joined', 'finished']).default('joined').describe('joined: the chatbot takes over now; finished: a closing flow (e.g. a rating), the conversation closes at its end'),
          }),
          response: { 200: z.object({ conversation: ConversationSchema }), ...errorResponses, 409: ErrorResponseSchema, 422: ErrorResponseSchema },
        },
      },
      async (request) => ({
        conversation: await ctx.runtime.join(agentOf(request).workspace_id, request.params.id, request.body.chatbotId, request.body.role),
      }),
    );
  };
}
