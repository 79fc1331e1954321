import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './app-context.js';
import { registerErrorHandler } from './error-handler.js';
import { authRoutes } from './routes/auth-routes.js';
import { chatbotRoutes } from './routes/chatbot-routes.js';
import { workspaceRoutes } from './routes/workspace-routes.js';
import { statisticsRoutes } from './routes/statistics-routes.js';
import { billingRoutes } from './routes/billing-routes.js';
import { conversationRoutes } from './routes/conversation-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { staticRoutes } from './routes/static-routes.js';
import { widgetRoutes } from './routes/widget-routes.js';

export interface BuildAppOptions {
  logger: boolean | { level: string };
  demoWebsiteKey: () => Promise<string | null>;
}

/** The HTTP application: REST API, OpenAPI docs, static bundles, health and metrics. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: 64 * 1024,
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: { code: 'rate_limited', message: `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s` },
    }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley API',
        version: '1',
        description: 'Live chat and chatbots. Agents authenticate with the session cookie from POST /api/v1/auth/login.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'parley_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.decorateRequest('agent', null);
  await app.register(
    async (api) => {
      await api.register(authRoutes(ctx));
      await api.register(widgetRoutes(ctx));
      await api.register(conversationRoutes(ctx));
      await api.register(chatbotRoutes(ctx));
      await api.register(workspaceRoutes(ctx));
      await api.register(statisticsRoutes(ctx));
      await api.register(billingRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );
  await healthRoutes(app, ctx);
  await staticRoutes(app, ctx, options.demoWebsiteKey);
  return app;
}
