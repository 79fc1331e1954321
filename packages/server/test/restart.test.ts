import { describe, expect, it } from 'vitest';
import { engines, login, startServer, TestSocket, uniqueSchema, visitorSession } from './harness.js';

describe.each(engines)('restart on %s', (engine) => {
  it('keeps every message, the seq counter and the secret across a restart', async () => {
    const pgSchema = uniqueSchema();
    const first = await startServer({ engine, pgSchema });
    const session = await visitorSession(first);
    const visitor = await TestSocket.visitor(first, session.token);
    const ack = await visitor.sendMessage('before restart', 'rs-1');
    if (ack.type !== 'message.ack') throw new Error('no ack');
    const closed = visitor.closed;
    await first.close();
    // The server tells clients to reconnect elsewhere.
    expect((await closed).code).toBe(1012);

    const second = await startServer({ engine, pgSchema, dataDir: first.dataDir });
    try {
      // The old token still verifies: the signing secret is stored, not regenerated.
      const again = await TestSocket.visitor(second, session.token);
      again.send({ type: 'sync', afterSeq: 0 });
      const sync = await again.next<'sync'>('sync');
      expect(sync.messages.map((m) => m.text)).toEqual(['before restart']);
      // The outbox resend after reconnect is recognised; the next message continues the sequence.
      expect(await again.sendMessage('before restart', 'rs-1')).toEqual(ack);
      const next = await again.sendMessage('after restart', 'rs-2');
      expect(next).toMatchObject({ type: 'message.ack', message: { seq: 2, conversationId: ack.message.conversationId } });
      expect(second.parley.demo?.password).toBeNull();
      await login(second);
      await again.close();
    } finally {
      await second.close();
    }
  });
});
