import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { MemoryEventBus } from './events/memory-event-bus.js';
import type { EventBus } from './events/parley-event.js';
import { RedisEventBus } from './events/redis-event-bus.js';
import { buildApp } from './http/app.js';
import type { AppContext } from './http/app-context.js';
import { SESSION_COOKIE } from './http/agent-auth.js';
import { createMetrics } from './http/metrics.js';
import { newId } from './ids.js';
import { Gateway } from './realtime/gateway.js';
import { ensureDemoWorkspace, DEMO_WEBSITE_KEY_SETTING, type DemoSeed } from './seed/demo-workspace.js';
import { AuthService } from './services/auth-service.js';
import { ChatbotService } from './services/chatbot-service.js';
import { ConversationService } from './services/conversation-service.js';
import { HEARTBEAT_MS, PresenceService } from './services/presence-service.js';
import { WidgetSessionService } from './services/widget-session-service.js';
import { openStorage, type Storage } from './storage/database.js';
import { migrateToLatest } from './storage/migrate.js';
import { SqliteHotPath } from './storage/sqlite-hot-path.js';
import { getOrCreateSetting } from './storage/repositories/settings-repository.js';
import { ChatbotRuntime } from './chatbots/chatbot-runtime.js';
import { TimerPoller } from './chatbots/timer-poller.js';
import { StatisticsProjector } from './statistics/statistics-projector.js';
import { StatisticsService } from './statistics/statistics-service.js';
import { Metering } from './billing/metering.js';
import { BillingService } from './billing/billing-service.js';
import { InvoiceRecordingProvider } from './billing/payment-provider.js';
import { RenewalScheduler } from './billing/renewal-scheduler.js';
import { loadCatalogueFile, storeCatalogues } from './billing/catalogue-store.js';
import { WebhookClient } from './chatbots/webhook-client.js';
import { TargetingService } from './services/targeting-service.js';

/** The most a chatbot webhook may answer; a larger answer takes the failure path. */
const WEBHOOK_RESPONSE_MAX_BYTES = 64 * 1024;

export interface ParleyOptions {
  config: Config;
  clock?: Clock;
  /** PostgreSQL schema (tests use one per run). */
  pgSchema?: string;
  /** SQLite file name in the data dir (tests may use ':memory:'). */
  sqliteFile?: string;
  logger?: boolean | { level: string };
}

export interface Parley {
  app: FastifyInstance;
  ctx: AppContext;
  gateway: Gateway;
  storage: Storage;
  demo: DemoSeed | null;
  /** Fires due chatbot timers; tests call `poll()` after moving the clock. */
  timers: TimerPoller;
  /** Keeps the statistics aggregates; tests call `poll()` / `sweepInactive()`. */
  statistics: StatisticsProjector;
  /** Renews packages and lapses disabled ones; tests call `tick()` after moving the clock. */
  renewals: RenewalScheduler;
  /** Starts listening; resolves with the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** The composition root: storage, events, services, HTTP and WebSocket, wired together. */
export async function createParley(options: ParleyOptions): Promise<Parley> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const storage = await openStorage({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pgSchema: options.pgSchema,
    ...(options.sqliteFile ? { sqliteFile: options.sqliteFile } : {}),
  });
  let bus: EventBus | undefined;
  try {
    await migrateToLatest(storage.db, storage.dialect === 'postgres' ? options.pgSchema : undefined);
    const secret = config.secret ?? (await getOrCreateSetting(storage.db, 'signing_secret', () => randomBytes(32).toString('base64url')));
    bus = config.redisUrl ? await RedisEventBus.connect(config.redisUrl) : new MemoryEventBus();
    const demo = config.demo ? await ensureDemoWorkspace(storage.db, { password: config.demoPassword, now: clock.now() }) : null;

    const nodeId = newId();
    const metrics = createMetrics();
    const presence = new PresenceService(storage.db, bus, clock, nodeId);
    const conversations = new ConversationService(storage.db, bus, clock, storage.sqlite ? new SqliteHotPath(storage.sqlite, storage.db) : null);
    // The runtime logs through the app's logger, which exists only once the app is built.
    let appLog: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void } | null = null;
    const targeting = new TargetingService(storage.db, clock, presence);
    // The operator's plan and package catalogue (docs/billing.md), stored for every node.
    if (config.plansFile) await storeCatalogues(storage.db, await loadCatalogueFile(config.plansFile));
    const metering = new Metering(storage.db, clock);
    const payments = new InvoiceRecordingProvider();
    const runtime = new ChatbotRuntime({
      db: storage.db,
      dialect: storage.dialect,
      sqlite: storage.sqlite,
      bus,
      clock,
      presence,
      targeting,
      metering,
      webhooks: new WebhookClient({ timeoutMs: config.webhookTimeoutMs, maxResponseBytes: WEBHOOK_RESPONSE_MAX_BYTES, secret }),
      options: { handoverOfferMs: config.handoverOfferSeconds * 1000, webhookTimeoutMs: config.webhookTimeoutMs },
      log: { warn: (obj, msg) => appLog?.warn(obj, msg), error: (obj, msg) => appLog?.error(obj, msg) },
    });
    conversations.useChatbots(runtime);
    const ctx: AppContext = {
      config,
      db: storage.db,
      dialect: storage.dialect,
      bus,
      clock,
      secret,
      nodeId,
      auth: new AuthService(storage.db, clock),
      conversations,
      chatbots: new ChatbotService(storage.db, clock),
      runtime,
      targeting,
      presence,
      statistics: new StatisticsService(storage.db),
      billing: new BillingService(storage.db, storage.dialect, clock, metering, payments),
      widgetSessions: new WidgetSessionService(storage.db, clock, secret, presence, runtime, targeting),
      metrics,
    };
    const demoWebsiteKey = async () => {
      if (!config.demo) return null;
      const row = await storage.db.selectFrom('instance_settings').select('value').where('key', '=', DEMO_WEBSITE_KEY_SETTING).executeTakeFirst();
      return row?.value ?? null;
    };
    const app = await buildApp(ctx, { logger: options.logger ?? { level: config.logLevel }, demoWebsiteKey });
    appLog = app.log;
    const timers = new TimerPoller(storage.db, clock, runtime, nodeId, config.timerPollMs, app.log);
    timers.start();
    const statistics = new StatisticsProjector({
      db: storage.db,
      dialect: storage.dialect,
      clock,
      conversationInactive: (workspaceId, conversationId, activityAt, endedAt) => runtime.conversationInactive(workspaceId, conversationId, activityAt, endedAt),
      log: app.log,
      intervalMs: config.statsIntervalMs,
      sweepMs: config.statsSweepMs,
    });
    statistics.start();
    const renewals = new RenewalScheduler({ db: storage.db, dialect: storage.dialect, clock, metering, payments, log: app.log, intervalMs: config.billingPollMs });
    renewals.start();
    const gateway = new Gateway({
      db: storage.db,
      bus,
      clock,
      secret,
      auth: ctx.auth,
      conversations: ctx.conversations,
      chatbots: runtime,
      presence,
      widgetSessions: ctx.widgetSessions,
      metrics,
      sessionCookieName: SESSION_COOKIE,
      publicUrl: config.publicUrl,
      visitorMessagesPerSecond: config.visitorMessagesPerSecond,
      visitorMessageBurst: config.visitorMessageBurst,
      log: app.log,
    });
    app.server.on('upgrade', (request, socket, head) => {
      if (!gateway.handleUpgrade(request, socket, head)) socket.destroy();
    });
    const heartbeat = setInterval(() => {
      presence.heartbeat().catch((error: unknown) => app.log.warn({ err: error }, 'presence heartbeat failed'));
    }, HEARTBEAT_MS);
    heartbeat.unref();

    const activeBus = bus;
    let closed = false;
    return {
      app,
      ctx,
      gateway,
      storage,
      demo,
      timers,
      statistics,
      renewals,
      async listen() {
        await app.listen({ port: config.port, host: config.host });
        const address = app.server.address() as AddressInfo;
        return `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${address.port}`;
      },
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        await timers.stop();
        await statistics.stop();
        await renewals.stop();
        await gateway.close();
        await presence.shutdown().catch(() => undefined);
        await app.close();
        await activeBus.close();
        await storage.close();
      },
    };
  } catch (error) {
    await bus?.close().catch(() => undefined);
    await storage.close().catch(() => undefined);
    throw error;
  }
}
