import type { FlowNode } from '@parley/flow';
import { describeCondition } from './state/conditions';
import { ACTION_LABEL, KIND_LABEL } from './state/templates';

/** The step's kind as its head shows it ("Buttons", "Handover"…). */
export function stepTitle(node: FlowNode): string {
  return node.kind === 'action' ? ACTION_LABEL[node.action] : KIND_LABEL[node.kind];
}

function Text({ value, placeholder }: { value: string; placeholder: string }) {
  return value.trim() ? <p className="step__text">{value}</p> : <p className="step__text is-empty">{placeholder}</p>;
}

/** What a step says or does, as the canvas shows it (the builder and the insights graph). */
export function StepBody({ node }: { node: FlowNode }) {
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
