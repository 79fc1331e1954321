import type { StatisticsResponse } from '@parley/core';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { dayNumber } from './state/dateRange';

type Series = StatisticsResponse['series'];

/** Colours of the series (the cards use the same). */
const COLORS = { chatbot: '#0f766e', normal: '#a5b4fc', resolved: '#15803d', escalated: '#d97706' };

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

/**
 * Per day: chatbot vs normal conversations (stacked bars) and resolved vs
 * escalated (lines). Lazy: recharts loads with it.
 */
export function StatisticsChart({ series }: { series: Series }) {
  const tickGap = series.length > 45 ? 24 : 8;
  return (
    <div className="stats-charts" data-testid="statistics-chart" data-points={series.length}>
      <figure className="stats-chart">
        <figcaption>Chatbot and normal conversations per day</figcaption>
        <BarChart responsive data={series} style={{ width: '100%', height: 240 }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e5e7ee" />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={axisTick} minTickGap={tickGap} tickLine={false} axisLine={{ stroke: '#d3d7e1' }} />
          <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} />
          <Tooltip labelFormatter={longDay} cursor={{ fill: 'rgb(79 70 229 / 6%)' }} />
          <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="chatbotConversations" name="Chatbot conversations" stackId="kind" fill={COLORS.chatbot} isAnimationActive={false} />
          <Bar dataKey="normalConversations" name="Normal conversations" stackId="kind" fill={COLORS.normal} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </figure>
      <figure className="stats-chart">
        <figcaption>Resolved by chatbot and escalated to human per day</figcaption>
        <LineChart responsive data={series} style={{ width: '100%', height: 240 }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e5e7ee" />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={axisTick} minTickGap={tickGap} tickLine={false} axisLine={{ stroke: '#d3d7e1' }} />
          <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} />
          <Tooltip labelFormatter={longDay} />
          <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
          <Line dataKey="resolvedByChatbot" name="Resolved by chatbot" stroke={COLORS.resolved} strokeWidth={2} dot={series.length <= 31} isAnimationActive={false} />
          <Line dataKey="escalatedToHuman" name="Escalated to human" stroke={COLORS.escalated} strokeWidth={2} dot={series.length <= 31} isAnimationActive={false} />
        </LineChart>
      </figure>
    </div>
  );
}
