/**
 * Targeting through the real API on SQLite and PostgreSQL: editing with path
 * errors, the triggers a page arms, the server as the authority on a fired
 * trigger, frequency, priority, the script API and the debugger.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api, engines, login, signInNewAgent, startServer, TestSocket, type TestServer } from './harness.js';

const FLOW = {
  schemaVersion: 1,
  startNodeId: 'hello',
  defaultLanguage: 'en',
  nodes: {
    hello: { kind: 'message', text: 'Looking at our prices?', next: 'menu' },
    menu: { kind: 'buttons', text: 'Can I help?', choices: [{ id: 'yes', label: 'Yes', next: 'bye' }] },
    bye: { kind: 'end' },
  },
};

describe.each(engines)('targeting on %s', (engine) => {
  let server: TestServer;
  let owner: string;
  const sockets: TestSocket[] = [];

  afterEach(async () => {
    for (const s of sockets.splice(0)) await s.close().catch(() => undefined);
    await server?.close();
  });

  async function boot() {
    server = await startServer({ engine });
    owner = await login(server);
  }

  async function chatbot(name: string, targeting: unknown, priority = 0, text = 'Looking at our prices?') {
    const created = await api(server, 'POST', '/api/v1/chatbots', { cookie: owner, body: { name } });
    const id = created.body.chatbot.id as string;
    const flow = { ...FLOW, nodes: { ...FLOW.nodes, hello: { ...FLOW.nodes.hello, text } } };
    expect((await api(server, 'PUT', `/api/v1/chatbots/${id}/draft`, { cookie: owner, body: { draft: flow } })).status).toBe(200);
    expect((await api(server, 'POST', `/api/v1/chatbots/${id}/publish`, { cookie: owner })).status).toBe(201);
    const set = await api(server, 'PUT', `/api/v1/chatbots/${id}/targeting`, { cookie: owner, body: { targeting, priority } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await api(server, 'PATCH', `/api/v1/chatbots/${id}`, { cookie: owner, body: { status: 'active' } })).status).toBe(200);
    return id;
  }

  async function session(url: string, extra: Record<string, unknown> = {}) {
    const res = await api(server, 'POST', '/api/v1/widget/session', {
      headers: { origin: 'https://shop.example' },
      body: { websiteKey: server.websiteKey, page: { url, title: 'Shop', referrer: '' }, languages: ['en'], ...extra },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  async function fire(token: string, chatbotId: string, trigger: unknown, url: string) {
    return api(server, 'POST', '/api/v1/widget/trigger', {
      headers: { origin: 'https://shop.example' },
      body: { token, chatbotId, trigger, page: { url, title: 'Shop', referrer: '' } },
    });
  }

  const pricing = (seconds = 0) => ({
    trigger: { kind: 'time_on_page', seconds },
    conditions: { kind: 'group', match: 'all', conditions: [{ kind: 'condition', field: 'page_url', operator: 'contains', value: '/pricing' }] },
  });

  it('refuses bad targeting with the path of the condition, and keeps the old one', async () => {
    await boot();
    const id = await chatbot('Pricing bot', pricing());
    const cases: [unknown, string][] = [
      [{ conditions: { kind: 'group', match: 'all', conditions: [{ kind: 'condition', field: 'shoe_size', operator: 'is', value: 'x' }] } }, 'targeting.conditions.conditions.0.field'],
      [{ conditions: { kind: 'group', match: 'all', conditions: [{ kind: 'condition', field: 'page_url', operator: 'gt', value: 3 }] } }, 'targeting.conditions.conditions.0'],
      [
        { conditions: { kind: 'group', match: 'any', conditions: [{ kind: 'group', match: 'all', conditions: [{ kind: 'condition', field: 'page_title', operator: 'regex', value: '(unclosed' }] }] } },
        'targeting.conditions.conditions.0.conditions.0',
      ],
      [{ trigger: { kind: 'time_on_page', seconds: -1 } }, 'targeting.trigger.seconds'],
    ];
    for (const [targeting, path] of cases) {
      const res = await api(server, 'PUT', `/api/v1/chatbots/${id}/targeting`, { cookie: owner, body: { targeting } });
      expect(res.status, JSON.stringify(targeting)).toBe(400);
      expect(JSON.stringify(res.body), JSON.stringify(res.body)).toContain(path);
    }
    const kept = await api(server, 'GET', `/api/v1/chatbots/${id}/targeting`, { cookie: owner });
    expect(kept.body.targeting).toMatchObject(pricing());
    // An agent may read but not change targeting.
    const agent = await signInNewAgent(server, { email: `t-agent-${engine}@demo.parley.test`, password: 'agent-password', role: 'agent' });
    expect((await api(server, 'PUT', `/api/v1/chatbots/${id}/targeting`, { cookie: agent, body: { targeting: pricing() } })).status).toBe(403);
  });

  it('warns about conditions that can never match', async () => {
    await boot();
    const id = await chatbot('Odd bot', {
      conditions: {
        kind: 'group',
        match: 'all',
        conditions: [
          { kind: 'condition', field: 'page_url', operator: 'is', value: 'https://a.example/' },
          { kind: 'condition', field: 'page_url', operator: 'is', value: 'https://b.example/' },
          { kind: 'group', match: 'any', conditions: [] },
        ],
      },
    });
    const res = await api(server, 'GET', `/api/v1/chatbots/${id}/targeting`, { cookie: owner });
    const codes = res.body.warnings.map((w: { code: string }) => w.code);
    expect(codes).toContain('never_matches');
    expect(codes).toContain('empty_any_group');
  });

  it('arms only the chatbots whose conditions match the page, and the server checks the trigger', async () => {
    await boot();
    const id = await chatbot('Pricing bot', pricing(3));
    expect((await session('https://shop.example/')).triggers).toEqual([]);
    const visit = await session('https://shop.example/pricing?utm_source=news');
    expect(visit.triggers).toEqual([{ chatbotId: id, trigger: { kind: 'time_on_page', seconds: 3 } }]);

    // Claiming 10 s on a page loaded just now is not believed.
    const early = await fire(visit.token, id, { kind: 'time_on_page', secondsOnPage: 10 }, 'https://shop.example/pricing?utm_source=news');
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ started: false });
    // A forged trigger for a page the rules exclude starts nothing either.
    const forged = await fire(visit.token, id, { kind: 'time_on_page', secondsOnPage: 10 }, 'https://shop.example/about');
    expect(forged.body.started).toBe(false);

    await new Promise((r) => setTimeout(r, 2100));
    const started = await fire(visit.token, id, { kind: 'time_on_page', secondsOnPage: 3 }, 'https://shop.example/pricing?utm_source=news');
    expect(started.body).toMatchObject({ started: true, welcome: 'Looking at our prices?' });
    expect(started.body.conversationId).toBeTruthy();

    // Once per visit: the same visitor is not shown it again on the next page.
    const again = await session('https://shop.example/pricing', { visitorId: visit.visitorId });
    expect(again.triggers).toEqual([]);
  });

  it('starts only the highest priority of the chatbots that match, and never during a conversation', async () => {
    await boot();
    const opened = { trigger: { kind: 'chat_opened' } };
    await chatbot('Low', opened, 1, 'Low priority hello');
    const high = await chatbot('High', opened, 5, 'High priority hello');
    const visit = await session('https://shop.example/');
    expect(visit.welcome).toMatchObject({ chatbotId: high, text: 'High priority hello' });
    const socket = await TestSocket.visitor(server, visit.token);
    sockets.push(socket);
    socket.send({ type: 'chatbot.open' });
    const first = await socket.next<'message'>((f) => f.type === 'message' && f.message.author.type === 'chatbot');
    expect(first.message.text).toBe('High priority hello');

    // With a conversation going on, nothing is armed or offered.
    const later = await session('https://shop.example/', { visitorId: visit.visitorId });
    expect(later.welcome).toBeNull();
    expect(later.triggers).toEqual([]);
  });

  it('takes variables and the group from the script, and custom events start their chatbot', async () => {
    await boot();
    const id = await chatbot('Cart bot', {
      trigger: { kind: 'custom_event', name: 'cart_abandoned' },
      conditions: {
        kind: 'group',
        match: 'all',
        conditions: [
          { kind: 'condition', field: 'variable', key: 'cartValue', operator: 'is', value: '120' },
          { kind: 'condition', field: 'visitor_group', operator: 'is', value: 'vip' },
        ],
      },
    });
    const plain = await session('https://shop.example/cart');
    expect(plain.triggers).toEqual([]);
    const update = await api(server, 'POST', '/api/v1/widget/visitor', {
      headers: { origin: 'https://shop.example' },
      body: { token: plain.token, variables: { cartValue: 120 }, group: 'vip' },
    });
    expect(update.status).toBe(204);
    const bad = await api(server, 'POST', '/api/v1/widget/visitor', {
      headers: { origin: 'https://shop.example' },
      body: { token: plain.token, variables: { 'bad name!': 1 } },
    });
    expect(bad.status).toBe(400);
    const wrongEvent = await fire(plain.token, id, { kind: 'custom_event', name: 'other' }, 'https://shop.example/cart');
    expect(wrongEvent.body.started).toBe(false);
    const started = await fire(plain.token, id, { kind: 'custom_event', name: 'cart_abandoned' }, 'https://shop.example/cart');
    expect(started.body.started).toBe(true);
    const forged = await fire('not-a-token', id, { kind: 'custom_event', name: 'cart_abandoned' }, 'https://shop.example/cart');
    expect(forged.status).toBe(401);
  });

  it('explains in the debugger which chatbot starts and what excluded the others', async () => {
    await boot();
    const pricingBot = await chatbot('Pricing bot', pricing(0), 2);
    const czech = await chatbot(
      'Czech bot',
      { conditions: { kind: 'group', match: 'all', conditions: [{ kind: 'condition', field: 'language', operator: 'starts_with', value: 'cs' }] } },
      1,
    );
    const patched = await api(server, 'PATCH', '/api/v1/workspace/settings', {
      cookie: owner,
      body: { timeZone: 'Europe/Prague', officeHours: { days: { monday: [{ from: '09:00', to: '17:00' }] } } },
    });
    expect(patched.status).toBe(200);
    expect((await api(server, 'PATCH', '/api/v1/workspace/settings', { cookie: owner, body: { timeZone: 'Mars/Olympus' } })).status).toBe(400);

    const res = await api(server, 'POST', '/api/v1/chatbots/targeting/debug', {
      cookie: owner,
      body: { url: 'https://shop.example/about', language: 'cs-CZ', trigger: { kind: 'chat_opened' }, time: '2026-11-23T10:00:00+01:00' },
    });
    expect(res.status).toBe(200);
    expect(res.body.chatbotId).toBe(czech);
    const pricingVerdict = res.body.verdicts.find((v: { chatbotId: string }) => v.chatbotId === pricingBot);
    expect(pricingVerdict.outcome).toBe('excluded');
    expect(pricingVerdict.reason.code).toMatch(/other_trigger|condition/);
    expect(res.body.timeZone).toBe('Europe/Prague');

    const onPricing = await api(server, 'POST', '/api/v1/chatbots/targeting/debug', {
      cookie: owner,
      body: { url: 'https://shop.example/about', language: 'en', trigger: { kind: 'time_on_page', secondsOnPage: 10 } },
    });
    const excluded = onPricing.body.verdicts.find((v: { chatbotId: string }) => v.chatbotId === pricingBot);
    expect(excluded.reason).toMatchObject({ code: 'condition', path: [0] });
    expect(excluded.reason.message).toContain('/pricing');
  });
});
