import type { FlowDocument } from '@parley/flow';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage, ledgerCsvUrl } from '../api/client';
import type { LedgerEntry, PeriodView } from '../api/types';
import { useFetch } from '../lib/useFetch';
import { dateTimeIn } from './state/dates';
import { describeInteraction, versionKey, versionsToLoad } from './state/ledger';
import { periodOptions, periodRangeLabel } from './state/periods';
import { formatCount } from './state/usage';
import { addDays } from '../statistics/state/dateRange';

/** Rows drawn at first (and added by "Show more"): a big period stays quick to draw. */
const PAGE = 200;

/** Chatbot versions asked for at most per period shown (each once). */
const VERSIONS_MAX = 20;

/**
 * The flows of the chatbot versions the rows ran (`GET /chatbots/:id/versions/:versionId`),
 * to name buttons and steps; null for one that cannot be read (deleted chatbot).
 */
function useVersionFlows(entries: readonly LedgerEntry[]): ReadonlyMap<string, FlowDocument | null> {
  const [flows, setFlows] = useState<ReadonlyMap<string, FlowDocument | null>>(new Map());
  const requested = useRef(new Set<string>());
  useEffect(() => {
    const todo = versionsToLoad(entries, requested.current, VERSIONS_MAX);
    for (const v of todo) {
      requested.current.add(v.key);
      api
        .chatbotVersion(v.chatbotId, v.versionId)
        .then(({ version }) => version.flow)
        .catch(() => null)
        .then((flow) => setFlows((m) => new Map(m).set(v.key, flow)));
    }
  }, [entries]);
  return flows;
}

interface Props {
  current: PeriodView;
  timeZone: string;
  /** Changes when the current period's ledger may have grown (the usage was refreshed). */
  version: number;
}

/**
 * The usage ledger: each chatbot conversation counted in a period, when, by
 * which chatbot, the interaction that counted it (button chosen or answer
 * given, at which step, which choice), a link to the conversation, and the
 * period as CSV.
 */
export function LedgerSection({ current, timeZone, version }: Props) {
  const options = useMemo(() => periodOptions(current), [current]);
  const [chosen, setChosen] = useState<number | null>(null);
  const periodIndex = chosen ?? current.index;
  const isCurrent = periodIndex === current.index;
  const [shown, setShown] = useState(PAGE);
  // The current period's ledger is asked again when the usage changes (`version`); a past one once.
  const refreshKey = isCurrent ? version : 0;
  const load = useMemo(() => {
    void refreshKey;
    return (signal: AbortSignal) => api.billingLedger(periodIndex, signal);
  }, [periodIndex, refreshKey]);
  const { data, error, loading } = useFetch(load);
  const answer = data && data.period.index === periodIndex ? data : null;
  const entries = useMemo(() => answer?.entries ?? [], [answer]);
  const period = answer?.period;
  const visible = useMemo(() => entries.slice(0, shown), [entries, shown]);
  const flows = useVersionFlows(visible);

  return (
    <section className="tcard bcard" data-testid="usage-ledger" aria-labelledby="ledger-title" aria-busy={loading || undefined}>
      <header className="bledger__head">
        <div className="tcard__head">
          <h2 id="ledger-title">Usage ledger</h2>
          <p className="muted">Every chatbot conversation counted in a period, with the visitor's interaction that made it count.</p>
        </div>
        <div className="bledger__controls">
          <label className="bfield">
            <span className="visually-hidden">Period</span>
            <select
              className="input input--sm"
              data-testid="ledger-period"
              value={periodIndex}
              onChange={(e) => {
                setChosen(Number(e.target.value));
                setShown(PAGE);
              }}
            >
              {options.map((o) => (
                <option key={o.index} value={o.index}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <a className="btn btn--sm" data-testid="ledger-csv" href={ledgerCsvUrl(periodIndex)} download>
            Download CSV
          </a>
        </div>
      </header>
      {error !== null && (
        <p className="form-error" role="alert" data-testid="ledger-error">
          {errorMessage(error)}
        </p>
      )}
      {!answer && error === null && <p className="muted">Loading…</p>}
      {answer && (
        <p className="bledger__count" data-testid="ledger-count" data-count={entries.length}>
          {formatCount(entries.length)} chatbot conversation{entries.length === 1 ? '' : 's'} counted
          {period ? ` · ${periodRangeLabel(period.startDate, addDays(period.renewsOn, -1))}` : ''}
        </p>
      )}
      {answer && entries.length > 0 && (
        <div className="btable-wrap">
          <table className="btable" aria-label="Counted chatbot conversations">
            <thead>
              <tr>
                <th scope="col">Counted</th>
                <th scope="col">Chatbot</th>
                <th scope="col">Interaction</th>
                <th scope="col">Step</th>
                <th scope="col">Conversation</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((entry) => {
                const what = describeInteraction(entry, flows.get(versionKey(entry)) ?? null);
                return (
                  <tr
                    key={entry.conversationId}
                    data-testid="ledger-row"
                    data-conversation-id={entry.conversationId}
                    data-chatbot-id={entry.chatbotId}
                    data-version-id={entry.versionId}
                    data-interaction={entry.interaction}
                    data-node-id={entry.nodeId}
                    data-choice-id={entry.choiceId ?? ''}
                  >
                    <td className="btable__nowrap">{dateTimeIn(entry.countedAt, timeZone)}</td>
                    <td>
                      <Link to={`/chatbots/${encodeURIComponent(entry.chatbotId)}`}>{entry.chatbotName}</Link>
                    </td>
                    <td title={entry.choiceId ? `choice ${entry.choiceId}` : undefined}>
                      {what.kind}
                      {what.detail && <span className="bledger__detail"> · {what.detail}</span>}
                    </td>
                    <td className="bledger__step" title={`step ${entry.nodeId}`}>
                      {what.step}
                    </td>
                    <td className="btable__nowrap">
                      <Link to={`/inbox/${encodeURIComponent(entry.conversationId)}`} data-testid="ledger-conversation">
                        Open conversation
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {entries.length > shown && (
            <button type="button" className="btn btn--sm bledger__more" onClick={() => setShown((n) => n + PAGE)}>
              Show {formatCount(Math.min(PAGE, entries.length - shown))} more of {formatCount(entries.length - shown)}
            </button>
          )}
        </div>
      )}
      {answer && entries.length === 0 && (
        <p className="bempty" data-testid="ledger-empty">
          {isCurrent ? 'No chatbot conversation counted yet in this period.' : 'No chatbot conversation was counted in this period.'}
        </p>
      )}
    </section>
  );
}
