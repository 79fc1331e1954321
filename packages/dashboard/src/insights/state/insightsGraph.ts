import type { InsightsResponse } from '@parley/core';
import type { FlowDocument } from '@parley/flow';
import { flowEdges } from '../../chatbots/state/graph';
import { percentText } from '../../statistics/state/rates';

/**
 * The insights' recorded figures put on a flow's graph (the insights page):
 * per step reached / dropped off, per button chosen, per edge taken. Nothing
 * is derived: a figure the graph has no place for (a step of another version,
 * a path between steps not joined on this graph) is listed apart, not spread.
 */

export interface NodeFigures {
  /** Visitors (chatbot runs) who reached the step. */
  reached: number;
  /** Of them, those whose run ended there (left, timed out) without escalating. */
  droppedOff: number;
  /** Choice id → how many chose it (the "talk to a human" button included). */
  choices: Readonly<Record<string, number>>;
}

export const NO_FIGURES: NodeFigures = { reached: 0, droppedOff: 0, choices: {} };

export interface InsightsEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  /** Visitors who went from `source` to `target` (one figure per pair of steps). */
  taken: number;
  /** Stroke width, proportional to `taken` (see `edgeWidth`). */
  width: number;
  /**
   * Another outlet of the same step leads to the same step and carries the
   * figure (the API counts steps → steps, not outlets): drawn thin, no label.
   */
  shared: boolean;
}

export interface OffGraph {
  nodes: InsightsResponse['nodes'];
  choices: InsightsResponse['choices'];
  edges: InsightsResponse['edges'];
}

export interface InsightsGraph {
  figures: ReadonlyMap<string, NodeFigures>;
  edges: InsightsEdge[];
  offGraph: OffGraph;
  maxTaken: number;
}

export const EDGE_WIDTH_MIN = 1.5;
export const EDGE_WIDTH_MAX = 10;
/** An edge nobody took. */
export const EDGE_WIDTH_NONE = 1;

/**
 * Stroke width proportional to the visitors who took the edge: the busiest
 * edge gets `EDGE_WIDTH_MAX`, the others their share of it, never thinner
 * than `EDGE_WIDTH_MIN` while anyone took them; `EDGE_WIDTH_NONE` for none.
 */
export function edgeWidth(taken: number, maxTaken: number): number {
  if (taken <= 0 || maxTaken <= 0) return EDGE_WIDTH_NONE;
  return Math.max(EDGE_WIDTH_MIN, (EDGE_WIDTH_MAX * Math.min(taken, maxTaken)) / maxTaken);
}

/** "reached 40 · dropped off 10 (25%)"; no percentage when nobody reached it. */
export function nodeFiguresText(figures: Pick<NodeFigures, 'reached' | 'droppedOff'>, locale?: string): string {
  const base = `reached ${figures.reached.toLocaleString(locale)} · dropped off ${figures.droppedOff.toLocaleString(locale)}`;
  const percent = percentText(figures.droppedOff, figures.reached);
  return percent === null ? base : `${base} (${percent})`;
}

const pairKey = (from: string, to: string) => `${from}\u001f${to}`;

/** The choice ids a step offers (its buttons and its "talk to a human" button). */
function choiceIds(flow: FlowDocument, nodeId: string): Set<string> {
  const node = flow.nodes[nodeId];
  if (!node || node.kind !== 'buttons') return new Set();
  const ids = new Set(node.choices.map((c) => c.id));
  if (node.humanChoice) ids.add(node.humanChoice.id);
  return ids;
}

/** The insights' figures on `flow`'s steps and edges, and what has no place on it. */
export function mergeInsights(flow: FlowDocument, insights: Pick<InsightsResponse, 'nodes' | 'choices' | 'edges'>): InsightsGraph {
  const offGraph: OffGraph = { nodes: [], choices: [], edges: [] };
  const figures = new Map<string, { reached: number; droppedOff: number; choices: Record<string, number> }>();
  const figuresOf = (nodeId: string) => {
    let f = figures.get(nodeId);
    if (!f) {
      f = { reached: 0, droppedOff: 0, choices: {} };
      figures.set(nodeId, f);
    }
    return f;
  };

  for (const n of insights.nodes) {
    if (!Object.hasOwn(flow.nodes, n.nodeId)) {
      offGraph.nodes.push(n);
      continue;
    }
    const f = figuresOf(n.nodeId);
    f.reached += n.reached;
    f.droppedOff += n.droppedOff;
  }
  for (const c of insights.choices) {
    if (!choiceIds(flow, c.nodeId).has(c.choiceId)) {
      offGraph.choices.push(c);
      continue;
    }
    const f = figuresOf(c.nodeId);
    f.choices[c.choiceId] = (f.choices[c.choiceId] ?? 0) + c.chosen;
  }

  const taken = new Map<string, number>();
  for (const e of insights.edges) taken.set(pairKey(e.from, e.to), (taken.get(pairKey(e.from, e.to)) ?? 0) + e.taken);

  const drawn = flowEdges(flow);
  const pairs = new Set(drawn.map((e) => pairKey(e.source, e.target)));
  for (const e of insights.edges) if (!pairs.has(pairKey(e.from, e.to))) offGraph.edges.push(e);

  let maxTaken = 0;
  for (const key of pairs) maxTaken = Math.max(maxTaken, taken.get(key) ?? 0);

  const labelled = new Set<string>();
  const edges = drawn.map((e): InsightsEdge => {
    const key = pairKey(e.source, e.target);
    const shared = labelled.has(key);
    labelled.add(key);
    const count = taken.get(key) ?? 0;
    return { ...e, taken: count, width: shared ? EDGE_WIDTH_NONE : edgeWidth(count, maxTaken), shared };
  });

  return { figures, edges, offGraph, maxTaken };
}
