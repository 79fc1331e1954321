import { resolveTexts, type FlowDocument } from '@parley/flow';
import { Background, Controls, MarkerType, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { fallbackPosition } from '../chatbots/state/graph';
import { InsightsNode, type InsightsFlowNode } from './InsightsNode';
import { NO_FIGURES, type InsightsGraph } from './state/insightsGraph';
import { TakenEdge, type TakenFlowEdge } from './TakenEdge';

const nodeTypes = { insights: InsightsNode };
const edgeTypes = { taken: TakenEdge };

interface Props {
  flow: FlowDocument;
  /** The language whose texts are drawn (the flow's default or one of its variants). */
  language: string;
  graph: InsightsGraph;
}

/** The flow read-only, laid out as in the builder, with the insights' figures on its steps and edges. */
export function InsightsCanvas({ flow, language, graph }: Props) {
  const nodes = useMemo(() => {
    const shown = resolveTexts(flow, language);
    return Object.entries(shown.nodes).map(
      ([id, node], index): InsightsFlowNode => ({
        id,
        type: 'insights',
        position: node.position ?? fallbackPosition(index),
        data: { nodeId: id, node, isStart: id === flow.startNodeId, figures: graph.figures.get(id) ?? NO_FIGURES },
      }),
    );
  }, [flow, language, graph]);

  const edges = useMemo(() => {
    const name = (id: string) => flow.nodes[id]?.name || id;
    return graph.edges.map(
      (e): TakenFlowEdge => ({
        id: `${e.source}~${e.sourceHandle}`,
        type: 'taken',
        source: e.source,
        sourceHandle: e.sourceHandle,
        target: e.target,
        // fixed-size arrowheads: the default scales them with the stroke width
        markerEnd: {
          type: MarkerType.ArrowClosed,
          width: 16,
          height: 16,
          markerUnits: 'userSpaceOnUse',
          color: e.taken > 0 && !e.shared ? '#0f766e' : '#b8bdcc',
        },
        data: { taken: e.taken, width: e.width, shared: e.shared, between: `from ${name(e.source)} to ${name(e.target)}` },
        zIndex: e.taken > 0 ? 1 : 0,
      }),
    );
  }, [flow, graph]);

  return (
    <ReactFlow<InsightsFlowNode, TakenFlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      edgesFocusable={false}
      deleteKeyCode={null}
      fitView
      fitViewOptions={{ maxZoom: 1, padding: 0.15 }}
      minZoom={0.2}
    >
      <Background gap={20} size={1} color="#d9dce6" />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
