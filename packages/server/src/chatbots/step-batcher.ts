/**
 * Group commit for chatbot steps on the embedded engine. Every step is one
 * transaction's worth of writes; on SQLite (one connection, one writer) the
 * commit is the most expensive part of a step, so the steps requested while
 * one batch runs share the next transaction, each under its own savepoint: a
 * step that fails (a stale button, a duplicate) undoes only its own writes.
 * Callers are answered only after COMMIT, as with a transaction of their own.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { releaseSqliteHandle, useSqliteHandle } from '../storage/compiled-statement.js';
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

  readonly #savepoint: Record<'open' | 'release' | 'rollbackTo', SqliteDatabase.Statement>;

  /**
   * `raw` is the embedded engine's handle behind `db`: inside the batch's
   * transaction (Kysely holds the connection), hot-path statements and the
   * savepoints run on it synchronously (storage/compiled-statement.ts).
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly raw: SqliteDatabase.Database,
  ) {
    this.#savepoint = {
      open: raw.prepare('savepoint parley_step'),
      release: raw.prepare('release parley_step'),
      rollbackTo: raw.prepare('rollback to parley_step'),
    };
  }

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
            useSqliteHandle(trx, this.raw, false);
            try {
              for (const item of batch) {
                this.#savepoint.open.run();
                try {
                  const value = await item.fn(trx);
                  this.#savepoint.release.run();
                  outcomes.push({ ok: true, value });
                } catch (error) {
                  this.#savepoint.rollbackTo.run();
                  this.#savepoint.release.run();
                  outcomes.push({ ok: false, error });
                }
              }
            } finally {
              releaseSqliteHandle(trx);
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
