import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PageViewSchema } from '@parley/core';
import type { AppContext } from '../app-context.js';
import { ErrorResponseSchema } from '../schemas.js';

const WidgetSessionSchema = z.object({
  visitorId: z.string(),
  token: z.string(),
  expiresAt: z.string(),
  conversation: z.object({ id: z.string(), status: z.enum(['open', 'closed']), lastSeq: z.number().int() }).nullable(),
  website: z.object({ name: z.string(), color: z.string(), position: z.enum(['right', 'left']), greeting: z.string() }),
  agentsOnline: z.boolean(),
});

/** Public endpoints called by the widget from the business's website (CORS, rate-limited). */
export function widgetRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // The widget runs on other origins; answer CORS for exactly the requesting origin.
    // Whether that origin may use a key is decided per website key in the handler.
    app.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      if (origin) {
        reply.header('Access-Control-Allow-Origin', origin);
        reply.header('Vary', 'Origin');
      }
      if (request.method === 'OPTIONS') {
        reply.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
        reply.header('Access-Control-Allow-Headers', 'Content-Type');
        reply.header('Access-Control-Max-Age', '600');
        return reply.code(204).send();
      }
    });
    app.options('/widget/session', async () => undefined);

    app.post(
      '/widget/session',
      {
        config: { rateLimit: { max: ctx.config.widgetSessionsPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['widget'],
          summary: 'Start a widget session on a page load; returns a signed visitor token',
          body: z.object({
            websiteKey: z.string().min(1, 'websiteKey is required').max(100),
            visitorId: z.string().min(1).max(64).optional(),
            language: z.string().max(35).optional(),
            page: PageViewSchema,
            screen: z.object({ width: z.number().int().min(0).max(100000), height: z.number().int().min(0).max(100000) }).optional(),
          }),
          response: { 200: WidgetSessionSchema, 400: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 429: ErrorResponseSchema },
        },
      },
      async (request) =>
        ctx.widgetSessions.start({
          websiteKey: request.body.websiteKey,
          visitorId: request.body.visitorId,
          language: request.body.language,
          page: request.body.page,
          origin: request.headers.origin,
          userAgent: request.headers['user-agent'],
        }),
    );
  };
}
