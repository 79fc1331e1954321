import type { FastifyReply, FastifyRequest } from 'fastify';
import { ParleyError } from '../errors.js';
import type { Config } from '../config.js';
import type { AuthService } from '../services/auth-service.js';
import type { AgentRow } from '../storage/schema.js';

export const SESSION_COOKIE = 'parley_session';

declare module 'fastify' {
  interface FastifyRequest {
    agent: AgentRow | null;
  }
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure over HTTPS (or as configured). */
export function setSessionCookie(reply: FastifyReply, cookieSecure: Config['cookieSecure'], token: string, expiresAt: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure === 'auto' ? reply.request.protocol === 'https' : cookieSecure,
    expires: new Date(expiresAt),
  });
}

/** A preHandler that admits only signed-in agents and puts them on request.agent; a renewed session gets a fresh cookie. */
export function requireAgent(auth: AuthService, cookieSecure: Config['cookieSecure']) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = request.cookies[SESSION_COOKIE];
    const session = await auth.authenticate(token);
    if (!session || !token) throw new ParleyError('unauthorized', 'Sign in first');
    request.agent = session.agent;
    if (session.renewedUntil !== null) setSessionCookie(reply, cookieSecure, token, session.renewedUntil);
  };
}

/** The signed-in agent of a request that went through requireAgent. */
export function agentOf(request: FastifyRequest): AgentRow {
  if (!request.agent) throw new ParleyError('unauthorized', 'Sign in first');
  return request.agent;
}
