import { z } from 'zod';
import { NodeBaseShape } from './node-base.js';

/** The chatbot is done. */
export const EndNodeSchema = z.strictObject({
  kind: z.literal('end'),
  ...NodeBaseShape,
});
export type EndNode = z.infer<typeof EndNodeSchema>;
