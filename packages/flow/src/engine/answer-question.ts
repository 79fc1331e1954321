import { validateAnswer } from '../answers/validate-answer.js';
import type { QuestionNode } from '../schema/node-question.js';
import type { Draft } from './draft.js';
import { record, setContactProperty, setVariable, storeContact } from './draft.js';
import { runFrom } from './run-nodes.js';
import type { FlowState } from './state.js';
import { stopWithHandover, wait } from './stops.js';

/**
 * The visitor answered the question at `nodeId`. A valid answer is stored on
 * the contact (name, email, phone) and/or in its save target, and the flow
 * goes on. An invalid one is not stored: the retry message asks again, up to
 * `maxRetries` times; after that the question's `whenRetriesExhausted`
 * applies — `handover` (the default: the visitor is clearly struggling, a
 * human helps) or `continue` (on to `next` without the answer).
 */
export function answerQuestion(draft: Draft, nodeId: string, node: QuestionNode, retries: number, text: string): FlowState {
  const check = validateAnswer(node.field, text);
  if (check.ok) {
    record(draft, { event: 'answer_given', nodeId });
    const value = check.value;
    if (node.field === 'name' || node.field === 'email' || node.field === 'phone') {
      storeContact(draft, nodeId, node.field, String(value));
    }
    if (node.saveTo?.kind === 'contact_property') setContactProperty(draft, nodeId, node.saveTo.key, String(value));
    if (node.saveTo?.kind === 'variable') setVariable(draft, nodeId, node.saveTo.name, value);
    return runFrom(draft, node.next, nodeId);
  }
  if (retries < node.maxRetries) {
    draft.effects.push({ type: 'send_message', nodeId, text: node.retryMessage, question: { field: node.field, retry: true } });
    return wait(draft, nodeId, { kind: 'answer', retries: retries + 1 });
  }
  if (node.whenRetriesExhausted === 'continue') return runFrom(draft, node.next, nodeId);
  return stopWithHandover(draft, nodeId, 'invalid_answers');
}
