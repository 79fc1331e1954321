import { z } from 'zod';
import { ActionNodeSchema } from './node-action.js';
import { ButtonsNodeSchema } from './node-buttons.js';
import { ConditionNodeSchema } from './node-condition.js';
import { EndNodeSchema } from './node-end.js';
import { MessageNodeSchema } from './node-message.js';
import { QuestionNodeSchema } from './node-question.js';

/** Every node of a flow, told apart by `kind` (and action nodes by `action`). */
export const FlowNodeSchema = z.discriminatedUnion('kind', [
  MessageNodeSchema,
  ButtonsNodeSchema,
  QuestionNodeSchema,
  ConditionNodeSchema,
  ActionNodeSchema,
  EndNodeSchema,
]);
export type FlowNode = z.infer<typeof FlowNodeSchema>;
export type FlowNodeInput = z.input<typeof FlowNodeSchema>;
export type NodeKind = FlowNode['kind'];

export const NODE_KINDS: readonly NodeKind[] = ['message', 'buttons', 'question', 'condition', 'action', 'end'];
