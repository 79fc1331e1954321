import type { EventBus, EventHandler, ParleyEvent } from './parley-event.js';

/** One process: events go straight to the local subscribers. */
export class MemoryEventBus implements EventBus {
  readonly #handlers = new Set<EventHandler>();

  async publish(event: ParleyEvent): Promise<void> {
    for (const handler of this.#handlers) handler(event);
  }

  subscribe(handler: EventHandler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.#handlers.clear();
  }
}
