import { fieldLabel, operatorLabel, type Condition, type ConditionField, type ConditionGroup, type LintWarning } from '@parley/targeting';
import { ArrowDownIcon, ArrowUpIcon, PlusIcon, TrashIcon } from '../components/icons';
import { Notes } from './Notes';
import { FIELD_SECTIONS, UTM_KEY_LIST, keyKind, operatorsFor, valueKind, withField, withKey, withOperator, withValue } from './state/fields';
import type { ErrorIndex } from './state/issues';
import { canAddGroup, pathKey } from './state/tree';
import { ValueInput } from './ValueInput';

/** What every row of the tree needs: the edits, the notes by path, read-only, the highlighted path. */
export interface TreeProps {
  readOnly: boolean;
  errors: ErrorIndex | null;
  warnings: Map<string, LintWarning[]>;
  /** `"0.1"` from `?path=`, or null. */
  highlighted: string | null;
  today: string;
  onCondition(path: number[], change: (c: Condition) => Condition): void;
  onMatch(path: number[], match: 'all' | 'any'): void;
  onAddCondition(groupPath: number[]): void;
  onAddGroup(groupPath: number[]): void;
  onRemove(path: number[]): void;
  onMove(path: number[], delta: -1 | 1): void;
}

/** The whole tree: the root group. */
export function ConditionTree({ root, ...p }: TreeProps & { root: ConditionGroup }) {
  return <GroupView group={root} path={[]} siblings={1} {...p} />;
}

function GroupView({ group, path, siblings, ...p }: TreeProps & { group: ConditionGroup; path: number[]; siblings: number }) {
  const key = pathKey(path);
  const isRoot = path.length === 0;
  const index = path[path.length - 1] ?? 0;
  const joiner = group.match === 'all' ? 'and' : 'or';
  return (
    <div
      className={`tgroup tgroup--${group.match}${isRoot ? ' tgroup--root' : ''}${p.highlighted === key ? ' is-highlighted' : ''}`}
      data-testid="condition-group"
      data-path={key}
      data-match={group.match}
      data-highlighted={p.highlighted === key || undefined}
    >
      <div className="tgroup__head">
        <label className="tgroup__match">
          <span>{isRoot ? 'Start when' : 'Where'}</span>
          <select
            className="input input--sm"
            data-testid="group-match"
            data-path={key}
            value={group.match}
            disabled={p.readOnly}
            onChange={(e) => p.onMatch(path, e.target.value as 'all' | 'any')}
          >
            <option value="all">all</option>
            <option value="any">any</option>
          </select>
          <span>{isRoot ? 'of these conditions hold' : 'of these hold'}</span>
        </label>
        {!isRoot && !p.readOnly && <ItemActions path={path} index={index} siblings={siblings} kind="group" onMove={p.onMove} onRemove={p.onRemove} />}
      </div>
      <Notes path={path} errors={p.errors?.items.get(key)} warnings={p.warnings.get(key)} />
      {group.conditions.length === 0 ? (
        <p className="tgroup__empty" data-testid="group-empty">
          {isRoot ? 'No conditions: the chatbot may start on every page, for every visitor, at any time.' : 'No conditions in this group yet.'}
        </p>
      ) : (
        <ol className="tgroup__items">
          {group.conditions.map((item, i) => (
            <li key={i} className="tgroup__item">
              {i > 0 && (
                <span className={`tjoin tjoin--${joiner}`} aria-hidden="true">
                  {joiner}
                </span>
              )}
              {item.kind === 'group' ? (
                <GroupView group={item} path={[...path, i]} siblings={group.conditions.length} {...p} />
              ) : (
                <ConditionRow condition={item} path={[...path, i]} siblings={group.conditions.length} {...p} />
              )}
            </li>
          ))}
        </ol>
      )}
      {!p.readOnly && (
        <div className="tgroup__add">
          <button type="button" className="btn btn--xs" data-testid="add-condition" data-path={key} onClick={() => p.onAddCondition(path)}>
            <PlusIcon size={13} /> Condition
          </button>
          <button
            type="button"
            className="btn btn--xs btn--ghost"
            data-testid="add-group"
            data-path={key}
            disabled={!canAddGroup(path)}
            title={canAddGroup(path) ? `A group of conditions combined with ${group.match === 'all' ? '"any"' : '"all"'}` : 'Groups nest at most 5 levels deep'}
            onClick={() => p.onAddGroup(path)}
          >
            <PlusIcon size={13} /> Group
          </button>
        </div>
      )}
    </div>
  );
}

function ConditionRow({ condition, path, siblings, ...p }: TreeProps & { condition: Condition; path: number[]; siblings: number }) {
  const key = pathKey(path);
  const errors = p.errors?.items.get(key) ?? [];
  const badPart = (part: string) => errors.some((e) => e.place.kind === 'item' && e.place.part === part);
  const kk = keyKind(condition.field);
  const operators = operatorsFor(condition.field);
  const highlighted = p.highlighted === key;
  const change = (fn: (c: Condition) => Condition) => p.onCondition(path, fn);
  return (
    <div
      className={`tcond${highlighted ? ' is-highlighted' : ''}${errors.length > 0 ? ' has-error' : ''}`}
      data-testid="condition"
      data-path={key}
      data-field={condition.field}
      data-operator={condition.operator}
      data-value-kind={valueKind(condition.field, condition.operator)}
      data-highlighted={highlighted || undefined}
    >
      <div className="tcond__line">
        <select
          className="input input--sm tcond__field"
          data-testid="condition-field"
          aria-label="Field"
          value={condition.field}
          disabled={p.readOnly}
          aria-invalid={badPart('field') || undefined}
          onChange={(e) => change((c) => withField(c, e.target.value as ConditionField, p.today))}
        >
          {FIELD_SECTIONS.map((section) => (
            <optgroup key={section.section} label={section.label}>
              {section.fields.map((f) => (
                <option key={f} value={f}>
                  {fieldLabel(f)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {kk === 'utm' && (
          <select
            className="input input--sm tcond__key"
            data-testid="condition-key"
            aria-label="UTM parameter"
            value={condition.key ?? ''}
            disabled={p.readOnly}
            aria-invalid={badPart('key') || undefined}
            onChange={(e) => change((c) => withKey(c, e.target.value))}
          >
            {condition.key === undefined && <option value="">Choose…</option>}
            {UTM_KEY_LIST.map((k) => (
              <option key={k} value={k}>
                utm_{k}
              </option>
            ))}
          </select>
        )}
        {kk === 'name' && (
          <input
            className="input input--sm tcond__key"
            data-testid="condition-key"
            aria-label={condition.field === 'variable' ? 'Variable name' : 'Property name'}
            placeholder={condition.field === 'variable' ? 'variable, e.g. plan' : 'property, e.g. company'}
            value={condition.key ?? ''}
            maxLength={100}
            spellCheck={false}
            disabled={p.readOnly}
            aria-invalid={badPart('key') || undefined}
            onChange={(e) => change((c) => withKey(c, e.target.value))}
          />
        )}
        <select
          className="input input--sm tcond__operator"
          data-testid="condition-operator"
          aria-label="Operator"
          value={condition.operator}
          disabled={p.readOnly}
          aria-invalid={badPart('operator') || undefined}
          onChange={(e) => change((c) => withOperator(c, e.target.value as Condition['operator'], p.today))}
        >
          {!operators.includes(condition.operator) && <option value={condition.operator}>{operatorLabel(condition.operator)} (does not fit)</option>}
          {operators.map((o) => (
            <option key={o} value={o}>
              {operatorLabel(o)}
            </option>
          ))}
        </select>
        <ValueSlot condition={condition} disabled={p.readOnly} invalid={badPart('value')} onValue={(v) => change((c) => withValue(c, v))} />
        {!p.readOnly && <ItemActions path={path} index={path[path.length - 1]!} siblings={siblings} kind="condition" onMove={p.onMove} onRemove={p.onRemove} />}
      </div>
      <Notes path={path} errors={errors} warnings={p.warnings.get(key)} />
    </div>
  );
}

function ValueSlot(props: Parameters<typeof ValueInput>[0]) {
  return (
    <span className="tcond__value">
      <ValueInput {...props} />
    </span>
  );
}

function ItemActions({
  path,
  index,
  siblings,
  kind,
  onMove,
  onRemove,
}: {
  path: number[];
  index: number;
  siblings: number;
  kind: 'condition' | 'group';
  onMove(path: number[], delta: -1 | 1): void;
  onRemove(path: number[]): void;
}) {
  return (
    <span className="titem-actions">
      <button
        type="button"
        className="btn btn--ghost btn--icon btn--xs"
        data-testid="move-up"
        aria-label={`Move the ${kind} up`}
        title="Move up"
        disabled={index === 0}
        onClick={() => onMove(path, -1)}
      >
        <ArrowUpIcon size={14} />
      </button>
      <button
        type="button"
        className="btn btn--ghost btn--icon btn--xs"
        data-testid="move-down"
        aria-label={`Move the ${kind} down`}
        title="Move down"
        disabled={index >= siblings - 1}
        onClick={() => onMove(path, 1)}
      >
        <ArrowDownIcon size={14} />
      </button>
      <button
        type="button"
        className="btn btn--ghost btn--icon btn--xs titem-actions__remove"
        data-testid={kind === 'group' ? 'remove-group' : 'remove-condition'}
        aria-label={`Remove the ${kind}`}
        title={kind === 'group' ? 'Remove the group and its conditions' : 'Remove the condition'}
        onClick={() => onRemove(path)}
      >
        <TrashIcon size={14} />
      </button>
    </span>
  );
}
