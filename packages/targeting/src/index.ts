/**
 * @parley/targeting — who sees which chatbot, when and where: the targeting
 * document (zod), its checks and linter, fast evaluation of its conditions
 * and the choice of the chatbot that starts. Pure: no I/O, the time comes
 * from the facts. docs/targeting.md describes it.
 */

// schema
export * from './schema.js';

// checking before saving
export type { TargetingIssue, TargetingIssueCode } from './check/issue.js';
export { checkTargeting, type CheckTargetingResult } from './check/check-targeting.js';

// warnings
export { lintTargeting, type LintWarning, type LintCode } from './lint/lint-targeting.js';

// evaluation
export { compileTargeting, type CompiledTargeting } from './evaluate/compile-targeting.js';
export { evaluateConditions, type ConditionsResult, type Exclusion } from './evaluate/evaluate-conditions.js';
export { isWithinOfficeHours } from './evaluate/office-hours.js';

// choosing the chatbot
export {
  chooseChatbot,
  armableChatbots,
  type Candidate,
  type Situation,
  type FiredTrigger,
  type Verdict,
  type VerdictCode,
  type VerdictReason,
  type Choice,
  type Armable,
} from './choose/choose-chatbot.js';

// labels (the dashboard may use the same words)
export { fieldLabel, operatorLabel } from './labels.js';
