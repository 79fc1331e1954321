import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Moves SQLite's WAL checkpoints off the event loop. With the automatic
 * checkpoint, every ~1 000 pages one COMMIT on the main thread also copies the
 * WAL into the database and fsyncs (milliseconds: the latency tail). Instead the
 * main connection turns `wal_autocheckpoint` off and a worker thread with its own
 * connection runs a PASSIVE checkpoint (never blocks writers) every interval.
 */
export class WalCheckpointer {
  readonly #worker: Worker;

  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  static start(databasePath: string, intervalMs = 100): WalCheckpointer {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      const Database = require(workerData.driver);
      const db = new Database(workerData.path);
      db.pragma('busy_timeout = 1000');
      const timer = setInterval(() => {
        try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: next time */ }
      }, workerData.intervalMs);
      parentPort.on('message', () => {
        clearInterval(timer);
        try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch {}
        db.close();
        parentPort.postMessage('closed');
      });
    `;
    const worker = new Worker(source, { eval: true, workerData: { driver, path: databasePath, intervalMs } });
    worker.unref();
    return new WalCheckpointer(worker);
  }

  /** Runs a last checkpoint and stops the thread. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => {
      this.#worker.once('message', () => resolve());
      this.#worker.once('exit', () => resolve());
      this.#worker.once('error', () => resolve());
    });
    this.#worker.postMessage('close');
    await closed;
    await this.#worker.terminate();
  }
}
