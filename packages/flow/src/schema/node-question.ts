import { z } from 'zod';
import { QUESTION_RETRIES_DEFAULT, QUESTION_RETRIES_MAX } from '../limits.js';
import { FlowTextSchema } from './flow-text.js';
import { NextSchema, PropertyKeySchema, VariableNameSchema } from './identifiers.js';
import { NodeBaseShape } from './node-base.js';

/** What a question asks for; each has its own validation rule (see `validateAnswer`). */
export const QuestionFieldSchema = z.enum(['name', 'email', 'phone', 'number', 'text']);
export type QuestionField = z.infer<typeof QuestionFieldSchema>;

/** The contact fields that name, email and phone answers always land on. */
export const CONTACT_QUESTION_FIELDS = ['name', 'email', 'phone'] as const;
export type ContactField = (typeof CONTACT_QUESTION_FIELDS)[number];

/** Where an answer is kept besides the contact field (required for number and text). */
export const SaveTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('contact_property'), key: PropertyKeySchema }),
  z.strictObject({ kind: z.literal('variable'), name: VariableNameSchema }),
]);
export type SaveTarget = z.infer<typeof SaveTargetSchema>;

/** What happens when the visitor used up every retry. */
export const RetriesExhaustedSchema = z.enum(['handover', 'continue']);
export type RetriesExhausted = z.infer<typeof RetriesExhaustedSchema>;

/**
 * The chatbot asks `prompt` and waits for a typed answer. A valid answer is
 * stored and the flow goes on to `next`; an invalid one gets `retryMessage`
 * (up to `maxRetries` times), then `whenRetriesExhausted` applies.
 */
export const QuestionNodeSchema = z.strictObject({
  kind: z.literal('question'),
  ...NodeBaseShape,
  field: QuestionFieldSchema,
  prompt: FlowTextSchema,
  retryMessage: FlowTextSchema,
  saveTo: SaveTargetSchema.nullable().default(null),
  maxRetries: z.number().int().min(0).max(QUESTION_RETRIES_MAX).default(QUESTION_RETRIES_DEFAULT),
  whenRetriesExhausted: RetriesExhaustedSchema.default('handover'),
  next: NextSchema,
});
export type QuestionNode = z.infer<typeof QuestionNodeSchema>;
