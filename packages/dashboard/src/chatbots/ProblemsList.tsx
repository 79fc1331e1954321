import type { Problem } from '@parley/flow';
import { AlertIcon, CheckCircleIcon } from '../components/icons';

/** Everything that stops publishing; a click focuses the step it concerns. */
export function ProblemsList({ problems, onFocus }: { problems: Problem[]; onFocus(nodeId: string): void }) {
  if (problems.length === 0) {
    return (
      <div className="problems problems--none" data-testid="problems">
        <CheckCircleIcon size={16} /> Ready to publish
      </div>
    );
  }
  return (
    <div className="problems" data-testid="problems">
      <h3 className="problems__title">
        <AlertIcon size={16} /> {problems.length} problem{problems.length === 1 ? '' : 's'}
      </h3>
      <ul className="problems__list">
        {problems.map((p, i) => (
          <li key={`${p.code}:${p.path.join('.')}:${i}`}>
            <button
              type="button"
              className="problems__item"
              data-testid="problem"
              data-code={p.code}
              data-node-id={p.nodeId ?? ''}
              disabled={p.nodeId === null}
              onClick={() => p.nodeId !== null && onFocus(p.nodeId)}
            >
              {p.message}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
