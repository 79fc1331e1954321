import { z } from 'zod';
import { ChoiceIdSchema } from '../schema/identifiers.js';

/** What can happen to a chatbot session; the server turns frames, timers and HTTP results into these. */
export const FlowEventSchema = z.discriminatedUnion('type', [
  /** The chatbot is triggered. */
  z.object({ type: z.literal('start') }),
  /** The visitor clicked a button of the current node. */
  z.object({ type: z.literal('button_chosen'), choiceId: ChoiceIdSchema }),
  /** The visitor answered the current question. */
  z.object({ type: z.literal('answer_given'), text: z.string() }),
  /** The visitor typed a message of their own (an answer when a question is waiting). */
  z.object({ type: z.literal('free_text_typed'), text: z.string() }),
  /** The visitor has been inactive too long, or an asynchronous action took too long. */
  z.object({ type: z.literal('timeout') }),
  /** An agent joined the conversation. */
  z.object({ type: z.literal('agent_joined') }),
  /** The webhook called by `call_webhook` answered (`ok`) or failed; `data` is its JSON body. */
  z.object({ type: z.literal('webhook_result'), ok: z.boolean(), data: z.unknown().optional() }),
  /** The delay scheduled by `schedule_delay` is over. */
  z.object({ type: z.literal('delay_elapsed') }),
]);
export type FlowEvent = z.infer<typeof FlowEventSchema>;
export type FlowEventType = FlowEvent['type'];
