import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Hot-path statements, built with Kysely once and run many times.
 *
 * Kysely builds and compiles a query on every call, and on the embedded engine
 * every query also goes through its async connection chain; on the chatbot's
 * hot path that cost more than SQLite itself (docs/benchmarks.md, "Chatbot
 * steps"). A `Statement` is written with the same query builder, with marker
 * values (`$(i)`) where the arguments go; it is compiled once per engine and
 * shape, and its parameters are bound positionally on each run.
 *
 * Where it runs: through Kysely (`executeQuery` with the compiled SQL, so on
 * PostgreSQL and inside anyone's Kysely transaction), or synchronously on the
 * embedded engine's own handle when that is safe: inside a transaction opened
 * for the hot path (`useSqliteHandle`, by the chatbot's step batcher, which
 * holds Kysely's connection) or on the root instance while no transaction is
 * open on the connection (a read there sees only committed data).
 */

type Db = Kysely<Database>;

/**
 * Marker for argument `i`, bound to the argument when the statement runs. Typed
 * `never` so that it fits any column in the builder; it is a string at run time.
 */
export type Marker = (i: number) => never;

const MARK = '\u0000arg:';
const marker = ((i: number) => `${MARK}${i}\u0000`) as unknown as Marker;
const MARKER_PATTERN = /^\u0000arg:(\d+)\u0000$/;

/**
 * `count` rows of `width` arguments each, for a multi-row `values(…)`: row `r`'s
 * argument `i` is marker `r × width + i` (the caller flattens its rows the same way).
 */
export function markerRows<T>(count: number, width: number, $: Marker, row: (arg: (i: number) => never) => T): T[] {
  return Array.from({ length: count }, (_, r) => row((i) => $(r * width + i)));
}

type Slot = { arg: number } | { value: unknown };

interface Compiled {
  sql: string;
  slots: Slot[];
  /** The embedded engine's prepared statement, once it ran synchronously. */
  prepared: SqliteDatabase.Statement | null;
}

interface Handle {
  raw: SqliteDatabase.Database;
  /** The application's root instance (not a transaction): safe only while no transaction is open. */
  root: boolean;
}

const handles = new WeakMap<Db, Handle>();

/** Lets statements on `db` run synchronously on the embedded engine's handle (see the module comment). */
export function useSqliteHandle(db: Db, raw: SqliteDatabase.Database, root: boolean): void {
  handles.set(db, { raw, root });
}

export function releaseSqliteHandle(db: Db): void {
  handles.delete(db);
}

/** The handle to run on synchronously, or null to go through Kysely. */
export function syncHandle(db: Db): SqliteDatabase.Database | null {
  const handle = handles.get(db);
  if (!handle) return null;
  if (handle.root && handle.raw.inTransaction) return null;
  return handle.raw;
}

export class Statement<Row> {
  /** Compiled forms by engine (Kysely's adapter) and shape. */
  readonly #compiled = new WeakMap<object, Map<string, Compiled>>();

  /**
   * `build` gets a Kysely instance and the marker function; `shape` names what
   * changes the SQL text between calls (a list length, the columns set), and
   * must be given whenever `build` depends on anything but markers.
   */
  constructor(
    readonly name: string,
    private readonly build: (db: Db, $: Marker, shape: string) => Compilable<Row>,
  ) {}

  #compile(db: Db, shape: string): Compiled {
    const adapter = db.getExecutor().adapter;
    let byShape = this.#compiled.get(adapter);
    if (!byShape) {
      byShape = new Map();
      this.#compiled.set(adapter, byShape);
    }
    let compiled = byShape.get(shape);
    if (!compiled) {
      const query = this.build(db, marker, shape).compile();
      if (query.sql.includes(MARK)) throw new Error(`Statement ${this.name}: a marker was written into the SQL text instead of being bound`);
      const slots = query.parameters.map((value): Slot => {
        const match = typeof value === 'string' ? MARKER_PATTERN.exec(value) : null;
        return match ? { arg: Number(match[1]) } : { value };
      });
      compiled = { sql: query.sql, slots, prepared: null };
      byShape.set(shape, compiled);
    }
    return compiled;
  }

  #params(compiled: Compiled, args: readonly unknown[]): unknown[] {
    const out = new Array<unknown>(compiled.slots.length);
    for (let i = 0; i < compiled.slots.length; i++) {
      const slot = compiled.slots[i]!;
      out[i] = 'arg' in slot ? toParameter(args[slot.arg]) : slot.value;
    }
    return out;
  }

  #prepared(compiled: Compiled, raw: SqliteDatabase.Database): SqliteDatabase.Statement {
    compiled.prepared ??= raw.prepare(compiled.sql);
    return compiled.prepared;
  }

  /** Every row (a SELECT, or a write with RETURNING). */
  rows(db: Db, args: readonly unknown[], shape = ''): Row[] | Promise<Row[]> {
    const compiled = this.#compile(db, shape);
    const params = this.#params(compiled, args);
    const raw = syncHandle(db);
    if (raw) return this.#prepared(compiled, raw).all(...params) as Row[];
    return db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, params)).then((result) => result.rows);
  }

  /** The first row, if any. */
  first(db: Db, args: readonly unknown[], shape = ''): Row | undefined | Promise<Row | undefined> {
    const compiled = this.#compile(db, shape);
    const params = this.#params(compiled, args);
    const raw = syncHandle(db);
    if (raw) return this.#prepared(compiled, raw).get(...params) as Row | undefined;
    return db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, params)).then((result) => result.rows[0]);
  }

  /** A write: how many rows it changed. */
  run(db: Db, args: readonly unknown[], shape = ''): number | Promise<number> {
    const compiled = this.#compile(db, shape);
    const params = this.#params(compiled, args);
    const raw = syncHandle(db);
    if (raw) return this.#prepared(compiled, raw).run(...params).changes;
    return db.executeQuery(CompiledQuery.raw(compiled.sql, params)).then((result) => Number(result.numAffectedRows ?? 0n));
  }
}

/** An argument left undefined binds as NULL (better-sqlite3 refuses undefined). */
function toParameter(value: unknown): unknown {
  return value === undefined ? null : value;
}
