import { isConditionGroup, type Condition, type ConditionBranch, type ConditionFieldSource, type ConditionNode, type FlowNode } from '@parley/flow';
import { PlusIcon, TrashIcon } from '../../components/icons';
import { FIELD_LABEL, OPERATOR_LABEL, makeCondition, operatorKind, operatorsFor, withField } from '../state/conditions';
import { addBranch, removeBranch } from '../state/document';

interface Props {
  node: ConditionNode;
  disabled: boolean;
  onChange(n: FlowNode): void;
}

const SOURCES = Object.keys(FIELD_LABEL) as ConditionFieldSource[];

/** Branches as a simple form: all/any of flat conditions (nested groups are kept as they are). */
export function ConditionFields({ node, disabled, onChange }: Props) {
  const setBranch = (branch: ConditionBranch) =>
    onChange({ ...node, branches: node.branches.map((b) => (b.id === branch.id ? branch : b)) });
  return (
    <>
      {node.branches.map((branch, i) => (
        <fieldset className="panel-group" key={branch.id}>
          <legend className="field__label">Branch {i + 1}</legend>
          <div className="panel-row">
            <select
              className="input input--sm"
              aria-label="Match"
              value={branch.when.match}
              disabled={disabled}
              onChange={(e) => setBranch({ ...branch, when: { ...branch.when, match: e.target.value as 'all' | 'any' } })}
            >
              <option value="all">All of these hold</option>
              <option value="any">Any of these holds</option>
            </select>
            <button
              type="button"
              className="btn btn--ghost btn--icon btn--sm"
              aria-label={`Remove branch ${i + 1}`}
              disabled={disabled}
              onClick={() => onChange(removeBranch(node, branch.id))}
            >
              <TrashIcon size={16} />
            </button>
          </div>
          {branch.when.conditions.map((item, j) =>
            isConditionGroup(item) ? (
              <p className="muted panel-note" key={j}>
                A nested group ({item.conditions.length} conditions), kept as it is.
              </p>
            ) : (
              <ConditionRow
                key={j}
                condition={item}
                disabled={disabled}
                onChange={(c) => {
                  const conditions = branch.when.conditions.slice();
                  if (c === null) conditions.splice(j, 1);
                  else conditions[j] = c;
                  setBranch({ ...branch, when: { ...branch.when, conditions } });
                }}
              />
            ),
          )}
          <button
            type="button"
            className="btn btn--xs"
            disabled={disabled}
            onClick={() =>
              setBranch({
                ...branch,
                when: { ...branch.when, conditions: [...branch.when.conditions, makeCondition({ source: 'visitor_language' }, 'is', '')] },
              })
            }
          >
            <PlusIcon size={12} /> Condition
          </button>
        </fieldset>
      ))}
      <button type="button" className="btn btn--sm" disabled={disabled} onClick={() => onChange(addBranch(node))}>
        <PlusIcon size={14} /> Add branch
      </button>
      <p className="muted panel-note">When no branch holds, the flow takes "Else".</p>
    </>
  );
}

function ConditionRow({ condition, disabled, onChange }: { condition: Condition; disabled: boolean; onChange(c: Condition | null): void }) {
  const field = condition.field;
  const named = field.source === 'variable' ? field.name : field.source === 'contact_property' || field.source === 'contact' ? field.key : null;
  const value = 'value' in condition ? condition.value : undefined;
  return (
    <div className="cond-row">
      <select
        className="input input--sm"
        aria-label="Field"
        value={field.source}
        disabled={disabled}
        onChange={(e) => onChange(withField(condition, e.target.value as ConditionFieldSource))}
      >
        {SOURCES.map((s) => (
          <option key={s} value={s}>
            {FIELD_LABEL[s]}
          </option>
        ))}
      </select>
      {field.source === 'contact' && (
        <select
          className="input input--sm"
          aria-label="Contact field"
          value={field.key}
          disabled={disabled}
          onChange={(e) => onChange({ ...condition, field: { source: 'contact', key: e.target.value as 'name' | 'email' | 'phone' } } as Condition)}
        >
          <option value="name">name</option>
          <option value="email">email</option>
          <option value="phone">phone</option>
        </select>
      )}
      {(field.source === 'variable' || field.source === 'contact_property') && (
        <input
          className="input input--sm"
          aria-label="Name"
          placeholder="name"
          value={named ?? ''}
          disabled={disabled}
          onChange={(e) =>
            onChange({
              ...condition,
              field: field.source === 'variable' ? { source: 'variable', name: e.target.value } : { source: 'contact_property', key: e.target.value },
            } as Condition)
          }
        />
      )}
      <select
        className="input input--sm"
        aria-label="Operator"
        value={condition.operator}
        disabled={disabled}
        onChange={(e) => onChange(makeCondition(field, e.target.value as Condition['operator'], value))}
      >
        {operatorsFor(field.source).map((op) => (
          <option key={op} value={op}>
            {OPERATOR_LABEL[op]}
          </option>
        ))}
      </select>
      {operatorKind(condition.operator) !== 'boolean' && (
        <input
          className="input input--sm"
          aria-label="Value"
          type={operatorKind(condition.operator) === 'number' ? 'number' : 'text'}
          value={value === undefined ? '' : String(value)}
          disabled={disabled}
          onChange={(e) => onChange(makeCondition(field, condition.operator, e.target.value))}
        />
      )}
      <button type="button" className="btn btn--ghost btn--icon btn--sm" aria-label="Remove condition" disabled={disabled} onClick={() => onChange(null)}>
        <TrashIcon size={14} />
      </button>
    </div>
  );
}
