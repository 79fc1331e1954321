import { Redis } from 'ioredis';
import type { EventBus, EventHandler, ParleyEvent } from './parley-event.js';

/**
 * Several nodes: every event is published on one Redis channel and every node
 * (this one included) delivers it to its own sockets. Redis carries events only;
 * PostgreSQL holds the truth, so a lost event costs a client a `sync`, never data.
 */
export class RedisEventBus implements EventBus {
  readonly #handlers = new Set<EventHandler>();
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #channel: string;

  private constructor(url: string, channel: string) {
    this.#pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.#sub = new Redis(url, { lazyConnect: true });
    this.#channel = channel;
  }

  static async connect(url: string, channel = 'parley:events'): Promise<RedisEventBus> {
    const bus = new RedisEventBus(url, channel);
    await Promise.all([bus.#pub.connect(), bus.#sub.connect()]);
    bus.#sub.on('message', (ch: string, payload: string) => {
      if (ch !== bus.#channel) return;
      let event: ParleyEvent;
      try {
        event = JSON.parse(payload) as ParleyEvent;
      } catch {
        return;
      }
      for (const handler of bus.#handlers) handler(event);
    });
    await bus.#sub.subscribe(channel);
    return bus;
  }

  async publish(event: ParleyEvent): Promise<void> {
    await this.#pub.publish(this.#channel, JSON.stringify(event));
  }

  subscribe(handler: EventHandler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.#handlers.clear();
    await Promise.allSettled([this.#sub.quit(), this.#pub.quit()]);
  }
}
