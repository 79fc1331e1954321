import { z } from 'zod';
import { FlowTextSchema } from './flow-text.js';
import { HttpUrlSchema } from './http-url.js';
import { NextSchema } from './identifiers.js';
import { NodeBaseShape } from './node-base.js';

export const MessageLinkSchema = z.strictObject({
  url: HttpUrlSchema,
  /** The link's text; the URL itself is shown when empty. */
  label: FlowTextSchema.default(''),
});
export type MessageLink = z.infer<typeof MessageLinkSchema>;

/** The chatbot says something, then goes on to `next` without waiting. */
export const MessageNodeSchema = z.strictObject({
  kind: z.literal('message'),
  ...NodeBaseShape,
  text: FlowTextSchema,
  imageUrl: HttpUrlSchema.nullable().default(null),
  link: MessageLinkSchema.nullable().default(null),
  next: NextSchema,
});
export type MessageNode = z.infer<typeof MessageNodeSchema>;
