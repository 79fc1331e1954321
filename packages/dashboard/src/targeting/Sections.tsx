import { fieldLabel, type ConditionField, type Frequency, type Trigger, type TriggerKind } from '@parley/targeting';
import { Link } from 'react-router';
import type { ChatbotSummary, WorkspaceSettings } from '../api/types';
import { NumberInput } from '../components/NumberInput';
import { ErrorList } from './Notes';
import { FIELD_SECTIONS } from './state/fields';
import type { ShownError } from './state/issues';
import { FREQUENCIES, TRIGGER_KINDS, triggerOfKind, triggerParam, withTriggerParam } from './state/trigger';

/** When: the trigger and its parameter. */
export function TriggerSection({
  trigger,
  readOnly,
  errors,
  onTrigger,
}: {
  trigger: Trigger;
  readOnly: boolean;
  errors: ShownError[];
  onTrigger(trigger: Trigger): void;
}) {
  const param = triggerParam(trigger.kind);
  const hint = TRIGGER_KINDS.find((t) => t.kind === trigger.kind)?.hint;
  const invalid = errors.length > 0 || undefined;
  return (
    <section className="tcard" data-testid="targeting-section" data-section="when" id="when" aria-labelledby="when-title">
      <header className="tcard__head">
        <h2 id="when-title">When</h2>
        <p className="muted">What makes the chatbot start, once the conditions below allow it.</p>
      </header>
      <div className="ttrigger">
        <label className="field ttrigger__kind">
          <span className="field__label">Trigger</span>
          <select
            className="input"
            data-testid="trigger-kind"
            name="trigger"
            value={trigger.kind}
            disabled={readOnly}
            onChange={(e) => onTrigger(triggerOfKind(e.target.value as TriggerKind, trigger))}
          >
            {TRIGGER_KINDS.map((t) => (
              <option key={t.kind} value={t.kind}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {param && (
          <label className="field ttrigger__param">
            <span className="field__label">{param.label}</span>
            <span className="input-unit">
              {param.name === 'name' ? (
                <input
                  className="input"
                  data-testid="trigger-param"
                  name="name"
                  value={trigger.kind === 'custom_event' ? trigger.name : ''}
                  placeholder="cart_abandoned"
                  maxLength={64}
                  spellCheck={false}
                  disabled={readOnly}
                  aria-invalid={invalid}
                  onChange={(e) => onTrigger(withTriggerParam(trigger, e.target.value))}
                />
              ) : (
                <NumberInput
                  data-testid="trigger-param"
                  name={param.name}
                  value={trigger.kind === 'time_on_page' ? trigger.seconds : trigger.kind === 'scroll' ? trigger.percent : undefined}
                  min={param.min}
                  max={param.max}
                  step={1}
                  disabled={readOnly}
                  aria-invalid={invalid}
                  onValue={(n) => onTrigger(withTriggerParam(trigger, n))}
                />
              )}
              {param.unit && <span className="input-unit__unit">{param.unit}</span>}
            </span>
          </label>
        )}
      </div>
      {hint && (
        <p className="tcard__hint" data-testid="trigger-hint">
          {trigger.kind === 'custom_event' ? (
            <>
              Your website sends it: <code>parley('event', '{trigger.name || 'cart_abandoned'}')</code>
            </>
          ) : (
            hint
          )}
        </p>
      )}
      <div data-testid="trigger-errors">
        <ErrorList errors={errors} />
      </div>
    </section>
  );
}

/** Quick adds: every field, grouped as Where, Audience and Scheduling; a click adds it to the top group. */
export function FieldPalette({ onAdd, timeZone }: { onAdd(field: ConditionField): void; timeZone: string | null }) {
  return (
    <div className="tpalette" role="group" aria-label="Add a condition to the top group">
      <p className="tpalette__title">Add a condition</p>
      {FIELD_SECTIONS.map((section) => (
        <div key={section.section} className="tpalette__section" data-testid="field-palette" data-section={section.section}>
          <h3>
            {section.label}
            {section.section === 'scheduling' && timeZone && (
              <span className="tpalette__zone" data-testid="scheduling-zone" title="Scheduling conditions use the workspace's time zone">
                {' '}
                · {timeZone}
              </span>
            )}
          </h3>
          <div className="tpalette__fields">
            {section.fields.map((field) => (
              <button key={field} type="button" className="tchip-btn" data-testid="add-field" data-field={field} onClick={() => onAdd(field)}>
                + {fieldLabel(field)}
              </button>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

/** Behavior: frequency, priority and the rules that always hold. */
export function BehaviorSection({
  chatbotId,
  frequency,
  priorityText,
  others,
  readOnly,
  errors,
  onFrequency,
  onPriority,
}: {
  chatbotId: string;
  frequency: Frequency;
  priorityText: string;
  others: ChatbotSummary[];
  readOnly: boolean;
  errors: { frequency: ShownError[]; priority: ShownError[] };
  onFrequency(frequency: Frequency): void;
  onPriority(text: string): void;
}) {
  const rest = others.filter((c) => c.id !== chatbotId).sort((a, b) => b.priority - a.priority);
  return (
    <section className="tcard" data-testid="targeting-section" data-section="behavior" id="behavior" aria-labelledby="behavior-title">
      <header className="tcard__head">
        <h2 id="behavior-title">Behavior</h2>
        <p className="muted">How often a visitor meets the chatbot, and which chatbot wins when several match.</p>
      </header>
      <fieldset className="tfreq" disabled={readOnly}>
        <legend className="field__label">Frequency</legend>
        {FREQUENCIES.map((f) => (
          <label key={f.value} className={`tfreq__option${frequency === f.value ? ' is-on' : ''}`}>
            <input
              type="radio"
              name="frequency"
              value={f.value}
              data-testid="frequency"
              checked={frequency === f.value}
              onChange={() => onFrequency(f.value)}
            />
            <span>
              <strong>{f.label}</strong>
              <span className="muted">{f.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <ErrorList errors={errors.frequency} />
      <div className="tpriority">
        <label className="field">
          <span className="field__label">Priority</span>
          <input
            className="input tpriority__input"
            type="number"
            name="priority"
            data-testid="priority"
            step={1}
            min={-1000}
            max={1000}
            value={priorityText}
            disabled={readOnly}
            aria-invalid={errors.priority.length > 0 || undefined}
            onChange={(e) => onPriority(e.target.value)}
          />
        </label>
        <div className="tpriority__others">
          <span className="field__label">Other chatbots</span>
          {rest.length === 0 ? (
            <span className="muted">None yet.</span>
          ) : (
            <ul>
              {rest.map((c) => (
                <li key={c.id} data-testid="other-priority" data-chatbot-id={c.id} data-priority={c.priority}>
                  <Link to={`/chatbots/${encodeURIComponent(c.id)}/settings`}>{c.name}</Link>
                  <span className="chip chip--muted">{c.priority}</span>
                  {c.status !== 'active' && <span className="muted">inactive</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div data-testid="priority-errors">
        <ErrorList errors={errors.priority} />
      </div>
      <ul className="tcard__rules" data-testid="behavior-note">
        <li>It never starts while the visitor has an ongoing conversation (with an agent or a chatbot).</li>
        <li>When several chatbots match, only the one with the highest priority starts (on a tie, the oldest).</li>
        <li>An inactive or unpublished chatbot never starts.</li>
      </ul>
    </section>
  );
}

/** The workspace's scheduling context: time zone and office hours, with a link to change them. */
export function SchedulingNote({ workspace }: { workspace: WorkspaceSettings | null }) {
  if (!workspace) return null;
  const days = workspace.officeHours ? Object.keys(workspace.officeHours.days).length : null;
  return (
    <p className="tcard__hint" data-testid="scheduling-note">
      Scheduling conditions use the workspace’s time zone, <strong>{workspace.timeZone}</strong>
      {days === null ? '; no office hours are set (always open)' : `; office hours are set on ${days} day${days === 1 ? '' : 's'} a week`}.{' '}
      <Link to="/settings">Workspace settings</Link>
    </p>
  );
}
