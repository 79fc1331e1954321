import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, hasPostgres, hasRedis, login, startServer, TestSocket, uniqueSchema, visitorSession, type TestServer } from './harness.js';

/** Two stateless nodes sharing PostgreSQL (truth) and Redis (events), as behind a load balancer. */
describe.runIf(hasPostgres && hasRedis)('two nodes on PostgreSQL + Redis', () => {
  let a: TestServer;
  let b: TestServer;
  let cookie: string;

  beforeAll(async () => {
    const pgSchema = uniqueSchema();
    // Both nodes start at once: migrations take a lock, the demo seed happens once.
    [a, b] = await Promise.all([startServer({ engine: 'postgres', pgSchema, redis: true }), startServer({ engine: 'postgres', pgSchema, redis: true })]);
    expect(a.websiteKey).toBe(b.websiteKey);
    cookie = await login(b);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('relays a visitor on node A to an agent on node B and back in real time', async () => {
    const agent = await TestSocket.agent(b, cookie);
    const session = await visitorSession(a);
    const visitor = await TestSocket.visitor(a, session.token);
    const seen = agent.next<'message'>('message');
    const ack = await visitor.sendMessage('hello from node A', 'mn-1');
    if (ack.type !== 'message.ack') throw new Error('no ack');
    expect((await seen).message.id).toBe(ack.message.id);

    const back = visitor.next<'message'>('message');
    await agent.sendMessage('hello from node B', 'mn-2', ack.message.conversationId);
    expect((await back).message).toMatchObject({ seq: 2, text: 'hello from node B' });
    await Promise.all([agent.close(), visitor.close()]);
  });

  it('sees agent presence from the other node', async () => {
    const session = await visitorSession(a);
    const visitor = await TestSocket.visitor(a, session.token);
    const online = visitor.next<'presence'>((f) => f.type === 'presence' && f.agentsOnline === 1);
    const agent = await TestSocket.agent(b, cookie);
    await online;
    expect((await visitorSession(a, { visitorId: session.visitorId })).agentsOnline).toBe(1);
    await Promise.all([agent.close(), visitor.close()]);
  });

  it('keeps one open conversation and gapless seqs when a visitor writes to both nodes at once', async () => {
    const session = await visitorSession(a);
    const [onA, onB] = await Promise.all([TestSocket.visitor(a, session.token), TestSocket.visitor(b, session.token)]);
    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? onA : onB).sendMessage(`burst ${i}`, `burst-${i}`)),
    );
    const messages = acks.map((f) => {
      if (f.type !== 'message.ack') throw new Error(JSON.stringify(f));
      return f.message;
    });
    expect(new Set(messages.map((m) => m.conversationId)).size).toBe(1);
    expect(messages.map((m) => m.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Resending everything through the other node changes nothing.
    const resent = await Promise.all(messages.map((m, i) => (i % 2 ? onB : onA).sendMessage(m.text, m.clientId!)));
    expect(resent.map((f) => (f.type === 'message.ack' ? f.message.id : f))).toEqual(messages.map((m) => m.id));
    const stored = await api(a, 'GET', `/api/v1/conversations/${messages[0]!.conversationId}/messages`, { cookie: await login(a) });
    expect(stored.body.messages).toHaveLength(20);
    await Promise.all([onA.close(), onB.close()]);
  });
});
