import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, engines, login, startServer, TestSocket, visitorSession, type TestServer } from './harness.js';

describe.each(engines)('live chat on %s', (engine) => {
  let server: TestServer;
  let cookie: string;

  beforeAll(async () => {
    server = await startServer({ engine });
    cookie = await login(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('relays a visitor message to the agent live, persisted with seq 1, and the agent reply back', async () => {
    const agent = await TestSocket.agent(server, cookie);
    const session = await visitorSession(server);
    expect(session.conversation).toBeNull();
    const visitor = await TestSocket.visitor(server, session.token);

    const agentSees = agent.next<'message'>('message');
    const ack = await visitor.sendMessage('Hello, is the espresso grinder in stock?', 'v-1');
    expect(ack.type).toBe('message.ack');
    if (ack.type !== 'message.ack') return;
    expect(ack.message.seq).toBe(1);
    expect(ack.message.author).toEqual({ type: 'visitor', id: session.visitorId, name: null });
    const seen = await agentSees;
    expect(seen.message).toEqual(ack.message);
    // The agent's frame carries the conversation's new summary; no second frame is needed.
    expect(seen.conversation).toMatchObject({ id: ack.message.conversationId, status: 'open', unreadCount: 1, lastSeq: 1 });
    expect(agent.all('conversation')).toEqual([]);

    const visitorSees = visitor.next<'message'>('message');
    const reply = await agent.sendMessage('Yes, we have three left.', 'a-1', ack.message.conversationId);
    expect(reply.type).toBe('message.ack');
    const received = await visitorSees;
    expect(received.message).toMatchObject({ seq: 2, text: 'Yes, we have three left.', author: { type: 'agent', name: 'Olivia Owner' } });

    const stored = await api(server, 'GET', `/api/v1/conversations/${ack.message.conversationId}/messages`, { cookie });
    expect(stored.body.messages.map((m: { seq: number; text: string }) => [m.seq, m.text])).toEqual([
      [1, 'Hello, is the espresso grinder in stock?'],
      [2, 'Yes, we have three left.'],
    ]);
    await Promise.all([agent.close(), visitor.close()]);
  });

  it('sends every agent socket the same message as a text frame, accents and emoji intact', async () => {
    // Three agent sockets: the frame is encoded once for all of them (connection.ts `textForMany`).
    const agents = await Promise.all([TestSocket.agent(server, cookie), TestSocket.agent(server, cookie), TestSocket.agent(server, cookie)]);
    const text = 'Dobrý den, máte mlýnek na espresso? ☕ 👍';
    const kinds: boolean[] = [];
    for (const agent of agents) agent.ws.on('message', (_data, isBinary) => kinds.push(isBinary));
    const seen = agents.map((agent) => agent.next<'message'>((f) => f.type === 'message' && f.message.text === text));
    const visitor = await TestSocket.visitor(server, (await visitorSession(server)).token);
    const ack = await visitor.sendMessage(text, 'v-many');
    expect(ack.type).toBe('message.ack');
    const frames = await Promise.all(seen);
    for (const frame of frames) expect(frame).toEqual(frames[0]);
    expect(frames[0]!.message.text).toBe(text);
    expect(kinds.length).toBeGreaterThanOrEqual(3);
    expect(kinds.every((binary) => binary === false)).toBe(true);
    await Promise.all([...agents.map((a) => a.close()), visitor.close()]);
  });

  it('stores a resent clientId once and answers the same ack', async () => {
    const session = await visitorSession(server);
    const visitor = await TestSocket.visitor(server, session.token);
    const first = await visitor.sendMessage('only once', 'dup-1');
    const again = await visitor.sendMessage('only once', 'dup-1');
    expect(again).toEqual(first);
    const resumed = (visitor.send({ type: 'sync', afterSeq: 0 }), await visitor.next<'sync'>('sync'));
    expect(resumed.messages.map((m) => m.clientId)).toEqual(['dup-1']);
    await visitor.close();
  });

  it('resumes after a reconnect with exactly the messages missed', async () => {
    const session = await visitorSession(server);
    let visitor = await TestSocket.visitor(server, session.token);
    const first = await visitor.sendMessage('before the tunnel', 'r-1');
    if (first.type !== 'message.ack') throw new Error('no ack');
    const conversationId = first.message.conversationId;
    await visitor.close();

    // While the visitor is away, the agent answers twice.
    await api(server, 'POST', `/api/v1/conversations/${conversationId}/messages`, { cookie, body: { clientId: 'a-r-1', text: 'Still there?' } });
    await api(server, 'POST', `/api/v1/conversations/${conversationId}/messages`, { cookie, body: { clientId: 'a-r-2', text: 'We can also ship it.' } });

    const again = await visitorSession(server, { visitorId: session.visitorId });
    expect(again.visitorId).toBe(session.visitorId);
    expect(again.conversation).toMatchObject({ id: conversationId, lastSeq: 3 });
    visitor = await TestSocket.visitor(server, again.token);
    visitor.send({ type: 'sync', conversationId, afterSeq: 1 });
    const sync = await visitor.next<'sync'>('sync');
    expect(sync.messages.map((m) => [m.seq, m.text])).toEqual([
      [2, 'Still there?'],
      [3, 'We can also ship it.'],
    ]);
    expect(sync).toMatchObject({ lastSeq: 3, hasMore: false });
    await visitor.close();
  });

  it('relays typing both ways without storing it', async () => {
    const agent = await TestSocket.agent(server, cookie);
    const session = await visitorSession(server);
    const visitor = await TestSocket.visitor(server, session.token);
    const ack = await visitor.sendMessage('typing test', 't-1');
    if (ack.type !== 'message.ack') throw new Error('no ack');
    const conversationId = ack.message.conversationId;

    const agentSees = agent.next<'typing'>('typing');
    visitor.send({ type: 'typing', conversationId, typing: true });
    expect(await agentSees).toMatchObject({ conversationId, typing: true, author: { type: 'visitor' } });

    const visitorSees = visitor.next<'typing'>('typing');
    agent.send({ type: 'typing', conversationId, typing: true });
    expect(await visitorSees).toMatchObject({ conversationId, typing: true, author: { type: 'agent', name: 'Olivia Owner' } });
    await Promise.all([agent.close(), visitor.close()]);
  });

  it('answers bad frames with an error frame and keeps the connection', async () => {
    const session = await visitorSession(server);
    const visitor = await TestSocket.visitor(server, session.token);
    visitor.send('{not json');
    expect(await visitor.next('error')).toMatchObject({ code: 'bad_frame' });
    visitor.send({ type: 'launch.rockets' });
    expect(await visitor.next('error')).toMatchObject({ code: 'bad_frame' });
    const tooLong = await visitor.sendMessage('x'.repeat(4001), 'long-1');
    expect(tooLong).toMatchObject({ type: 'error', code: 'invalid', ref: 'long-1', path: 'text', message: 'Message is longer than 4000 characters' });
    visitor.send({ type: 'typing', conversationId: 'nope', typing: true });
    expect(await visitor.next('error')).toMatchObject({ code: 'not_found' });
    // Still usable afterwards.
    expect((await visitor.sendMessage('still here', 'ok-1')).type).toBe('message.ack');
    await visitor.close();
  });

  it('closes a socket that sends an oversized frame, and the server stays up', async () => {
    const session = await visitorSession(server);
    const visitor = await TestSocket.visitor(server, session.token);
    visitor.send(JSON.stringify({ type: 'message.send', clientId: 'big', text: 'y'.repeat(40_000) }));
    expect((await visitor.closed).code).toBe(1009);
    expect((await api(server, 'GET', '/healthz')).status).toBe(200);
  });

  it('refuses sockets without a valid token or session', async () => {
    await expect(TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor?token=v1.forged.sig`)).rejects.toThrow(/401/);
    await expect(TestSocket.open(`${server.url.replace('http', 'ws')}/ws/agent`)).rejects.toThrow(/401/);
    await expect(
      TestSocket.open(`${server.url.replace('http', 'ws')}/ws/agent`, { headers: { cookie }, origin: 'https://evil.example' }),
    ).rejects.toThrow(/403/);
  });

  it('tells visitors and agents which agents are online', async () => {
    const session = await visitorSession(server);
    expect(session.agentsOnline).toBe(0);
    const visitor = await TestSocket.visitor(server, session.token);
    expect(visitor.all('presence').at(-1)).toMatchObject({ agentsOnline: 0 });
    const online = visitor.next<'presence'>((f) => f.type === 'presence' && f.agentsOnline === 1);
    const agent = await TestSocket.agent(server, cookie);
    await online;
    expect((await visitorSession(server)).agentsOnline).toBe(1);
    const agents = await api(server, 'GET', '/api/v1/agents', { cookie });
    expect(agents.body.agents).toEqual([expect.objectContaining({ email: 'owner@demo.parley.test', online: true })]);
    const offline = visitor.next<'presence'>((f) => f.type === 'presence' && f.agentsOnline === 0);
    await agent.close();
    await offline;
    await visitor.close();
  });

  it('starts a new conversation when the visitor writes after the last one was closed', async () => {
    const session = await visitorSession(server);
    const visitor = await TestSocket.visitor(server, session.token);
    const first = await visitor.sendMessage('first question', 'n-1');
    if (first.type !== 'message.ack') throw new Error('no ack');
    const closed = await api(server, 'POST', `/api/v1/conversations/${first.message.conversationId}/close`, { cookie });
    expect(closed.body.conversation.status).toBe('closed');
    await visitor.next<'conversation'>((f) => f.type === 'conversation' && f.conversation.id === first.message.conversationId && f.conversation.status === 'closed');
    // A resend of the first message is still recognised after the close.
    expect(await visitor.sendMessage('first question', 'n-1')).toEqual(first);
    const second = await visitor.sendMessage('another question', 'n-2');
    if (second.type !== 'message.ack') throw new Error('no ack');
    expect(second.message.conversationId).not.toBe(first.message.conversationId);
    expect(second.message.seq).toBe(1);
    // Reopening the old one now conflicts with the visitor's open conversation.
    const reopen = await api(server, 'POST', `/api/v1/conversations/${first.message.conversationId}/reopen`, { cookie });
    expect(reopen.status).toBe(409);
    await visitor.close();
  });

  it('tells agents when a visitor with an open conversation comes online and leaves', async () => {
    const session = await visitorSession(server);
    let visitor = await TestSocket.visitor(server, session.token);
    const ack = await visitor.sendMessage('presence please', 'p-1');
    if (ack.type !== 'message.ack') throw new Error('no ack');
    const conversationId = ack.message.conversationId;
    await visitor.close();
    const agent = await TestSocket.agent(server, cookie);
    const back = agent.next<'conversation'>((f) => f.type === 'conversation' && f.conversation.id === conversationId && 'visitor' in f.conversation && f.conversation.visitor.online);
    visitor = await TestSocket.visitor(server, session.token);
    await back;
    const gone = agent.next<'conversation'>((f) => f.type === 'conversation' && f.conversation.id === conversationId && 'visitor' in f.conversation && !f.conversation.visitor.online);
    await visitor.close();
    await gone;
    await agent.close();
  });

  it('persists a burst from many visitors in the same instant, each message once, a resend in the same burst included', async () => {
    const visitors = await Promise.all(
      Array.from({ length: 12 }, async () => TestSocket.visitor(server, (await visitorSession(server)).token)),
    );
    const sends = visitors.map((v, i) => v.sendMessage(`burst ${i}`, `burst-${i}`));
    // The first visitor resends its message in the same turn (a retry racing the original).
    sends.push(visitors[0]!.sendMessage('burst 0', 'burst-0'));
    const acks = await Promise.all(sends);
    for (const ack of acks) expect(ack.type).toBe('message.ack');
    const messages = acks.map((a) => (a.type === 'message.ack' ? a.message : null));
    expect(messages.slice(0, 12).map((m) => m?.seq)).toEqual(Array(12).fill(1));
    expect(messages[12]?.id).toBe(messages[0]?.id);
    const stored = await api(server, 'GET', `/api/v1/conversations/${messages[0]!.conversationId}/messages`, { cookie });
    expect(stored.body.messages).toHaveLength(1);
    await Promise.all(visitors.map((v) => v.close()));
  });
});
