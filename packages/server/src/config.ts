import { resolve } from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  PARLEY_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  PARLEY_PG_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case PostgreSQL schema name').optional(),
  PARLEY_SECRET: z.string().min(32, 'PARLEY_SECRET must be at least 32 characters').optional(),
  PARLEY_DEMO: z.enum(['true', 'false']).default('true'),
  PARLEY_DEMO_PASSWORD: z.string().min(8).optional(),
  PARLEY_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  PARLEY_VISITOR_MESSAGES_PER_SECOND: z.coerce.number().positive().default(5),
  PARLEY_VISITOR_MESSAGE_BURST: z.coerce.number().positive().default(20),
  PARLEY_WIDGET_SESSIONS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  PARLEY_HANDOVER_OFFER_SECONDS: z.coerce.number().positive().max(86_400).default(45),
  PARLEY_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  PARLEY_TIMER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  PARLEY_STATS_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  PARLEY_PLANS_FILE: z.string().optional(),
  PARLEY_BILLING_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  PARLEY_STATS_SWEEP_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** The PostgreSQL schema to use (created if missing); the connection's default otherwise. */
  pgSchema: string | undefined;
  secret: string | undefined;
  demo: boolean;
  demoPassword: string | undefined;
  cookieSecure: 'auto' | boolean;
  visitorMessagesPerSecond: number;
  visitorMessageBurst: number;
  widgetSessionsPerMinute: number;
  /** After a chatbot handover with agents online: seconds before the visitor is offered to leave an email. */
  handoverOfferSeconds: number;
  webhookTimeoutMs: number;
  /** How often each node looks for due chatbot timers. */
  timerPollMs: number;
  /** How often statistics aggregates take in what changed (docs/statistics.md). */
  statsIntervalMs: number;
  /** How often chatbot conversations past the inactivity timeout are ended. */
  statsSweepMs: number;
  /** The operator's plan and package catalogue (JSON), or the defaults. */
  plansFile: string | undefined;
  /** How often package renewals and lapses are looked for. */
  billingPollMs: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
}

/** Reads the configuration from environment variables (documented in the README). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    dataDir: resolve(e.PARLEY_DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    redisUrl: e.REDIS_URL || undefined,
    pgSchema: e.PARLEY_PG_SCHEMA,
    secret: e.PARLEY_SECRET,
    demo: e.PARLEY_DEMO === 'true',
    demoPassword: e.PARLEY_DEMO_PASSWORD,
    cookieSecure: e.PARLEY_COOKIE_SECURE === 'auto' ? 'auto' : e.PARLEY_COOKIE_SECURE === 'true',
    visitorMessagesPerSecond: e.PARLEY_VISITOR_MESSAGES_PER_SECOND,
    visitorMessageBurst: e.PARLEY_VISITOR_MESSAGE_BURST,
    widgetSessionsPerMinute: e.PARLEY_WIDGET_SESSIONS_PER_MINUTE,
    handoverOfferSeconds: e.PARLEY_HANDOVER_OFFER_SECONDS,
    webhookTimeoutMs: e.PARLEY_WEBHOOK_TIMEOUT_MS,
    timerPollMs: e.PARLEY_TIMER_POLL_MS,
    statsIntervalMs: e.PARLEY_STATS_INTERVAL_MS,
    statsSweepMs: e.PARLEY_STATS_SWEEP_MS,
    plansFile: e.PARLEY_PLANS_FILE ? resolve(e.PARLEY_PLANS_FILE) : undefined,
    billingPollMs: e.PARLEY_BILLING_POLL_MS,
    logLevel: e.LOG_LEVEL,
  };
}
