import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { newToken } from '../ids.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { AgentRow, Database } from '../storage/schema.js';
import {
  deleteSession,
  extendSession,
  findAgentByEmail,
  findSessionAgent,
  insertSession,
} from '../storage/repositories/agent-repository.js';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Sessions are extended when used and less than this remains. */
const SESSION_RENEW_BELOW_MS = SESSION_TTL_MS - 24 * 60 * 60 * 1000;

const sessionId = (token: string) => createHash('sha256').update(token).digest('base64url');

// A fixed hash to compare against when the email is unknown, so timing does not reveal which emails exist.
const decoyHash = hashPassword('decoy-password-for-unknown-emails');

/** Agents' sign-in and cookie sessions. */
export class AuthService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Returns the agent and a new session token, or null for wrong credentials. */
  async login(email: string, password: string): Promise<{ agent: AgentRow; token: string; expiresAt: number } | null> {
    const agent = await findAgentByEmail(this.db, email);
    const ok = await verifyPassword(password, agent?.password_hash ?? (await decoyHash));
    if (!agent || !ok) return null;
    const token = newToken(32);
    const now = this.clock.now();
    const expiresAt = now + SESSION_TTL_MS;
    await insertSession(this.db, { id: sessionId(token), agent_id: agent.id, workspace_id: agent.workspace_id, created_at: now, expires_at: expiresAt });
    return { agent, token, expiresAt };
  }

  /** The agent a session token belongs to, sliding its expiry forward. */
  async authenticate(token: string | undefined): Promise<AgentRow | null> {
    if (!token || token.length > 200) return null;
    const id = sessionId(token);
    const now = this.clock.now();
    const agent = await findSessionAgent(this.db, id, now);
    if (!agent) return null;
    return agent;
  }

  async renew(token: string): Promise<void> {
    const now = this.clock.now();
    const row = await this.db.selectFrom('sessions').select('expires_at').where('id', '=', sessionId(token)).executeTakeFirst();
    if (row && row.expires_at - now < SESSION_RENEW_BELOW_MS) await extendSession(this.db, sessionId(token), now + SESSION_TTL_MS);
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await deleteSession(this.db, sessionId(token));
  }
}
