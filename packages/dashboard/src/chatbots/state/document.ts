import { nodeEdges, type ActionType, type FlowDocument, type FlowNode, type NodeKind } from '@parley/flow';
import { edgeForHandle } from './handles';
import { setIn } from './immutable';
import { createAction, createNode } from './templates';

/**
 * Pure edits of a flow document, as the builder makes them. Each returns a new
 * document (the input is never mutated) or the same one when nothing changed.
 */

export type Position = { x: number; y: number };

/** A node id not used yet: `question_1`, `question_2`… */
export function newNodeId(flow: FlowDocument, kind: NodeKind): string {
  for (let i = 1; ; i++) {
    const id = `${kind}_${i}`;
    if (!Object.hasOwn(flow.nodes, id)) return id;
  }
}

/** An id not among `taken`: `prefix_1`, `prefix_2`… */
export function freshId(prefix: string, taken: readonly string[]): string {
  for (let i = 1; ; i++) {
    const id = `${prefix}_${i}`;
    if (!taken.includes(id)) return id;
  }
}

/** Adds a fresh node of `kind` at `position`; the first node of a flow becomes its start. */
export function addNode(flow: FlowDocument, kind: NodeKind, position: Position): { flow: FlowDocument; nodeId: string } {
  const nodeId = newNodeId(flow, kind);
  const node = { ...createNode(kind), position: roundPosition(position) } as FlowNode;
  const empty = Object.keys(flow.nodes).length === 0 || !Object.hasOwn(flow.nodes, flow.startNodeId);
  return {
    nodeId,
    flow: { ...flow, nodes: { ...flow.nodes, [nodeId]: node }, startNodeId: empty ? nodeId : flow.startNodeId },
  };
}

/** Replaces one node (keeping its id). */
export function replaceNode(flow: FlowDocument, nodeId: string, node: FlowNode): FlowDocument {
  if (!Object.hasOwn(flow.nodes, nodeId) || flow.nodes[nodeId] === node) return flow;
  return { ...flow, nodes: { ...flow.nodes, [nodeId]: node } };
}

export function moveNode(flow: FlowDocument, nodeId: string, position: Position): FlowDocument {
  const node = flow.nodes[nodeId];
  if (!node) return flow;
  const rounded = roundPosition(position);
  if (node.position && node.position.x === rounded.x && node.position.y === rounded.y) return flow;
  return replaceNode(flow, nodeId, { ...node, position: rounded });
}

/** Connects an outlet (a handle) of `source` to `target`, replacing its previous target. */
export function connect(flow: FlowDocument, source: string, handle: string | null | undefined, target: string | null): FlowDocument {
  const node = flow.nodes[source];
  if (!node || (target !== null && !Object.hasOwn(flow.nodes, target))) return flow;
  const edge = edgeForHandle(node, handle);
  if (!edge || edge.target === target) return flow;
  return replaceNode(flow, source, setIn(node, edge.path, target));
}

export function disconnect(flow: FlowDocument, source: string, handle: string | null | undefined): FlowDocument {
  return connect(flow, source, handle, null);
}

/** Removes a node, every edge leading to it, and its translations. */
export function deleteNode(flow: FlowDocument, nodeId: string): FlowDocument {
  if (!Object.hasOwn(flow.nodes, nodeId)) return flow;
  const nodes: FlowDocument['nodes'] = {};
  for (const [id, node] of Object.entries(flow.nodes)) {
    if (id === nodeId) continue;
    nodes[id] = pointAway(node, nodeId);
  }
  const variants: FlowDocument['variants'] = {};
  for (const [lang, variant] of Object.entries(flow.variants)) {
    const { [nodeId]: _dropped, ...rest } = variant.nodes;
    variants[lang] = { ...variant, nodes: rest };
  }
  return { ...flow, nodes, variants };
}

/** The node with every edge to `target` cut. */
function pointAway(node: FlowNode, target: string): FlowNode {
  let out: FlowNode = node;
  // Paths stay valid while cutting: only edge values change, never the shape.
  for (const edge of nodeEdges(node)) {
    if (edge.target === target) out = setIn(out, edge.path, null);
  }
  return out;
}

export function setStartNode(flow: FlowDocument, nodeId: string): FlowDocument {
  if (!Object.hasOwn(flow.nodes, nodeId) || flow.startNodeId === nodeId) return flow;
  return { ...flow, startNodeId: nodeId };
}

/** Turns an action node into another action, keeping its name, position and main `next`. */
export function changeAction(node: FlowNode, action: ActionType): FlowNode {
  if (node.kind !== 'action' || node.action === action) return node;
  const fresh = createAction(action) as FlowNode & { next?: string | null };
  const oldNext = 'next' in node ? node.next : 'agentsOnline' in node ? node.agentsOnline : null;
  const out: Record<string, unknown> = { ...fresh };
  if ('next' in fresh) out.next = oldNext;
  if (action === 'handover') out.agentsOnline = oldNext;
  if (node.name !== undefined) out.name = node.name;
  if (node.position !== undefined) out.position = node.position;
  return out as FlowNode;
}

// ---- buttons ----

/** Adds an empty button to a buttons node. */
export function addChoice(node: FlowNode): FlowNode {
  if (node.kind !== 'buttons') return node;
  const id = freshId('choice', node.choices.map((c) => c.id));
  return { ...node, choices: [...node.choices, { id, label: '', next: null }] };
}

export function renameChoice(node: FlowNode, choiceId: string, label: string): FlowNode {
  if (node.kind !== 'buttons') return node;
  return { ...node, choices: node.choices.map((c) => (c.id === choiceId ? { ...c, label } : c)) };
}

/** Removes a button (and its translations). */
export function removeChoice(flow: FlowDocument, nodeId: string, choiceId: string): FlowDocument {
  const node = flow.nodes[nodeId];
  if (node?.kind !== 'buttons') return flow;
  const next = replaceNode(flow, nodeId, { ...node, choices: node.choices.filter((c) => c.id !== choiceId) });
  const variants: FlowDocument['variants'] = {};
  for (const [lang, variant] of Object.entries(next.variants)) {
    const texts = variant.nodes[nodeId];
    if (texts?.choices && Object.hasOwn(texts.choices, choiceId)) {
      const { [choiceId]: _dropped, ...choices } = texts.choices;
      variants[lang] = { ...variant, nodes: { ...variant.nodes, [nodeId]: { ...texts, choices } } };
    } else {
      variants[lang] = variant;
    }
  }
  return { ...next, variants };
}

/** Adds or removes the "talk to a human" button. */
export function setHumanChoice(node: FlowNode, on: boolean): FlowNode {
  if (node.kind !== 'buttons') return node;
  if (!on) return { ...node, humanChoice: null };
  if (node.humanChoice) return node;
  const id = freshId('human', node.choices.map((c) => c.id));
  return { ...node, humanChoice: { id, label: 'Talk to a human', groupId: null, agentId: null } };
}

// ---- conditions ----

export function addBranch(node: FlowNode): FlowNode {
  if (node.kind !== 'condition') return node;
  const id = freshId('branch', node.branches.map((b) => b.id));
  return {
    ...node,
    branches: [
      ...node.branches,
      { id, when: { match: 'all', conditions: [{ field: { source: 'visitor_language' }, operator: 'is', value: '' }] }, next: null },
    ],
  };
}

export function removeBranch(node: FlowNode, branchId: string): FlowNode {
  if (node.kind !== 'condition') return node;
  return { ...node, branches: node.branches.filter((b) => b.id !== branchId) };
}

function roundPosition(p: Position): Position {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
