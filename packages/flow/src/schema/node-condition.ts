import { z } from 'zod';
import { ConditionGroupSchema } from './condition.js';
import { BranchIdSchema, NextSchema } from './identifiers.js';
import { NodeBaseShape } from './node-base.js';

/** One branch: when its conditions hold, the flow goes to `next`. */
export const ConditionBranchSchema = z.strictObject({
  id: BranchIdSchema,
  when: ConditionGroupSchema,
  next: NextSchema,
});
export type ConditionBranch = z.infer<typeof ConditionBranchSchema>;

/** Branches are tried in order; the first that holds wins, else `else`. */
export const ConditionNodeSchema = z.strictObject({
  kind: z.literal('condition'),
  ...NodeBaseShape,
  branches: z.array(ConditionBranchSchema).max(20, 'A condition can have at most 20 branches'),
  else: NextSchema,
});
export type ConditionNode = z.infer<typeof ConditionNodeSchema>;
