import { parseFlowDocument } from '../migrations/parse-flow-document.js';
import type { FlowDocument } from '../schema/flow-document.js';
import { checkCycles } from './check-cycles.js';
import { checkEdges } from './check-edges.js';
import { checkNodeRules } from './check-node-rules.js';
import { checkTexts } from './check-texts.js';
import type { Problem } from './problem.js';

/**
 * Everything that stops a flow from being published, each problem placed on
 * the node it concerns. An empty list means the flow can be published.
 * Accepts any input: a document that does not match the schema yields only
 * its schema problems (with paths).
 */
export function validateFlow(input: unknown): Problem[] {
  const parsed = parseFlowDocument(input);
  if (!parsed.ok) return parsed.problems;
  return validateParsedFlow(parsed.flow);
}

/** The publishing checks on a document already parsed. */
export function validateParsedFlow(flow: FlowDocument): Problem[] {
  const problems = [
    ...checkEdges(flow),
    ...checkTexts(flow),
    ...Object.entries(flow.nodes).flatMap(([nodeId, node]) => checkNodeRules(nodeId, node)),
    ...checkCycles(flow),
  ];
  // Flow-level problems first, then node by node in document order.
  const position = new Map(Object.keys(flow.nodes).map((id, i) => [id, i]));
  const rank = (p: Problem) => (p.nodeId === null ? -1 : (position.get(p.nodeId) ?? Number.MAX_SAFE_INTEGER));
  return problems.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map(({ p }) => p);
}
