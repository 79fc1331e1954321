import { GROUP_DEPTH_MAX, type Condition, type ConditionGroup } from '@parley/targeting';

/**
 * Edits of the condition tree. A path is a list of indexes into
 * `conditions` from the root group (`[]` is the root, `[1, 0]` the first
 * item of the root's second item) — the same paths the linter, the checker
 * and the debugger use. Every edit returns a new tree; the input is never
 * changed. An edit at a path that does not exist returns the tree as it was.
 */

export type TreeItem = Condition | ConditionGroup;

export function itemAt(root: ConditionGroup, path: readonly number[]): TreeItem | undefined {
  let item: TreeItem = root;
  for (const i of path) {
    if (item.kind !== 'group') return undefined;
    const next: TreeItem | undefined = item.conditions[i];
    if (next === undefined) return undefined;
    item = next;
  }
  return item;
}

export function groupAt(root: ConditionGroup, path: readonly number[]): ConditionGroup | undefined {
  const item = itemAt(root, path);
  return item?.kind === 'group' ? item : undefined;
}

/** Replaces the item at `path` by `change(item)`. */
export function updateAt(root: ConditionGroup, path: readonly number[], change: (item: TreeItem) => TreeItem): ConditionGroup {
  if (path.length === 0) {
    const next = change(root);
    return next.kind === 'group' ? next : root;
  }
  const [head, ...rest] = path as [number, ...number[]];
  const child = root.conditions[head];
  if (child === undefined) return root;
  let next: TreeItem;
  if (rest.length === 0) next = change(child);
  else if (child.kind === 'group') next = updateAt(child, rest, change);
  else return root;
  if (next === child) return root;
  const conditions = root.conditions.slice();
  conditions[head] = next;
  return { ...root, conditions };
}

/** Replaces the condition at `path` (a group there is left alone). */
export function updateCondition(root: ConditionGroup, path: readonly number[], change: (c: Condition) => Condition): ConditionGroup {
  return updateAt(root, path, (item) => (item.kind === 'condition' ? change(item) : item));
}

/** The depth of the group at `path`: the root is 1. */
export function groupDepth(path: readonly number[]): number {
  return path.length + 1;
}

/** Whether a group may be added inside the group at `groupPath` (groups nest at most GROUP_DEPTH_MAX deep). */
export function canAddGroup(groupPath: readonly number[]): boolean {
  return groupDepth(groupPath) + 1 <= GROUP_DEPTH_MAX;
}

/** Appends `item` to the group at `groupPath`; answers the new tree and the item's path (null when there is no such group). */
export function appendItem(
  root: ConditionGroup,
  groupPath: readonly number[],
  item: TreeItem,
): { root: ConditionGroup; path: number[] } | null {
  const group = groupAt(root, groupPath);
  if (!group) return null;
  if (item.kind === 'group' && !canAddGroup(groupPath)) return null;
  const index = group.conditions.length;
  const next = updateAt(root, groupPath, (g) => (g.kind === 'group' ? { ...g, conditions: [...g.conditions, item] } : g));
  return { root: next, path: [...groupPath, index] };
}

export function addCondition(root: ConditionGroup, groupPath: readonly number[], condition: Condition) {
  return appendItem(root, groupPath, condition);
}

/**
 * Adds a group inside the group at `groupPath`: the opposite match of its
 * parent (an `any` inside an `all` is what groups are for), holding `first`
 * so it does something at once (an empty `any` never matches).
 */
export function addGroup(root: ConditionGroup, groupPath: readonly number[], first: Condition) {
  const parent = groupAt(root, groupPath);
  if (!parent) return null;
  const group: ConditionGroup = { kind: 'group', match: parent.match === 'all' ? 'any' : 'all', conditions: [first] };
  return appendItem(root, groupPath, group);
}

/** Removes the item at `path` (the root cannot be removed). */
export function removeAt(root: ConditionGroup, path: readonly number[]): ConditionGroup {
  if (path.length === 0 || itemAt(root, path) === undefined) return root;
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1]!;
  return updateAt(root, parentPath, (g) => (g.kind === 'group' ? { ...g, conditions: g.conditions.filter((_, i) => i !== index) } : g));
}

/**
 * Moves the item at `path` by `delta` places among its siblings; null when it
 * cannot move (first/last, or no such item). Answers the item's new path.
 */
export function moveItem(root: ConditionGroup, path: readonly number[], delta: -1 | 1): { root: ConditionGroup; path: number[] } | null {
  if (path.length === 0 || itemAt(root, path) === undefined) return null;
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1]!;
  const parent = groupAt(root, parentPath)!;
  const target = index + delta;
  if (target < 0 || target >= parent.conditions.length) return null;
  const conditions = parent.conditions.slice();
  [conditions[index], conditions[target]] = [conditions[target]!, conditions[index]!];
  return { root: updateAt(root, parentPath, (g) => ({ ...(g as ConditionGroup), conditions })), path: [...parentPath, target] };
}

/** Sets the group's `all` / `any`. */
export function setMatch(root: ConditionGroup, groupPath: readonly number[], match: 'all' | 'any'): ConditionGroup {
  return updateAt(root, groupPath, (item) => (item.kind === 'group' && item.match !== match ? { ...item, match } : item));
}

/** Switches the group between `all` and `any`. */
export function toggleMatch(root: ConditionGroup, groupPath: readonly number[]): ConditionGroup {
  const group = groupAt(root, groupPath);
  return group ? setMatch(root, groupPath, group.match === 'all' ? 'any' : 'all') : root;
}

/** How many conditions (not groups) the tree holds. */
export function countConditions(group: ConditionGroup): number {
  return group.conditions.reduce((n, item) => n + (item.kind === 'group' ? countConditions(item) : 1), 0);
}

/** `[0, 1]` ↔ `"0.1"`; the root is `""`. Used in `data-path` and `?path=`. */
export function pathKey(path: readonly number[]): string {
  return path.join('.');
}

export function parsePathKey(text: string | null | undefined): number[] | null {
  if (text === null || text === undefined) return null;
  if (text === '') return [];
  if (!/^\d+(\.\d+)*$/.test(text)) return null;
  return text.split('.').map(Number);
}

/**
 * The deepest item on `path` that exists in the tree: a warning about an
 * item that moved away lands on what is left of its way.
 */
export function closestExisting(root: ConditionGroup, path: readonly number[]): number[] {
  const found: number[] = [];
  let item: TreeItem = root;
  for (const i of path) {
    if (item.kind !== 'group') break;
    const next: TreeItem | undefined = item.conditions[i];
    if (next === undefined) break;
    found.push(i);
    item = next;
  }
  return found;
}

/** Whether `path` is `ancestor` or lies inside it. */
export function isWithin(path: readonly number[], ancestor: readonly number[]): boolean {
  return ancestor.length <= path.length && ancestor.every((v, i) => path[i] === v);
}
