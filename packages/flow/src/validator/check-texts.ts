import { flowTexts } from '../language/flow-texts.js';
import { getNode } from '../graph/get-node.js';
import type { FlowDocument } from '../schema/flow-document.js';
import { capitalize, describeNode } from './describe-node.js';
import type { Problem } from './problem.js';

/** Empty texts and empty button labels (a link's label may stay empty: the URL is shown). */
export function checkTexts(flow: FlowDocument): Problem[] {
  const problems: Problem[] = [];
  for (const entry of flowTexts(flow)) {
    if (entry.text.trim() !== '' || entry.slot === 'link_label') continue;
    if (entry.nodeId === null) {
      const when = entry.slot === 'handover_agents_online' ? 'an agent is online' : 'no agent is online';
      problems.push({ nodeId: null, path: entry.path, code: 'empty_text', message: `The handover message for when ${when} is empty.` });
      continue;
    }
    const node = getNode(flow, entry.nodeId)!;
    const name = describeNode(entry.nodeId, node);
    switch (entry.slot) {
      case 'choice':
      case 'human_choice':
        problems.push({
          nodeId: entry.nodeId,
          path: entry.path,
          code: 'empty_choice_label',
          message: `${entry.slot === 'human_choice' ? 'The “talk to a human” button' : 'A button'} of ${name} has no label.`,
        });
        break;
      case 'retry_message':
        if (node.kind === 'question' && node.maxRetries === 0) break;
        problems.push({ nodeId: entry.nodeId, path: entry.path, code: 'empty_text', message: `${capitalize(name)} has no message for an invalid answer.` });
        break;
      case 'prompt':
        problems.push({ nodeId: entry.nodeId, path: entry.path, code: 'empty_text', message: `${capitalize(name)} does not ask anything: its question is empty.` });
        break;
      default:
        problems.push({ nodeId: entry.nodeId, path: entry.path, code: 'empty_text', message: `${capitalize(name)} has no text.` });
    }
  }
  return problems;
}
