import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  WidgetSessionRequestSchema,
  WidgetSessionSchema,
  WidgetTriggerRequestSchema,
  WidgetTriggerResponseSchema,
  WidgetVisitorUpdateSchema,
} from '@parley/core';
import { verifyVisitorToken } from '../../auth/visitor-token.js';
import { ParleyError } from '../../errors.js';
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
    app.options('/widget/trigger', async () => undefined);
    app.options('/widget/visitor', async () => undefined);

    /** The visitor behind a token, used from an origin its website allows. */
    async function visitorOf(token: string, origin: string | undefined) {
      const claims = verifyVisitorToken(ctx.secret, token, ctx.clock.now());
      if (!claims) throw new ParleyError('unauthorized', 'The visitor token is invalid or expired; start a new session');
      const website = await ctx.db.selectFrom('websites').select(['public_key']).where('id', '=', claims.websiteId).executeTakeFirst();
      if (!website) throw new ParleyError('unauthorized', 'The visitor token is invalid or expired; start a new session');
      await ctx.widgetSessions.authorizeWebsite(website.public_key, origin);
      return claims;
    }

    app.post(
      '/widget/trigger',
      {
        config: { rateLimit: { max: ctx.config.widgetSessionsPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['widget'],
          summary: 'A targeting trigger fired in the page; the server evaluates and maybe starts the chatbot (docs/targeting.md)',
          body: WidgetTriggerRequestSchema,
          response: { 200: WidgetTriggerResponseSchema, 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 429: ErrorResponseSchema },
        },
      },
      async (request) => {
        const claims = await visitorOf(request.body.token, request.headers.origin);
        const t = request.body.trigger;
        return ctx.runtime.trigger(
          { workspaceId: claims.workspaceId, websiteId: claims.websiteId, visitorId: claims.visitorId },
          {
            kind: t.kind,
            ...(t.kind === 'custom_event' ? { name: t.name } : {}),
            ...(t.kind === 'scroll' ? { scrollPercent: t.scrollPercent } : {}),
            ...(t.kind === 'time_on_page' ? { secondsOnPage: t.secondsOnPage } : {}),
          },
          { url: request.body.page.url, title: request.body.page.title },
        );
      },
    );

    app.post(
      '/widget/visitor',
      {
        config: { rateLimit: { max: ctx.config.widgetSessionsPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['widget'],
          summary: "The website's script changed the visitor's language, variables or group",
          body: WidgetVisitorUpdateSchema,
          response: { 204: z.null(), 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 429: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const claims = await visitorOf(request.body.token, request.headers.origin);
        await ctx.widgetSessions.updateVisitor(claims, { language: request.body.language, variables: request.body.variables, group: request.body.group });
        return reply.code(204).send(null);
      },
    );

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
          variables: request.body.variables,
          group: request.body.group,
          ip: request.ip,
          page: request.body.page,
          origin: request.headers.origin,
          userAgent: request.headers['user-agent'],
        }),
    );
  };
}
