import type { BillingOverview, Plan } from '../api/types';
import { perMonth } from './state/money';
import { billingDay } from './state/packages';
import { conversationsText, planCards, seatsText, type PlanCard } from './state/plans';
import { formatCount, formatDayMonth } from './state/usage';

interface Props {
  overview: BillingOverview;
  timeZone: string;
  isOwner: boolean;
  /** The plan code being switched to, while the request runs. */
  busy: string | null;
  onChange(plan: Plan): void;
}

/** The current plan: name, price, what it includes, seats in use, and a pending downgrade. */
export function CurrentPlan({ overview, timeZone, isOwner, busy, onChange }: Props) {
  const { plan, pendingChange, seats, usage } = overview;
  const pendingPlan = pendingChange ? (overview.plans.find((p) => p.code === pendingChange.planCode) ?? null) : null;
  const pendingDay = pendingChange ? billingDay(pendingChange.effectiveAt, usage.period, timeZone) : '';
  const extraConversations = usage.limit - plan.includedChatbotConversations;
  const extraSeats = seats.limit - plan.agentSeats;
  return (
    <section className="tcard bcard" data-testid="billing-plan" data-plan={plan.code} aria-labelledby="plan-title">
      <header className="bplan__head">
        <div>
          <p className="bplan__kicker">Current plan</p>
          <h2 className="bplan__name" id="plan-title">
            {plan.name}
            {plan.legacy && (
              <span className="chip chip--muted" title="Kept for this workspace; not offered to new ones">
                Legacy
              </span>
            )}
          </h2>
        </div>
        <p className="bplan__price">
          {perMonth(plan.monthlyPriceCents, plan.currency)}
        </p>
      </header>
      <dl className="bfacts">
        <div>
          <dt>Chatbot conversations</dt>
          <dd data-testid="billing-limit" data-limit={usage.limit}>
            {formatCount(usage.limit)} a month
            {extraConversations > 0 && (
              <span className="muted">
                {' '}
                ({formatCount(plan.includedChatbotConversations)} in the plan + {formatCount(extraConversations)} from packages)
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Agent seats</dt>
          <dd data-testid="billing-seats" data-limit={seats.limit} data-used={seats.used}>
            {formatCount(seats.used)} of {formatCount(seats.limit)} in use
            {extraSeats > 0 && (
              <span className="muted">
                {' '}
                ({formatCount(plan.agentSeats)} in the plan + {formatCount(extraSeats)} from packages)
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Renews</dt>
          <dd>on {formatDayMonth(usage.period.renewsOn)}</dd>
        </div>
      </dl>
      {pendingChange && (
        <div className="bplan__pending" data-testid="pending-plan-change" data-plan={pendingChange.planCode} data-effective-on={pendingDay}>
          <span>
            Changes to <strong>{pendingPlan?.name ?? pendingChange.planCode}</strong> on {formatDayMonth(pendingDay)}, at the renewal
            {pendingPlan ? ` (${conversationsText(pendingPlan.includedChatbotConversations)}, ${seatsText(pendingPlan.agentSeats)})` : ''}. Until then
            you keep {plan.name}.
          </span>
          {isOwner && (
            <button type="button" className="btn btn--sm" data-testid="cancel-plan-change" disabled={busy !== null} onClick={() => onChange(plan)}>
              {busy === plan.code ? 'Keeping…' : `Keep ${plan.name}`}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** The plans to choose from, as cards: what each includes and what switching would do. */
export function ChangePlan({ overview, timeZone, isOwner, busy, onChange }: Props) {
  const { usage, pendingChange } = overview;
  const effectiveOn = pendingChange ? billingDay(pendingChange.effectiveAt, usage.period, timeZone) : null;
  const cards = planCards(overview, usage.period.renewsOn, effectiveOn);
  return (
    <section className="tcard bcard" data-testid="change-plan-section" aria-labelledby="change-plan-title">
      <header className="tcard__head">
        <h2 id="change-plan-title">Change plan</h2>
        <p className="muted">
          Upgrades apply at once, to this period. Downgrades apply at the renewal on {formatDayMonth(usage.period.renewsOn)}; until then you
          keep what you have.
          {!isOwner && ' Only the workspace owner can change the plan.'}
        </p>
      </header>
      <div className="bplans">
        {cards.map((card) => (
          <PlanOption key={card.plan.code} card={card} isOwner={isOwner} busy={busy} onChange={onChange} />
        ))}
      </div>
    </section>
  );
}

function PlanOption({ card, isOwner, busy, onChange }: { card: PlanCard; isOwner: boolean; busy: string | null; onChange(plan: Plan): void }) {
  const { plan } = card;
  const current = card.state === 'current' || card.state === 'current_until';
  return (
    <article
      className={`bplan-card bplan-card--${card.state}${current ? ' is-current' : ''}`}
      data-testid={`plan-option-${plan.code}`}
      data-state={card.state}
      aria-current={current || undefined}
    >
      <h3 className="bplan-card__name">
        {plan.name}
        {current && <span className="chip">Current</span>}
        {card.state === 'pending' && <span className="chip chip--warn">Scheduled</span>}
      </h3>
      <p className="bplan-card__price">{perMonth(plan.monthlyPriceCents, plan.currency)}</p>
      <ul className="bplan-card__facts">
        <li>{conversationsText(plan.includedChatbotConversations)}</li>
        <li>{seatsText(plan.agentSeats)}</li>
      </ul>
      <p className={`bplan-card__note bplan-card__note--${card.state}`}>{card.note}</p>
      {isOwner && card.action && (
        <button
          type="button"
          className={`btn btn--sm ${card.state === 'upgrade' ? 'btn--primary' : ''}`}
          data-testid="change-plan"
          data-kind={card.state}
          disabled={busy !== null}
          onClick={() => onChange(plan)}
        >
          {busy === plan.code ? 'Switching…' : card.action}
        </button>
      )}
    </article>
  );
}
