import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';

const packagesDir = fileURLToPath(new URL('../../../../', import.meta.url));
export const widgetDist = join(packagesDir, 'widget', 'dist');
export const widgetDemoDir = join(packagesDir, 'widget', 'demo');
export const dashboardDist = join(packagesDir, 'dashboard', 'dist');

const DEMO_PAGES: Record<string, string> = { '': 'index.html', pricing: 'pricing.html' };

/** The widget bundle, the dashboard (single-page app under /app) and the demo website. */
export async function staticRoutes(app: FastifyInstance, ctx: AppContext, demoWebsiteKey: () => Promise<string | null>): Promise<void> {
  await app.register(fastifyStatic, { root: dashboardDist, serve: false });

  const widgetFile = (name: string) => async (_request: unknown, reply: import('fastify').FastifyReply) => {
    if (!existsSync(join(widgetDist, name))) return reply.code(503).type('text/plain').send('The widget is not built: run npm run build');
    reply.header('Cache-Control', 'public, max-age=300');
    reply.header('Access-Control-Allow-Origin', '*');
    return reply.sendFile(name, widgetDist);
  };
  app.get('/widget.js', widgetFile('widget.js'));
  app.get('/widget/:file', async (request, reply) => {
    const file = (request.params as { file: string }).file;
    if (!/^[\w.-]+\.(js|css|map|json)$/.test(file)) return reply.code(404).send({ error: { code: 'not_found', message: 'No such widget file' } });
    return widgetFile(file)(request, reply);
  });

  const dashboard = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    if (!existsSync(join(dashboardDist, 'index.html'))) {
      return reply.code(503).type('text/plain').send('The dashboard is not built: run npm run build');
    }
    const rest = (request.params as { '*'?: string })['*'] ?? '';
    const path = normalize(rest).replace(/^(\.\.(\/|\\|$))+/, '');
    if (path && path !== '.' && existsSync(join(dashboardDist, path)) && !path.endsWith('/')) {
      if (path.startsWith('assets/')) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      return reply.sendFile(path, dashboardDist);
    }
    reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html', dashboardDist);
  };
  app.get('/app', (_request, reply) => reply.redirect('/app/'));
  app.get('/app/*', dashboard);

  const demo = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const page = DEMO_PAGES[(request.params as { page?: string }).page ?? ''];
    const key = await demoWebsiteKey();
    if (!page || !key) return reply.code(404).type('text/plain').send('No demo page here (PARLEY_DEMO=false?)');
    const html = await readFile(join(widgetDemoDir, page), 'utf8').catch(() => null);
    if (html === null) return reply.code(503).type('text/plain').send('The demo page is missing from the install');
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(html.replaceAll('__PARLEY_WEBSITE_KEY__', key));
  };
  app.get('/demo', demo);
  app.get('/demo/:page', demo);

  app.get('/', (_request, reply) => reply.redirect('/app/'));
  void ctx;
}
