import { CONDITIONS_MAX, ConditionSchema, GROUP_DEPTH_MAX, TargetingSchema, type Targeting } from '../schema.js';
import { conditionIssues } from './condition-issues.js';
import type { TargetingIssue } from './issue.js';
import { schemaIssues } from './schema-issues.js';

export type CheckTargetingResult = { ok: true; targeting: Targeting } | { ok: false; issues: TargetingIssue[] };

type Path = (string | number)[];

/**
 * Whether a targeting document may be saved: its schema, then every
 * condition on its own (the operator fits the field, the value the operator,
 * the key the field, the pattern compiles), the nesting depth and the number
 * of conditions. Accepts any input; issues carry paths from the document's
 * root (`['conditions', 'conditions', 1, 'value']`), in document order.
 * On success, `targeting` has the schema's defaults filled in.
 */
export function checkTargeting(input: unknown): CheckTargetingResult {
  const tree = walkTree(input);
  // Too deep: stop here — the schema's recursion is not run on a tree deeper than allowed.
  if (tree.tooDeep.length > 0) return { ok: false, issues: sortIssues([...tree.tooDeep, ...tree.tooMany]) };

  const parsed = TargetingSchema.safeParse(input);
  const issues = parsed.success ? [] : schemaIssues(parsed.error, input);
  if (!issues.some((issue) => issue.code === 'too_many')) issues.push(...tree.tooMany);
  issues.push(...tree.conditionIssues);
  if (issues.length > 0 || !parsed.success) return { ok: false, issues: sortIssues(issues) };
  return { ok: true, targeting: parsed.data };
}

interface TreeReport {
  tooDeep: TargetingIssue[];
  tooMany: TargetingIssue[];
  conditionIssues: TargetingIssue[];
}

/**
 * Walks the document's condition tree as received (it may not match the
 * schema): depth, number of conditions, and the per-condition checks of
 * every condition the schema accepts.
 */
function walkTree(input: unknown): TreeReport {
  const report: TreeReport = { tooDeep: [], tooMany: [], conditionIssues: [] };
  const root = isRecord(input) ? input.conditions : undefined;
  let count = 0;
  const visit = (group: Record<string, unknown>, path: Path, depth: number) => {
    if (depth > GROUP_DEPTH_MAX) {
      report.tooDeep.push({
        path,
        code: 'too_deep',
        message: `Groups may nest at most ${GROUP_DEPTH_MAX} levels deep (the top group counts as one)`,
      });
      return;
    }
    if (!Array.isArray(group.conditions)) return;
    group.conditions.forEach((item: unknown, i) => {
      const itemPath = [...path, 'conditions', i];
      if (isRecord(item) && item.kind === 'group') {
        visit(item, itemPath, depth + 1);
        return;
      }
      count++;
      const condition = ConditionSchema.safeParse(item);
      if (!condition.success) return; // the schema's issues say what is wrong
      for (const issue of conditionIssues(condition.data)) report.conditionIssues.push({ ...issue, path: [...itemPath, ...issue.path] });
    });
  };
  if (isRecord(root)) visit(root, ['conditions'], 1);
  if (count > CONDITIONS_MAX) {
    report.tooMany.push({
      path: ['conditions'],
      code: 'too_many',
      message: `The targeting has ${count} conditions; at most ${CONDITIONS_MAX} are allowed`,
    });
  }
  return report;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KEY_ORDER = ['trigger', 'kind', 'match', 'field', 'key', 'operator', 'value', 'from', 'to', 'conditions', 'frequency'];

/** Document order: by path, object keys in the order documents write them. */
function sortIssues(issues: TargetingIssue[]): TargetingIssue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => comparePaths(a.issue.path, b.issue.path) || a.i - b.i)
    .map(({ issue }) => issue);
}

function comparePaths(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return rank(x) - rank(y) || String(x).localeCompare(String(y));
  }
  return a.length - b.length;
}

function rank(key: string | number): number {
  const at = typeof key === 'string' ? KEY_ORDER.indexOf(key) : -1;
  return at === -1 ? KEY_ORDER.length : at;
}
