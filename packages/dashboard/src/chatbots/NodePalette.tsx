import type { NodeKind } from '@parley/flow';
import { PALETTE } from './state/templates';

/** Buttons that add a step to the canvas. */
export function NodePalette({ disabled, onAdd }: { disabled: boolean; onAdd(kind: NodeKind): void }) {
  return (
    <div className="palette" role="toolbar" aria-label="Add a step">
      <span className="palette__title">Add</span>
      {PALETTE.map((item) => (
        <button
          key={item.kind}
          type="button"
          className={`palette__item palette__item--${item.kind}`}
          data-testid={`add-${item.kind}`}
          title={item.hint}
          disabled={disabled}
          onClick={() => onAdd(item.kind)}
        >
          <span className="palette__dot" aria-hidden="true" />
          {item.label}
        </button>
      ))}
    </div>
  );
}
