import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFlow } from '@parley/flow';
import { api, engines, login, signInNewAgent, startServer, type TestServer } from './harness.js';

/** A small valid flow: a welcome message, buttons, an answer and the end. */
function flow(overrides: { welcomeText?: string; extraNodes?: Record<string, unknown> } = {}) {
  return {
    schemaVersion: 1,
    startNodeId: 'welcome',
    defaultLanguage: 'en',
    nodes: {
      welcome: { kind: 'message', text: overrides.welcomeText ?? 'Hello!', next: 'menu' },
      menu: { kind: 'buttons', text: 'Pick one', choices: [{ id: 'hours', label: 'Opening hours', next: 'hours' }] },
      hours: { kind: 'message', text: 'We are open 9 to 5.', next: 'bye' },
      bye: { kind: 'end' },
      ...overrides.extraNodes,
    },
    variants: { cs: { nodes: { welcome: { text: 'Ahoj!' } } } },
  };
}

describe.each(engines)('chatbots on %s', (engine) => {
  let server: TestServer;
  let owner: string;
  let agentCookie: string;
  let otherCookie: string;

  async function createChatbot(name = 'Support bot', cookie = owner) {
    const res = await api(server, 'POST', '/api/v1/chatbots', { cookie, body: { name } });
    expect(res.status).toBe(201);
    return res.body.chatbot as { id: string; draftUpdatedAt: string; [key: string]: any };
  }

  beforeAll(async () => {
    server = await startServer({ engine });
    owner = await login(server);
    agentCookie = await signInNewAgent(server, { email: `agent-${engine}@demo.parley.test`, password: 'agent-password', role: 'agent' });
    otherCookie = await signInNewAgent(server, { email: `other-${engine}@example.com`, password: 'other-password', newWorkspace: true, defaultLanguage: 'de' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('creates a chatbot with a valid, publishable starter draft', async () => {
    const chatbot = await createChatbot('Welcome bot');
    expect(chatbot).toMatchObject({
      name: 'Welcome bot',
      status: 'inactive',
      defaultLanguage: 'en',
      languages: ['en'],
      publishedVersion: null,
      hasUnpublishedChanges: true,
      problems: [],
    });
    expect(validateFlow(chatbot.draft)).toEqual([]);
    const start = chatbot.draft.nodes[chatbot.draft.startNodeId];
    expect(start.kind).toBe('message');
    expect(chatbot.draft.nodes[start.next].kind).toBe('buttons');

    const list = await api(server, 'GET', '/api/v1/chatbots', { cookie: owner });
    expect(list.status).toBe(200);
    const summary = list.body.chatbots.find((c: { id: string }) => c.id === chatbot.id);
    expect(summary).toMatchObject({ name: 'Welcome bot', status: 'inactive', publishedVersion: null });
    expect(summary).not.toHaveProperty('draft');

    const published = await api(server, 'POST', `/api/v1/chatbots/${chatbot.id}/publish`, { cookie: owner });
    expect(published.status).toBe(201);
    expect(published.body.version).toMatchObject({ number: 1 });
  });

  it("uses the workspace's language unless told, and refuses bad names", async () => {
    const cs = await api(server, 'POST', '/api/v1/chatbots', { cookie: owner, body: { name: 'Czech', defaultLanguage: 'cs' } });
    expect(cs.body.chatbot).toMatchObject({ defaultLanguage: 'cs', draft: { defaultLanguage: 'cs' } });
    const other = await api(server, 'POST', '/api/v1/chatbots', { cookie: otherCookie, body: { name: 'Deutsch' } });
    expect(other.body.chatbot.defaultLanguage).toBe('de');
    const blank = await api(server, 'POST', '/api/v1/chatbots', { cookie: owner, body: { name: '  ' } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.issues).toEqual([{ path: 'body.name', message: 'Name is required' }]);
  });

  it('refuses a malformed draft with a path per issue and saves nothing', async () => {
    const chatbot = await createChatbot();
    const bad = flow();
    (bad.nodes.welcome as Record<string, unknown>).text = 42;
    (bad.nodes.menu as Record<string, unknown>).colour = 'red';
    const res = await api(server, 'PUT', `/api/v1/chatbots/${chatbot.id}/draft`, { cookie: owner, body: { draft: bad } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    const paths = res.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.draft.nodes.welcome.text', 'body.draft.nodes.menu']));
    expect(res.body.error.issues.find((i: { path: string }) => i.path === 'body.draft.nodes.menu').message).toMatch(/colour/);
    expect(res.body.error.message).toContain('body.draft.nodes.welcome.text');

    const missing = await api(server, 'PUT', `/api/v1/chatbots/${chatbot.id}/draft`, { cookie: owner, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0].path).toBe('body.draft');
    const newer = await api(server, 'PUT', `/api/v1/chatbots/${chatbot.id}/draft`, { cookie: owner, body: { draft: { ...flow(), schemaVersion: 99 } } });
    expect(newer.status).toBe(400);
    expect(newer.body.error.issues[0].path).toBe('body.draft.schemaVersion');

    const after = await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner });
    expect(after.body.chatbot.draft).toEqual(chatbot.draft);
    expect(after.body.chatbot.draftUpdatedAt).toBe(chatbot.draftUpdatedAt);
  });

  it('saves a draft with problems, refuses to publish it, then publishes immutable versions', async () => {
    const chatbot = await createChatbot();
    const broken = flow({ extraNodes: { orphan: { kind: 'message', text: 'Nobody gets here', next: 'bye' } } });
    const saved = await api(server, 'PUT', `/api/v1/chatbots/${chatbot.id}/draft`, { cookie: owner, body: { draft: broken } });
    expect(saved.status).toBe(200);
    expect(saved.body.chatbot.draft.nodes.orphan).toMatchObject({ text: 'Nobody gets here' });
    expect(saved.body.chatbot.languages).toEqual(['en', 'cs']);
    expect(saved.body.chatbot.problems).toEqual([expect.objectContaining({ nodeId: 'orphan', code: 'unreachable_node', path: ['nodes', 'orphan'] })]);

    const refused = await api(server, 'POST', `/api/v1/chatbots/${chatbot.id}/publish`, { cookie: owner });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/has 1 problem\b/) });
    expect(refused.body.error.problems).toEqual([expect.objectContaining({ nodeId: 'orphan', code: 'unreachable_node' })]);
    expect((await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}/versions`, { cookie: owner })).body.versions).toEqual([]);
    expect((await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner })).body.chatbot.publishedVersion).toBeNull();

    // Fixed: publish version 1.
    expect((await api(server, 'PUT', `/api/v1/chatbots/${chatbot.id}/draft`, { cookie: owner, body: { draft: flow() } })).status).toBe(200);
    const first = await api(server, 'POST', `/api/v1/chatbots/${chatbot.id}/publish`, { cookie: owner });
    expect(first.status).toBe(201);
    const me = (await api(server, 'GET', '/api/v1/auth/me', { cookie: owner })).body.agent.id;
    expect(first.body.version).toMatchObject({ number: 1, publishedBy: me, publishedAt: expect.any(String) });
    expect(first.body.chatbot).toMatchObject({
      publishedVersion: { id: first.body.version.id, number: 1 },
      hasUnpublishedChanges: false,
      problems: [],
    });

    // Editing the draft leaves version 1 as it was.
    const edited = await api(server, 'PUT', `/api/v1/chatbots/${chatbot.id}/draft`, { cookie: owner, body: { draft: flow({ welcomeText: 'Hello again!' }) } });
    expect(edited.body.chatbot).toMatchObject({ hasUnpublishedChanges: true, publishedVersion: { number: 1 } });
    const v1 = await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}/versions/${first.body.version.id}`, { cookie: owner });
    expect(v1.status).toBe(200);
    expect(v1.body.version).toMatchObject({ id: first.body.version.id, number: 1, publishedBy: me });
    expect(v1.body.version.flow.nodes.welcome.text).toBe('Hello!');

    const second = await api(server, 'POST', `/api/v1/chatbots/${chatbot.id}/publish`, { cookie: owner });
    expect(second.status).toBe(201);
    expect(second.body.version.number).toBe(2);
    expect(second.body.chatbot).toMatchObject({ publishedVersion: { number: 2 }, hasUnpublishedChanges: false });
    const versions = await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}/versions`, { cookie: owner });
    expect(versions.body.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect((await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}/versions/${second.body.version.id}`, { cookie: owner })).body.version.flow.nodes.welcome.text).toBe(
      'Hello again!',
    );
    // Saving the very same document again is not a change.
    const same = await api(server, 'PUT', `/api/v1/chatbots/${chatbot.id}/draft`, { cookie: owner, body: { draft: flow({ welcomeText: 'Hello again!' }) } });
    expect(same.body.chatbot.hasUnpublishedChanges).toBe(false);
    // A version of another chatbot is not found through this one.
    const stranger = await createChatbot();
    expect((await api(server, 'GET', `/api/v1/chatbots/${stranger.id}/versions/${first.body.version.id}`, { cookie: owner })).status).toBe(404);
  });

  it('activates only a published chatbot, and renames', async () => {
    const chatbot = await createChatbot('Toggle bot');
    const early = await api(server, 'PATCH', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner, body: { status: 'active', name: 'Renamed too early' } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('conflict');
    expect((await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner })).body.chatbot).toMatchObject({ status: 'inactive', name: 'Toggle bot' });

    expect((await api(server, 'POST', `/api/v1/chatbots/${chatbot.id}/publish`, { cookie: owner })).status).toBe(201);
    const on = await api(server, 'PATCH', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner, body: { status: 'active' } });
    expect(on.status).toBe(200);
    expect(on.body.chatbot.status).toBe('active');
    const off = await api(server, 'PATCH', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner, body: { status: 'inactive', name: ' Night bot ' } });
    expect(off.body.chatbot).toMatchObject({ status: 'inactive', name: 'Night bot' });
    const list = await api(server, 'GET', '/api/v1/chatbots', { cookie: owner });
    expect(list.body.chatbots.find((c: { id: string }) => c.id === chatbot.id)).toMatchObject({ name: 'Night bot', status: 'inactive', publishedVersion: { number: 1 } });
    expect((await api(server, 'PATCH', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner, body: { status: 'paused' } })).status).toBe(400);
  });

  it('lets agents read but only owners and admins change chatbots', async () => {
    const chatbot = await createChatbot('Guarded bot');
    for (const [method, path, body] of [
      ['POST', '/api/v1/chatbots', { name: 'Mine' }],
      ['PUT', `/api/v1/chatbots/${chatbot.id}/draft`, { draft: flow() }],
      ['PATCH', `/api/v1/chatbots/${chatbot.id}`, { name: 'Mine' }],
      ['POST', `/api/v1/chatbots/${chatbot.id}/publish`],
      ['DELETE', `/api/v1/chatbots/${chatbot.id}`],
    ] as const) {
      const res = await api(server, method, path, { cookie: agentCookie, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error).toEqual({ code: 'forbidden', message: 'Only owners and admins can change chatbots' });
    }
    // Even an invalid body answers 403 first.
    expect((await api(server, 'PUT', `/api/v1/chatbots/${chatbot.id}/draft`, { cookie: agentCookie, body: { draft: 1 } })).status).toBe(403);
    expect((await api(server, 'GET', '/api/v1/chatbots', { cookie: agentCookie })).status).toBe(200);
    expect((await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}`, { cookie: agentCookie })).body.chatbot.name).toBe('Guarded bot');
    expect((await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}/versions`, { cookie: agentCookie })).status).toBe(200);
    expect((await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner })).body.chatbot).toMatchObject({ name: 'Guarded bot', publishedVersion: null });
    expect((await api(server, 'GET', '/api/v1/chatbots')).status).toBe(401);
  });

  it("answers 404 for another workspace's chatbots", async () => {
    const chatbot = await createChatbot('Private bot');
    const published = await api(server, 'POST', `/api/v1/chatbots/${chatbot.id}/publish`, { cookie: owner });
    const versionId = published.body.version.id;
    expect((await api(server, 'GET', '/api/v1/chatbots', { cookie: otherCookie })).body.chatbots.map((c: { id: string }) => c.id)).not.toContain(chatbot.id);
    for (const [method, path, body] of [
      ['GET', `/api/v1/chatbots/${chatbot.id}`],
      ['PUT', `/api/v1/chatbots/${chatbot.id}/draft`, { draft: flow() }],
      ['PATCH', `/api/v1/chatbots/${chatbot.id}`, { status: 'active' }],
      ['PATCH', `/api/v1/chatbots/${chatbot.id}`, { name: 'Stolen' }],
      ['POST', `/api/v1/chatbots/${chatbot.id}/publish`],
      ['GET', `/api/v1/chatbots/${chatbot.id}/versions`],
      ['GET', `/api/v1/chatbots/${chatbot.id}/versions/${versionId}`],
      ['DELETE', `/api/v1/chatbots/${chatbot.id}`],
    ] as const) {
      const res = await api(server, method, path, { cookie: otherCookie, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    const mine = await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner });
    expect(mine.body.chatbot).toMatchObject({ name: 'Private bot', status: 'inactive', publishedVersion: { number: 1 } });
  });

  it('numbers concurrent publishes 1 and 2 without an error', async () => {
    const chatbot = await createChatbot('Racing bot');
    const results = await Promise.all([0, 1, 2].map(() => api(server, 'POST', `/api/v1/chatbots/${chatbot.id}/publish`, { cookie: owner })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(results.map((r) => r.body.version.number).sort()).toEqual([1, 2, 3]);
    const after = await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner });
    expect(after.body.chatbot.publishedVersion.number).toBe(3);
  });

  it('deletes a chatbot with its versions', async () => {
    const chatbot = await createChatbot('Doomed bot');
    await api(server, 'POST', `/api/v1/chatbots/${chatbot.id}/publish`, { cookie: owner });
    const res = await api(server, 'DELETE', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner });
    expect(res.status).toBe(204);
    expect((await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner })).status).toBe(404);
    expect((await api(server, 'GET', `/api/v1/chatbots/${chatbot.id}/versions`, { cookie: owner })).status).toBe(404);
    expect((await api(server, 'DELETE', `/api/v1/chatbots/${chatbot.id}`, { cookie: owner })).status).toBe(404);
    const rows = await server.parley.storage.db.selectFrom('chatbot_versions').select('id').where('chatbot_id', '=', chatbot.id).execute();
    expect(rows).toEqual([]);
  });

  it('lists the chatbot routes in the OpenAPI document', async () => {
    const doc = await api(server, 'GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/chatbots',
        '/api/v1/chatbots/{id}',
        '/api/v1/chatbots/{id}/draft',
        '/api/v1/chatbots/{id}/publish',
        '/api/v1/chatbots/{id}/versions',
        '/api/v1/chatbots/{id}/versions/{versionId}',
      ]),
    );
    const publish = doc.body.paths['/api/v1/chatbots/{id}/publish'].post;
    expect(Object.keys(publish.responses)).toEqual(expect.arrayContaining(['201', '403', '404', '422']));
    const draft = doc.body.paths['/api/v1/chatbots/{id}'].get.responses['200'].content['application/json'].schema;
    expect(JSON.stringify(draft)).toContain('startNodeId');
  });
});
