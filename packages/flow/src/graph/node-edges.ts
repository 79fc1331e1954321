import type { FlowNode } from '../schema/nodes.js';

/** Which outlet of a node an edge leaves from. */
export type EdgeKind = 'next' | 'choice' | 'branch' | 'else' | 'agents_online' | 'no_agent_online' | 'on_failure';

/** One outgoing edge of a node; `target` is null when the outlet is not connected. */
export interface FlowEdge {
  kind: EdgeKind;
  target: string | null;
  /** Where the edge is stored, relative to the node (e.g. `['choices', 0, 'next']`). */
  path: (string | number)[];
  /** The choice or branch the edge belongs to. */
  choiceId?: string;
  branchId?: string;
}

/**
 * Every outlet of a node, connected or not, in a stable order. The builder
 * draws these; the validator and the engine follow them.
 */
export function nodeEdges(node: FlowNode): FlowEdge[] {
  switch (node.kind) {
    case 'message':
    case 'question':
      return [{ kind: 'next', target: node.next, path: ['next'] }];
    case 'buttons':
      return node.choices.map((choice, i) => ({
        kind: 'choice',
        target: choice.next,
        path: ['choices', i, 'next'],
        choiceId: choice.id,
      }));
    case 'condition':
      return [
        ...node.branches.map((branch, i): FlowEdge => ({
          kind: 'branch',
          target: branch.next,
          path: ['branches', i, 'next'],
          branchId: branch.id,
        })),
        { kind: 'else', target: node.else, path: ['else'] },
      ];
    case 'end':
      return [];
    case 'action':
      switch (node.action) {
        case 'handover':
          return [
            { kind: 'agents_online', target: node.agentsOnline, path: ['agentsOnline'] },
            { kind: 'no_agent_online', target: node.noAgentOnline, path: ['noAgentOnline'] },
          ];
        case 'call_webhook':
          return [
            { kind: 'next', target: node.next, path: ['next'] },
            { kind: 'on_failure', target: node.onFailure, path: ['onFailure'] },
          ];
        case 'close_conversation':
        case 'go_to_flow':
          return [];
        default:
          return [{ kind: 'next', target: node.next, path: ['next'] }];
      }
  }
}

/** Whether the engine stops at this node to wait for the visitor. */
export function waitsForVisitor(node: FlowNode): boolean {
  return node.kind === 'buttons' || node.kind === 'question';
}
