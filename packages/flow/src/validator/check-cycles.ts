import { getNode } from '../graph/get-node.js';
import { nodeEdges, waitsForVisitor } from '../graph/node-edges.js';
import type { FlowDocument } from '../schema/flow-document.js';
import { capitalize, describeNode } from './describe-node.js';
import type { Problem } from './problem.js';

/**
 * Loops made only of nodes that never wait for the visitor (messages,
 * conditions, actions — delays and webhooks included): once entered, such a
 * loop could repeat forever. One problem per loop, on its first node in
 * document order. Conservative: a condition that might leave the loop does
 * not make it acceptable.
 */
export function checkCycles(flow: FlowDocument): Problem[] {
  const order = Object.keys(flow.nodes);
  const position = new Map(order.map((id, i) => [id, i]));
  const problems: Problem[] = [];
  for (const component of loops(flow)) {
    component.sort((a, b) => position.get(a)! - position.get(b)!);
    const first = component[0]!;
    const names = component.map((id) => describeNode(id, getNode(flow, id)!));
    problems.push({
      nodeId: first,
      path: ['nodes', first],
      code: 'interaction_free_cycle',
      message:
        component.length === 1
          ? `${capitalize(names[0]!)} leads back to itself without waiting for the visitor: the chatbot would repeat it forever.`
          : `${capitalize(names.join(', '))} form a loop without buttons or a question: the chatbot would repeat them forever.`,
    });
  }
  return problems;
}

/** Strongly connected components (Tarjan) of the non-interactive subgraph that contain a cycle. */
function loops(flow: FlowDocument): string[][] {
  const successors = new Map<string, string[]>();
  for (const [id, node] of Object.entries(flow.nodes)) {
    if (waitsForVisitor(node)) continue;
    const targets = nodeEdges(node)
      .map((edge) => edge.target)
      .filter((target): target is string => {
        if (target === null) return false;
        const next = getNode(flow, target);
        return next !== undefined && !waitsForVisitor(next);
      });
    successors.set(id, targets);
  }

  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;

  const visit = (id: string): void => {
    index.set(id, counter);
    low.set(id, counter);
    counter++;
    stack.push(id);
    onStack.add(id);
    for (const next of successors.get(id) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(id, Math.min(low.get(id)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(id, Math.min(low.get(id)!, index.get(next)!));
      }
    }
    if (low.get(id) === index.get(id)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== id);
      const selfLoop = component.length === 1 && (successors.get(id) ?? []).includes(id);
      if (component.length > 1 || selfLoop) found.push(component);
    }
  };

  for (const id of successors.keys()) if (!index.has(id)) visit(id);
  return found;
}
