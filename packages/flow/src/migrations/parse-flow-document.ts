import { FLOW_SCHEMA_VERSION, FlowDocumentSchema, type FlowDocument } from '../schema/flow-document.js';
import type { Problem } from '../validator/problem.js';
import { schemaProblems } from '../validator/schema-problems.js';
import { applyMigrations } from './apply-migrations.js';
import { FLOW_MIGRATIONS } from './flow-migrations.js';

export type ParseFlowResult = { ok: true; flow: FlowDocument } | { ok: false; problems: Problem[] };

/**
 * Reads a stored or submitted flow document of any known version: migrates it
 * to the current format, then checks it against the schema. Never throws.
 */
export function parseFlowDocument(input: unknown): ParseFlowResult {
  const migrated = applyMigrations(input, FLOW_MIGRATIONS, FLOW_SCHEMA_VERSION);
  if (!migrated.ok) {
    return { ok: false, problems: [{ nodeId: null, path: ['schemaVersion'], code: 'unsupported_version', message: migrated.message }] };
  }
  // reportInput: issues keep the offending value, so "missing" and "wrong type" read differently.
  const parsed = FlowDocumentSchema.safeParse(migrated.document, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error) };
  return { ok: true, flow: parsed.data };
}
