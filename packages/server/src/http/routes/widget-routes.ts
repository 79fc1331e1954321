import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WidgetSessionRequestSchema, WidgetSessionSchema } from '@parley/core';
import type { AppContext } from '../app-context.js';
import { ErrorResponseSchema } from '../schemas.js';



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
          body: WidgetSessionRequestSchema,
          response: { 200: WidgetSessionSchema, 400: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 429: ErrorResponseSchema },
        },
      },
      async (request) =>
        ctx.widgetSessions.start({
          websiteKey: request.body.websiteKey,
          visitorId: request.body.visitorId,
          language: request.body.language,
          languages: request.body.languages,
          page: request.body.page,
          origin: request.headers.origin,
          userAgent: request.headers['user-agent'],
        }),
    );
  };
}
