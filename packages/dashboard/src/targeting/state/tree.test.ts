import { checkTargeting, type Condition, type ConditionGroup } from '@parley/targeting';
import { describe, expect, it } from 'vitest';
import {
  addCondition,
  addGroup,
  canAddGroup,
  closestExisting,
  countConditions,
  itemAt,
  moveItem,
  parsePathKey,
  pathKey,
  removeAt,
  setMatch,
  toggleMatch,
  updateAt,
  updateCondition,
} from './tree';

const url: Condition = { kind: 'condition', field: 'page_url', operator: 'contains', value: '/pricing' };
const cz: Condition = { kind: 'condition', field: 'country', operator: 'is', value: 'CZ' };
const cs: Condition = { kind: 'condition', field: 'language', operator: 'starts_with', value: 'cs' };
const mobile: Condition = { kind: 'condition', field: 'device_type', operator: 'is', value: 'mobile' };

/** The document of docs/targeting.md: url AND (CZ OR cs). */
function sample(): ConditionGroup {
  return { kind: 'group', match: 'all', conditions: [url, { kind: 'group', match: 'any', conditions: [cz, cs] }] };
}

describe('reading the tree by path', () => {
  it('finds items by index path, the root at []', () => {
    const root = sample();
    expect(itemAt(root, [])).toBe(root);
    expect(itemAt(root, [0])).toBe(url);
    expect(itemAt(root, [1, 1])).toBe(cs);
    expect(itemAt(root, [2])).toBeUndefined();
    expect(itemAt(root, [0, 0])).toBeUndefined(); // a condition has no children
  });

  it('writes paths as data-path / ?path= keys and reads them back', () => {
    expect(pathKey([1, 0])).toBe('1.0');
    expect(pathKey([])).toBe('');
    expect(parsePathKey('1.0')).toEqual([1, 0]);
    expect(parsePathKey('')).toEqual([]);
    expect(parsePathKey(null)).toBeNull();
    expect(parsePathKey('1.x')).toBeNull();
    expect(parsePathKey('-1')).toBeNull();
  });

  it('falls back to the closest item that still exists', () => {
    const root = sample();
    expect(closestExisting(root, [1, 5])).toEqual([1]);
    expect(closestExisting(root, [7, 0])).toEqual([]);
    expect(closestExisting(root, [0, 3])).toEqual([0]);
    expect(closestExisting(root, [1, 1])).toEqual([1, 1]);
  });
});

describe('tree edits', () => {
  it('adds a condition at the end of a group and answers its path, leaving the input alone', () => {
    const root = sample();
    const before = JSON.stringify(root);
    const added = addCondition(root, [1], mobile)!;
    expect(added.path).toEqual([1, 2]);
    expect(itemAt(added.root, [1, 2])).toEqual(mobile);
    expect(JSON.stringify(root)).toBe(before);
    // untouched branches are shared, not copied
    expect(added.root.conditions[0]).toBe(url);
    expect(addCondition(root, [0], mobile)).toBeNull(); // [0] is a condition
    expect(addCondition(root, [9], mobile)).toBeNull();
  });

  it('adds a group holding a first condition, with the match opposite to its parent', () => {
    const added = addGroup(sample(), [], mobile)!;
    expect(added.path).toEqual([2]);
    expect(itemAt(added.root, [2])).toEqual({ kind: 'group', match: 'any', conditions: [mobile] });
    const inner = addGroup(sample(), [1], mobile)!;
    expect(itemAt(inner.root, [1, 2])).toMatchObject({ kind: 'group', match: 'all' });
  });

  it('refuses groups deeper than five levels', () => {
    expect(canAddGroup([])).toBe(true); // root (1) → a group at depth 2
    expect(canAddGroup([0, 0, 0])).toBe(true); // depth 4 → 5
    expect(canAddGroup([0, 0, 0, 0])).toBe(false); // depth 5 → 6
    let root: ConditionGroup = { kind: 'group', match: 'all', conditions: [] };
    let path: number[] = [];
    for (let i = 0; i < 4; i++) {
      const added = addGroup(root, path, mobile)!;
      root = added.root;
      path = added.path;
    }
    // each new group holds its first condition, so the next group comes second
    expect(path).toEqual([0, 1, 1, 1]);
    expect(checkTargeting({ conditions: root }).ok).toBe(true);
    expect(addGroup(root, path, mobile)).toBeNull();
    // the checker agrees: one more level is refused
    const tooDeep = updateAt(root, path, (g) => ({ ...(g as ConditionGroup), conditions: [{ kind: 'group', match: 'all', conditions: [] }] }));
    const checked = checkTargeting({ conditions: tooDeep });
    expect(checked.ok ? [] : checked.issues.map((i) => i.code)).toEqual(['too_deep']);
  });

  it('removes a condition or a whole group; the root stays', () => {
    expect(removeAt(sample(), [0]).conditions).toEqual([{ kind: 'group', match: 'any', conditions: [cz, cs] }]);
    expect(removeAt(sample(), [1, 0])).toEqual({ kind: 'group', match: 'all', conditions: [url, { kind: 'group', match: 'any', conditions: [cs] }] });
    expect(removeAt(sample(), [1]).conditions).toEqual([url]);
    const root = sample();
    expect(removeAt(root, [])).toBe(root);
    expect(removeAt(root, [5])).toBe(root);
  });

  it('moves an item among its siblings and answers its new path', () => {
    const down = moveItem(sample(), [0], 1)!;
    expect(down.path).toEqual([1]);
    expect(down.root.conditions[1]).toEqual(url);
    expect(down.root.conditions[0]).toMatchObject({ kind: 'group' });
    const up = moveItem(sample(), [1, 1], -1)!;
    expect(up.path).toEqual([1, 0]);
    expect(itemAt(up.root, [1])).toEqual({ kind: 'group', match: 'any', conditions: [cs, cz] });
    expect(moveItem(sample(), [0], -1)).toBeNull();
    expect(moveItem(sample(), [1, 1], 1)).toBeNull();
    expect(moveItem(sample(), [], 1)).toBeNull();
  });

  it('switches a group between all and any', () => {
    expect(setMatch(sample(), [1], 'all').conditions[1]).toMatchObject({ match: 'all' });
    expect(toggleMatch(sample(), []).match).toBe('any');
    expect(toggleMatch(sample(), [1]).conditions[1]).toMatchObject({ match: 'all' });
    const root = sample();
    expect(setMatch(root, [1], 'any')).toBe(root); // no change, same tree
    expect(setMatch(root, [0], 'any')).toBe(root); // a condition has no match
  });

  it('updates one condition and counts conditions', () => {
    const next = updateCondition(sample(), [1, 0], (c) => ({ ...c, value: 'SK' }));
    expect(itemAt(next, [1, 0])).toEqual({ ...cz, value: 'SK' });
    expect(itemAt(next, [0])).toBe(url);
    const root = sample();
    expect(updateCondition(root, [1], (c) => ({ ...c, value: 'x' }))).toBe(root); // a group is not a condition
    expect(countConditions(sample())).toBe(3);
  });
});
