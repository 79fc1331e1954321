import { nodeEdges } from '@parley/flow';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { BuilderNodeData } from './state/graph';
import { handleId, outletLabel } from './state/handles';
import { StepBody, stepTitle } from './StepBody';

export type BuilderFlowNode = Node<BuilderNodeData, 'step'>;

/** One step on the canvas: its kind, its texts, its problems, one handle per outlet. */
export const BuilderNode = memo(function BuilderNode({ data, selected }: NodeProps<BuilderFlowNode>) {
  const { node, nodeId, isStart, problems, untranslated, runErrors, runErrorHint } = data;
  const outlets = nodeEdges(node);
  const title = stepTitle(node);
  return (
    <div
      className={`step step--${node.kind}${selected ? ' is-selected' : ''}${problems.length ? ' has-problems' : ''}${runErrors ? ' has-run-errors' : ''}`}
      data-testid="builder-node"
      data-node-id={nodeId}
      data-kind={node.kind}
    >
      <Handle type="target" position={Position.Left} className="step__in" />
      <div className="step__head">
        <span className="step__kind">{title}</span>
        <span className="step__name" title={nodeId}>
          {node.name || nodeId}
        </span>
        {isStart && <span className="chip chip--xs chip--bot">Start</span>}
        {runErrors > 0 && (
          <span
            className="step__run-errors"
            data-testid="node-run-errors"
            data-count={runErrors}
            title={runErrorHint ?? undefined}
            aria-label={runErrorHint ?? undefined}
            role="img"
          />
        )}
      </div>
      <StepBody node={node} />
      {untranslated > 0 && (
        <div className="step__untranslated" data-testid="untranslated">
          {untranslated} untranslated
        </div>
      )}
      {problems.length > 0 && (
        <div className="step__problems" role="note">
          <span className="step__problem-badge" aria-label={`${problems.length} problems`}>
            {problems.length}
          </span>
          <span className="step__problem-text">{problems[0]!.message}</span>
        </div>
      )}
      {outlets.length > 0 && (
        <ul className="step__outlets">
          {outlets.map((edge) => {
            const id = handleId(edge);
            return (
              <li key={id} className={`step__outlet step__outlet--${edge.kind}${edge.target ? '' : ' is-open'}`}>
                <span className="step__outlet-label">{outletLabel(node, edge)}</span>
                <Handle type="source" position={Position.Right} id={id} className="step__out" />
              </li>
            );
          })}
        </ul>
      )}
      {node.kind === 'buttons' && node.humanChoice && (
        <div className="step__human">👤 {node.humanChoice.label || '(no label)'} → a human</div>
      )}
    </div>
  );
});
