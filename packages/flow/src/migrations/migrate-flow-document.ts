import type { FlowDocument } from '../schema/flow-document.js';
import type { Problem } from '../validator/problem.js';
import { parseFlowDocument } from './parse-flow-document.js';

/** Thrown by `migrateFlowDocument` when a document cannot be read; carries every problem. */
export class FlowDocumentError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map((p) => (p.path.length ? `${p.path.join('.')}: ${p.message}` : p.message)).join('; '));
    this.name = 'FlowDocumentError';
    this.problems = problems;
  }
}

/**
 * Upgrades a flow document of any known version to the current one and
 * parses it. Throws `FlowDocumentError`; use `parseFlowDocument` to get the
 * problems without throwing.
 */
export function migrateFlowDocument(input: unknown): FlowDocument {
  const result = parseFlowDocument(input);
  if (!result.ok) throw new FlowDocumentError(result.problems);
  return result.flow;
}
