import { z } from 'zod';

/** Fields every node may carry for the builder; the engine ignores them. */
export const NodeBaseShape = {
  /** A name the business gives the step ("Main menu"); shown in the builder and in problems. */
  name: z.string().max(100, 'Step name must be at most 100 characters').optional(),
  /** Where the builder draws the node. */
  position: z.strictObject({ x: z.number().finite(), y: z.number().finite() }).optional(),
};
