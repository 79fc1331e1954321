// Starts the servers under test, each in its own child process:
// Parley (built server, SQLite in a temp dir) and the bare `ws` relay.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from './child.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
export const DEMO_PASSWORD = 'bench-password-1234';

/** Parley's bench configuration: the rate limits a real deployment keeps are lifted for load generation. */
export function parleyEnv(dataDir, serverModule) {
  return {
    PARLEY_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_DEMO: 'true',
    PARLEY_DEMO_PASSWORD: DEMO_PASSWORD,
    PARLEY_VISITOR_MESSAGES_PER_SECOND: '1000000',
    PARLEY_VISITOR_MESSAGE_BURST: '1000000',
    PARLEY_WIDGET_SESSIONS_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...(serverModule ? { BENCH_SERVER_MODULE: serverModule } : {}),
  };
}

async function login(url, email, password) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login failed: HTTP ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('parley_session='));
  if (!cookie) throw new Error('login answered without a parley_session cookie');
  return cookie;
}

export async function startParley({ execArgv = [], serverModule } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-bench-'));
  const child = await startChild(join(here, 'parley-server.mjs'), { env: parleyEnv(dataDir, serverModule), execArgv, label: 'parley server' });
  const { url, websiteKey, email } = child.info;
  if (!websiteKey || !email) throw new Error('Parley started without the demo workspace (PARLEY_DEMO must be true on a fresh data dir)');
  const cookie = await login(url, email, DEMO_PASSWORD);
  return {
    kind: 'parley',
    label: 'Parley (SQLite)',
    url,
    websiteKey,
    cookie,
    child,
    async stop() {
      await child.stop();
      // BENCH_KEEP_DATA=1 keeps the server's data dir (to examine the database after a run).
      if (process.env.BENCH_KEEP_DATA) console.log(`  (kept ${dataDir})`);
      else await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startBareRelay({ execArgv = [] } = {}) {
  const child = await startChild(join(here, 'bare-relay.mjs'), { execArgv, label: 'bare relay' });
  return {
    kind: 'bare',
    label: 'bare ws relay',
    url: child.info.url,
    websiteKey: null,
    cookie: null,
    child,
    stop: () => child.stop(),
  };
}

/** What a client worker needs to know about a target (plain data over IPC). */
export function targetInfo(target) {
  return { kind: target.kind, url: target.url, websiteKey: target.websiteKey, cookie: target.cookie };
}
