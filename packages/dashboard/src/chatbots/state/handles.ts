import { nodeEdges, type FlowEdge, type FlowNode } from '@parley/flow';

/**
 * One React Flow handle per outlet of a node (`nodeEdges`). Handle ids are
 * stable strings: `next`, `else`, `agents_online`, `no_agent_online`,
 * `on_failure`, `choice:<choiceId>`, `branch:<branchId>`.
 */
export function handleId(edge: FlowEdge): string {
  if (edge.kind === 'choice') return `choice:${edge.choiceId ?? ''}`;
  if (edge.kind === 'branch') return `branch:${edge.branchId ?? ''}`;
  return edge.kind;
}

/** The outlet of `node` behind a handle id, if it exists. */
export function edgeForHandle(node: FlowNode, handle: string | null | undefined): FlowEdge | undefined {
  const edges = nodeEdges(node);
  if (handle == null) return edges.length === 1 ? edges[0] : undefined;
  return edges.find((edge) => handleId(edge) === handle);
}

/** What the builder writes beside an outlet. */
export function outletLabel(node: FlowNode, edge: FlowEdge): string {
  switch (edge.kind) {
    case 'choice': {
      if (node.kind !== 'buttons') return 'Choice';
      const choice = node.choices.find((c) => c.id === edge.choiceId);
      return choice?.label.trim() ? choice.label : '(no label)';
    }
    case 'branch': {
      if (node.kind !== 'condition') return 'Branch';
      const index = node.branches.findIndex((b) => b.id === edge.branchId);
      return `Branch ${index + 1}`;
    }
    case 'else':
      return 'Else';
    case 'agents_online':
      return 'Agents online';
    case 'no_agent_online':
      return 'No agent online';
    case 'on_failure':
      return 'Failure';
    case 'next':
      return node.kind === 'action' && node.action === 'call_webhook' ? 'Success' : 'Next';
  }
}
