import type { StatisticsResponse } from '@parley/core';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import '../styles/statistics.css';
import { ApiError, api, errorMessage } from '../api/client';
import { useChatbotSummaries } from '../chatbots/useChatbotSummaries';
import { AlertIcon, ChartIcon } from '../components/icons';
import { FullPageMessage } from '../components/FullPageMessage';
import { placeIssues } from '../lib/placeIssues';
import { useFetch } from '../lib/useFetch';
import { DateRangePicker } from './DateRangePicker';
import { StatCard } from './StatCard';
import { rangeLabel, rangeProblems } from './state/dateRange';
import { CHATBOT_SHOWN, CONVERSATIONS, countOf, shareText, type Noun } from './state/rates';
import { useRangeParams } from './useRangeParams';
import { useWorkspaceTimeZone } from './useWorkspaceTimeZone';

/** recharts loads with the chart, after the figures. */
const StatisticsChart = lazy(() => import('./StatisticsChart').then((m) => ({ default: m.StatisticsChart })));

const QUERY_FIELDS = ['from', 'to', 'chatbotId'] as const;

/**
 * `/app/statistics`: conversations, chatbot and normal conversations, resolved
 * by chatbot and escalated to human over a period (days in the workspace's
 * zone), for all chatbots or one, with the days as charts. The range and the
 * chatbot live in the URL (`?range=7d` or `?from=&to=`, `?chatbot=`).
 */
export function StatisticsPage() {
  const zone = useWorkspaceTimeZone();
  if (!zone) return <FullPageMessage busy>Loading the statistics…</FullPageMessage>;
  return <Statistics workspaceZone={zone} />;
}

function Statistics({ workspaceZone }: { workspaceZone: string }) {
  // The answers say which zone the server counted days in; the presets follow it.
  const [timeZone, setTimeZone] = useState(workspaceZone);
  const { selection, today, setSelection } = useRangeParams(timeZone);
  const [params, setParams] = useSearchParams();
  const chatbotId = params.get('chatbot') ?? '';
  const { chatbots } = useChatbotSummaries();

  const live = rangeProblems(selection);
  const valid = live.from === undefined && live.to === undefined;
  const { from, to } = selection;
  const load = useMemo(
    () => (valid ? (signal: AbortSignal) => api.statistics({ from, to, chatbotId: chatbotId || undefined }, signal) : null),
    [valid, from, to, chatbotId],
  );
  const { data, error, loading } = useFetch(load);

  useEffect(() => {
    if (data && data.timezone !== timeZone) setTimeZone(data.timezone);
  }, [data, timeZone]);

  const failure = valid ? error : null;
  const placed = placeIssues(failure instanceof ApiError ? failure.issues : [], QUERY_FIELDS);
  const chatbotError =
    failure instanceof ApiError && failure.status === 404 ? [failure.message] : (placed.byField.chatbotId ?? []);
  const generalError =
    failure && !(failure instanceof ApiError && (failure.issues.length > 0 || failure.status === 404))
      ? errorMessage(failure)
      : placed.general.join('; ') || null;

  const chatbotName = chatbotId ? (chatbots?.find((c) => c.id === chatbotId)?.name ?? 'this chatbot') : null;
  // What is on screen: the answer for the current selection, or the last one (dimmed) while the next loads.
  const current = data !== null && data.from === from && data.to === to && (data.chatbotId ?? '') === chatbotId;
  const shown = current || loading ? data : null;

  const setChatbot = (id: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('chatbot', id);
        else next.delete('chatbot');
        return next;
      },
      { replace: true },
    );

  return (
    <div className="spage" data-testid="statistics-page" aria-busy={loading || undefined}>
      <header className="spage__head">
        <div className="spage__title">
          <h1>Statistics</h1>
          <span className="muted" data-testid="statistics-zone" data-time-zone={timeZone}>
            {rangeLabel(selection) || 'Choose a period'} · days in {timeZone.replaceAll('_', ' ')} time
          </span>
        </div>
        <span className="spage__spacer" />
        <label className="spage__select">
          <span className="visually-hidden">Chatbot</span>
          <select
            className="input input--sm"
            data-testid="statistics-chatbot"
            value={chatbotId}
            aria-invalid={chatbotError.length > 0 || undefined}
            onChange={(e) => setChatbot(e.target.value)}
          >
            <option value="">All chatbots</option>
            {chatbots?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.status === 'inactive' ? ' (inactive)' : ''}
              </option>
            ))}
            {chatbotId && !chatbots?.some((c) => c.id === chatbotId) && <option value={chatbotId}>{chatbots ? 'Unknown chatbot' : 'Loading…'}</option>}
          </select>
          {chatbotError.length > 0 && (
            <span className="spage__field-error" role="alert" data-testid="statistics-chatbot-error">
              {chatbotError.join('; ')}
            </span>
          )}
        </label>
        <DateRangePicker
          selection={selection}
          today={today}
          errors={{
            from: live.from ? [live.from] : (placed.byField.from ?? []),
            to: live.to ? [live.to] : (placed.byField.to ?? []),
          }}
          onChange={setSelection}
        />
      </header>
      <div className={`spage__body${shown && !current ? ' is-stale' : ''}`}>
        {generalError && (
          <div className="tflash tflash--error" role="alert" data-testid="statistics-error">
            <AlertIcon size={15} />
            <span>{generalError}</span>
          </div>
        )}
        {!valid && (
          <p className="spage__hint" data-testid="statistics-invalid">
            Choose a valid period to see the figures.
          </p>
        )}
        {valid && failure !== null && !shown && !generalError && (
          <p className="spage__hint">No figures: see the marked choice above.</p>
        )}
        {shown ? (
          <Figures data={shown} chatbotName={chatbotName} />
        ) : (
          !failure &&
          valid && (
            <div className="stats-cards" aria-hidden="true">
              {[0, 1, 2, 3, 4].map((i) => (
                <div key={i} className="stat stat--loading">
                  <span className="skeleton skeleton--line" />
                </div>
              ))}
            </div>
          )
        )}
      </div>
    </div>
  );
}

function Figures({ data, chatbotName }: { data: StatisticsResponse; chatbotName: string | null }) {
  const t = data.totals;
  const shownNoun: Noun = chatbotName
    ? { one: `conversation where ${chatbotName} was shown`, many: `conversations where ${chatbotName} was shown` }
    : CHATBOT_SHOWN;
  const empty = t.conversations === 0 && t.impressions === 0;
  return (
    <>
      <div className="stats-cards">
        <StatCard
          testId="stat-conversations"
          label="Conversations"
          value={t.conversations}
          hint={chatbotName ? `where ${chatbotName} was shown` : 'in the inbox'}
        />
        <StatCard
          testId="stat-chatbot-conversations"
          label="Chatbot conversations"
          value={t.chatbotConversations}
          hint="the visitor clicked or answered a chatbot"
          rate={shareText(t.chatbotConversations, t.conversations, CONVERSATIONS)}
          tone="bot"
        />
        <StatCard
          testId="stat-normal-conversations"
          label="Normal conversations"
          value={t.normalConversations}
          hint="no chatbot used"
          rate={shareText(t.normalConversations, t.conversations, CONVERSATIONS)}
          tone="normal"
        />
        <StatCard
          testId="stat-resolved"
          label="Resolved by chatbot"
          value={t.resolvedByChatbot}
          hint="used the chatbot, ended with no escalation"
          rate={shareText(t.resolvedByChatbot, t.chatbotShown, shownNoun)}
          tone="resolved"
        />
        <StatCard
          testId="stat-escalated"
          label="Escalated to human"
          value={t.escalatedToHuman}
          hint="typed instead, reached a handover or asked for a human"
          rate={shareText(t.escalatedToHuman, t.chatbotShown, shownNoun)}
          tone="escalated"
        />
      </div>
      {(t.inProgress > 0 || t.impressions > 0) && (
        <p className="stats-note" data-testid="statistics-note">
          {t.inProgress > 0 && (
            <span data-testid="stat-in-progress" data-value={t.inProgress}>
              {countOf(t.inProgress, { one: 'chatbot conversation', many: 'chatbot conversations' })} still in progress (neither resolved nor escalated yet).
            </span>
          )}
          {t.impressions > 0 && (
            <span data-testid="stat-impressions" data-value={t.impressions}>
              {countOf(t.impressions, { one: 'time', many: 'times' })} a chatbot was shown and ignored (not in the inbox, not counted above).
            </span>
          )}
        </p>
      )}
      {empty ? (
        <div className="stats-panel">
          <div className="empty-state" data-testid="statistics-empty">
            <span className="empty-state__icon">
              <ChartIcon size={28} />
            </span>
            <h2>Nothing in this period yet</h2>
            <p>
              {chatbotName
                ? `${chatbotName} was not shown to anyone from ${rangeLabel(data)}.`
                : `No conversations from ${rangeLabel(data)}. They appear here as visitors write or use a chatbot.`}
            </p>
          </div>
        </div>
      ) : (
        <div className="stats-panel">
          <Suspense fallback={<div className="stats-charts stats-charts--loading" role="status">Loading the chart…</div>}>
            <StatisticsChart series={data.series} />
          </Suspense>
        </div>
      )}
    </>
  );
}
