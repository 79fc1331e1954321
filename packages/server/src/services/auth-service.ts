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

  /**
   * The agent a session token belongs to. A session used when less than
   * SESSION_RENEW_BELOW_MS remains slides forward; `renewedUntil` then tells the
   * caller to refresh the cookie's expiry too.
   */
  async authenticate(token: string | undefined): Promise<{ agent: AgentRow; renewedUntil: number | null } | null> {
    if (!token || token.length > 200) return null;
    const id = sessionId(token);
    const now = this.clock.now();
    const found = await findSessionAgent(this.db, id, now);
    if (!found) return null;
    const { session_expires_at: expiresAt, ...agent } = found;
    if (expiresAt - now >= SESSION_RENEW_BELOW_MS) return { agent, renewedUntil: null };
    const renewedUntil = now + SESSION_TTL_MS;
    await extendSession(this.db, id, renewedUntil);
    return { agent, renewedUntil };
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await deleteSession(this.db, sessionId(token));
  }
}
