import type { StatisticsResponse } from '@parley/core';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { dayNumber } from './state/dateRange';

type Series = StatisticsResponse['series'];

/** Colours of the series (the cards' top borders use the same). */
const COLORS = { chatbot: '#0f766e', normal: '#a5b4fc', resolved: '#15803d', escalated: '#d97706', inProgress: '#cbd5e1' };

function shortDay(day: string): string {
  const n = dayNumber(day);
  return n === null ? day : new Date(n * 86_400_000).toLocaleDateString(undefined, { timeZone: 'UTC', day: 'numeric', month: 'short' });
}

function longDay(day: unknown): string {
  const n = typeof day === 'string' ? dayNumber(day) : null;
  return n === null
    ? String(day)
    : new Date(n * 86_400_000).toLocaleDateString(undefined, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

const axisTick = { fontSize: 11, fill: '#7a8197' };
/** Legend texts in the text colour (a pale series colour would be unreadable). */
const legendText = (value: string) => <span className="stats-chart__legend">{value}</span>;
const margin = { top: 8, right: 8, bottom: 0, left: -16 };

function DayAxes({ tickGap }: { tickGap: number }) {
  return (
    <>
      <CartesianGrid vertical={false} stroke="#e5e7ee" />
      <XAxis dataKey="day" tickFormatter={shortDay} tick={axisTick} minTickGap={tickGap} tickLine={false} axisLine={{ stroke: '#d3d7e1' }} />
      <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} />
      <Tooltip labelFormatter={longDay} cursor={{ fill: 'rgb(79 70 229 / 6%)' }} />
      <Legend iconType="circle" iconSize={9} formatter={legendText} />
    </>
  );
}

/**
 * Per day (the workspace's days): chatbot vs normal conversations, and the
 * outcomes where a chatbot was shown — resolved, escalated, still in
 * progress — as stacked bars. Lazy: recharts loads with it.
 */
export function StatisticsChart({ series }: { series: Series }) {
  const tickGap = series.length > 45 ? 24 : 8;
  return (
    <div className="stats-charts" data-testid="statistics-chart" data-points={series.length}>
      <figure className="stats-chart">
        <figcaption>Chatbot and normal conversations per day</figcaption>
        <BarChart responsive data={series} style={{ width: '100%', height: 240 }} margin={margin}>
          {DayAxes({ tickGap })}
          <Bar dataKey="chatbotConversations" name="Chatbot conversations" stackId="kind" fill={COLORS.chatbot} isAnimationActive={false} />
          <Bar dataKey="normalConversations" name="Normal conversations" stackId="kind" fill={COLORS.normal} isAnimationActive={false} />
        </BarChart>
      </figure>
      <figure className="stats-chart">
        <figcaption>Outcomes where a chatbot was shown, per day</figcaption>
        <BarChart responsive data={series} style={{ width: '100%', height: 240 }} margin={margin}>
          {DayAxes({ tickGap })}
          <Bar dataKey="resolvedByChatbot" name="Resolved by chatbot" stackId="outcome" fill={COLORS.resolved} isAnimationActive={false} />
          <Bar dataKey="escalatedToHuman" name="Escalated to human" stackId="outcome" fill={COLORS.escalated} isAnimationActive={false} />
          <Bar dataKey="inProgress" name="Still in progress" stackId="outcome" fill={COLORS.inProgress} isAnimationActive={false} />
        </BarChart>
      </figure>
    </div>
  );
}
