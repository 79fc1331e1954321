import type { InsightsResponse } from '@parley/core';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import '@xyflow/react/dist/style.css';
import '../styles/builder.css';
import '../styles/statistics.css';
import { ApiError, api, errorMessage } from '../api/client';
import type { Chatbot } from '../api/types';
import { AlertIcon, BackIcon, ChartIcon } from '../components/icons';
import { FullPageMessage } from '../components/FullPageMessage';
import { placeIssues } from '../lib/placeIssues';
import { useFetch } from '../lib/useFetch';
import { DateRangePicker } from '../statistics/DateRangePicker';
import { StatCard } from '../statistics/StatCard';
import { rangeLabel, rangeProblems } from '../statistics/state/dateRange';
import { shareText, type Noun } from '../statistics/state/rates';
import { useRangeParams } from '../statistics/useRangeParams';
import { useWorkspaceTimeZone } from '../statistics/useWorkspaceTimeZone';
import { InsightsCanvas } from './InsightsCanvas';
import { OffGraphFigures } from './OffGraphFigures';
import { mergeInsights } from './state/insightsGraph';
import { graphLanguage, graphVersionId, languageName, versionLabel } from './state/selection';

const QUERY_FIELDS = ['from', 'to', 'versionId', 'language'] as const;
const TRIGGERED: Noun = { one: 'time it was triggered', many: 'times it was triggered' };

/**
 * `/app/chatbots/:id/insights`: what visitors did with one chatbot — per
 * version and language, over a period — and its flow drawn with the
 * recorded figures. `?version=`, `?language=` and the range live in the URL.
 */
export function InsightsPage() {
  const { id = '' } = useParams();
  const zone = useWorkspaceTimeZone();
  if (!zone) return <FullPageMessage busy>Loading the insights…</FullPageMessage>;
  return (
    <ReactFlowProvider>
      <Insights key={id} id={id} workspaceZone={zone} />
    </ReactFlowProvider>
  );
}

function Insights({ id, workspaceZone }: { id: string; workspaceZone: string }) {
  const [timeZone, setTimeZone] = useState(workspaceZone);
  const { selection, today, setSelection } = useRangeParams(timeZone);
  const [params, setParams] = useSearchParams();
  const versionId = params.get('version') || null;
  const language = params.get('language') || null;

  const loadChatbot = useCallback((signal: AbortSignal) => api.chatbot(id, signal).then((res) => res.chatbot), [id]);
  const chatbot = useFetch<Chatbot>(loadChatbot);

  const live = rangeProblems(selection);
  const valid = live.from === undefined && live.to === undefined;
  const { from, to } = selection;
  const loadInsights = useMemo(
    () =>
      valid
        ? (signal: AbortSignal) =>
            api.chatbotInsights(id, { from, to, versionId: versionId ?? undefined, language: language ?? undefined }, signal)
        : null,
    [id, valid, from, to, versionId, language],
  );
  const insights = useFetch<InsightsResponse>(loadInsights);

  useEffect(() => {
    if (insights.data && insights.data.timezone !== timeZone) setTimeZone(insights.data.timezone);
  }, [insights.data, timeZone]);

  // The graph: the chosen version's, else the latest published (known once the chatbot is loaded).
  const knowsLatest = versionId !== null || chatbot.data !== null || chatbot.error !== null;
  const drawnId = knowsLatest ? graphVersionId(versionId, chatbot.data?.publishedVersion?.id ?? null, insights.data?.versions ?? []) : null;
  const loadVersion = useMemo(
    () => (drawnId ? (signal: AbortSignal) => api.chatbotVersion(id, drawnId, signal).then((res) => res.version) : null),
    [id, drawnId],
  );
  const drawn = useFetch(loadVersion);
  const version = drawn.data && drawn.data.id === drawnId ? drawn.data : null;

  // Figures of a range now invalid are not shown under it.
  const figures = valid ? insights.data : null;
  const graph = useMemo(() => (version && figures ? mergeInsights(version.flow, figures) : null), [version, figures]);

  const setParam = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  if (chatbot.error instanceof ApiError && chatbot.error.status === 404) {
    return (
      <FullPageMessage>
        <p>This chatbot does not exist (any more).</p>
        <Link to="/chatbots" className="btn btn--sm">
          Back to the chatbots
        </Link>
      </FullPageMessage>
    );
  }

  const failure = valid ? insights.error : null;
  const placed = placeIssues(failure instanceof ApiError ? failure.issues : [], QUERY_FIELDS);
  const generalError = failure && !(failure instanceof ApiError && failure.issues.length > 0) ? errorMessage(failure) : placed.general.join('; ') || null;
  const versions = insights.data?.versions ?? [];
  const languages = insights.data?.languages ?? [];
  const name = chatbot.data?.name ?? 'Chatbot';
  const totals = figures?.totals;
  const drawnRef = version ?? versions.find((v) => v.id === drawnId) ?? null;

  return (
    <div className="ipage" data-testid="insights-page" data-chatbot-id={id} aria-busy={insights.loading || undefined}>
      <header className="spage__head">
        <Link to="/chatbots" className="btn btn--ghost btn--icon btn--sm" aria-label="All chatbots">
          <BackIcon size={18} />
        </Link>
        <h1 className="ipage__name">{name}</h1>
        <nav className="ttabs" aria-label="Chatbot">
          <Link className="ttabs__tab" to={`/chatbots/${encodeURIComponent(id)}`} data-testid="tab-flow">
            Flow
          </Link>
          <Link className="ttabs__tab" to={`/chatbots/${encodeURIComponent(id)}/settings`} data-testid="tab-targeting">
            Targeting
          </Link>
          <span className="ttabs__tab is-active" aria-current="page" data-testid="tab-insights">
            Insights
          </span>
        </nav>
        <span className="spage__spacer" />
        <label className="spage__select">
          <span className="visually-hidden">Version</span>
          <select
            className="input input--sm"
            data-testid="insights-version"
            value={versionId ?? ''}
            aria-invalid={placed.byField.versionId ? true : undefined}
            onChange={(e) => setParam('version', e.target.value)}
          >
            <option value="">All versions</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {versionLabel(v, timeZone)}
              </option>
            ))}
            {versionId && !versions.some((v) => v.id === versionId) && <option value={versionId}>{insights.data || insights.error ? 'Unknown version' : 'Loading…'}</option>}
          </select>
          {placed.byField.versionId && (
            <span className="spage__field-error" role="alert" data-testid="insights-version-error">
              {placed.byField.versionId.join('; ')}
            </span>
          )}
        </label>
        <label className="spage__select">
          <span className="visually-hidden">Language</span>
          <select
            className="input input--sm"
            data-testid="insights-language"
            value={language ?? ''}
            aria-invalid={placed.byField.language ? true : undefined}
            onChange={(e) => setParam('language', e.target.value)}
          >
            <option value="">All languages</option>
            {languages.map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
            {language && !languages.includes(language) && <option value={language}>{languageName(language)}</option>}
          </select>
          {placed.byField.language && (
            <span className="spage__field-error" role="alert" data-testid="insights-language-error">
              {placed.byField.language.join('; ')}
            </span>
          )}
        </label>
        <DateRangePicker
          selection={selection}
          today={today}
          errors={{ from: live.from ? [live.from] : (placed.byField.from ?? []), to: live.to ? [live.to] : (placed.byField.to ?? []) }}
          onChange={setSelection}
        />
      </header>
      {generalError && (
        <div className="tflash tflash--error ipage__flash" role="alert" data-testid="insights-error">
          <AlertIcon size={15} />
          <span>{generalError}</span>
        </div>
      )}
      <div className={`stats-cards ipage__totals${insights.loading ? ' is-stale' : ''}`}>
        {totals ? (
          <>
            <StatCard testId="insights-triggered" label="Triggered" value={totals.triggered} hint="started, joined or finished, ignored ones included" />
            <StatCard
              testId="insights-engaged"
              label="Engaged"
              value={totals.engaged}
              hint="the visitor clicked, answered or typed"
              rate={shareText(totals.engaged, totals.triggered, TRIGGERED)}
            />
            <StatCard
              testId="insights-chatbot-conversations"
              label="Chatbot conversations"
              value={totals.chatbotConversations}
              hint="the visitor clicked or answered"
              rate={shareText(totals.chatbotConversations, totals.triggered, TRIGGERED)}
              tone="bot"
            />
            <StatCard
              testId="insights-resolved"
              label="Resolved by chatbot"
              value={totals.resolvedByChatbot}
              hint="used it, ended with no escalation"
              rate={shareText(totals.resolvedByChatbot, totals.triggered, TRIGGERED)}
              tone="resolved"
            />
            <StatCard
              testId="insights-escalated"
              label="Escalated to human"
              value={totals.escalatedToHuman}
              hint="typed instead, handover or asked for a human"
              rate={shareText(totals.escalatedToHuman, totals.triggered, TRIGGERED)}
              tone="escalated"
            />
          </>
        ) : !valid ? (
          <p className="spage__hint ipage__hint" data-testid="insights-invalid">
            Choose a valid period to see the figures.
          </p>
        ) : (
          !failure &&
          [0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="stat stat--loading" aria-hidden="true">
              <span className="skeleton skeleton--line" />
            </div>
          ))
        )}
      </div>
      <section className="ipage__graph" aria-label="Flow with figures">
        {figures && drawnRef && (
          <div className="ipage__caption" data-testid="insights-caption" data-version-id={drawnRef.id}>
            <span>
              {versionId ? 'Figures of ' : 'Figures of all versions, drawn on '}
              <strong>{versionLabel(drawnRef, timeZone)}</strong>
              {!versionId && drawnRef.id === chatbot.data?.publishedVersion?.id ? ' (the latest published)' : ''}
              {language ? ` · ${languageName(language)} only` : ''} · {rangeLabel(figures)}
            </span>
            <span className="ipage__legend">
              <span className="ipage__legend-line" aria-hidden="true" /> line thickness = visitors who took that path
            </span>
          </div>
        )}
        {graph && <OffGraphFigures offGraph={graph.offGraph} flow={version?.flow ?? null} />}
        <div className="ipage__canvas">
          {knowsLatest && drawnId === null ? (
            <div className="empty-state" data-testid="insights-unpublished">
              <span className="empty-state__icon">
                <ChartIcon size={28} />
              </span>
              <h2>Not published yet</h2>
              <p>Insights are recorded per published version. Publish the chatbot and activate it; its figures appear here.</p>
            </div>
          ) : drawn.error && !version ? (
            <div className="empty-state" role="alert" data-testid="insights-graph-error">
              <h2>The flow could not be loaded</h2>
              <p>{errorMessage(drawn.error)}</p>
            </div>
          ) : !valid ? (
            <div className="ipage__loading">The flow and its figures show once the period is valid.</div>
          ) : graph && version ? (
            <>
              {figures && figures.totals.triggered === 0 && (
                <div className="ipage__nothing" role="status" data-testid="insights-empty">
                  Nothing recorded in this period{versionId ? ' for this version' : ''}
                  {language ? ` in ${languageName(language)}` : ''}: every step shows 0.
                </div>
              )}
              <InsightsCanvas key={version.id} flow={version.flow} language={graphLanguage(version.flow, language)} graph={graph} />
            </>
          ) : (
            !failure && (
              <div className="ipage__loading" role="status">
                <span className="spinner" aria-hidden="true" /> Loading the flow…
              </div>
            )
          )}
        </div>
      </section>
    </div>
  );
}
