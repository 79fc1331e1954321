import { z } from 'zod';
import type { Problem } from '../validator/problem.js';
import { FlowDocumentSchema } from './flow-document.js';

/**
 * A chatbot as the REST API serves it (docs/api.md "Chatbots"): the one
 * definition the server's routes, its service and the dashboard share.
 */
export const ProblemSchema = z
  .object({
    nodeId: z.string().nullable().describe('The step the problem is on; null for the whole flow'),
    path: z.array(z.union([z.string(), z.number()])).describe('Where in the document, from its root'),
    code: z.string().describe('A ProblemCode of @parley/flow, e.g. "unreachable_node"'),
    message: z.string(),
  })
  .describe('Problem');

export const ChatbotStatusSchema = z.enum(['active', 'inactive']);
export type ChatbotStatus = z.infer<typeof ChatbotStatusSchema>;

export const ChatbotVersionRefSchema = z.object({ id: z.string(), number: z.number().int(), publishedAt: z.string() });
export type ChatbotVersionRef = z.infer<typeof ChatbotVersionRefSchema>;

export const ChatbotSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: ChatbotStatusSchema,
  /** Among the chatbots whose targeting matches, the highest priority alone starts. */
  priority: z.number().int(),
  defaultLanguage: z.string(),
  /** The draft's languages: its default language first, then its variants. */
  languages: z.array(z.string()),
  publishedVersion: ChatbotVersionRefSchema.nullable(),
  /** The draft differs from the published version's flow (always true before the first publish). */
  hasUnpublishedChanges: z.boolean(),
  draftUpdatedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChatbotSummary = z.infer<typeof ChatbotSummarySchema>;

export const ChatbotSchema = ChatbotSummarySchema.extend({
  draft: FlowDocumentSchema,
  /** What stops the draft from being published; empty when it can be. */
  problems: z.array(ProblemSchema),
});
/** `problems` keeps the validator's precise `Problem` type. */
export type Chatbot = Omit<z.infer<typeof ChatbotSchema>, 'problems'> & { problems: Problem[] };

export const ChatbotVersionSummarySchema = ChatbotVersionRefSchema.extend({
  publishedBy: z.string().describe('The id of the agent who published it'),
});
export type ChatbotVersionSummary = z.infer<typeof ChatbotVersionSummarySchema>;

export const ChatbotVersionSchema = ChatbotVersionSummarySchema.extend({ flow: FlowDocumentSchema });
export type ChatbotVersion = z.infer<typeof ChatbotVersionSchema>;
