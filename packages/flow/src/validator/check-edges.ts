import { getNode } from '../graph/get-node.js';
import { nodeEdges, type FlowEdge } from '../graph/node-edges.js';
import type { FlowDocument } from '../schema/flow-document.js';
import type { FlowNode } from '../schema/nodes.js';
import { capitalize, describeNode } from './describe-node.js';
import type { Problem } from './problem.js';

/** The start node, every outlet connected to an existing node, every node reachable from the start. */
export function checkEdges(flow: FlowDocument): Problem[] {
  const problems: Problem[] = [];
  const startExists = getNode(flow, flow.startNodeId) !== undefined;
  if (!startExists) {
    problems.push({
      nodeId: null,
      path: ['startNodeId'],
      code: 'unknown_start_node',
      message: `The chatbot starts at a step that does not exist (“${flow.startNodeId}”): choose its first step.`,
    });
  }

  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    for (const edge of nodeEdges(node)) {
      const path = ['nodes', nodeId, ...edge.path];
      if (edge.target === null) {
        const missing = missingTarget(nodeId, node, edge);
        problems.push({ nodeId, path, code: missing.code, message: missing.message });
      } else if (!getNode(flow, edge.target)) {
        problems.push({
          nodeId,
          path,
          code: 'dangling_target',
          message: `${capitalize(outletName(nodeId, node, edge))} leads to a step that no longer exists (“${edge.target}”).`,
        });
      }
    }
  }

  if (startExists) {
    const reached = reachableFrom(flow, flow.startNodeId);
    for (const [nodeId, node] of Object.entries(flow.nodes)) {
      if (!reached.has(nodeId)) {
        problems.push({
          nodeId,
          path: ['nodes', nodeId],
          code: 'unreachable_node',
          message: `${capitalize(describeNode(nodeId, node))} can never be reached from the start: connect it or delete it.`,
        });
      }
    }
  }
  return problems;
}

/** Every node the flow can get to from `start`. */
export function reachableFrom(flow: FlowDocument, start: string): Set<string> {
  const reached = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const node = getNode(flow, queue.pop()!);
    if (!node) continue;
    for (const edge of nodeEdges(node)) {
      if (edge.target !== null && !reached.has(edge.target) && getNode(flow, edge.target)) {
        reached.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return reached;
}

function missingTarget(nodeId: string, node: FlowNode, edge: FlowEdge): { code: Problem['code']; message: string } {
  const name = describeNode(nodeId, node);
  switch (edge.kind) {
    case 'agents_online':
      return { code: 'missing_handover_branch', message: `${capitalize(name)} needs a next step for when an agent is online.` };
    case 'no_agent_online':
      return { code: 'missing_handover_branch', message: `${capitalize(name)} needs a next step for when no agent is online.` };
    case 'on_failure':
      return { code: 'missing_failure_branch', message: `${capitalize(name)} needs a next step for when the call fails.` };
    default:
      return { code: 'missing_target', message: `${capitalize(outletName(nodeId, node, edge))} does not lead to any step.` };
  }
}

/** `the button “Pricing” of the buttons step “Main menu”`, `branch 2 of the condition “…”`… */
function outletName(nodeId: string, node: FlowNode, edge: FlowEdge): string {
  const name = describeNode(nodeId, node);
  switch (edge.kind) {
    case 'choice': {
      const label = node.kind === 'buttons' ? node.choices.find((c) => c.id === edge.choiceId)?.label.trim() : undefined;
      return label ? `the button “${label}” of ${name}` : `a button of ${name}`;
    }
    case 'branch':
      return `branch ${Number(edge.path[1]) + 1} of ${name}`;
    case 'else':
      return `the “otherwise” path of ${name}`;
    case 'agents_online':
      return `the “agent online” path of ${name}`;
    case 'no_agent_online':
      return `the “no agent online” path of ${name}`;
    case 'on_failure':
      return `the “failed” path of ${name}`;
    default:
      return name;
  }
}
