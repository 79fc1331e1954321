import { z } from 'zod';
import { CHOICES_MAX } from '../limits.js';
import { ChoiceLabelSchema, FlowTextSchema } from './flow-text.js';
import { AgentIdSchema, ChoiceIdSchema, GroupIdSchema, NextSchema } from './identifiers.js';
import { NodeBaseShape } from './node-base.js';

/** One button; choosing it leads to `next`. */
export const ChoiceSchema = z.strictObject({
  id: ChoiceIdSchema,
  label: ChoiceLabelSchema,
  next: NextSchema,
});
export type Choice = z.infer<typeof ChoiceSchema>;

/** The optional "talk to a human" button: choosing it hands the conversation over. */
export const HumanChoiceSchema = z.strictObject({
  id: ChoiceIdSchema,
  label: ChoiceLabelSchema,
  groupId: GroupIdSchema.nullable().default(null),
  agentId: AgentIdSchema.nullable().default(null),
});
export type HumanChoice = z.infer<typeof HumanChoiceSchema>;

/** The chatbot says `text` with buttons and waits for the visitor to choose. */
export const ButtonsNodeSchema = z.strictObject({
  kind: z.literal('buttons'),
  ...NodeBaseShape,
  text: FlowTextSchema,
  choices: z.array(ChoiceSchema).max(CHOICES_MAX, `A step can offer at most ${CHOICES_MAX} buttons`),
  humanChoice: HumanChoiceSchema.nullable().default(null),
});
export type ButtonsNode = z.infer<typeof ButtonsNodeSchema>;
