import { z } from 'zod';
import { NodeIdSchema } from '../schema/identifiers.js';

/**
 * - `ready`: not started yet;
 * - `waiting`: waiting for the visitor (a button or an answer);
 * - `running`: waiting for an asynchronous result (a webhook or a delay);
 * - `handed_over`: stopped, a human takes over;
 * - `ended`: stopped.
 */
export const FlowStatusSchema = z.enum(['ready', 'running', 'waiting', 'handed_over', 'ended']);
export type FlowStatus = z.infer<typeof FlowStatusSchema>;

/** What the chatbot waits for at its current node. */
export const AwaitingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('nothing') }),
  z.object({ kind: z.literal('button') }),
  /** `retries`: how many retry messages the visitor has had for this question. */
  z.object({ kind: z.literal('answer'), retries: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('webhook') }),
  /** `until`: when the delay is over (epoch ms). */
  z.object({ kind: z.literal('delay'), until: z.number() }),
]);
export type Awaiting = z.infer<typeof AwaitingSchema>;

export const FactValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** One visited node, with the button chosen there. */
export const PathEntrySchema = z.object({
  nodeId: NodeIdSchema,
  choiceId: z.string().optional(),
});
export type PathEntry = z.infer<typeof PathEntrySchema>;

/** What the chatbot stored on the contact during this session (read by later conditions). */
export const CollectedContactSchema = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  properties: z.record(z.string(), z.string()),
});
export type CollectedContact = z.infer<typeof CollectedContactSchema>;

/**
 * One chatbot session in one conversation: plain JSON, stored by the server
 * beside the flow version it runs, and handed back to `step` with each event.
 */
export const FlowStateSchema = z.object({
  status: FlowStatusSchema,
  /** The node the chatbot is at (or stopped at); null before it starts. */
  nodeId: NodeIdSchema.nullable(),
  awaiting: AwaitingSchema,
  variables: z.record(z.string(), FactValueSchema),
  contact: CollectedContactSchema,
  /** The nodes visited, oldest first (at most `PATH_MAX_ENTRIES`). */
  path: z.array(PathEntrySchema),
  /** Whether the chatbot has handed the conversation over to a human. */
  handedOver: z.boolean(),
  /** When the current wait began (epoch ms), for the inactivity timeout; null when not waiting. */
  since: z.number().nullable(),
});
export type FlowState = z.infer<typeof FlowStateSchema>;

/** A session that has not started. `variables` may carry values over from another flow ("go to flow"). */
export function createFlowState(init: { variables?: Record<string, string | number | boolean> } = {}): FlowState {
  return {
    status: 'ready',
    nodeId: null,
    awaiting: { kind: 'nothing' },
    variables: { ...init.variables },
    contact: { properties: {} },
    path: [],
    handedOver: false,
    since: null,
  };
}
