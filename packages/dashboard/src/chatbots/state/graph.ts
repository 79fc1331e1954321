import { nodeEdges, type FlowDocument, type FlowNode, type Problem } from '@parley/flow';
import { handleId } from './handles';

/** What the canvas needs to draw one node (React Flow's `data`). */
export interface BuilderNodeData extends Record<string, unknown> {
  nodeId: string;
  /** The node with the texts of the language being edited (default texts where untranslated). */
  node: FlowNode;
  isStart: boolean;
  problems: Problem[];
  /** How many texts of this node the selected variant lacks (0 for the default language). */
  untranslated: number;
  /** Run errors at this step in the last 24 hours (0 = none): a warning dot, apart from validation problems. */
  runErrors: number;
  /** The newest of those errors' titles, for the dot's tooltip. */
  runErrorHint: string | null;
}

export interface GraphEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
}

/** Where a node without a stored position is drawn: a simple grid. */
export function fallbackPosition(index: number): { x: number; y: number } {
  return { x: 40 + (index % 4) * 300, y: 40 + Math.floor(index / 4) * 220 };
}

/** Every connected outlet as an edge; edges to missing nodes are left out (the validator reports them). */
export function flowEdges(flow: FlowDocument): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const [source, node] of Object.entries(flow.nodes)) {
    for (const edge of nodeEdges(node)) {
      if (edge.target === null || !Object.hasOwn(flow.nodes, edge.target)) continue;
      const handle = handleId(edge);
      edges.push({ id: `${source}~${handle}`, source, sourceHandle: handle, target: edge.target });
    }
  }
  return edges;
}

/** Problems grouped by node id (flow-level ones under ''). */
export function problemsByNode(problems: readonly Problem[]): Map<string, Problem[]> {
  const map = new Map<string, Problem[]>();
  for (const problem of problems) {
    const key = problem.nodeId ?? '';
    const list = map.get(key);
    if (list) list.push(problem);
    else map.set(key, [problem]);
  }
  return map;
}

/** Untranslated-text counts by node id. */
export function countByNode(entries: readonly { nodeId: string | null }[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const entry of entries) if (entry.nodeId !== null) map.set(entry.nodeId, (map.get(entry.nodeId) ?? 0) + 1);
  return map;
}

/** The size the builder assumes for a step when looking for free space. */
const STEP_W = 260;
const STEP_H = 160;

/**
 * A spot near `wanted` that no step covers (steps without a position are
 * ignored), trying below and to the right in turn.
 */
export function freeSpot(flow: FlowDocument, wanted: { x: number; y: number }): { x: number; y: number } {
  const boxes = Object.values(flow.nodes).flatMap((n) => (n.position ? [n.position] : []));
  const clear = (p: { x: number; y: number }) =>
    boxes.every((b) => Math.abs(b.x - p.x) >= STEP_W || Math.abs(b.y - p.y) >= STEP_H);
  for (let ring = 0; ring < 12; ring++) {
    for (const [dx, dy] of [[0, 1], [1, 0], [1, 1], [0, -1], [-1, 0]] as const) {
      const p = { x: wanted.x + dx * ring * (STEP_W / 2), y: wanted.y + dy * ring * (STEP_H / 2) };
      if (clear(p)) return p;
    }
  }
  return wanted;
}
