/** Why a targeting document cannot be saved. */
export type TargetingIssueCode =
  | 'invalid_document'
  | 'unknown_field'
  | 'operator_mismatch'
  | 'bad_value'
  | 'missing_key'
  | 'unexpected_key'
  | 'bad_regex'
  | 'too_deep'
  | 'too_many';

/** One problem of a targeting document. */
export interface TargetingIssue {
  /** Where, from the document's root: `['conditions', 'conditions', 1, 'value']`. */
  path: (string | number)[];
  code: TargetingIssueCode;
  /** A sentence a business user understands. */
  message: string;
}
