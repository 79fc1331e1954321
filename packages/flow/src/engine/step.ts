import { getNode } from '../graph/get-node.js';
import type { FlowDocument } from '../schema/flow-document.js';
import { answerQuestion } from './answer-question.js';
import type { FlowContext } from './context.js';
import { createDraft, markChoice, record, setVariable, type Draft } from './draft.js';
import type { FlowEvent } from './events.js';
import { runFrom } from './run-nodes.js';
import type { FlowState } from './state.js';
import type { StepErrorCode, StepResult } from './step-result.js';
import { finish, stopWithHandover } from './stops.js';
import { responseValue } from './webhook-response.js';

/**
 * The chatbot engine: one event in, the new session state and the effects
 * out. Pure — no I/O, no clock, no randomness; `context` carries the facts it
 * may read. Pass the flow with the visitor's texts applied (`resolveTexts`).
 *
 * After each event the chatbot has run through every node that needs nobody
 * and stands still: waiting for the visitor, waiting for an asynchronous
 * result, or stopped. A refused event returns `ok: false`, the unchanged
 * state and no effects.
 */
export function step(flow: FlowDocument, state: FlowState, event: FlowEvent, context: FlowContext): StepResult {
  if (event.type === 'start') {
    if (state.status !== 'ready') return refuse(state, 'already_started', 'The chatbot has already started');
    const draft = createDraft(flow, state, context);
    record(draft, { event: 'triggered', nodeId: flow.startNodeId });
    return done(draft, runFrom(draft, flow.startNodeId, null));
  }

  if (state.status === 'ready') {
    if (event.type === 'agent_joined') return { ok: true, state, effects: [] };
    return refuse(state, 'not_started', 'The chatbot has not started');
  }
  if (state.status === 'ended' || state.status === 'handed_over') {
    // An agent joining after the chatbot stopped is normal, not an error.
    if (event.type === 'agent_joined') return { ok: true, state, effects: [] };
    return refuse(state, 'finished', 'The chatbot has finished');
  }

  const nodeId = state.nodeId;
  const node = nodeId === null ? undefined : getNode(flow, nodeId);
  if (nodeId === null || !node) return refuse(state, 'unexpected_event', 'The chatbot is not at a step of this flow');
  const awaiting = state.awaiting;

  switch (event.type) {
    case 'button_chosen': {
      if (awaiting.kind !== 'button' || node.kind !== 'buttons') {
        return refuse(state, 'unexpected_event', 'The chatbot is not showing buttons');
      }
      const choice = node.choices.find((c) => c.id === event.choiceId);
      const human = node.humanChoice?.id === event.choiceId ? node.humanChoice : null;
      if (!choice && !human) return refuse(state, 'unknown_choice', `"${event.choiceId}" is not a button of the current step`);
      const draft = createDraft(flow, state, context);
      record(draft, { event: 'button_chosen', nodeId, choiceId: event.choiceId });
      markChoice(draft, nodeId, event.choiceId);
      if (human) return done(draft, stopWithHandover(draft, nodeId, 'asked_for_human', human));
      return done(draft, runFrom(draft, choice!.next, nodeId));
    }

    case 'answer_given':
    case 'free_text_typed': {
      if (awaiting.kind === 'answer' && node.kind === 'question') {
        const draft = createDraft(flow, state, context);
        return done(draft, answerQuestion(draft, nodeId, node, awaiting.retries, event.text));
      }
      if (event.type === 'answer_given') return refuse(state, 'unexpected_event', 'The chatbot is not asking a question');
      // The visitor typed instead of using the chatbot: a human takes over.
      const draft = createDraft(flow, state, context);
      record(draft, { event: 'typed_instead', nodeId });
      return done(draft, stopWithHandover(draft, nodeId, 'visitor_typed'));
    }

    case 'webhook_result': {
      if (awaiting.kind !== 'webhook' || node.kind !== 'action' || node.action !== 'call_webhook') {
        return refuse(state, 'unexpected_event', 'The chatbot is not waiting for a webhook');
      }
      const draft = createDraft(flow, state, context);
      if (!event.ok) return done(draft, runFrom(draft, node.onFailure, nodeId));
      for (const mapping of node.responseMapping) {
        const value = responseValue(event.data, mapping.from);
        if (value !== null) setVariable(draft, nodeId, mapping.to, value);
      }
      return done(draft, runFrom(draft, node.next, nodeId));
    }

    case 'delay_elapsed': {
      if (awaiting.kind !== 'delay' || node.kind !== 'action' || node.action !== 'delay') {
        return refuse(state, 'unexpected_event', 'The chatbot is not waiting for a delay');
      }
      const draft = createDraft(flow, state, context);
      return done(draft, runFrom(draft, node.next, nodeId));
    }

    case 'timeout': {
      const draft = createDraft(flow, state, context);
      // A webhook that takes too long has failed; a delay is simply over.
      if (awaiting.kind === 'webhook' && node.kind === 'action' && node.action === 'call_webhook') {
        return done(draft, runFrom(draft, node.onFailure, nodeId));
      }
      if (awaiting.kind === 'delay' && node.kind === 'action' && node.action === 'delay') {
        return done(draft, runFrom(draft, node.next, nodeId));
      }
      return done(draft, finish(draft, nodeId, 'timeout'));
    }

    case 'agent_joined': {
      // A human is in the conversation: the chatbot steps aside.
      const draft = createDraft(flow, state, context);
      draft.handedOver = true;
      return done(draft, finish(draft, nodeId, 'agent_joined'));
    }
  }
}

function done(draft: Draft, state: FlowState): StepResult {
  return { ok: true, state, effects: draft.effects };
}

function refuse(state: FlowState, code: StepErrorCode, message: string): StepResult {
  return { ok: false, state, effects: [], error: { code, message } };
}
