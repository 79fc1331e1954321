import { Link } from 'react-router';
import '../styles/usage.css';
import type { AgentRole, ChatbotUsage } from '../api/types';
import { AlertIcon } from '../components/icons';
import { periodRangeLabel } from './state/periods';
import { formatCount, usagePercent, usagePercentLabel, usageTextParts, usageTone, warningText } from './state/usage';
import { addDays } from '../statistics/state/dateRange';

interface Props {
  usage: ChatbotUsage | null;
  /** Why it could not be read (shown while there is no answer; a stale answer stays on screen). */
  error?: string | null;
  loading?: boolean;
  role: AgentRole;
  /** The billing page shows the period's dates; the chatbot list links to billing instead. */
  variant?: 'dashboard' | 'billing';
}

/**
 * "312 of 1 000 left, renews on 3 December" with the usage bar, the forecast
 * and the warning state (amber from 80 %, red at the limit). Shared by the
 * chatbot list (every agent) and the billing page.
 */
export function UsagePanel({ usage, error = null, loading = false, role, variant = 'dashboard' }: Props) {
  const canSeeBilling = role === 'owner' || role === 'admin';
  if (!usage) {
    return (
      <section className="usage" data-testid="usage-panel" data-state={error ? 'error' : 'loading'} aria-busy={loading || undefined}>
        <h2 className="usage__title">Chatbot conversations this month</h2>
        {error ? (
          <p className="usage__unavailable" role="alert">
            Usage is not available right now: {error}
          </p>
        ) : (
          <p className="usage__unavailable">
            <span className="spinner spinner--sm" aria-hidden="true" /> Loading usage…
          </p>
        )}
      </section>
    );
  }

  const tone = usageTone(usage.warning);
  const { left, renews } = usageTextParts(usage);
  const percent = usagePercent(usage.used, usage.limit);
  const warning = warningText(usage.warning);
  const lastDay = addDays(usage.period.renewsOn, -1);

  return (
    <section
      className={`usage usage--${tone}`}
      data-testid="usage-panel"
      data-state="ready"
      data-remaining={usage.remaining}
      data-limit={usage.limit}
      data-used={usage.used}
      data-warning={usage.warning}
      aria-busy={loading || undefined}
      aria-labelledby="usage-title"
    >
      <div className="usage__head">
        <h2 className="usage__title" id="usage-title">
          {variant === 'billing' ? `This period · ${periodRangeLabel(usage.period.startDate, lastDay)}` : 'Chatbot conversations this month'}
        </h2>
        {variant === 'dashboard' && canSeeBilling && (
          <Link to="/billing" className="usage__link">
            Billing
          </Link>
        )}
      </div>
      <p className="usage__text" data-testid="usage-text">
        <strong className="usage__left">{left}</strong>
        <span className="usage__renews">{renews}</span>
      </p>
      <div
        className="usage__bar"
        data-testid="usage-bar"
        data-percent={Math.round(percent * 10) / 10}
        data-tone={tone}
        role="progressbar"
        aria-label="Chatbot conversations used"
        aria-valuemin={0}
        aria-valuemax={usage.limit}
        aria-valuenow={Math.min(usage.used, usage.limit)}
        aria-valuetext={`${formatCount(usage.used)} of ${formatCount(usage.limit)} used`}
      >
        <span className="usage__fill" style={{ width: `${percent}%` }} />
      </div>
      <div className="usage__meta">
        <span>
          {formatCount(usage.used)} used · {usagePercentLabel(usage.used, usage.limit)}
        </span>
        <span className="usage__forecast" data-testid="usage-forecast" data-forecast-on={usage.forecastOn ?? ''}>
          {usage.forecastText}
        </span>
      </div>
      {warning && (
        <div className={`usage__warning usage__warning--${tone}`} role="status" data-testid="usage-warning" data-level={usage.warning}>
          <AlertIcon size={16} />
          <span>{warning}</span>
          {usage.warning === '100' && variant === 'dashboard' && canSeeBilling && (
            <Link to="/billing" className="usage__warning-link">
              {role === 'owner' ? 'Add conversations in Billing' : 'See billing'}
            </Link>
          )}
          {usage.warning === '100' && role === 'agent' && <span className="usage__warning-hint">Ask the workspace owner for more.</span>}
        </div>
      )}
    </section>
  );
}
