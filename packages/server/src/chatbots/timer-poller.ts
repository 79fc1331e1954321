/**
 * Fires chatbot timers (delays, webhook time limits, the "nobody answered"
 * offer). They live in the database, so they survive restarts; every node
 * polls, and a claim (an UPDATE that only one node can win) makes each fire once.
 * A node that dies holding a claim lets it lapse, and another node fires it.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../storage/schema.js';
import { claimTimer, dueTimers, finishTimer } from '../storage/repositories/chatbot-session-repository.js';
import type { ChatbotRuntime } from './chatbot-runtime.js';

const BATCH = 100;
/** How long a claim holds before another node may take the timer over. */
const CLAIM_MS = 30_000;

export class TimerPoller {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly runtime: ChatbotRuntime,
    private readonly nodeId: string,
    private readonly intervalMs: number,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {}

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.poll(), this.intervalMs);
    this.#timer.unref();
  }

  /** One round: claims and fires every due timer. Rounds never overlap. Returns how many fired. */
  poll(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#round()
        .catch((error: unknown) => this.log.warn({ err: error }, 'chatbot timers failed'))
        .finally(() => {
          this.#running = null;
        });
    }
    return this.#running;
  }

  async #round(): Promise<void> {
    const due = await dueTimers(this.db, this.clock.now(), BATCH);
    for (const timer of due) {
      if (!(await claimTimer(this.db, timer, this.nodeId, this.clock.now(), CLAIM_MS))) continue;
      try {
        await this.runtime.fireTimer(timer);
      } catch (error) {
        this.log.warn({ err: error, conversationId: timer.conversation_id, kind: timer.kind }, 'chatbot timer failed');
      }
      // Fired (or failed for good): gone, unless the step re-armed it with a new due time.
      await finishTimer(this.db, timer);
    }
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
