/**
 * Plans, metering, packages and renewals through the real server and database
 * (SQLite and PostgreSQL): counting at the first interaction, the step aside at
 * the limit, chatbots not starting for new visitors while visitors can still
 * write, buying a package, auto-renewal and disabling it, renewals exactly once
 * across a restart, plan changes, roles, bad input, the ledger and its CSV, and
 * 1 000 simultaneous first interactions against 500 remaining (two server
 * processes on PostgreSQL).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { DEFAULT_PLAN_CATALOGUE } from '@parley/core';
import { api, engines, login, PG_URL, signInNewAgent, startServer, TestSocket, uniqueSchema, type TestServer } from './harness.js';
import { OWNER_EMAIL, OWNER_PASSWORD, ParleyProcess } from '../../../e2e/support/parley-process.js';

const FLOW = {
  schemaVersion: 1,
  startNodeId: 'welcome',
  defaultLanguage: 'en',
  nodes: {
    welcome: { kind: 'message', text: 'Hi! I am the shop bot.', next: 'menu' },
    menu: {
      kind: 'buttons',
      text: 'How can I help?',
      choices: [
        { id: 'pricing', label: 'Pricing', next: 'price' },
        { id: 'other', label: 'Something else', next: 'price' },
      ],
    },
    price: { kind: 'message', text: 'Plans start at 10 EUR.', next: 'bye' },
    bye: { kind: 'end' },
  },
};

/** The operator's catalogue with the demo workspace's plan (EXPERT) including `included` chatbot conversations. */
function plansFile(included: number): string {
  const plans = DEFAULT_PLAN_CATALOGUE.plans.map((p) => (p.code === 'EXPERT' ? { ...p, includedChatbotConversations: included } : p));
  const file = join(mkdtempSync(join(tmpdir(), 'parley-plans-')), 'plans.json');
  writeFileSync(file, JSON.stringify({ plans: { plans } }));
  return file;
}

describe.each(engines)('billing on %s', (engine) => {
  let server: TestServer;
  let owner: string;
  const sockets: TestSocket[] = [];

  afterEach(async () => {
    for (const s of sockets.splice(0)) await s.close().catch(() => undefined);
    await server?.close();
  });

  async function boot(included: number, env: Record<string, string> = {}) {
    server = await startServer({ engine, env: { PARLEY_PLANS_FILE: plansFile(included), PARLEY_BILLING_POLL_MS: '3600000', PARLEY_WIDGET_SESSIONS_PER_MINUTE: '100000', ...env } });
    owner = await login(server);
  }

  async function publishChatbot() {
    const created = await api(server, 'POST', '/api/v1/chatbots', { cookie: owner, body: { name: 'Shop bot' } });
    const id = created.body.chatbot.id as string;
    expect((await api(server, 'PUT', `/api/v1/chatbots/${id}/draft`, { cookie: owner, body: { draft: FLOW } })).status).toBe(200);
    expect((await api(server, 'POST', `/api/v1/chatbots/${id}/publish`, { cookie: owner })).status).toBe(201);
    expect((await api(server, 'PATCH', `/api/v1/chatbots/${id}`, { cookie: owner, body: { status: 'active' } })).status).toBe(200);
    return id;
  }

  async function visitor() {
    const res = await api(server, 'POST', '/api/v1/widget/session', {
      headers: { origin: 'https://shop.example' },
      body: { websiteKey: server.websiteKey, languages: ['en'], page: { url: 'https://shop.example/', title: 'Shop', referrer: '' } },
    });
    expect(res.status).toBe(200);
    const socket = await TestSocket.visitor(server, res.body.token);
    sockets.push(socket);
    return { session: res.body, socket };
  }

  async function atMenu() {
    const { socket } = await visitor();
    socket.send({ type: 'chatbot.open' });
    const frame = await socket.next<'conversation'>((f) => f.type === 'conversation' && (f.conversation as any).chatbot?.status === 'waiting');
    return { socket, conversationId: frame.conversation.id };
  }

  async function click(socket: TestSocket, conversationId: string) {
    const clientId = `c-${Math.random().toString(36).slice(2)}`;
    socket.send({ type: 'chatbot.choose', clientId, conversationId, nodeId: 'menu', choiceId: 'pricing' });
    await socket.next((f) => f.type === 'message.ack' && f.clientId === clientId);
  }

  async function usage() {
    const res = await api(server, 'GET', '/api/v1/billing/usage', { cookie: owner });
    expect(res.status).toBe(200);
    return res.body;
  }

  it('counts at the first interaction, steps aside at the limit, stops starting chatbots, and a package brings them back', async () => {
    await boot(2);
    await publishChatbot();
    expect(await usage()).toMatchObject({ limit: 2, used: 0, remaining: 2, warning: 'none' });
    expect((await usage()).text).toMatch(/^2 of 2 left, renews on \d{1,2} [A-Z][a-z]+$/);

    // Two visitors click: counted once each (a second click in the same conversation changes nothing).
    const a = await atMenu();
    const b = await atMenu();
    const c = await atMenu();
    expect((await usage()).used).toBe(0); // triggered chatbots count nothing
    await click(a.socket, a.conversationId);
    await click(b.socket, b.conversationId);
    expect(await usage()).toMatchObject({ used: 2, remaining: 0, warning: '100' });

    // The quota ran out between the trigger and the third visitor's first click: the chatbot steps aside.
    await click(c.socket, c.conversationId);
    await c.socket.next((f) => f.type === 'message' && f.message.text === 'Thanks! Someone from our team will reply to you here.');
    expect((await usage()).used).toBe(2);
    const inbox = (await api(server, 'GET', '/api/v1/conversations?status=all', { cookie: owner })).body.conversations as any[];
    const stepped = inbox.find((x) => x.id === c.conversationId);
    expect(stepped).toMatchObject({ labels: [], handover: { reason: 'quota_exhausted' }, chatbot: { status: 'handed_over' } });
    expect(inbox.find((x) => x.id === a.conversationId).labels).toEqual(['joined_by_chatbot']);

    // At the limit: no teaser, nothing to arm, no chatbot on opening; the visitor can still write to the team.
    const late = await visitor();
    expect(late.session).toMatchObject({ welcome: null, triggers: [] });
    late.socket.send({ type: 'chatbot.open' });
    const sent = await late.socket.sendMessage('Hello, anyone there?', 'l-1');
    expect(sent.type).toBe('message.ack');
    expect(late.socket.all('message').filter((f) => f.message.author.type === 'chatbot')).toEqual([]);

    // The owner sees the 100 % warning (and the 80 % one) and the ledger explains both counts.
    const overview = (await api(server, 'GET', '/api/v1/billing', { cookie: owner })).body;
    expect(overview.notifications.map((n: { threshold: number }) => n.threshold).sort()).toEqual([100, 80]);
    const ledger = (await api(server, 'GET', '/api/v1/billing/ledger', { cookie: owner })).body;
    expect(ledger.entries.map((e: { conversationId: string }) => e.conversationId).sort()).toEqual([a.conversationId, b.conversationId].sort());
    expect(ledger.entries[0]).toMatchObject({ interaction: 'button_chosen', nodeId: 'menu', choiceId: 'pricing', chatbotName: 'Shop bot' });
    const csv = await fetch(`${server.url}/api/v1/billing/ledger.csv`, { headers: { cookie: owner } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('counted_at,conversation_id,chatbot_id,chatbot_name,version_id,interaction,node_id,choice_id,visitor_id,period_index');
    expect(lines).toHaveLength(3);

    // Buying a package raises the limit at once: chatbots start again.
    const bought = await api(server, 'POST', '/api/v1/billing/packages', { cookie: owner, body: { offerId: 'chatbot_conversations_100', quantity: 1 } });
    expect(bought.status).toBe(201);
    expect(bought.body.record).toMatchObject({ kind: 'package_purchase', item: 'chatbot_conversations_100', amountCents: 1000 });
    expect(await usage()).toMatchObject({ limit: 102, used: 2, remaining: 100, warning: 'none' });
    const back = await visitor();
    expect(back.session.welcome).toMatchObject({ text: 'Hi! I am the shop bot.' });
    back.socket.send({ type: 'chatbot.open' });
    await back.socket.next((f) => f.type === 'message' && f.message.text === 'How can I help?');
  });

  it('renews packages every month exactly once, also across a restart, and lets a disabled one lapse', async () => {
    await boot(50);
    const first = await api(server, 'POST', '/api/v1/billing/packages', { cookie: owner, body: { offerId: 'chatbot_conversations_500', quantity: 1 } });
    const second = await api(server, 'POST', '/api/v1/billing/packages', { cookie: owner, body: { offerId: 'chatbot_conversations_100', quantity: 2 } });
    expect(await usage()).toMatchObject({ limit: 50 + 500 + 200 });
    const keepId = first.body.package.id as string;
    const dropId = second.body.package.id as string;
    // Disabled before the renewal date: still effective this period.
    const off = await api(server, 'PATCH', `/api/v1/billing/packages/${dropId}`, { cookie: owner, body: { autoRenew: false } });
    expect(off.body.package).toMatchObject({ autoRenew: false, active: true });
    expect(off.body.package.lapsesAt).toBe(off.body.package.renewsAt);
    // Re-enabled before the renewal date: kept; disabled again.
    expect((await api(server, 'PATCH', `/api/v1/billing/packages/${dropId}`, { cookie: owner, body: { autoRenew: true } })).body.package).toMatchObject({ autoRenew: true, lapsesAt: null });
    await api(server, 'PATCH', `/api/v1/billing/packages/${dropId}`, { cookie: owner, body: { autoRenew: false } });

    // Past the renewal instant; two passes racing, then a restart: one renewal for the kept package, the other lapses.
    const renewsAt = Date.parse(first.body.package.renewsAt);
    server.clock.advance(renewsAt - server.clock.now() + 1_000);
    await Promise.all([server.parley.renewals.tick(), server.parley.renewals.tick()]);
    const offset = server.clock.now() - Date.now();
    const { dataDir, pgSchema } = server;
    await server.close();
    server = await startServer({ engine, dataDir, pgSchema, env: { PARLEY_BILLING_POLL_MS: '3600000' } });
    server.clock.advance(offset);
    owner = await login(server);
    await server.parley.renewals.tick();

    const records = (await api(server, 'GET', '/api/v1/billing/records', { cookie: owner })).body.records as any[];
    expect(records.filter((r) => r.kind === 'package_renewal').map((r) => r.item)).toEqual(['chatbot_conversations_500']);
    const overview = (await api(server, 'GET', '/api/v1/billing', { cookie: owner })).body;
    expect(overview.packages.find((p: any) => p.id === keepId)).toMatchObject({ active: true, autoRenew: true });
    expect(overview.packages.find((p: any) => p.id === dropId)).toMatchObject({ active: false });
    expect(overview.usage).toMatchObject({ limit: 550, used: 0 });
    const charges = await server.parley.storage.db.selectFrom('payment_charges').select(['amount_cents']).execute();
    expect(charges).toHaveLength(3); // two purchases and one renewal
    // A lapsed package cannot be switched back on.
    expect((await api(server, 'PATCH', `/api/v1/billing/packages/${dropId}`, { cookie: owner, body: { autoRenew: true } })).status).toBe(409);
  });

  it('upgrades at once, downgrades at the renewal, keeps legacy plans for those on them, and checks roles and input', async () => {
    await boot(50);
    // A workspace on FREE, as new ones start (the demo workspace is seeded on EXPERT).
    await server.parley.storage.db.updateTable('workspaces').set({ plan_code: 'FREE' }).execute();
    expect(await usage()).toMatchObject({ limit: 50 });
    const up = await api(server, 'POST', '/api/v1/billing/plan', { cookie: owner, body: { planCode: 'PLUS' } });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ outcome: 'upgrade', overview: { plan: { code: 'PLUS' }, pendingChange: null } });
    expect(await usage()).toMatchObject({ limit: 1000 });
    const down = await api(server, 'POST', '/api/v1/billing/plan', { cookie: owner, body: { planCode: 'SOLO' } });
    expect(down.body).toMatchObject({ outcome: 'downgrade', overview: { plan: { code: 'PLUS' }, pendingChange: { planCode: 'SOLO' } } });
    expect(await usage()).toMatchObject({ limit: 1000 });
    server.clock.advance(Date.parse(down.body.effectiveAt) - server.clock.now() + 1);
    expect(await usage()).toMatchObject({ limit: 100, used: 0 });

    // Legacy plans are not offered to a workspace that is not on them.
    const legacy = await api(server, 'POST', '/api/v1/billing/plan', { cookie: owner, body: { planCode: 'STANDARD' } });
    expect(legacy.status).toBe(400);
    expect(legacy.body.error.issues[0].path).toBe('body.planCode');
    expect((await api(server, 'POST', '/api/v1/billing/plan', { cookie: owner, body: { planCode: 'GOLD' } })).status).toBe(400);

    // Bad purchases change nothing.
    for (const body of [{ offerId: 'chatbot_conversations_7', quantity: 1 }, { offerId: 'chatbot_conversations_100', quantity: -1 }, { offerId: 'chatbot_conversations_100', quantity: 1e9 }, { quantity: 1 }, 'x']) {
      const res = await api(server, 'POST', '/api/v1/billing/packages', { cookie: owner, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const negative = await api(server, 'POST', '/api/v1/billing/packages', { cookie: owner, body: { offerId: 'chatbot_conversations_100', quantity: -1 } });
    expect(negative.body.error.issues).toEqual([{ path: 'body.quantity', message: 'quantity must be at least 1' }]);
    const unknown = await api(server, 'POST', '/api/v1/billing/packages', { cookie: owner, body: { offerId: 'chatbot_conversations_7', quantity: 1 } });
    expect(unknown.body.error).toMatchObject({ message: 'there is no package "chatbot_conversations_7"', issues: [{ path: 'body.offerId' }] });
    expect((await api(server, 'GET', '/api/v1/billing', { cookie: owner })).body.packages).toEqual([]);

    // Roles: agents see only the usage; admins read billing; only owners change it.
    const agent = await signInNewAgent(server, { email: `agent-${engine}@demo.parley.test`, password: 'agent-password', role: 'agent' });
    const admin = await signInNewAgent(server, { email: `admin-${engine}@demo.parley.test`, password: 'admin-password', role: 'admin' });
    expect((await api(server, 'GET', '/api/v1/billing/usage', { cookie: agent })).status).toBe(200);
    expect((await api(server, 'GET', '/api/v1/billing', { cookie: agent })).status).toBe(403);
    expect((await api(server, 'GET', '/api/v1/billing/ledger', { cookie: agent })).status).toBe(403);
    expect((await api(server, 'GET', '/api/v1/billing', { cookie: admin })).status).toBe(200);
    expect((await api(server, 'POST', '/api/v1/billing/packages', { cookie: admin, body: { offerId: 'chatbot_conversations_100', quantity: 1 } })).status).toBe(403);
    expect((await api(server, 'POST', '/api/v1/billing/plan', { cookie: agent, body: { planCode: 'EXPERT' } })).status).toBe(403);
    expect((await api(server, 'GET', '/api/v1/billing/records', { cookie: owner })).body.records.map((r: any) => r.kind)).toEqual(['plan_change']);
  });

  it('counts exactly 500 of 1 000 simultaneous first interactions against 500 remaining', { timeout: 240_000 }, async () => {
    const N = 1000;
    const LIMIT = 500;
    const file = plansFile(LIMIT);
    const servers: { url: string; websiteKey: string; cookie: string }[] = [];
    const processes: ParleyProcess[] = [];
    let db: { query(sql: string): Promise<{ rows: any[] }> };
    let cleanup: () => Promise<void>;
    if (engine === 'postgres') {
      // Two server processes sharing one PostgreSQL schema.
      const schema = uniqueSchema();
      const env = { DATABASE_URL: PG_URL, PARLEY_PG_SCHEMA: schema, PARLEY_PLANS_FILE: file, PARLEY_WIDGET_SESSIONS_PER_MINUTE: '100000', PARLEY_VISITOR_MESSAGES_PER_SECOND: '1000' };
      processes.push(await ParleyProcess.start(env));
      processes.push(await ParleyProcess.start(env));
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`set search_path = "${schema}"`);
      db = client;
      const key = (await client.query(`select value from instance_settings where key = 'demo_website_key'`)).rows[0]?.value as string;
      for (const p of processes) servers.push({ url: p.url, websiteKey: key, cookie: await login(p, OWNER_EMAIL, OWNER_PASSWORD) });
      cleanup = async () => {
        await client.query(`drop schema "${schema}" cascade`).catch(() => undefined);
        await client.end();
        for (const p of processes) await p.stop();
      };
    } else {
      await boot(LIMIT, { PARLEY_VISITOR_MESSAGES_PER_SECOND: '1000' });
      servers.push({ url: server.url, websiteKey: server.websiteKey, cookie: owner });
      const raw = server.parley.storage.db;
      db = { query: async (sql: string) => ({ rows: (await (await import('kysely')).sql.raw(sql).execute(raw)).rows as any[] }) };
      cleanup = async () => undefined;
    }
    try {
      const main = servers[0]!;
      owner = main.cookie;
      const created = await api(main, 'POST', '/api/v1/chatbots', { cookie: main.cookie, body: { name: 'Shop bot' } });
      const id = created.body.chatbot.id as string;
      await api(main, 'PUT', `/api/v1/chatbots/${id}/draft`, { cookie: main.cookie, body: { draft: FLOW } });
      expect((await api(main, 'POST', `/api/v1/chatbots/${id}/publish`, { cookie: main.cookie })).status).toBe(201);
      expect((await api(main, 'PATCH', `/api/v1/chatbots/${id}`, { cookie: main.cookie, body: { status: 'active' } })).status).toBe(200);

      // 1 000 visitors, each with the chatbot waiting at the menu, spread over the servers.
      const visitors: { socket: TestSocket; conversationId: string }[] = [];
      const prepare = async (i: number) => {
        const target = servers[i % servers.length]!;
        const res = await api(target, 'POST', '/api/v1/widget/session', {
          headers: { origin: 'https://shop.example' },
          body: { websiteKey: target.websiteKey, page: { url: 'https://shop.example/', title: 'Shop', referrer: '' } },
        });
        const socket = await TestSocket.visitor(target, res.body.token);
        sockets.push(socket);
        socket.send({ type: 'chatbot.open' });
        const frame = await socket.next<'conversation'>((f) => f.type === 'conversation' && (f.conversation as any).chatbot?.status === 'waiting', 60_000);
        visitors.push({ socket, conversationId: frame.conversation.id });
      };
      for (let i = 0; i < N; i += 50) await Promise.all(Array.from({ length: Math.min(50, N - i) }, (_, k) => prepare(i + k)));
      expect(visitors).toHaveLength(N);

      // All first interactions at once.
      await Promise.all(
        visitors.map(async (v, i) => {
          const clientId = `x-${i}`;
          v.socket.send({ type: 'chatbot.choose', clientId, conversationId: v.conversationId, nodeId: 'menu', choiceId: 'pricing' });
          await v.socket.next((f) => (f.type === 'message.ack' && f.clientId === clientId) || (f.type === 'error' && f.ref === clientId), 120_000);
        }),
      );
      const one = async (sql: string) => Number(Object.values((await db.query(sql)).rows[0])[0]);
      expect(await one('select used from billing_usage')).toBe(LIMIT);
      expect(await one('select count(*) from usage_ledger')).toBe(LIMIT);
      expect(await one('select count(distinct conversation_id) from usage_ledger')).toBe(LIMIT);
      expect(await one('select count(*) from conversations where first_interaction_at is not null')).toBe(LIMIT);
      expect(await one(`select count(*) from conversations where handover_reason = 'quota_exhausted'`)).toBe(N - LIMIT);
      expect(await one(`select count(*) from usage_notifications`)).toBe(2);
      const u = await api(main, 'GET', '/api/v1/billing/usage', { cookie: main.cookie });
      expect(u.body).toMatchObject({ used: LIMIT, remaining: 0, warning: '100' });
    } finally {
      for (const s of sockets.splice(0)) await s.close().catch(() => undefined);
      await cleanup();
    }
  });
});
