import { z } from 'zod';
import { NODES_MAX } from '../limits.js';
import { FlowTextSchema } from './flow-text.js';
import { LanguageTagSchema, NodeIdSchema } from './identifiers.js';
import { FlowVariantSchema } from './language-variant.js';
import { FlowNodeSchema } from './nodes.js';

/** The version of the flow document format this code writes and runs. */
export const FLOW_SCHEMA_VERSION = 1;

/**
 * What the chatbot says when it hands over outside a handover node: the
 * visitor typed instead of choosing, chose "talk to a human", or gave up on a
 * question. Empty texts are not sent.
 */
export const HandoverMessagesSchema = z.strictObject({
  agentsOnline: FlowTextSchema,
  noAgentOnline: FlowTextSchema,
});
export type HandoverMessages = z.infer<typeof HandoverMessagesSchema>;

/**
 * A chatbot flow: a graph of nodes keyed by stable ids, entered at
 * `startNodeId`. One document-level `schemaVersion`; older documents are
 * upgraded by `migrateFlowDocument`.
 */
export const FlowDocumentSchema = z.strictObject({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  startNodeId: NodeIdSchema,
  /** The language the texts in `nodes` are written in. */
  defaultLanguage: LanguageTagSchema,
  nodes: z
    .record(NodeIdSchema, FlowNodeSchema)
    .refine((nodes) => Object.keys(nodes).length <= NODES_MAX, `A flow can have at most ${NODES_MAX} steps`),
  /** Translations by language tag; see `resolveTexts`. */
  variants: z.record(LanguageTagSchema, FlowVariantSchema).default({}),
  handoverMessages: HandoverMessagesSchema.nullable().default(null),
});
export type FlowDocument = z.infer<typeof FlowDocumentSchema>;
/** A flow document as written by hand or by an API client: defaults may be left out. */
export type FlowDocumentInput = z.input<typeof FlowDocumentSchema>;
