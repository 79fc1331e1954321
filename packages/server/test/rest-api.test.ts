import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { insertWebsite } from '../src/storage/repositories/workspace-repository.js';
import { api, engines, login, signInNewAgent, startServer, TestSocket, visitorSession, type TestServer } from './harness.js';

describe.each(engines)('REST API on %s', (engine) => {
  let server: TestServer;
  let cookie: string;
  let conversationId: string;
  let visitorId: string;

  beforeAll(async () => {
    server = await startServer({ engine });
    cookie = await login(server);
    const session = await visitorSession(server);
    visitorId = session.visitorId;
    const visitor = await TestSocket.visitor(server, session.token);
    const ack = await visitor.sendMessage('Do you deliver to Lyon?', 'rest-1');
    if (ack.type !== 'message.ack') throw new Error('no ack');
    conversationId = ack.message.conversationId;
    await visitor.close();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses wrong credentials and anonymous calls', async () => {
    const wrong = await api(server, 'POST', '/api/v1/auth/login', { body: { email: 'owner@demo.parley.test', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toEqual({ code: 'unauthorized', message: 'Wrong email or password' });
    expect((await api(server, 'GET', '/api/v1/conversations')).status).toBe(401);
  });

  it('sets an httpOnly SameSite session cookie and logs out', async () => {
    const res = await api(server, 'POST', '/api/v1/auth/login', { body: { email: 'OWNER@demo.parley.test ', password: 'test-password-1' } });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const own = setCookie.split(';')[0]!;
    expect((await api(server, 'GET', '/api/v1/auth/me', { cookie: own })).body.agent.role).toBe('owner');
    expect((await api(server, 'POST', '/api/v1/auth/logout', { cookie: own })).status).toBe(204);
    expect((await api(server, 'GET', '/api/v1/auth/me', { cookie: own })).status).toBe(401);
  });

  it('slides a session that is close to expiry forward and refreshes its cookie', async () => {
    const own = await login(server);
    const db = server.parley.storage.db;
    const soon = Date.now() + 60 * 60 * 1000;
    await db.updateTable('sessions').set({ expires_at: soon }).execute();
    const me = await api(server, 'GET', '/api/v1/auth/me', { cookie: own });
    expect(me.status).toBe(200);
    const refreshed = me.headers.get('set-cookie');
    expect(refreshed).toMatch(/parley_session=/);
    expect(new Date(/Expires=([^;]+)/i.exec(refreshed!)![1]!).getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 60 * 60 * 1000);
    const rows = await db.selectFrom('sessions').select('expires_at').execute();
    expect(rows.some((r) => r.expires_at > soon)).toBe(true);
    // A fresh session is not rewritten on every request.
    expect((await api(server, 'GET', '/api/v1/auth/me', { cookie: own })).headers.get('set-cookie')).toBeNull();
  });

  it('lists, reads and filters conversations', async () => {
    const list = await api(server, 'GET', '/api/v1/conversations', { cookie });
    expect(list.status).toBe(200);
    expect(list.body.conversations[0]).toMatchObject({
      id: conversationId,
      status: 'open',
      unreadCount: 1,
      lastMessage: { text: 'Do you deliver to Lyon?', authorType: 'visitor' },
      visitor: { id: visitorId, online: false },
    });
    const one = await api(server, 'GET', `/api/v1/conversations/${conversationId}`, { cookie });
    expect(one.body.conversation.id).toBe(conversationId);
    expect((await api(server, 'GET', '/api/v1/conversations?assignee=me', { cookie })).body.conversations).toEqual([]);
    expect((await api(server, 'GET', '/api/v1/conversations?assignee=unassigned', { cookie })).body.conversations).toHaveLength(1);
    expect((await api(server, 'GET', '/api/v1/conversations?status=closed', { cookie })).body.conversations).toEqual([]);
  });

  it('pages through conversations with a cursor', async () => {
    for (let i = 0; i < 3; i++) {
      const s = await visitorSession(server);
      const v = await TestSocket.visitor(server, s.token);
      await v.sendMessage(`page ${i}`, `page-${i}`);
      await v.close();
    }
    const first = await api(server, 'GET', '/api/v1/conversations?limit=2', { cookie });
    expect(first.body.conversations).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api(server, 'GET', `/api/v1/conversations?limit=2&before=${first.body.nextCursor}`, { cookie });
    const ids = [...first.body.conversations, ...second.body.conversations].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(4);
    expect((await api(server, 'GET', '/api/v1/conversations?before=garbage', { cookie })).status).toBe(400);
  });

  it('replies over REST idempotently', async () => {
    const first = await api(server, 'POST', `/api/v1/conversations/${conversationId}/messages`, { cookie, body: { clientId: 'rest-reply-1', text: ' Yes, in two days. ' } });
    expect(first.status).toBe(201);
    expect(first.body.message).toMatchObject({ seq: 2, text: 'Yes, in two days.', author: { type: 'agent' } });
    const again = await api(server, 'POST', `/api/v1/conversations/${conversationId}/messages`, { cookie, body: { clientId: 'rest-reply-1', text: 'Yes, in two days.' } });
    expect(again.status).toBe(200);
    expect(again.body.message.id).toBe(first.body.message.id);
  });

  it('answers invalid input with 400 naming the field', async () => {
    const long = await api(server, 'POST', `/api/v1/conversations/${conversationId}/messages`, { cookie, body: { clientId: 'x1', text: 'z'.repeat(4001) } });
    expect(long.status).toBe(400);
    expect(long.body.error.issues).toEqual([{ path: 'body.text', message: 'Message is longer than 4000 characters' }]);
    const empty = await api(server, 'POST', `/api/v1/conversations/${conversationId}/messages`, { cookie, body: { clientId: 'x2', text: '   ' } });
    expect(empty.body.error.issues).toEqual([{ path: 'body.text', message: 'Message is empty' }]);
    const badJson = await api(server, 'POST', `/api/v1/conversations/${conversationId}/messages`, { cookie, rawBody: '{"clientId": ' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.message).toMatch(/not valid JSON/);
    const badQuery = await api(server, 'GET', '/api/v1/conversations?limit=1000', { cookie });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.issues[0].path).toBe('querystring.limit');
    const messages = await api(server, 'GET', `/api/v1/conversations/${conversationId}/messages`, { cookie });
    expect(messages.body.messages.map((m: { clientId: string }) => m.clientId)).not.toContain('x1');
  });

  it('assigns, closes and reopens', async () => {
    const me = (await api(server, 'GET', '/api/v1/auth/me', { cookie })).body.agent.id;
    const assigned = await api(server, 'POST', `/api/v1/conversations/${conversationId}/assign`, { cookie, body: { assigneeId: me } });
    expect(assigned.body.conversation.assigneeId).toBe(me);
    expect((await api(server, 'GET', '/api/v1/conversations?assignee=me', { cookie })).body.conversations.map((c: { id: string }) => c.id)).toContain(conversationId);
    expect((await api(server, 'POST', `/api/v1/conversations/${conversationId}/assign`, { cookie, body: { assigneeId: 'someone-else' } })).status).toBe(404);
    expect((await api(server, 'POST', `/api/v1/conversations/${conversationId}/close`, { cookie })).body.conversation).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    const refused = await api(server, 'POST', `/api/v1/conversations/${conversationId}/messages`, { cookie, body: { clientId: 'closed-1', text: 'hello?' } });
    expect(refused.status).toBe(409);
    expect((await api(server, 'POST', `/api/v1/conversations/${conversationId}/reopen`, { cookie })).body.conversation).toMatchObject({ status: 'open', closedAt: null });
  });

  it('tracks unread visitor messages for the team', async () => {
    const before = (await api(server, 'GET', `/api/v1/conversations/${conversationId}`, { cookie })).body.conversation;
    expect(before.unreadCount).toBe(1);
    const read = await api(server, 'POST', `/api/v1/conversations/${conversationId}/read`, { cookie, body: { seq: before.lastSeq } });
    expect(read.body.conversation.unreadCount).toBe(0);
  });

  it('tags conversations', async () => {
    const tagged = await api(server, 'POST', `/api/v1/conversations/${conversationId}/tags`, { cookie, body: { tag: 'delivery' } });
    expect(tagged.body.conversation.tags).toEqual(['delivery']);
    const filtered = await api(server, 'GET', '/api/v1/conversations?status=all&tag=delivery', { cookie });
    expect(filtered.body.conversations.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    expect((await api(server, 'GET', '/api/v1/conversations?status=all&tag=nothing-has-this', { cookie })).body.conversations).toEqual([]);
    const untagged = await api(server, 'DELETE', `/api/v1/conversations/${conversationId}/tags/delivery`, { cookie });
    expect(untagged.body.conversation.tags).toEqual([]);
  });

  it('shows the visitor panel data', async () => {
    const res = await api(server, 'GET', `/api/v1/visitors/${visitorId}`, { cookie });
    expect(res.status).toBe(200);
    expect(res.body.visitor).toMatchObject({
      id: visitorId,
      language: 'en-GB',
      currentPage: { url: 'https://shop.example/pricing', title: 'Pricing' },
      visitCount: 1,
      pageViewCount: 1,
      contact: { name: null, email: null, phone: null, properties: {} },
    });
    expect(res.body.visitor.recentPages).toHaveLength(1);
  });

  it('counts a new visit after 30 minutes away, and page views always', async () => {
    const s = await visitorSession(server);
    await visitorSession(server, { visitorId: s.visitorId, url: 'https://shop.example/cart' });
    let v = (await api(server, 'GET', `/api/v1/visitors/${s.visitorId}`, { cookie })).body.visitor;
    expect(v).toMatchObject({ visitCount: 1, pageViewCount: 2, currentPage: { url: 'https://shop.example/cart' } });
    await server.parley.storage.db.updateTable('visitors').set({ last_seen_at: Date.now() - 31 * 60 * 1000 }).where('id', '=', s.visitorId).execute();
    await visitorSession(server, { visitorId: s.visitorId });
    v = (await api(server, 'GET', `/api/v1/visitors/${s.visitorId}`, { cookie })).body.visitor;
    expect(v.visitCount).toBe(2);
  });

  it('refuses a widget key from an origin the website does not allow, and unknown keys', async () => {
    const db = server.parley.storage.db;
    const now = Date.now();
    const workspace = (await db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    await insertWebsite(db, {
      id: newId(),
      workspace_id: workspace,
      name: 'Locked shop',
      public_key: `pk_locked_${engine}`,
      allowed_origins: JSON.stringify(['https://locked.example', 'https://*.locked.example']),
      color: '#000000',
      position: 'left',
      greeting: '',
      created_at: now,
    });
    const page = { url: 'https://locked.example/', title: '', referrer: '' };
    const refused = await api(server, 'POST', '/api/v1/widget/session', { headers: { origin: 'https://evil.example' }, body: { websiteKey: `pk_locked_${engine}`, page } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/not allowed/);
    const allowed = await api(server, 'POST', '/api/v1/widget/session', { headers: { origin: 'https://www.locked.example' }, body: { websiteKey: `pk_locked_${engine}`, page } });
    expect(allowed.status).toBe(200);
    // The token alone is not enough from a foreign origin either.
    await expect(TestSocket.visitor(server, allowed.body.token, 'https://evil.example')).rejects.toThrow(/403/);
    const unknown = await api(server, 'POST', '/api/v1/widget/session', { headers: { origin: 'https://locked.example' }, body: { websiteKey: 'pk_nope', page } });
    expect(unknown.status).toBe(404);
    const invalid = await api(server, 'POST', '/api/v1/widget/session', { headers: { origin: 'https://locked.example' }, body: { websiteKey: 'pk_nope' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues[0].path).toBe('body.page');
  });

  it("answers 404 for another workspace's conversations and visitors", async () => {
    const otherCookie = await signInNewAgent(server, { email: `other-${engine}@example.com`, password: 'other-password', newWorkspace: true });
    expect((await api(server, 'GET', '/api/v1/conversations', { cookie: otherCookie })).body.conversations).toEqual([]);
    for (const [method, path, body] of [
      ['GET', `/api/v1/conversations/${conversationId}`],
      ['GET', `/api/v1/conversations/${conversationId}/messages`],
      ['POST', `/api/v1/conversations/${conversationId}/messages`, { clientId: 'steal', text: 'hi' }],
      ['POST', `/api/v1/conversations/${conversationId}/close`],
      ['POST', `/api/v1/conversations/${conversationId}/read`, { seq: 1 }],
      ['GET', `/api/v1/visitors/${visitorId}`],
    ] as const) {
      const res = await api(server, method, path, { cookie: otherCookie, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    // The other workspace's agent socket never sees this workspace's traffic.
    const spy = await TestSocket.agent(server, otherCookie);
    const s = await visitorSession(server);
    const v = await TestSocket.visitor(server, s.token);
    await v.sendMessage('private', 'private-1');
    await v.close();
    expect(spy.all('message')).toEqual([]);
    await spy.close();
  });

  it('serves the OpenAPI document, health and metrics', async () => {
    const doc = await api(server, 'GET', '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/conversations',
        '/api/v1/conversations/{id}/messages',
        '/api/v1/widget/session',
        '/api/v1/statistics',
        '/api/v1/chatbots/{id}/insights',
        '/api/v1/conversations/{id}/chatbot',
        '/api/v1/billing',
        '/api/v1/billing/usage',
        '/api/v1/billing/packages',
        '/api/v1/billing/packages/{id}',
        '/api/v1/billing/plan',
        '/api/v1/billing/records',
        '/api/v1/billing/ledger',
        '/api/v1/billing/ledger.csv',
      ]),
    );
    // The statistics query's fields are documented with their rules.
    const statistics = doc.body.paths['/api/v1/statistics'].get;
    expect(statistics.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'chatbotId']));
    expect(Object.keys(statistics.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    expect((await api(server, 'GET', '/api/docs/')).status).toBe(200);
    expect((await api(server, 'GET', '/healthz')).body).toMatchObject({ status: 'ok', database: engine });
    const metrics = await api(server, 'GET', '/metrics');
    expect(metrics.body).toContain('parley_websocket_connections');
    expect(metrics.body).toContain('parley_messages_total');
  });
});
