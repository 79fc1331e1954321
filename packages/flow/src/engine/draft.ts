import type { ConditionFacts, FactValue } from '../conditions/condition-facts.js';
import { PATH_MAX_ENTRIES } from '../limits.js';
import type { FlowDocument } from '../schema/flow-document.js';
import type { ContactField } from '../schema/node-question.js';
import type { FlowContext } from './context.js';
import type { ChatbotEventRecord, FlowEffect } from './effects.js';
import type { CollectedContact, FlowState, PathEntry } from './state.js';

/**
 * The working copy of a session while one event is processed. It is mutated
 * freely — it belongs to this call alone — and turned into a fresh
 * `FlowState` at the end; the caller's state is never touched.
 */
export interface Draft {
  readonly flow: FlowDocument;
  readonly context: FlowContext;
  readonly effects: FlowEffect[];
  variables: Record<string, FactValue>;
  contact: CollectedContact;
  path: PathEntry[];
  handedOver: boolean;
  /** Copy-on-write flags: the state's objects are shared until first written. */
  ownsVariables: boolean;
  ownsContact: boolean;
}

/** What running one node leads to: another node (or none), or a stop with the final state. */
export type NodeOutcome = { next: string | null } | { stop: FlowState };

export function createDraft(flow: FlowDocument, state: FlowState, context: FlowContext): Draft {
  return {
    flow,
    context,
    effects: [],
    variables: state.variables,
    contact: state.contact,
    path: state.path.slice(),
    handedOver: state.handedOver,
    ownsVariables: false,
    ownsContact: false,
  };
}

/** A chatbot event record without its `type` tag. */
export type RecordEntry = ChatbotEventRecord extends infer R ? (R extends ChatbotEventRecord ? Omit<R, 'type'> : never) : never;

export function record(draft: Draft, entry: RecordEntry): void {
  draft.effects.push({ type: 'chatbot_event', ...entry } as ChatbotEventRecord);
}

/** The chatbot arrives at a node: a record and a path entry. */
export function reach(draft: Draft, nodeId: string): void {
  record(draft, { event: 'node_reached', nodeId });
  if (draft.path.length >= PATH_MAX_ENTRIES) draft.path.shift();
  draft.path.push({ nodeId });
}

/** Notes the button chosen at the current (last visited) node. */
export function markChoice(draft: Draft, nodeId: string, choiceId: string): void {
  const last = draft.path[draft.path.length - 1];
  if (last && last.nodeId === nodeId) draft.path[draft.path.length - 1] = { nodeId, choiceId };
  else draft.path.push({ nodeId, choiceId });
}

export function setVariable(draft: Draft, nodeId: string, name: string, value: FactValue): void {
  if (!draft.ownsVariables) {
    draft.variables = { ...draft.variables };
    draft.ownsVariables = true;
  }
  draft.variables[name] = value;
  draft.effects.push({ type: 'set_variable', nodeId, name, value });
}

export function storeContact(draft: Draft, nodeId: string, field: ContactField, value: string): void {
  ownContact(draft)[field] = value;
  draft.effects.push({ type: 'store_contact', nodeId, field, value });
}

export function setContactProperty(draft: Draft, nodeId: string, key: string, value: string): void {
  const contact = ownContact(draft);
  contact.properties = { ...contact.properties, [key]: value };
  draft.effects.push({ type: 'set_contact_property', nodeId, key, value });
}

function ownContact(draft: Draft): CollectedContact {
  if (!draft.ownsContact) {
    draft.contact = { ...draft.contact };
    draft.ownsContact = true;
  }
  return draft.contact;
}

/** What conditions and templates see: the context's contact with this session's data laid over it. */
export function factsOf(draft: Draft): ConditionFacts {
  const { context, contact } = draft;
  return {
    variables: draft.variables,
    contact: {
      name: contact.name ?? context.contact.name,
      email: contact.email ?? context.contact.email,
      phone: contact.phone ?? context.contact.phone,
      properties: { ...context.contact.properties, ...contact.properties },
    },
    agentsOnline: context.agentsOnline,
    officeHoursOpen: context.officeHoursOpen,
    language: context.language,
  };
}
