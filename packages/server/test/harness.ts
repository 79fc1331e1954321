/**
 * Test harness: starts real Parley servers on real databases (SQLite always,
 * PostgreSQL and Redis when they answer) and speaks the protocol like a client.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import WebSocket from 'ws';
import type { ServerFrame, WidgetSession } from '@parley/core';
import { createParley, loadConfig, type Parley } from '../src/index.js';
import { hashPassword } from '../src/auth/password.js';
import { newId } from '../src/ids.js';
import { insertAgent, insertWorkspace } from '../src/storage/repositories/workspace-repository.js';

export const DEMO_PASSWORD = 'test-password-1';
export const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function answers(url: string, defaultPort: number): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || defaultPort) });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export const hasPostgres = await answers(PG_URL, 5432);
export const hasRedis = await answers(REDIS_URL, 6379);
if (process.env.CI && (!hasPostgres || !hasRedis)) {
  throw new Error('CI must run the PostgreSQL and Redis suites, but they do not answer');
}

export type Engine = 'sqlite' | 'postgres';
/** The engines the storage suites run on. */
export const engines: Engine[] = hasPostgres ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestServerOptions {
  engine: Engine;
  /** Share a database between several servers (multi-node tests) or across restarts. */
  dataDir?: string;
  pgSchema?: string;
  redis?: boolean;
  env?: Record<string, string>;
}

/** The server's clock: real time plus whatever `advance` added (for timeouts, without sleeping). */
export interface MovableClock {
  now(): number;
  advance(ms: number): void;
}

function movableClock(): MovableClock {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => (offset += ms) };
}

export interface TestServer {
  parley: Parley;
  url: string;
  dataDir: string;
  pgSchema: string;
  websiteKey: string;
  clock: MovableClock;
  close(): Promise<void>;
}

export function uniqueSchema(): string {
  return `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function startServer(options: TestServerOptions): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'parley-test-'));
  const pgSchema = options.pgSchema ?? uniqueSchema();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_DEMO_PASSWORD: DEMO_PASSWORD,
    PARLEY_VISITOR_MESSAGES_PER_SECOND: '1000',
    PARLEY_VISITOR_MESSAGE_BURST: '1000',
    LOG_LEVEL: 'silent',
    ...(options.engine === 'postgres' ? { DATABASE_URL: PG_URL } : {}),
    ...(options.redis ? { REDIS_URL } : {}),
    ...options.env,
  });
  const clock = movableClock();
  const parley = await createParley({ config, pgSchema, logger: false, clock });
  const url = await parley.listen();
  const websiteKey = parley.demo?.websiteKey;
  if (!websiteKey) throw new Error('demo workspace missing');
  return { parley, url, dataDir, pgSchema, websiteKey, clock, close: () => parley.close() };
}

export async function api<T = any>(
  server: { url: string },
  method: string,
  path: string,
  options: { body?: unknown; cookie?: string; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(server.url + path, {
    method,
    headers: {
      ...(options.body !== undefined || options.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

export async function login(server: { url: string }, email = 'owner@demo.parley.test', password = DEMO_PASSWORD): Promise<string> {
  const res = await api(server, 'POST', '/api/v1/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

export async function visitorSession(
  server: { url: string; websiteKey: string },
  options: { visitorId?: string; origin?: string; url?: string } = {},
) {
  const res = await api(server, 'POST', '/api/v1/widget/session', {
    headers: { origin: options.origin ?? 'https://shop.example' },
    body: {
      websiteKey: server.websiteKey,
      ...(options.visitorId ? { visitorId: options.visitorId } : {}),
      language: 'en-GB',
      page: { url: options.url ?? 'https://shop.example/pricing', title: 'Pricing', referrer: 'https://search.example/' },
    },
  });
  if (res.status !== 200) throw new Error(`session failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as WidgetSession;
}

/** A protocol client that records every frame and can wait for one. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  /** Frames not yet returned by next(). */
  readonly #unclaimed: ServerFrame[] = [];
  readonly #waiters: { predicate: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  closed: Promise<{ code: number }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      // The protocol is JSON in text frames; a browser would get a Blob from a binary one.
      if (isBinary) throw new Error(`the server sent a binary frame: ${data.toString().slice(0, 80)}`);
      const frame = JSON.parse(data.toString()) as ServerFrame;
      this.frames.push(frame);
      const waiter = this.#waiters.find((w) => w.predicate(frame));
      if (waiter) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      } else {
        this.#unclaimed.push(frame);
      }
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve({ code })));
  }

  static open(url: string, options: WebSocket.ClientOptions = {}): Promise<TestSocket> {
    const ws = new WebSocket(url, options);
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      // Resolve after hello, so callers start from a connected, registered socket.
      socket.next((f) => f.type === 'presence').then(() => resolve(socket), reject);
    });
  }

  static visitor(server: { url: string }, token: string, origin = 'https://shop.example') {
    return TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor?token=${encodeURIComponent(token)}`, { origin });
  }

  static agent(server: { url: string }, cookie: string) {
    return TestSocket.open(`${server.url.replace('http', 'ws')}/ws/agent`, { headers: { cookie } });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The earliest matching frame not yet returned by next(), waiting for it if needed. */
  next<T extends ServerFrame['type']>(
    predicate: ServerFrame['type'] | ((f: ServerFrame) => boolean),
    timeoutMs = 5000,
  ): Promise<Extract<ServerFrame, { type: T }>> {
    const test = typeof predicate === 'string' ? (f: ServerFrame) => f.type === predicate : predicate;
    const index = this.#unclaimed.findIndex(test);
    if (index >= 0) return Promise.resolve(this.#unclaimed.splice(index, 1)[0] as Extract<ServerFrame, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.#waiters.push({
        predicate: test,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f as Extract<ServerFrame, { type: T }>);
        },
      });
    });
  }

  /** Frames of a type received so far. */
  all<T extends ServerFrame['type']>(type: T): Extract<ServerFrame, { type: T }>[] {
    return this.frames.filter((f) => f.type === type) as Extract<ServerFrame, { type: T }>[];
  }

  async sendMessage(text: string, clientId: string, conversationId?: string) {
    this.send({ type: 'message.send', clientId, text, ...(conversationId ? { conversationId } : {}) });
    return this.next<'message.ack'>((f) => (f.type === 'message.ack' && f.clientId === clientId) || (f.type === 'error' && f.ref === clientId));
  }

  close(): Promise<{ code: number }> {
    this.ws.close();
    return this.closed;
  }
}

/**
 * Creates an agent directly in the database — in the demo workspace, or in a new
 * workspace of its own — and signs it in; returns its session cookie.
 */
export async function signInNewAgent(
  server: TestServer,
  options: { email: string; password: string; role?: 'owner' | 'admin' | 'agent'; newWorkspace?: boolean; defaultLanguage?: string },
): Promise<string> {
  const db = server.parley.storage.db;
  const now = Date.now();
  let workspaceId: string;
  if (options.newWorkspace) {
    workspaceId = newId();
    await insertWorkspace(db, { id: workspaceId, name: 'Other', timezone: 'UTC', default_language: options.defaultLanguage ?? 'en', created_at: now, office_hours: null });
  } else {
    workspaceId = (await db.selectFrom('workspaces').select('id').orderBy('created_at').executeTakeFirstOrThrow()).id;
  }
  await insertAgent(db, {
    id: newId(),
    workspace_id: workspaceId,
    email: options.email,
    name: options.role === 'agent' ? 'Plain Agent' : 'Other Owner',
    role: options.role ?? 'owner',
    password_hash: await hashPassword(options.password),
    created_at: now,
  });
  return login(server, options.email, options.password);
}
