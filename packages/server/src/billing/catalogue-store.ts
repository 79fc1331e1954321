/**
 * The plan and package catalogues are data the operator edits
 * (docs/billing.md): a JSON file named by PARLEY_PLANS_FILE is validated and
 * stored at start (`instance_settings`), so every node reads the same; without
 * it, PRODUCT.md's defaults.
 */
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  AddonCatalogueSchema,
  DEFAULT_ADDON_CATALOGUE,
  DEFAULT_PLAN_CATALOGUE,
  PlanCatalogueSchema,
  type AddonCatalogue,
  type PlanCatalogue,
} from '@parley/core';
import type { Database } from '../storage/schema.js';

const PLANS_KEY = 'plan_catalogue';
const ADDONS_KEY = 'addon_catalogue';

export interface Catalogues {
  plans: PlanCatalogue;
  addons: AddonCatalogue;
}

const FileSchema = z.object({ plans: PlanCatalogueSchema.optional(), addons: AddonCatalogueSchema.optional() });

/** Reads and validates the operator's file; a bad file stops the start with the paths of its problems. */
export async function loadCatalogueFile(path: string): Promise<Partial<Catalogues>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`PARLEY_PLANS_FILE ${path}: ${(error as Error).message}`);
  }
  const parsed = FileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`PARLEY_PLANS_FILE ${path} is not a valid catalogue:\n${lines.join('\n')}`);
  }
  return { ...(parsed.data.plans ? { plans: parsed.data.plans } : {}), ...(parsed.data.addons ? { addons: parsed.data.addons } : {}) };
}

export async function storeCatalogues(db: Kysely<Database>, catalogues: Partial<Catalogues>): Promise<void> {
  for (const [key, value] of [
    [PLANS_KEY, catalogues.plans],
    [ADDONS_KEY, catalogues.addons],
  ] as const) {
    if (!value) continue;
    await db
      .insertInto('instance_settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
  }
}

export async function readCatalogues(db: Kysely<Database>): Promise<Catalogues> {
  const rows = await db.selectFrom('instance_settings').select(['key', 'value']).where('key', 'in', [PLANS_KEY, ADDONS_KEY]).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const parse = <T>(key: string, schema: z.ZodType<T>, fallback: T): T => {
    const text = stored.get(key);
    if (!text) return fallback;
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  };
  return { plans: parse(PLANS_KEY, PlanCatalogueSchema, DEFAULT_PLAN_CATALOGUE), addons: parse(ADDONS_KEY, AddonCatalogueSchema, DEFAULT_ADDON_CATALOGUE) };
}
