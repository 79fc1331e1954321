interface Props {
  status: 'active' | 'inactive';
  /** Without a published version a chatbot cannot be activated. */
  canActivate: boolean;
  busy?: boolean;
  disabled?: boolean;
  onChange(status: 'active' | 'inactive'): void;
}

/** The active/inactive switch of a chatbot. */
export function StatusSwitch({ status, canActivate, busy = false, disabled = false, onChange }: Props) {
  const active = status === 'active';
  const blocked = !active && !canActivate;
  return (
    <button
      type="button"
      role="switch"
      aria-checked={active}
      className={`switch${active ? ' is-on' : ''}`}
      data-testid="chatbot-status"
      data-status={status}
      disabled={disabled || busy || blocked}
      title={blocked ? 'Publish the chatbot before activating it' : active ? 'Active: visitors meet it' : 'Inactive'}
      onClick={() => onChange(active ? 'inactive' : 'active')}
    >
      <span className="switch__track" aria-hidden="true">
        <span className="switch__thumb" />
      </span>
      <span className="switch__label">{active ? 'Active' : 'Inactive'}</span>
    </button>
  );
}
