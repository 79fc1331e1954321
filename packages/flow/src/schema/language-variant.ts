import { z } from 'zod';
import { ChoiceLabelSchema, FlowTextSchema } from './flow-text.js';
import { ChoiceIdSchema, NodeIdSchema } from './identifiers.js';

/**
 * The translated texts of one node. Every field is optional: a missing or
 * empty text falls back to the default language.
 */
export const NodeTextsSchema = z.strictObject({
  /** message and buttons text */
  text: FlowTextSchema.optional(),
  /** message link label */
  linkLabel: FlowTextSchema.optional(),
  /** question prompt and retry message */
  prompt: FlowTextSchema.optional(),
  retryMessage: FlowTextSchema.optional(),
  /** button labels by choice id */
  choices: z.record(ChoiceIdSchema, ChoiceLabelSchema).optional(),
  /** the "talk to a human" label */
  humanChoice: ChoiceLabelSchema.optional(),
});
export type NodeTexts = z.infer<typeof NodeTextsSchema>;

export const HandoverMessagesTextsSchema = z.strictObject({
  agentsOnline: FlowTextSchema.optional(),
  noAgentOnline: FlowTextSchema.optional(),
});

/** A language variant: the same nodes (same ids), translated texts. */
export const FlowVariantSchema = z.strictObject({
  nodes: z.record(NodeIdSchema, NodeTextsSchema).default({}),
  handoverMessages: HandoverMessagesTextsSchema.optional(),
});
export type FlowVariant = z.infer<typeof FlowVariantSchema>;
