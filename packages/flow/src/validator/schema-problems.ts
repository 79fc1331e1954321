import type { z } from 'zod';
import type { Problem } from './problem.js';

type Path = (string | number)[];

/** Turns zod's issues into problems with paths from the document's root. */
export function schemaProblems(error: z.ZodError, prefix: Path = []): Problem[] {
  return error.issues.flatMap((issue) => issueProblems(issue, prefix));
}

function issueProblems(issue: z.core.$ZodIssue, prefix: Path): Problem[] {
  const path = [...prefix, ...issue.path.map(pathKey)];
  // A union (a condition or a nested group) failed every option: report the
  // option that came closest, so the path points at the real mistake.
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    return closestOption(issue.errors).flatMap((inner) => issueProblems(inner, path));
  }
  return [{ nodeId: nodeIdOf(path), path, code: 'schema', message: describeIssue(issue) }];
}

/**
 * The union option the input was most likely meant to be: one whose shape
 * fits (no unknown discriminator, no unknown keys at its root) with the
 * fewest issues.
 */
function closestOption(options: z.core.$ZodIssue[][]): z.core.$ZodIssue[] {
  const score = (issues: z.core.$ZodIssue[]) => issues.length + (issues.some(isWrongShape) ? 1000 : 0);
  return options.reduce((best, option) => (score(option) < score(best) ? option : best));
}

function isWrongShape(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'invalid_union' && issue.errors.length === 0) return true;
  return issue.path.length === 0 && (issue.code === 'unrecognized_keys' || issue.code === 'invalid_type');
}

function pathKey(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key);
}

function nodeIdOf(path: Path): string | null {
  return path[0] === 'nodes' && typeof path[1] === 'string' ? path[1] : null;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return `"${lastKey(issue.path)}" is required`;
  if (issue.code === 'unrecognized_keys') return `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  return issue.message;
}

function lastKey(path: PropertyKey[]): string {
  const key = path[path.length - 1];
  return key === undefined ? 'value' : String(key);
}
