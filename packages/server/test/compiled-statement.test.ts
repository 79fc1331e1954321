/**
 * Hot-path statements (storage/compiled-statement.ts) and the chatbot's step
 * batcher, on the real engines: the compiled SQL answers what Kysely answers,
 * runs synchronously on SQLite only where that is safe, and a failing step in a
 * group commit undoes only its own writes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StepBatcher } from '../src/chatbots/step-batcher.js';
import { lastShownQuery } from '../src/services/targeting-service.js';
import { markerRows, Statement, syncHandle } from '../src/storage/compiled-statement.js';
import { openStorage, type Storage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { engines, PG_URL, uniqueSchema } from './harness.js';

const byName = new Statement('test.workspaceByName', (db, $) => db.selectFrom('workspaces').select(['id', 'name', 'office_hours']).where('name', '=', $(0)).orderBy('id'));
const rename = new Statement('test.rename', (db, $) => db.updateTable('workspaces').set({ name: $(0) }).where('name', '=', $(1)));
/** `shape`: how many rows. */
const insertMany = new Statement('test.insertMany', (db, $, shape) =>
  db.insertInto('workspaces').values(
    markerRows(Number(shape), 3, $, (a) => ({
      id: a(0),
      name: a(1),
      office_hours: a(2),
      timezone: 'UTC',
      default_language: 'en',
      created_at: 1,
      unanswered_chatbot: null,
      subscription_start: null,
      billing_timezone: null,
    })),
  ),
);

describe.each(engines)('compiled statements on %s', (engine) => {
  let storage: Storage;

  beforeEach(async () => {
    const pgSchema = uniqueSchema();
    storage = await openStorage(
      engine === 'postgres' ? { databaseUrl: PG_URL, pgSchema, dataDir: '' } : { dataDir: mkdtempSync(join(tmpdir(), 'parley-compiled-')) },
    );
    await migrateToLatest(storage.db, engine === 'postgres' ? pgSchema : undefined);
  });
  afterEach(async () => {
    await storage.close();
  });

  it('binds arguments where the markers were, per shape, and answers what Kysely answers', async () => {
    const { db } = storage;
    expect(await insertMany.run(db, ['w1', 'north', null, 'w2', 'south', '{"x":1}'], '2')).toBe(2);
    // undefined binds as NULL
    expect(await insertMany.run(db, ['w3', 'north', undefined], '1')).toBe(1);
    const rows = await byName.rows(db, ['north']);
    expect(rows).toEqual([
      { id: 'w1', name: 'north', office_hours: null },
      { id: 'w3', name: 'north', office_hours: null },
    ]);
    expect(rows).toEqual(await db.selectFrom('workspaces').select(['id', 'name', 'office_hours']).where('name', '=', 'north').orderBy('id').execute());
    expect(await byName.first(db, ['south'])).toEqual({ id: 'w2', name: 'south', office_hours: '{"x":1}' });
    expect(await byName.first(db, ['nowhere'])).toBeUndefined();
    expect(await rename.run(db, ['east', 'north'])).toBe(2);
    expect(await rename.run(db, ['east', 'nowhere'])).toBe(0);
    expect((await byName.rows(db, ['east'])).map((r) => r.id)).toEqual(['w1', 'w3']);
  });

  it('refuses a builder that writes a marker into the SQL text instead of binding it', async () => {
    const inlined = new Statement('test.inlined', (db, $) => db.selectFrom('workspaces').select(sql.lit($(0)).as('x')));
    expect(() => inlined.rows(storage.db, ['a'])).toThrow(/marker was written into the SQL text/);
  });

  it('runs synchronously only on the embedded engine, and never inside a transaction it does not own', async () => {
    const { db } = storage;
    await insertMany.run(db, ['w1', 'north', null], '1');
    if (engine === 'postgres') {
      expect(syncHandle(db)).toBeNull();
      expect(byName.first(db, ['north'])).toBeInstanceOf(Promise);
      return;
    }
    // No transaction open: a plain value, at once.
    expect(byName.first(db, ['north'])).toEqual({ id: 'w1', name: 'north', office_hours: null });
    // Someone's Kysely transaction holds the connection: the read waits for it and never sees its uncommitted rows.
    let pending: unknown;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('workspaces').set({ name: 'renamed' }).where('id', '=', 'w1').execute();
      pending = byName.first(db, ['renamed']);
      expect(pending).toBeInstanceOf(Promise);
      throw new Error('roll back');
    }).catch(() => undefined);
    expect(await pending).toBeUndefined();
    expect(byName.first(db, ['north'])).toEqual({ id: 'w1', name: 'north', office_hours: null });
  });

  it('group-commits steps: a failing step undoes only its own writes; the others commit together', async () => {
    const { db } = storage;
    if (!storage.sqlite) return; // PostgreSQL runs each step in its own transaction (no batcher).
    const batcher = new StepBatcher(db, storage.sqlite);
    const handlesSeen: boolean[] = [];
    const step = (id: string, fail: boolean) =>
      batcher.run(async (trx) => {
        handlesSeen.push(syncHandle(trx) !== null);
        await insertMany.run(trx, [id, 'batch', null], '1');
        await trx.insertInto('workspaces').values({ id: `${id}-k`, name: 'batch', timezone: 'UTC', default_language: 'en', created_at: 1, office_hours: null, unanswered_chatbot: null, subscription_start: null, billing_timezone: null }).execute();
        if (fail) throw new Error(`step ${id} failed`);
        return id;
      });
    const results = await Promise.allSettled([step('a', false), step('b', true), step('c', false), step('a', false)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual([
      'a',
      'Error: step b failed',
      'c',
      // A duplicate id: its own unique violation, rolled back alone.
      expect.stringMatching(/UNIQUE constraint failed/),
    ]);
    expect(handlesSeen).toEqual([true, true, true, true]);
    const stored = await db.selectFrom('workspaces').select('id').where('name', '=', 'batch').orderBy('id').execute();
    expect(stored.map((r) => r.id)).toEqual(['a', 'a-k', 'c', 'c-k']);
    // After the batch, the transaction's handle is gone and the connection is free.
    expect(db.getExecutor()).toBeDefined();
    expect(storage.sqlite.inTransaction).toBe(false);
  });
});

describe('query plans on the embedded engine', () => {
  it("reads a visitor's triggered records through the partial index of migration 007", async () => {
    const storage = await openStorage({ dataDir: mkdtempSync(join(tmpdir(), 'parley-plans-')) });
    try {
      await migrateToLatest(storage.db);
      const compiled = lastShownQuery(storage.db, 'v-1').compile();
      const plan = storage.sqlite!.prepare(`explain query plan ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[];
      expect(plan.map((p) => p.detail).join('; ')).toMatch(/USING COVERING INDEX chatbot_events_visitor_triggered/);
    } finally {
      await storage.close();
    }
  });
});
