import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ParleyError } from '../../errors.js';
import { findWorkspace } from '../../storage/repositories/workspace-repository.js';
import type { AgentRow } from '../../storage/schema.js';
import { SESSION_COOKIE, agentOf, requireAgent, setSessionCookie } from '../agent-auth.js';
import type { AppContext } from '../app-context.js';
import { AgentPublicSchema, ErrorResponseSchema, WorkspacePublicSchema } from '../schemas.js';

const MeSchema = z.object({ agent: AgentPublicSchema, workspace: WorkspacePublicSchema });

export const agentPublic = (a: AgentRow) => ({ id: a.id, name: a.name, email: a.email, role: a.role });

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const me = async (agent: AgentRow) => {
      const workspace = await findWorkspace(ctx.db, agent.workspace_id);
      if (!workspace) throw new ParleyError('unauthorized', 'Sign in first');
      return { agent: agentPublic(agent), workspace: { id: workspace.id, name: workspace.name, timezone: workspace.timezone } };
    };

    app.post(
      '/auth/login',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in as an agent; sets the session cookie',
          body: z.object({ email: z.string().trim().min(1, 'Email is required').max(320), password: z.string().min(1, 'Password is required').max(1000) }),
          response: { 200: MeSchema, 400: ErrorResponseSchema, 401: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const result = await ctx.auth.login(request.body.email, request.body.password);
        if (!result) throw new ParleyError('unauthorized', 'Wrong email or password');
        setSessionCookie(reply, ctx.config.cookieSecure, result.token, result.expiresAt);
        return me(result.agent);
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } } },
      async (request, reply) => {
        await ctx.auth.logout(request.cookies[SESSION_COOKIE]);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      {
        preHandler: requireAgent(ctx.auth, ctx.config.cookieSecure),
        schema: { tags: ['auth'], summary: 'The signed-in agent and workspace', response: { 200: MeSchema, 401: ErrorResponseSchema } },
      },
      async (request) => me(agentOf(request)),
    );
  };
}
