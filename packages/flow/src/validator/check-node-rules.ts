import { compileSafeRegex } from '../conditions/safe-regex/safe-regex.js';
import { isConditionGroup, type ConditionGroup } from '../schema/condition.js';
import type { FlowNode } from '../schema/nodes.js';
import { capitalize, describeNode } from './describe-node.js';
import type { Problem } from './problem.js';

type Path = (string | number)[];

/** The rules each kind of node must follow besides its texts and edges. */
export function checkNodeRules(nodeId: string, node: FlowNode): Problem[] {
  const name = describeNode(nodeId, node);
  const at = (...rest: Path): Path => ['nodes', nodeId, ...rest];
  const problems: Problem[] = [];
  const add = (path: Path, code: Problem['code'], message: string) => problems.push({ nodeId, path, code, message });

  switch (node.kind) {
    case 'buttons': {
      if (node.choices.length === 0 && !node.humanChoice) add(at('choices'), 'no_choices', `${capitalize(name)} has no buttons.`);
      const seen = new Set<string>();
      const ids = [...node.choices.map((c, i) => ({ id: c.id, path: at('choices', i, 'id') }))];
      if (node.humanChoice) ids.push({ id: node.humanChoice.id, path: at('humanChoice', 'id') });
      for (const { id, path } of ids) {
        if (seen.has(id)) add(path, 'duplicate_choice_id', `Two buttons of ${name} have the same id “${id}”; give each its own.`);
        seen.add(id);
      }
      break;
    }
    case 'question':
      if ((node.field === 'number' || node.field === 'text') && node.saveTo === null) {
        add(at('saveTo'), 'missing_save_target', `${capitalize(name)} does not say where to save the answer (a contact property or a variable).`);
      }
      break;
    case 'condition': {
      if (node.branches.length === 0) add(at('branches'), 'no_branches', `${capitalize(name)} has no branches: add at least one.`);
      const seen = new Set<string>();
      node.branches.forEach((branch, i) => {
        const branchName = `branch ${i + 1} of ${name}`;
        if (seen.has(branch.id)) add(at('branches', i, 'id'), 'duplicate_branch_id', `Two branches of ${name} have the same id “${branch.id}”.`);
        seen.add(branch.id);
        checkGroup(branch.when, at('branches', i, 'when'), branchName, add);
      });
      break;
    }
    default:
      break;
  }
  return problems;
}

function checkGroup(
  group: ConditionGroup,
  path: Path,
  branchName: string,
  add: (path: Path, code: Problem['code'], message: string) => void,
): void {
  if (group.conditions.length === 0) {
    add(path, 'empty_condition_group', `${capitalize(branchName)} has an empty group of conditions.`);
  }
  group.conditions.forEach((item, i) => {
    const itemPath = [...path, 'conditions', i];
    if (isConditionGroup(item)) {
      checkGroup(item, itemPath, branchName, add);
      return;
    }
    if (item.operator !== 'regex') return;
    const compiled = compileSafeRegex(item.value);
    if (!compiled.ok) {
      add([...itemPath, 'value'], compiled.code, `The pattern in ${branchName} cannot be used: ${lowerFirst(compiled.message)}.`);
    }
  });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
