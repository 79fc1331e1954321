import { useCallback, useMemo, useRef, useState } from 'react';
import { ChevronDownIcon } from '../components/icons';
import { useInbox } from './InboxContext';
import { useMenuDismiss } from './useMenuDismiss';

/**
 * "Assign to…": every agent of the workspace (online dot, "you" marked) and "Unassigned".
 * Items are `[data-testid=assign-option][data-agent-id]` (empty id = unassign).
 */
export function AssignMenu({
  assigneeId,
  disabled,
  onPick,
}: {
  assigneeId: string | null;
  disabled: boolean;
  onPick: (agentId: string | null) => void;
}) {
  const agentsById = useInbox((s) => s.agents);
  const me = useInbox((s) => s.me);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const agents = useMemo(
    () => Object.values(agentsById).sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name)),
    [agentsById],
  );

  const close = useCallback(() => setOpen(false), []);
  useMenuDismiss(root, open, close);

  const pick = (id: string | null) => {
    setOpen(false);
    if (id !== assigneeId) onPick(id);
  };

  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        className="btn btn--sm btn--ghost"
        data-testid="assign-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        <span>Assign to…</span>
        <ChevronDownIcon size={14} />
      </button>
      {open && (
        <ul className="menu__list" role="menu" aria-label="Assign to">
          {agents.map((a) => (
            <li key={a.id} role="none">
              <button
                type="button"
                role="menuitemradio"
                aria-checked={a.id === assigneeId}
                className={`menu__item${a.id === assigneeId ? ' is-current' : ''}`}
                data-testid="assign-option"
                data-agent-id={a.id}
                onClick={() => pick(a.id)}
              >
                <span className={`menu__dot${a.online ? ' is-online' : ''}`} title={a.online ? 'Online' : 'Offline'} aria-hidden="true" />
                <span className="menu__label">
                  {a.name}
                  {a.id === me && <span className="menu__hint"> (you)</span>}
                </span>
                <span className="visually-hidden">{a.online ? ', online' : ', offline'}</span>
              </button>
            </li>
          ))}
          {agents.length === 0 && <li className="menu__empty">No agents loaded</li>}
          <li role="separator" className="menu__sep" />
          <li role="none">
            <button
              type="button"
              role="menuitemradio"
              aria-checked={assigneeId === null}
              className={`menu__item${assigneeId === null ? ' is-current' : ''}`}
              data-testid="assign-option"
              data-agent-id=""
              onClick={() => pick(null)}
            >
              <span className="menu__dot menu__dot--none" aria-hidden="true" />
              <span className="menu__label">Unassigned</span>
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
