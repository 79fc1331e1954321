import type { Condition, ConditionField, ConditionFieldSource, ConditionOperator } from '@parley/flow';

/** The condition form's vocabulary: labels for machine identifiers. */
export const FIELD_LABEL: Record<ConditionFieldSource, string> = {
  variable: 'Variable',
  contact: 'Contact field',
  contact_property: 'Contact property',
  agents_online: 'Agents online',
  office_hours_open: 'Office hours open',
  visitor_language: 'Visitor language',
};

export const OPERATOR_LABEL: Record<ConditionOperator, string> = {
  is: 'is',
  is_not: 'is not',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  not_starts_with: 'does not start with',
  regex: 'matches pattern',
  eq: '=',
  neq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  is_true: 'is true',
  is_false: 'is false',
};

const TEXT_OPS: ConditionOperator[] = ['is', 'is_not', 'contains', 'not_contains', 'starts_with', 'not_starts_with', 'regex'];
const NUMBER_OPS: ConditionOperator[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];
const BOOLEAN_OPS: ConditionOperator[] = ['is_true', 'is_false'];

export function isBooleanSource(source: ConditionFieldSource): boolean {
  return source === 'agents_online' || source === 'office_hours_open';
}

/** The operators a field accepts. */
export function operatorsFor(source: ConditionFieldSource): ConditionOperator[] {
  if (isBooleanSource(source)) return BOOLEAN_OPS;
  if (source === 'visitor_language' || source === 'contact') return TEXT_OPS;
  return [...TEXT_OPS, ...NUMBER_OPS, ...BOOLEAN_OPS];
}

export function operatorKind(op: ConditionOperator): 'text' | 'number' | 'boolean' {
  if (BOOLEAN_OPS.includes(op)) return 'boolean';
  if (NUMBER_OPS.includes(op)) return 'number';
  return 'text';
}

export function defaultField(source: ConditionFieldSource): ConditionField {
  switch (source) {
    case 'variable':
      return { source, name: '' };
    case 'contact':
      return { source, key: 'email' };
    case 'contact_property':
      return { source, key: '' };
    default:
      return { source };
  }
}

/** Builds a condition from its parts, keeping the value when the operator kind allows it. */
export function makeCondition(field: ConditionField, operator: ConditionOperator, value: unknown): Condition {
  switch (operatorKind(operator)) {
    case 'boolean':
      return { field, operator: operator as 'is_true' | 'is_false' };
    case 'number': {
      const n = typeof value === 'number' ? value : Number.parseFloat(String(value ?? ''));
      return { field, operator: operator as 'eq', value: Number.isFinite(n) ? n : 0 };
    }
    case 'text':
      return { field, operator: operator as 'is', value: typeof value === 'string' ? value : value == null ? '' : String(value) };
  }
}

/** Changes a condition's field; the operator changes too when the field does not accept it. */
export function withField(condition: Condition, source: ConditionFieldSource): Condition {
  const ops = operatorsFor(source);
  const op = ops.includes(condition.operator) ? condition.operator : ops[0]!;
  return makeCondition(defaultField(source), op, 'value' in condition ? condition.value : '');
}

/** A short sentence for a condition, for the node on the canvas. */
export function describeCondition(condition: Condition): string {
  const f = condition.field;
  const field =
    f.source === 'variable'
      ? `{${f.name || '?'}}`
      : f.source === 'contact'
        ? `contact ${f.key}`
        : f.source === 'contact_property'
          ? `property ${f.key || '?'}`
          : FIELD_LABEL[f.source].toLowerCase();
  const value = 'value' in condition ? ` ${typeof condition.value === 'string' ? `"${condition.value}"` : condition.value}` : '';
  return `${field} ${OPERATOR_LABEL[condition.operator]}${value}`;
}
