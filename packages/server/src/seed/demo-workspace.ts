import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/password.js';
import { newId, newToken } from '../ids.js';
import type { Database } from '../storage/schema.js';
import { isUniqueViolation } from '../storage/unique-violation.js';
import { countWorkspaces, insertAgent, insertWebsite, insertWorkspace } from '../storage/repositories/workspace-repository.js';

export const DEMO_OWNER_EMAIL = 'owner@demo.parley.test';
export const DEMO_WEBSITE_KEY_SETTING = 'demo_website_key';

export interface DemoSeed {
  email: string;
  /** Only known when this start created the workspace. */
  password: string | null;
  websiteKey: string;
}

/**
 * On the very first start, creates the demo workspace: an owner, a website for
 * the /demo page. Later starts find it and leave it alone.
 */
export async function ensureDemoWorkspace(db: Kysely<Database>, options: { password?: string | undefined; now: number }): Promise<DemoSeed | null> {
  const existing = await db.selectFrom('instance_settings').select('value').where('key', '=', DEMO_WEBSITE_KEY_SETTING).executeTakeFirst();
  if (existing) return { email: DEMO_OWNER_EMAIL, password: null, websiteKey: existing.value };
  if ((await countWorkspaces(db)) > 0) return null;

  const password = options.password ?? newToken(9);
  const workspaceId = newId(options.now);
  const websiteKey = `pk_${newToken(12)}`;
  const passwordHash = await hashPassword(password);
  try {
    await db.transaction().execute(async (trx) => {
      // Claim the seed first: a node starting at the same instant blocks here, then fails and reads ours.
      await trx.insertInto('instance_settings').values({ key: DEMO_WEBSITE_KEY_SETTING, value: websiteKey }).execute();
      // On EXPERT (5 000 chatbot conversations a month), so demos and benchmarks are not cut short; new workspaces start on FREE.
      await insertWorkspace(trx, { id: workspaceId, name: 'Demo workspace', timezone: 'UTC', default_language: 'en', created_at: options.now, office_hours: null, plan_code: 'EXPERT' });
      await insertAgent(trx, {
        id: newId(options.now),
        workspace_id: workspaceId,
        email: DEMO_OWNER_EMAIL,
        name: 'Olivia Owner',
        role: 'owner',
        password_hash: passwordHash,
        created_at: options.now,
      });
      await insertWebsite(trx, {
        id: newId(options.now),
        workspace_id: workspaceId,
        name: 'Northwind Coffee',
        public_key: websiteKey,
        // The demo page is served by Parley itself, on whatever host it is reached by.
        allowed_origins: JSON.stringify(['*']),
        color: '#4f46e5',
        position: 'right',
        greeting: 'Hi! Questions about our coffee? We usually reply in a few minutes.',
        created_at: options.now,
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.selectFrom('instance_settings').select('value').where('key', '=', DEMO_WEBSITE_KEY_SETTING).executeTakeFirstOrThrow();
    return { email: DEMO_OWNER_EMAIL, password: null, websiteKey: winner.value };
  }
  return { email: DEMO_OWNER_EMAIL, password, websiteKey };
}
