/**
 * Group commit for chatbot steps on the embedded engine. Every step is one
 * transaction's worth of writes; on SQLite (one connection, one writer) the
 * commit is the most expensive part of a step, so the steps requested while
 * one batch runs share the next transaction, each under its own savepoint: a
 * step that fails (a stale button, a duplicate) undoes only its own writes.
 * Callers are answered only after COMMIT, as with a transaction of their own.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Item {
  fn: (trx: Transaction<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** At most this many steps per transaction, so one commit never holds many answers back. */
const BATCH_MAX = 64;

export class StepBatcher {
  #queue: Item[] = [];
  #draining = false;

  constructor(private readonly db: Kysely<Database>) {}

  run<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining && this.#queue.length === 1) setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, BATCH_MAX);
        const outcomes: Outcome[] = [];
        try {
          await this.db.transaction().execute(async (trx) => {
            for (const item of batch) {
              await sql`savepoint parley_step`.execute(trx);
              try {
                const value = await item.fn(trx);
                await sql`release parley_step`.execute(trx);
                outcomes.push({ ok: true, value });
              } catch (error) {
                await sql`rollback to parley_step`.execute(trx);
                await sql`release parley_step`.execute(trx);
                outcomes.push({ ok: false, error });
              }
            }
          });
        } catch (error) {
          for (const item of batch) item.reject(error);
          continue;
        }
        batch.forEach((item, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) item.resolve(outcome.value);
          else item.reject(outcome.error);
        });
      }
    } finally {
      this.#draining = false;
    }
  }
}
