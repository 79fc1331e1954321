import type { FlowDocument } from '../schema/flow-document.js';
import type { FlowNode } from '../schema/nodes.js';

/** The node with this id, or undefined; never an inherited property such as `constructor`. */
export function getNode(flow: Pick<FlowDocument, 'nodes'>, nodeId: string): FlowNode | undefined {
  return Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId] : undefined;
}
