import { nodeEdges, type FlowNode } from '@parley/flow';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { describeCondition } from './state/conditions';
import type { BuilderNodeData } from './state/graph';
import { handleId, outletLabel } from './state/handles';
import { ACTION_LABEL, KIND_LABEL } from './state/templates';

export type BuilderFlowNode = Node<BuilderNodeData, 'step'>;

/** One step on the canvas: its kind, its texts, its problems, one handle per outlet. */
export const BuilderNode = memo(function BuilderNode({ data, selected }: NodeProps<BuilderFlowNode>) {
  const { node, nodeId, isStart, problems, untranslated, runErrors, runErrorHint } = data;
  const outlets = nodeEdges(node);
  const title = node.kind === 'action' ? ACTION_LABEL[node.action] : KIND_LABEL[node.kind];
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

function Text({ value, placeholder }: { value: string; placeholder: string }) {
  return value.trim() ? <p className="step__text">{value}</p> : <p className="step__text is-empty">{placeholder}</p>;
}

function StepBody({ node }: { node: FlowNode }) {
  switch (node.kind) {
    case 'message':
      return <Text value={node.text} placeholder="Empty message" />;
    case 'buttons':
      return <Text value={node.text} placeholder="Empty text" />;
    case 'question':
      return (
        <>
          <p className="step__meta">Asks for {node.field}</p>
          <Text value={node.prompt} placeholder="Empty question" />
        </>
      );
    case 'condition':
      return (
        <ol className="step__branches">
          {node.branches.map((b, i) => (
            <li key={b.id}>
              {i + 1}.{' '}
              {b.when.conditions.length === 0
                ? '(no conditions)'
                : b.when.conditions
                    .map((c) => ('match' in c ? '(group)' : describeCondition(c)))
                    .join(b.when.match === 'all' ? ' and ' : ' or ')}
            </li>
          ))}
        </ol>
      );
    case 'action':
      return <p className="step__meta">{actionSummary(node)}</p>;
    case 'end':
      return <p className="step__meta">The chatbot stops here.</p>;
  }
}

function actionSummary(node: Extract<FlowNode, { kind: 'action' }>): string {
  switch (node.action) {
    case 'add_tag':
    case 'remove_tag':
      return node.tag ? `Tag "${node.tag}"` : 'No tag chosen';
    case 'set_contact_property':
      return `${node.key || '?'} = "${node.value}"`;
    case 'handover':
      return node.groupId ? `To group ${node.groupId}` : node.agentId ? `To agent ${node.agentId}` : 'To any agent';
    case 'close_conversation':
      return 'Closes the conversation.';
    case 'open_url':
      return node.url || 'No address';
    case 'delay':
      return `${node.seconds} s`;
    case 'call_webhook':
      return `${node.method} ${node.url || '(no address)'}`;
    case 'go_to_flow':
      return node.flowId ? `Chatbot ${node.flowId}` : 'No chatbot chosen';
  }
}
