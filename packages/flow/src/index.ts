/**
 * @parley/flow — chatbot flows: the document schema (zod), its migrations,
 * language variants, the validator run before publishing, condition
 * evaluation, answer validation and the pure engine. No I/O anywhere.
 * docs/chatbots.md describes it.
 */

// limits
export * from './limits.js';

// schema
export * from './schema/identifiers.js';
export * from './schema/flow-text.js';
export * from './schema/http-url.js';
export * from './schema/condition.js';
export * from './schema/node-message.js';
export * from './schema/node-buttons.js';
export * from './schema/node-question.js';
export * from './schema/node-condition.js';
export * from './schema/node-action.js';
export * from './schema/node-end.js';
export * from './schema/nodes.js';
export * from './schema/language-variant.js';
export * from './schema/flow-document.js';
export * from './schema/chatbot.js';

// reading stored documents
export { parseFlowDocument, type ParseFlowResult } from './migrations/parse-flow-document.js';
export { migrateFlowDocument, FlowDocumentError } from './migrations/migrate-flow-document.js';

// graph
export { getNode } from './graph/get-node.js';
export { nodeEdges, waitsForVisitor, type FlowEdge, type EdgeKind } from './graph/node-edges.js';

// languages
export { chooseLanguage, type LanguageChoice, type LanguageChoiceInput } from './language/choose-language.js';
export { matchLanguage, primarySubtag, cleanLanguageTag } from './language/language-tag.js';
export { availableLanguages } from './language/available-languages.js';
export { flowTexts, type FlowTextEntry, type TextSlot } from './language/flow-texts.js';
export { resolveTexts } from './language/resolve-texts.js';
export { untranslatedTexts } from './language/untranslated-texts.js';

// conditions
export type { ConditionFacts, FactValue } from './conditions/condition-facts.js';
export { evaluateCondition, evaluateGroup } from './conditions/evaluate-condition.js';
export { compileSafeRegex, type SafeRegex, type SafeRegexResult } from './conditions/safe-regex/safe-regex.js';

// answers
export { validateAnswer, type AnswerCheck, type AnswerRejection } from './answers/validate-answer.js';

// validator
export type { Problem, ProblemCode } from './validator/problem.js';
export { validateFlow, validateParsedFlow } from './validator/validate-flow.js';

// engine
export * from './engine/state.js';
export * from './engine/events.js';
export type { FlowContext } from './engine/context.js';
export type * from './engine/effects.js';
export type * from './engine/step-result.js';
export { step } from './engine/step.js';
