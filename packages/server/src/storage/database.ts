import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Dialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { useSqliteHandle } from './compiled-statement.js';
import type { Database } from './schema.js';
import { WalCheckpointer } from './wal-checkpointer.js';

export type DialectName = 'sqlite' | 'postgres';

export interface StorageOptions {
  /** `postgres://…` selects PostgreSQL; anything else uses SQLite under dataDir. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL schema to use (created if missing); tests use one per run. */
  pgSchema?: string | undefined;
  /** SQLite file name inside dataDir, or ':memory:'. */
  sqliteFile?: string;
  log?: (event: LogEvent) => void;
}

export interface Storage {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The embedded engine's own handle, for the few hot paths that run synchronously (see sqlite-message-writer.ts). */
  sqlite: SqliteDatabase.Database | null;
  close(): Promise<void>;
}

// bigint columns hold epoch milliseconds and counters, well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * better-sqlite3 compiles a statement on every prepare(); Kysely prepares for
 * every query. Caching prepared statements by SQL text removes that cost. The
 * instance's own `prepare` is replaced (no Proxy: it sits on every call).
 */
function withStatementCache(db: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      if (cache.size > 2000) cache.clear();
      cache.set(sql, stmt);
    }
    return stmt;
  }) as typeof db.prepare;
  return db;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  let dialect: Dialect;
  let name: DialectName;
  let raw: SqliteDatabase.Database | null = null;
  let checkpointer: WalCheckpointer | null = null;
  if (isPostgresUrl(options.databaseUrl)) {
    name = 'postgres';
    const schema = options.pgSchema;
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
    if (schema) {
      const admin = new pg.Client({ connectionString: options.databaseUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      } catch (error) {
        // Two nodes creating the schema at the same instant: one wins, both are fine.
        if ((error as { code?: string }).code !== '23505') throw error;
      } finally {
        await admin.end();
      }
    }
    dialect = new PostgresDialect({
      pool: new pg.Pool({
        connectionString: options.databaseUrl,
        max: 10,
        ...(schema ? { options: `-c search_path="${schema}"` } : {}),
      }),
    });
  } else {
    name = 'sqlite';
    const file = options.sqliteFile ?? 'parley.sqlite';
    let path = file;
    if (file !== ':memory:') {
      mkdirSync(options.dataDir, { recursive: true });
      path = join(options.dataDir, file);
    }
    const sqlite = new SqliteDatabase(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    if (file !== ':memory:') {
      sqlite.pragma('wal_autocheckpoint = 0');
      checkpointer = WalCheckpointer.start(path);
    }
    raw = sqlite;
    dialect = new SqliteDialect({ database: withStatementCache(sqlite) });
  }
  const db = new Kysely<Database>({ dialect, ...(options.log ? { log: options.log } : {}) });
  // Hot-path statements may read synchronously on the embedded engine while no transaction is open.
  if (raw) useSqliteHandle(db, raw, true);
  return {
    db,
    dialect: name,
    sqlite: raw,
    close: async () => {
      await db.destroy();
      await checkpointer?.stop();
    },
  };
}
