import type { Draft } from './draft.js';
import { record } from './draft.js';
import type { EndReason, HandoverReason } from './effects.js';
import type { Awaiting, FlowState } from './state.js';

/** The session as it stands in the draft, at `nodeId`. */
function snapshot(draft: Draft, nodeId: string, status: FlowState['status'], awaiting: Awaiting, since: number | null): FlowState {
  return {
    status,
    nodeId,
    awaiting,
    variables: draft.variables,
    contact: draft.contact,
    path: draft.path,
    handedOver: draft.handedOver,
    since,
  };
}

/** The chatbot waits at `nodeId` for the visitor (button, answer) or for an asynchronous result. */
export function wait(draft: Draft, nodeId: string, awaiting: Awaiting): FlowState {
  const status = awaiting.kind === 'button' || awaiting.kind === 'answer' ? 'waiting' : 'running';
  return snapshot(draft, nodeId, status, awaiting, draft.context.now);
}

/**
 * The chatbot stops at `nodeId`: an `ended` record, and the status
 * `handed_over` when it handed over during the session, else `ended`.
 */
export function finish(draft: Draft, nodeId: string, reason: EndReason): FlowState {
  record(draft, { event: 'ended', nodeId, reason });
  return snapshot(draft, nodeId, draft.handedOver ? 'handed_over' : 'ended', { kind: 'nothing' }, null);
}

/**
 * Hands the conversation over (once per session: a later handover only
 * follows its branch), with its record.
 */
export function handOver(
  draft: Draft,
  nodeId: string,
  reason: HandoverReason,
  target: { groupId: string | null; agentId: string | null } = { groupId: null, agentId: null },
): boolean {
  if (draft.handedOver) return false;
  draft.handedOver = true;
  draft.effects.push({
    type: 'handover',
    nodeId,
    reason,
    ...(target.groupId ? { groupId: target.groupId } : {}),
    ...(target.agentId ? { agentId: target.agentId } : {}),
  });
  record(draft, { event: 'handover', nodeId, reason });
  return true;
}

/**
 * Hands over and stops — the visitor typed, asked for a human, gave up on a
 * question, or the flow broke. Sends the flow's handover message for the
 * current agent availability, when it has one.
 */
export function stopWithHandover(
  draft: Draft,
  nodeId: string,
  reason: HandoverReason,
  target?: { groupId: string | null; agentId: string | null },
  endReason: EndReason = 'handover',
): FlowState {
  if (handOver(draft, nodeId, reason, target)) {
    const messages = draft.flow.handoverMessages;
    const text = messages ? (draft.context.agentsOnline ? messages.agentsOnline : messages.noAgentOnline) : '';
    if (text.trim() !== '') draft.effects.push({ type: 'send_message', nodeId, text });
  }
  return finish(draft, nodeId, endReason);
}

/** The flow is broken at run time: an error for the owner, and a human takes over so the visitor is not stuck. */
export function fault(draft: Draft, nodeId: string | null, code: 'missing_node' | 'step_limit', message: string): FlowState {
  draft.effects.push({ type: 'flow_error', nodeId, code, message });
  const at = nodeId ?? draft.flow.startNodeId;
  return stopWithHandover(draft, at, 'flow_error', undefined, 'flow_error');
}
