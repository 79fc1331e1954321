import { useEffect, useMemo, useState } from 'react';
import '../styles/targeting.css';
import { ApiError, api, errorMessage } from '../api/client';
import type { OfficeHours, WorkspaceSettings, WorkspaceSettingsPatch } from '../api/types';
import { useAuthenticated } from '../auth/SessionContext';
import { useChatbotSummaries } from '../chatbots/useChatbotSummaries';
import { AlertIcon, PlusIcon, TrashIcon } from '../components/icons';
import { FullPageMessage } from '../components/FullPageMessage';
import { placeIssues, type PlacedIssues } from '../lib/placeIssues';
import { useNow } from '../lib/useNow';
import { utcOffsetLabel } from '../targeting/state/zonedTime';
import {
  INTERVALS_PER_DAY_MAX,
  WEEKDAYS,
  addInterval,
  copyToWeekdays,
  intervalsOf,
  officeHoursProblems,
  removeInterval,
  sameOfficeHours,
  setIntervalTime,
  supportedTimeZones,
  timeZoneOptions,
  weekdayLabel,
  weekdayPreset,
  wrapsMidnight,
} from './officeHours';
import {
  chatbotConversationsPatch,
  chatbotConversationsProblems,
  formOf,
  hasProblems,
  sameChatbotConversations,
  type ChatbotConversationsForm,
} from './chatbotConversations';
import { ChatbotConversationsSection } from './ChatbotConversationsSection';

/** Where the server's `400` issues are shown (`body.<field>`); others go to the flash. */
const SETTINGS_FIELDS = ['inactivityTimeoutMinutes', 'unansweredChatbot.afterSeconds', 'unansweredChatbot.chatbotId', 'unansweredChatbot'] as const;
type SettingsField = (typeof SETTINGS_FIELDS)[number];
const NO_ISSUES: PlacedIssues<SettingsField> = { byField: {}, general: [] };

/**
 * `/app/settings`: the workspace's time zone (scheduling conditions and
 * office hours use it), office hours per weekday, and the chatbot
 * conversations' settings (inactivity timeout, the chatbot that joins
 * unanswered conversations). Owners and admins change them
 * (`PATCH /workspace/settings`); agents see them.
 */
export function WorkspaceSettingsPage() {
  const { agent } = useAuthenticated();
  const readOnly = agent.role !== 'owner' && agent.role !== 'admin';
  const [saved, setSaved] = useState<WorkspaceSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [timeZone, setTimeZone] = useState('');
  const [hours, setHours] = useState<OfficeHours | null>(null);
  const [bots, setBots] = useState<ChatbotConversationsForm>(() => formOf({}));
  const [serverIssues, setServerIssues] = useState<PlacedIssues<SettingsField>>(NO_ISSUES);
  const [busy, setBusy] = useState(false);
  const { chatbots } = useChatbotSummaries();
  const [flash, setFlash] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const now = useNow(30_000);

  useEffect(() => {
    const ctrl = new AbortController();
    api
      .workspaceSettings(ctrl.signal)
      .then((s) => {
        setSaved(s);
        setTimeZone(s.timeZone);
        setHours(s.officeHours);
        setBots(formOf(s));
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setLoadError(errorMessage(err));
      });
    return () => ctrl.abort();
  }, []);

  const zones = useMemo(() => timeZoneOptions(supportedTimeZones(), saved?.timeZone ?? ''), [saved?.timeZone]);
  const problems = officeHoursProblems(hours);
  const botProblems = chatbotConversationsProblems(bots);
  const savedBots = useMemo(() => formOf(saved ?? {}), [saved]);
  const dirty =
    saved !== null && (timeZone !== saved.timeZone || !sameOfficeHours(hours, saved.officeHours) || !sameChatbotConversations(bots, savedBots));

  if (loadError) return <FullPageMessage>{<p className="form-error">{loadError}</p>}</FullPageMessage>;
  if (!saved) return <FullPageMessage busy>Loading the settings…</FullPageMessage>;

  const edit = (next: OfficeHours | null) => {
    setHours(next);
    setFlash(null);
  };
  const editBots = (next: ChatbotConversationsForm) => {
    setBots(next);
    setFlash(null);
    setServerIssues(NO_ISSUES);
  };

  const save = () => {
    if (problems.length > 0 || hasProblems(botProblems)) {
      setFlash({ kind: 'error', text: `Not saved: fix the marked ${problems.length > 0 ? 'office hours' : 'chatbot conversation settings'}.` });
      return;
    }
    setBusy(true);
    setFlash(null);
    setServerIssues(NO_ISSUES);
    const patch: WorkspaceSettingsPatch = chatbotConversationsPatch(bots, savedBots);
    if (timeZone !== saved.timeZone) patch.timeZone = timeZone;
    if (!sameOfficeHours(hours, saved.officeHours)) patch.officeHours = hours;
    api
      .updateWorkspaceSettings(patch)
      .then((s) => {
        setSaved(s);
        setTimeZone(s.timeZone);
        setHours(s.officeHours);
        setBots(formOf(s));
        setFlash({ kind: 'ok', text: 'Settings saved.' });
      })
      .catch((err: unknown) => {
        const issues = err instanceof ApiError ? err.issues : [];
        const placed = placeIssues(issues, SETTINGS_FIELDS);
        setServerIssues(placed);
        const detail = issues.length > 0 ? issues.map((i) => i.message).join('; ') : errorMessage(err);
        setFlash({ kind: 'error', text: `Not saved: ${detail}` });
      })
      .finally(() => setBusy(false));
  };
  const serverOn = (field: SettingsField) => serverIssues.byField[field] ?? [];
  const liveOrServer = (live: string | undefined, server: string[]) => (live ? [live] : server);

  const localNow = (() => {
    try {
      return new Intl.DateTimeFormat(undefined, { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(now);
    } catch {
      return '';
    }
  })();

  return (
    <div className="tpage" data-testid="workspace-settings">
      <header className="tpage__head">
        <h1 className="tpage__name">Workspace settings</h1>
        <span className="muted tpage__sub">{saved.name}</span>
        {dirty && (
          <span className="tpage__state is-dirty" data-testid="settings-unsaved">
            Unsaved changes
          </span>
        )}
        <span className="tpage__spacer" />
        {!readOnly && (
          <button type="button" className="btn btn--sm btn--primary" data-testid="save-settings" disabled={busy || !dirty} onClick={save}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        )}
      </header>
      <div className="tpage__body">
        <div className="tpage__column">
          {readOnly && (
            <p className="tbanner" data-testid="settings-read-only">
              Only owners and admins can change the workspace settings.
            </p>
          )}
          {flash && (
            <div className={`tflash tflash--${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'} data-testid="settings-flash" data-kind={flash.kind}>
              {flash.kind === 'error' && <AlertIcon size={15} />}
              <span>{flash.text}</span>
            </div>
          )}

          <section className="tcard" data-testid="settings-section" data-section="time-zone" aria-labelledby="tz-title">
            <header className="tcard__head">
              <h2 id="tz-title">Time zone</h2>
              <p className="muted">Scheduling conditions (hour, day, time of day, date) and office hours are read in this zone, daylight saving included.</p>
            </header>
            <label className="field tzone">
              <span className="field__label">Time zone</span>
              <select className="input" data-testid="timezone-select" name="timeZone" value={timeZone} disabled={readOnly} onChange={(e) => setTimeZone(e.target.value)}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z.replaceAll('_', ' ')}
                  </option>
                ))}
              </select>
            </label>
            <p className="tcard__hint" data-testid="zone-now">
              Now there: {localNow} ({utcOffsetLabel(timeZone, now.getTime())})
            </p>
          </section>

          <section className="tcard" data-testid="settings-section" data-section="office-hours" aria-labelledby="oh-title">
            <header className="tcard__head">
              <h2 id="oh-title">Office hours</h2>
              <p className="muted">When the team answers. The “Office hours” condition and the flows’ office-hours check use them.</p>
            </header>
            <label className="tcheck">
              <input
                type="checkbox"
                data-testid="office-hours-toggle"
                checked={hours !== null}
                disabled={readOnly}
                onChange={(e) => edit(e.target.checked ? (saved.officeHours ?? weekdayPreset()) : null)}
              />
              Set office hours {hours === null && <span className="muted">— none set: always open</span>}
            </label>
            {hours !== null && (
              <ul className="tweek">
                {WEEKDAYS.map((day) => {
                  const list = intervalsOf(hours, day);
                  return (
                    <li key={day} className="tday" data-testid="office-day" data-day={day} data-open={list.length > 0}>
                      <span className="tday__name">{weekdayLabel(day)}</span>
                      <div className="tday__intervals">
                        {list.length === 0 && <span className="muted tday__closed">Closed</span>}
                        {list.map((interval, i) => {
                          const problem = problems.find((p) => p.day === day && p.index === i);
                          return (
                            <div key={i} className="tday__interval" data-testid="office-interval" data-index={i}>
                              <input
                                className="input input--sm"
                                type="time"
                                name="from"
                                aria-label={`${weekdayLabel(day)} from`}
                                value={interval.from}
                                disabled={readOnly}
                                aria-invalid={problem ? true : undefined}
                                onChange={(e) => edit(setIntervalTime(hours, day, i, 'from', e.target.value))}
                              />
                              <span>to</span>
                              <input
                                className="input input--sm"
                                type="time"
                                name="to"
                                aria-label={`${weekdayLabel(day)} to`}
                                value={interval.to}
                                disabled={readOnly}
                                aria-invalid={problem ? true : undefined}
                                onChange={(e) => edit(setIntervalTime(hours, day, i, 'to', e.target.value))}
                              />
                              {wrapsMidnight(interval) && <span className="muted">past midnight</span>}
                              {!readOnly && (
                                <button
                                  type="button"
                                  className="btn btn--ghost btn--icon btn--xs"
                                  data-testid="remove-interval"
                                  aria-label={`Remove ${weekdayLabel(day)} ${interval.from}–${interval.to}`}
                                  onClick={() => edit(removeInterval(hours, day, i))}
                                >
                                  <TrashIcon size={14} />
                                </button>
                              )}
                              {problem && (
                                <span className="tdebug__error" data-testid="interval-error">
                                  {problem.message}
                                </span>
                              )}
                            </div>
                          );
                        })}
                      </div>
                      {!readOnly && (
                        <span className="tday__actions">
                          <button
                            type="button"
                            className="btn btn--xs btn--ghost"
                            data-testid="add-interval"
                            disabled={list.length >= INTERVALS_PER_DAY_MAX}
                            onClick={() => edit(addInterval(hours, day))}
                          >
                            <PlusIcon size={13} /> Hours
                          </button>
                          {list.length > 0 && (
                            <button
                              type="button"
                              className="btn btn--xs btn--ghost"
                              data-testid="copy-to-weekdays"
                              title="Give Monday to Friday these hours"
                              onClick={() => edit(copyToWeekdays(hours, day))}
                            >
                              Copy to weekdays
                            </button>
                          )}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>

          <ChatbotConversationsSection
            form={bots}
            chatbots={chatbots}
            readOnly={readOnly}
            errors={{
              inactivity: liveOrServer(botProblems.inactivity, serverOn('inactivityTimeoutMinutes')),
              afterSeconds: liveOrServer(botProblems.afterSeconds, serverOn('unansweredChatbot.afterSeconds')),
              chatbotId: liveOrServer(botProblems.chatbotId, [...serverOn('unansweredChatbot.chatbotId'), ...serverOn('unansweredChatbot')]),
            }}
            onChange={editBots}
          />
        </div>
      </div>
    </div>
  );
}
