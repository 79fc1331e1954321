import type { FastifyReply, FastifyRequest } from 'fastify';
import { ParleyError } from '../errors.js';
import type { AuthService } from '../services/auth-service.js';
import type { AgentRow } from '../storage/schema.js';

export const SESSION_COOKIE = 'parley_session';

declare module 'fastify' {
  interface FastifyRequest {
    agent: AgentRow | null;
  }
}

/** A preHandler that admits only signed-in agents and puts them on request.agent. */
export function requireAgent(auth: AuthService) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = request.cookies[SESSION_COOKIE];
    const agent = await auth.authenticate(token);
    if (!agent) throw new ParleyError('unauthorized', 'Sign in first');
    request.agent = agent;
    if (token) await auth.renew(token);
  };
}

/** The signed-in agent of a request that went through requireAgent. */
export function agentOf(request: FastifyRequest): AgentRow {
  if (!request.agent) throw new ParleyError('unauthorized', 'Sign in first');
  return request.agent;
}
