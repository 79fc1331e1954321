import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import '../styles/targeting.css';
import { api, errorMessage } from '../api/client';
import type { ChatbotSummary, DebugAnswer, DebugVerdict } from '../api/types';
import { BackIcon, PlusIcon, SearchIcon, TrashIcon } from '../components/icons';
import {
  loadDebugForm,
  reasonLink,
  saveDebugForm,
  toDebugRequest,
  toggleId,
  type DebugForm,
  type DebugFormErrors,
  type KeyValueRow,
} from './state/debugForm';
import { TRIGGER_KINDS } from './state/trigger';
import { isoToZonedLocal, utcOffsetLabel, zonedLocalToIso } from './state/zonedTime';

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

const OUTCOME_LABEL: Record<DebugVerdict['outcome'], string> = { starts: 'Starts', excluded: 'Excluded', outranked: 'Outranked' };

/**
 * `/app/chatbots/debugger`: a hypothetical visitor and moment → which chatbot
 * would start, and for every chatbot its outcome and the first reason
 * (`POST /chatbots/targeting/debug`). A condition's reason links to that
 * chatbot's settings with the condition highlighted.
 */
export function DebuggerPage() {
  const [form, setForm] = useState<DebugForm>(() => loadDebugForm(sessionStore()));
  const [errors, setErrors] = useState<DebugFormErrors>({});
  const [chatbots, setChatbots] = useState<ChatbotSummary[] | null>(null);
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [answer, setAnswer] = useState<DebugAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api
      .chatbots(ctrl.signal)
      .then((res) => setChatbots(res.chatbots))
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setFailure(errorMessage(err));
      });
    api
      .workspaceSettings(ctrl.signal)
      .then((s) => setTimeZone(s.timeZone))
      .catch(() => {
        if (!ctrl.signal.aborted) setTimeZone('UTC');
      });
    return () => {
      ctrl.abort();
      inFlight.current?.abort();
    };
  }, []);

  useEffect(() => saveDebugForm(sessionStore(), form), [form]);

  const set = <K extends keyof DebugForm>(key: K, value: DebugForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    // the field's error (and its rows' errors) go with the edit
    setErrors((e) => {
      const stale = Object.keys(e).filter((k) => k === key || k.startsWith(`${key}.`));
      if (stale.length === 0) return e;
      const rest = { ...e };
      for (const k of stale) delete rest[k];
      return rest;
    });
  };

  const explain = () => {
    const zone = timeZone ?? 'UTC';
    const built = toDebugRequest(form, zone);
    if (!built.ok) {
      setErrors(built.errors);
      // the first field to fix may be far above the button
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    inFlight.current?.abort();
    const ctrl = new AbortController();
    inFlight.current = ctrl;
    api
      .debugTargeting(built.body, ctrl.signal)
      .then(setAnswer)
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setFailure(errorMessage(err));
      })
      .finally(() => {
        if (inFlight.current === ctrl) setBusy(false);
      });
  };

  const names = useMemo(() => new Map((chatbots ?? []).map((c) => [c.id, c.name])), [chatbots]);
  const timeIso = timeZone && form.time ? zonedLocalToIso(form.time, timeZone) : null;
  const offset = timeZone ? utcOffsetLabel(timeZone, timeIso ? Date.parse(timeIso) : Date.now()) : '';

  return (
    <div className="tpage" data-testid="debugger-page">
      <header className="tpage__head">
        <Link to="/chatbots" className="btn btn--ghost btn--icon btn--sm" aria-label="All chatbots">
          <BackIcon size={18} />
        </Link>
        <h1 className="tpage__name">Targeting debugger</h1>
        <span className="muted tpage__sub">Which chatbot would start for this visitor, here and now — and why the others would not.</span>
      </header>
      <div className="tpage__body">
        <div className="tdebug">
          <form
            ref={formRef}
            className="tcard tdebug__form"
            data-testid="debug-form"
            onSubmit={(e) => {
              e.preventDefault();
              explain();
            }}
            noValidate
          >
            <h2 className="tdebug__title">The page</h2>
            <Text label="Page URL" name="url" testId="debug-url" form={form} errors={errors} set={set} placeholder="https://example.com/pricing?utm_source=newsletter" wide />
            <Text label="Page title" name="title" testId="debug-title" form={form} errors={errors} set={set} placeholder="Pricing — Acme" />
            <Text label="Referrer" name="referrer" testId="debug-referrer" form={form} errors={errors} set={set} placeholder="https://www.google.com/" />

            <h2 className="tdebug__title">The visitor</h2>
            <div className="tdebug__grid">
              <Text label="Language" name="language" testId="debug-language" form={form} errors={errors} set={set} placeholder="cs-CZ" />
              <Text label="Country" name="country" testId="debug-country" form={form} errors={errors} set={set} placeholder="CZ" />
              <Text label="City" name="city" testId="debug-city" form={form} errors={errors} set={set} placeholder="Prague" />
              <Field label="Device" error={errors.deviceType}>
                <select
                  className="input input--sm"
                  name="deviceType"
                  data-testid="debug-device"
                  value={form.deviceType}
                  onChange={(e) => set('deviceType', e.target.value as DebugForm['deviceType'])}
                >
                  <option value="desktop">Desktop</option>
                  <option value="mobile">Mobile</option>
                  <option value="tablet">Tablet</option>
                  <option value="unknown">Unknown</option>
                </select>
              </Field>
              <Text label="Browser" name="browser" testId="debug-browser" form={form} errors={errors} set={set} placeholder="Chrome" />
              <Text label="Operating system" name="os" testId="debug-os" form={form} errors={errors} set={set} placeholder="Windows" />
              <Text label="Visit count" name="visitCount" testId="debug-visit-count" form={form} errors={errors} set={set} type="number" />
              <Text label="Visitor group" name="visitorGroup" testId="debug-visitor-group" form={form} errors={errors} set={set} placeholder="vip" />
            </div>
            <Rows
              title="Variables"
              hint="Set by your website: parley('set', {plan: 'pro'})"
              rows={form.variables}
              testId="debug-variable"
              addTestId="debug-add-variable"
              errorPrefix="variables"
              errors={errors}
              onRows={(rows) => set('variables', rows)}
            />
            <Rows
              title="Contact properties"
              rows={form.contactProperties}
              testId="debug-property"
              addTestId="debug-add-property"
              errorPrefix="contactProperties"
              errors={errors}
              onRows={(rows) => set('contactProperties', rows)}
            />

            <h2 className="tdebug__title">The moment</h2>
            <div className="tdebug__grid">
              <Field
                label="Time"
                wide
                error={errors.time}
                hint={
                  <span data-testid="debug-time-zone" data-time-zone={timeZone ?? ''}>
                    In the workspace’s time zone: {timeZone ?? '…'} {offset && `(${offset})`}. Empty: now.
                  </span>
                }
              >
                <span className="tdebug__time">
                  <input
                    className="input input--sm"
                    type="datetime-local"
                    name="time"
                    data-testid="debug-time"
                    aria-invalid={errors.time ? true : undefined}
                    value={form.time}
                    onChange={(e) => set('time', e.target.value)}
                  />
                  <button
                    type="button"
                    className="btn btn--xs btn--ghost"
                    data-testid="debug-time-now"
                    disabled={!timeZone}
                    onClick={() => set('time', timeZone ? isoToZonedLocal(Date.now(), timeZone) : '')}
                  >
                    Now
                  </button>
                </span>
              </Field>
              <Field label="Agents online">
                <select
                  className="input input--sm"
                  name="agentsOnline"
                  data-testid="debug-agents-online"
                  value={form.agentsOnline}
                  onChange={(e) => set('agentsOnline', e.target.value as DebugForm['agentsOnline'])}
                >
                  <option value="now">As they are now</option>
                  <option value="yes">Yes</option>
                  <option value="no">No</option>
                </select>
              </Field>
            </div>

            <h2 className="tdebug__title">What happens</h2>
            <div className="tdebug__grid">
              <Field label="Trigger" wide>
                <select
                  className="input input--sm"
                  name="triggerKind"
                  data-testid="debug-trigger-kind"
                  value={form.triggerKind}
                  onChange={(e) => set('triggerKind', e.target.value as DebugForm['triggerKind'])}
                >
                  <option value="">None: could one start on this page?</option>
                  {TRIGGER_KINDS.map((k) => (
                    <option key={k.kind} value={k.kind}>
                      {k.label}
                    </option>
                  ))}
                </select>
              </Field>
              {form.triggerKind === 'time_on_page' && (
                <Text label="Seconds on the page" name="secondsOnPage" testId="debug-trigger-param" form={form} errors={errors} set={set} type="number" placeholder="unknown" />
              )}
              {form.triggerKind === 'scroll' && (
                <Text label="Scrolled (%)" name="scrollPercent" testId="debug-trigger-param" form={form} errors={errors} set={set} type="number" placeholder="unknown" />
              )}
              {form.triggerKind === 'custom_event' && (
                <Text label="Event name" name="eventName" testId="debug-trigger-param" form={form} errors={errors} set={set} placeholder="cart_abandoned" />
              )}
            </div>
            <label className="tcheck">
              <input
                type="checkbox"
                name="openConversation"
                data-testid="debug-open-conversation"
                checked={form.openConversation}
                onChange={(e) => set('openConversation', e.target.checked)}
              />
              The visitor has an open conversation
            </label>
            <div className="tdebug__pair">
              <ShownPicker
                label="Already shown this visit"
                testId="debug-shown-visit"
                chatbots={chatbots}
                chosen={form.shownThisVisit}
                onChange={(ids) => set('shownThisVisit', ids)}
              />
              <ShownPicker
                label="Already shown to this visitor"
                testId="debug-shown-visitor"
                chatbots={chatbots}
                chosen={form.shownToVisitor}
                onChange={(ids) => set('shownToVisitor', ids)}
              />
            </div>
            <div className="tdebug__actions">
              <button type="submit" className="btn btn--primary" data-testid="debug-explain" disabled={busy || timeZone === null}>
                <SearchIcon size={15} /> {busy ? 'Explaining…' : 'Explain'}
              </button>
              {Object.keys(errors).length > 0 && (
                <span className="tnote tnote--error" data-testid="debug-form-invalid">
                  Check the marked fields.
                </span>
              )}
            </div>
          </form>

          <div className="tdebug__result" aria-live="polite">
            {failure && (
              <p className="form-error" data-testid="debug-error" role="alert">
                {failure}
              </p>
            )}
            {answer ? (
              <DebugResult answer={answer} names={names} />
            ) : (
              <div className="tcard tdebug__placeholder">
                <p className="muted">Describe a visitor and a moment, then Explain. Every chatbot is checked as the server would check it.</p>
              </div>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

export function DebugResult({ answer, names }: { answer: DebugAnswer; names: Map<string, string> }) {
  const winner = answer.chatbotId === null ? null : (answer.verdicts.find((v) => v.chatbotId === answer.chatbotId) ?? null);
  const winnerName = winner?.name ?? (answer.chatbotId ? (names.get(answer.chatbotId) ?? answer.chatbotId) : null);
  return (
    <section className="tcard" data-testid="debug-result">
      <div className={`tdebug__winner${answer.chatbotId ? ' is-some' : ' is-none'}`} data-testid="debug-winner" data-chatbot-id={answer.chatbotId ?? ''}>
        {answer.chatbotId ? (
          <>
            <strong>{winnerName}</strong> would start.
          </>
        ) : (
          <>No chatbot would start.</>
        )}
      </div>
      <p className="muted tdebug__when" data-testid="debug-local-time">
        {answer.localTime} ({answer.timeZone})
      </p>
      {answer.verdicts.length === 0 ? (
        <p className="muted" data-testid="debug-no-chatbots">
          There are no chatbots yet.
        </p>
      ) : (
        <ol className="tverdicts">
          {answer.verdicts.map((v) => (
            <li key={v.chatbotId} className={`tverdict tverdict--${v.outcome}`} data-testid="debug-verdict" data-chatbot-id={v.chatbotId} data-outcome={v.outcome}>
              <div className="tverdict__head">
                <Link to={`/chatbots/${encodeURIComponent(v.chatbotId)}/settings`} className="tverdict__name">
                  {v.name}
                </Link>
                <span className={`tverdict__outcome tverdict__outcome--${v.outcome}`}>{OUTCOME_LABEL[v.outcome]}</span>
              </div>
              {v.outcome === 'starts' && (
                <p className="tverdict__reason" data-testid="debug-starts-note">
                  Its trigger, frequency and conditions all fit, and no matching chatbot has a higher priority.
                </p>
              )}
              {v.reason && (
                <p className="tverdict__reason" data-testid="debug-reason" data-code={v.reason.code} data-path={v.reason.path?.join('.')}>
                  {v.reason.path !== undefined ? (
                    <Link to={reasonLink(v.chatbotId, v.reason.path)} data-testid="debug-reason-link" title="Open this condition in the chatbot's settings">
                      {v.reason.message}
                    </Link>
                  ) : (
                    v.reason.message
                  )}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Field({ label, error, hint, children, wide }: { label: string; error?: string; hint?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`field tdebug__field${wide ? ' is-wide' : ''}`}>
      <span className="field__label">{label}</span>
      {children}
      {hint && <span className="tdebug__hint">{hint}</span>}
      {error && <span className="tdebug__error">{error}</span>}
    </label>
  );
}

type TextName = 'url' | 'title' | 'referrer' | 'language' | 'country' | 'city' | 'browser' | 'os' | 'visitCount' | 'visitorGroup' | 'secondsOnPage' | 'scrollPercent' | 'eventName';

function Text({
  label,
  name,
  testId,
  form,
  errors,
  set,
  placeholder,
  type = 'text',
  wide,
}: {
  label: string;
  name: TextName;
  testId: string;
  form: DebugForm;
  errors: DebugFormErrors;
  set<K extends keyof DebugForm>(key: K, value: DebugForm[K]): void;
  placeholder?: string;
  type?: 'text' | 'number';
  wide?: boolean;
}) {
  const error = errors[name];
  return (
    <Field label={label} error={error} wide={wide}>
      <input
        className="input input--sm"
        type={type}
        name={name}
        data-testid={testId}
        value={form[name]}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        data-error={error ? 'true' : undefined}
        onChange={(e) => set(name, e.target.value)}
      />
    </Field>
  );
}

function Rows({
  title,
  hint,
  rows,
  testId,
  addTestId,
  errorPrefix,
  errors,
  onRows,
}: {
  title: string;
  hint?: string;
  rows: KeyValueRow[];
  testId: string;
  addTestId: string;
  errorPrefix: string;
  errors: DebugFormErrors;
  onRows(rows: KeyValueRow[]): void;
}) {
  const change = (i: number, part: keyof KeyValueRow, value: string) => onRows(rows.map((r, n) => (n === i ? { ...r, [part]: value } : r)));
  return (
    <div className="tdebug__rows">
      <div className="tdebug__rows-head">
        <span className="field__label">{title}</span>
        {hint && <span className="tdebug__hint">{hint}</span>}
      </div>
      {rows.map((row, i) => {
        const error = errors[`${errorPrefix}.${i}`];
        return (
          <div key={i} className="tdebug__row" data-testid={testId} data-index={i}>
            <input
              className="input input--sm"
              name="key"
              aria-label={`${title}: name`}
              placeholder="name"
              value={row.key}
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              onChange={(e) => change(i, 'key', e.target.value)}
            />
            <input
              className="input input--sm"
              name="value"
              aria-label={`${title}: value`}
              placeholder="value"
              value={row.value}
              onChange={(e) => change(i, 'value', e.target.value)}
            />
            <button
              type="button"
              className="btn btn--ghost btn--icon btn--xs"
              data-testid="debug-remove-row"
              aria-label="Remove"
              onClick={() => onRows(rows.filter((_, n) => n !== i))}
            >
              <TrashIcon size={14} />
            </button>
            {error && <span className="tdebug__error tdebug__row-error">{error}</span>}
          </div>
        );
      })}
      {errors[errorPrefix] && <span className="tdebug__error">{errors[errorPrefix]}</span>}
      <button type="button" className="btn btn--xs btn--ghost tdebug__add" data-testid={addTestId} onClick={() => onRows([...rows, { key: '', value: '' }])}>
        <PlusIcon size={13} /> Add
      </button>
    </div>
  );
}

function ShownPicker({
  label,
  testId,
  chatbots,
  chosen,
  onChange,
}: {
  label: string;
  testId: string;
  chatbots: ChatbotSummary[] | null;
  chosen: string[];
  onChange(ids: string[]): void;
}) {
  return (
    <fieldset className="tshown" data-testid={testId}>
      <legend className="field__label">{label}</legend>
      {chatbots === null ? (
        <span className="muted">Loading…</span>
      ) : chatbots.length === 0 ? (
        <span className="muted">No chatbots yet.</span>
      ) : (
        chatbots.map((c) => (
          <label key={c.id} className="tcheck">
            <input type="checkbox" value={c.id} checked={chosen.includes(c.id)} onChange={(e) => onChange(toggleId(chosen, c.id, e.target.checked))} />
            {c.name}
          </label>
        ))
      )}
    </fieldset>
  );
}
