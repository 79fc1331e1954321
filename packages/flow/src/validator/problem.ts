/** Why a flow cannot be published (or, for `schema`/`unsupported_version`, cannot be read). */
export type ProblemCode =
  | 'schema'
  | 'unsupported_version'
  | 'unknown_start_node'
  | 'missing_target'
  | 'dangling_target'
  | 'unreachable_node'
  | 'empty_text'
  | 'empty_choice_label'
  | 'no_choices'
  | 'duplicate_choice_id'
  | 'no_branches'
  | 'duplicate_branch_id'
  | 'empty_condition_group'
  | 'missing_handover_branch'
  | 'missing_failure_branch'
  | 'missing_save_target'
  | 'invalid_regex'
  | 'regex_too_long'
  | 'unsafe_regex'
  | 'interaction_free_cycle';

/** One problem of a flow, placed on the node it concerns (null: the whole flow). */
export interface Problem {
  nodeId: string | null;
  /** Where in the document, from its root (e.g. `['nodes', 'menu', 'choices', 0, 'label']`). */
  path: (string | number)[];
  code: ProblemCode;
  /** A sentence a business user understands. */
  message: string;
}
