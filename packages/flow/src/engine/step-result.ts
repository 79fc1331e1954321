import type { FlowEffect } from './effects.js';
import type { FlowState } from './state.js';

/**
 * Why an event was refused:
 * - `already_started`: `start` on a session that has started;
 * - `not_started`: an event for a session that has not started;
 * - `finished`: an event for a session that has ended or handed over;
 * - `unexpected_event`: the event does not fit what the chatbot waits for
 *   (an answer while it shows buttons, a late webhook result…);
 * - `unknown_choice`: the button is not one of the current node's (stale
 *   client, forged frame).
 */
export type StepErrorCode = 'already_started' | 'not_started' | 'finished' | 'unexpected_event' | 'unknown_choice';

export interface StepError {
  code: StepErrorCode;
  message: string;
}

/**
 * The outcome of one event. A refused event leaves the state unchanged (the
 * very same object) and produces no effect.
 */
export type StepResult =
  | { ok: true; state: FlowState; effects: FlowEffect[] }
  | { ok: false; state: FlowState; effects: []; error: StepError };
