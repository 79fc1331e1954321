/** Helpers for engine tests (not part of the package build). */
import type { FlowContext } from '../engine/context.js';
import type { ChatbotEventRecord, FlowEffect } from '../engine/effects.js';
import type { FlowEvent } from '../engine/events.js';
import { createFlowState, type FlowState } from '../engine/state.js';
import { step } from '../engine/step.js';
import type { StepResult } from '../engine/step-result.js';
import type { FlowDocument } from '../schema/flow-document.js';
import { contextOf } from './flows.js';

/** Feeds events one after the other from a fresh session; every event must be accepted. */
export function drive(
  flow: FlowDocument,
  events: FlowEvent[],
  context: FlowContext = contextOf(),
): { state: FlowState; effects: FlowEffect[]; last: StepResult } {
  let state = createFlowState();
  const effects: FlowEffect[] = [];
  let last: StepResult | undefined;
  for (const event of events) {
    last = step(flow, state, event, context);
    if (!last.ok) throw new Error(`${event.type} refused: ${last.error.code} ${last.error.message}`);
    state = last.state;
    effects.push(...last.effects);
  }
  if (!last) throw new Error('no events');
  return { state, effects, last };
}

/** The chatbot event records among effects, compactly: `event@node` (+ `:choice` / `(reason)`). */
export function records(effects: FlowEffect[]): string[] {
  return effects
    .filter((e): e is ChatbotEventRecord => e.type === 'chatbot_event')
    .map((e) => {
      let text = `${e.event}@${e.nodeId}`;
      if (e.event === 'button_chosen') text += `:${e.choiceId}`;
      if (e.event === 'handover' || e.event === 'ended') text += `(${e.reason})`;
      return text;
    });
}

/** Effects other than records. */
export function actions(effects: FlowEffect[]): FlowEffect[] {
  return effects.filter((e) => e.type !== 'chatbot_event');
}

/** Freezes an object graph so a test fails if anything writes to it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
