import { nodeEdges, type FlowNode } from '@parley/flow';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { handleId, outletLabel } from '../chatbots/state/handles';
import { StepBody, stepTitle } from '../chatbots/StepBody';
import { percentText } from '../statistics/state/rates';
import { nodeFiguresText, type NodeFigures } from './state/insightsGraph';

export interface InsightsNodeData extends Record<string, unknown> {
  nodeId: string;
  /** The step with the texts of the language shown. */
  node: FlowNode;
  isStart: boolean;
  figures: NodeFigures;
}

export type InsightsFlowNode = Node<InsightsNodeData, 'insights'>;

/**
 * One step of the insights graph, drawn like the builder's: its kind, its
 * text, "reached N · dropped off M (x%)", and how many chose each button.
 * A step nobody reached is faded.
 */
export const InsightsNode = memo(function InsightsNode({ data }: NodeProps<InsightsFlowNode>) {
  const { node, nodeId, isStart, figures } = data;
  const outlets = nodeEdges(node);
  const reached = figures.reached > 0;
  return (
    <div
      className={`step step--${node.kind} insights-step${reached ? '' : ' is-unreached'}`}
      data-testid={`insights-node-${nodeId}`}
      data-node-id={nodeId}
      data-reached={figures.reached}
      data-dropped-off={figures.droppedOff}
      title={reached ? undefined : 'Nobody reached this step in this period'}
    >
      <Handle type="target" position={Position.Left} className="step__in" isConnectable={false} />
      <div className="step__head">
        <span className="step__kind">{stepTitle(node)}</span>
        <span className="step__name" title={nodeId}>
          {node.name || nodeId}
        </span>
        {isStart && <span className="chip chip--xs chip--bot">Start</span>}
      </div>
      <StepBody node={node} />
      <div className={`insights-step__figures${figures.droppedOff > 0 ? ' has-drop-off' : ''}`} data-testid="insights-node-figures">
        {nodeFiguresText(figures)}
      </div>
      {outlets.length > 0 && (
        <ul className="step__outlets">
          {outlets.map((edge) => {
            const id = handleId(edge);
            const chosen = edge.kind === 'choice' && edge.choiceId !== undefined ? (figures.choices[edge.choiceId] ?? 0) : null;
            return (
              <li
                key={id}
                className={`step__outlet step__outlet--${edge.kind}${edge.target ? '' : ' is-open'}`}
                {...(chosen !== null
                  ? { 'data-testid': `insights-choice-${nodeId}-${edge.choiceId}`, 'data-chosen': chosen, 'data-choice-id': edge.choiceId }
                  : {})}
              >
                <span className="step__outlet-label">{outletLabel(node, edge)}</span>
                {chosen !== null && <ChosenCount chosen={chosen} reached={figures.reached} />}
                <Handle type="source" position={Position.Right} id={id} className="step__out" isConnectable={false} />
              </li>
            );
          })}
        </ul>
      )}
      {node.kind === 'buttons' && node.humanChoice && (
        <div
          className="step__human insights-step__human"
          data-testid={`insights-choice-${nodeId}-${node.humanChoice.id}`}
          data-chosen={figures.choices[node.humanChoice.id] ?? 0}
          data-choice-id={node.humanChoice.id}
        >
          <span>👤 {node.humanChoice.label || '(no label)'} → a human</span>
          <ChosenCount chosen={figures.choices[node.humanChoice.id] ?? 0} reached={figures.reached} />
        </div>
      )}
    </div>
  );
});

/** "12 chose it (30%)": the share of the visitors who reached the step. */
function ChosenCount({ chosen, reached }: { chosen: number; reached: number }) {
  const percent = percentText(chosen, reached);
  return (
    <span className={`insights-chosen${chosen > 0 ? '' : ' is-zero'}`} title={percent ? `${percent} of the ${reached} who reached this step` : undefined}>
      {chosen.toLocaleString()} chose{percent ? ` · ${percent}` : ''}
    </span>
  );
}
