import { resolveTexts, untranslatedTexts, type FlowDocument, type Problem } from '@parley/flow';
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChatbotRunError } from '../api/types';
import { BuilderNode, type BuilderFlowNode } from './BuilderNode';
import { connect, deleteNode, disconnect, moveNode } from './state/document';
import { countByNode, fallbackPosition, flowEdges, problemsByNode } from './state/graph';
import { nodeErrorHint } from './state/runErrors';

const nodeTypes = { step: BuilderNode };

interface Props {
  draft: FlowDocument;
  problems: Problem[];
  /** The language being edited (the default language or a variant). */
  language: string;
  selectedId: string | null;
  /** Recent run errors by step (newest first in each list). */
  runErrors?: ReadonlyMap<string, readonly ChatbotRunError[]>;
  readOnly: boolean;
  onSelect(nodeId: string | null): void;
  edit(change: (flow: FlowDocument) => FlowDocument): void;
}

/** The flow as a graph: drag to move, drag from a handle to connect, Delete to remove. */
export function FlowCanvas({ draft, problems, language, selectedId, runErrors, readOnly, onSelect, edit }: Props) {
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);

  const built = useMemo(() => {
    const shown = resolveTexts(draft, language);
    const byNode = problemsByNode(problems);
    const missing = countByNode(untranslatedTexts(draft, language));
    return Object.entries(shown.nodes).map(([id, node], index): BuilderFlowNode => {
      const errors = runErrors?.get(id) ?? [];
      return {
        id,
        type: 'step',
        position: node.position ?? fallbackPosition(index),
        selected: id === selectedId,
        data: {
          nodeId: id,
          node,
          isStart: id === draft.startNodeId,
          problems: byNode.get(id) ?? [],
          untranslated: missing.get(id) ?? 0,
          runErrors: errors.length,
          runErrorHint: nodeErrorHint(errors),
        },
      };
    });
  }, [draft, problems, language, selectedId, runErrors]);

  // React Flow measures nodes; keep its measurements (and drag positions) across rebuilds.
  const [nodes, setNodes] = useState<BuilderFlowNode[]>(built);
  useEffect(() => {
    setNodes((previous) => {
      const old = new Map(previous.map((n) => [n.id, n]));
      return built.map((n) => {
        const before = old.get(n.id);
        return before?.measured ? { ...n, measured: before.measured } : n;
      });
    });
  }, [built]);

  const edges = useMemo(
    () =>
      flowEdges(draft).map(
        (e): Edge => ({
          ...e,
          selected: e.id === selectedEdge,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
          className: 'flow-edge',
        }),
      ),
    [draft, selectedEdge],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<BuilderFlowNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      for (const change of changes) {
        if (change.type === 'position' && change.dragging === false && change.position && !readOnly) {
          const pos = change.position;
          edit((flow) => moveNode(flow, change.id, pos));
        } else if (change.type === 'remove' && !readOnly) {
          edit((flow) => deleteNode(flow, change.id));
          if (change.id === selectedId) onSelect(null);
        } else if (change.type === 'select' && change.selected) {
          onSelect(change.id);
          setSelectedEdge(null);
        }
      }
    },
    [edit, onSelect, readOnly, selectedId],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      for (const change of changes) {
        if (change.type === 'select') setSelectedEdge(change.selected ? change.id : null);
        if (change.type === 'remove' && !readOnly) {
          const edge = edges.find((e) => e.id === change.id);
          if (edge) edit((flow) => disconnect(flow, edge.source, edge.sourceHandle));
        }
      }
    },
    [edges, edit, readOnly],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!readOnly) edit((flow) => connect(flow, c.source, c.sourceHandle, c.target));
    },
    [edit, readOnly],
  );

  return (
    <ReactFlow<BuilderFlowNode, Edge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onPaneClick={() => {
        onSelect(null);
        setSelectedEdge(null);
      }}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
      fitView
      fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
      minZoom={0.2}
    >
      <Background gap={20} size={1} color="#d9dce6" />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
