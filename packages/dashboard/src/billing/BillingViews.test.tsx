import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADDON_CATALOGUE } from '../../../core/src/billing/addon-packages';
import { DEFAULT_PLAN_CATALOGUE } from '../../../core/src/billing/plans';
import type { AgentRole, BillingOverview, ChatbotUsage } from '../api/types';
import { navItemsFor } from '../shell/navItems';
import { BuyPackageForm, PackagesTable } from './PackagesSection';
import { ChangePlan, CurrentPlan } from './PlanSection';
import { UsagePanel } from './UsagePanel';

const noop = () => undefined;
const plan = (code: string) => DEFAULT_PLAN_CATALOGUE.plans.find((p) => p.code === code)!;
const period = { index: 2, start: '2026-11-02T23:00:00.000Z', end: '2026-12-02T23:00:00.000Z', startDate: '2026-11-03', endDate: '2026-12-03', renewsOn: '2026-12-03', timeZone: 'Europe/Prague' };

function usage(used: number, limit: number, warning: ChatbotUsage['warning']): ChatbotUsage {
  return { limit, used, remaining: Math.max(0, limit - used), period, warning, forecastOn: null, text: '', forecastText: 'Limit reached' };
}

const overview: BillingOverview = {
  plan: plan('PLUS'),
  pendingChange: { planCode: 'SOLO', effectiveAt: period.end },
  usage: usage(688, 1100, 'none'),
  seats: { limit: 3, used: 2 },
  packages: [
    { id: 'p1', offerId: 'chatbot_conversations_100', name: '+100 chatbot conversations', kind: 'chatbot_conversations', quantity: 1, amount: 100, monthlyPriceCents: 1000, currency: 'EUR', purchasedAt: '2026-11-05T10:00:00.000Z', autoRenew: true, renewsAt: period.end, lapsesAt: null, active: true },
    { id: 'p2', offerId: 'agent_seat_1', name: '+1 agent seat', kind: 'agent_seats', quantity: 1, amount: 1, monthlyPriceCents: 1500, currency: 'EUR', purchasedAt: '2026-11-05T10:00:00.000Z', autoRenew: false, renewsAt: period.end, lapsesAt: period.end, active: true },
  ],
  offers: DEFAULT_ADDON_CATALOGUE.offers,
  plans: DEFAULT_PLAN_CATALOGUE.plans.filter((p) => !p.legacy),
  notifications: [],
};

const inRouter = (node: React.ReactNode) => renderToStaticMarkup(<MemoryRouter>{node}</MemoryRouter>);
const tag = (html: string, attr: string) => html.match(new RegExp(`<[^>]*${attr}[^>]*>`))?.[0] ?? '';
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replaceAll('&#x27;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');

describe('the usage panel', () => {
  it('carries the figures in its hooks and the sentence in usage-text', () => {
    const html = inRouter(<UsagePanel usage={usage(688, 1000, 'none')} role="agent" />);
    const panel = tag(html, 'data-testid="usage-panel"');
    for (const attr of ['data-remaining="312"', 'data-limit="1000"', 'data-used="688"', 'data-warning="none"']) expect(panel).toContain(attr);
    expect(html).toContain('data-testid="usage-text"><strong class="usage__left">312 of 1 000 left</strong><span class="usage__renews">, renews on 3 December</span>');
    expect(tag(html, 'data-testid="usage-bar"')).toContain('aria-valuenow="688"');
    expect(html).toContain('style="width:68.8%"');
    expect(html).not.toContain('usage-warning');
    expect(html).not.toContain('href="/billing"');
  });

  it('warns in amber at 80 % and in red at the limit, with a link to billing for owners', () => {
    const at80 = inRouter(<UsagePanel usage={usage(800, 1000, '80')} role="owner" />);
    expect(at80).toContain('class="usage usage--warn"');
    expect(text(at80)).toContain("80 % of this month's chatbot conversations used");
    const full = (role: AgentRole) => inRouter(<UsagePanel usage={usage(1000, 1000, '100')} role={role} />);
    expect(full('owner')).toContain('class="usage usage--full"');
    expect(text(full('owner'))).toContain('Limit reached: chatbots no longer start for new visitors. Visitors can still write to your team.Add conversations in Billing');
    expect(text(full('agent'))).toContain('Ask the workspace owner for more.');
    expect(full('agent')).not.toContain('href="/billing"');
  });

  it('says when it cannot read the usage', () => {
    expect(text(inRouter(<UsagePanel usage={null} error="Not found." role="owner" />))).toContain('Usage is not available right now: Not found.');
  });
});

describe('the billing section', () => {
  it('shows the plan and the pending downgrade', () => {
    const html = renderToStaticMarkup(<CurrentPlan overview={overview} timeZone="Europe/Prague" isOwner busy={null} onChange={noop} />);
    expect(tag(html, 'data-testid="billing-plan"')).toContain('data-plan="PLUS"');
    expect(text(html)).toContain('€49 a month');
    expect(tag(html, 'data-testid="pending-plan-change"')).toContain('data-plan="SOLO"');
    expect(text(html)).toContain('Changes to Solo on 3 December, at the renewal');
    expect(html).toContain('data-testid="cancel-plan-change"');
    expect(renderToStaticMarkup(<CurrentPlan overview={overview} timeZone="UTC" isOwner={false} busy={null} onChange={noop} />)).not.toContain('cancel-plan-change');
  });

  it('offers a Switch on each other plan to the owner only', () => {
    const owner = renderToStaticMarkup(<ChangePlan overview={{ ...overview, pendingChange: null }} timeZone="UTC" isOwner busy={null} onChange={noop} />);
    expect(owner).toMatch(/data-testid="plan-option-EXPERT"[^>]*data-state="upgrade"[\s\S]*?data-testid="change-plan"/);
    expect(tag(owner, 'data-testid="plan-option-PLUS"')).toContain('data-state="current"');
    expect((owner.match(/data-testid="change-plan"/g) ?? []).length).toBe(3);
    const admin = renderToStaticMarkup(<ChangePlan overview={overview} timeZone="UTC" isOwner={false} busy={null} onChange={noop} />);
    expect(admin).not.toContain('data-testid="change-plan"');
    expect(text(admin)).toContain('Only the workspace owner can change the plan.');
  });

  it('lists packages with their renewal and the auto-renew switch', () => {
    const html = renderToStaticMarkup(<PackagesTable overview={overview} timeZone="Europe/Prague" isOwner switching={null} onAutoRenew={noop} />);
    const rows = html.match(/<tr[^>]*data-testid="package-row"[^>]*>/g) ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/data-offer="chatbot_conversations_100" data-auto-renew="true" data-active="true"/);
    expect(rows[1]).toMatch(/data-offer="agent_seat_1" data-auto-renew="false" data-active="true"/);
    expect(text(html)).toContain('Renews on 3 December');
    expect(text(html)).toContain('Stops on 3 December');
    expect(tag(html, 'data-testid="package-auto-renew"')).not.toContain('disabled');
    const admin = renderToStaticMarkup(<PackagesTable overview={overview} timeZone="UTC" isOwner={false} switching={null} onAutoRenew={noop} />);
    expect(tag(admin, 'data-testid="package-auto-renew"')).toContain('disabled');
  });

  it('puts the server refusals of a purchase under their field', () => {
    const html = renderToStaticMarkup(
      <BuyPackageForm overview={overview} busy={false} serverErrors={{ offerId: ['there is no package "x"'], general: ['Try again'] }} onBuy={noop} onEdit={noop} />,
    );
    for (const id of ['package-offer', 'package-quantity', 'package-buy']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('data-testid="package-error" data-field="offerId">there is no package &quot;x&quot;</span>');
    expect(html).toContain('data-testid="package-error" data-field="">Try again</span>');
  });
});

describe('the side nav', () => {
  it('shows Billing to owners and admins only', () => {
    expect(navItemsFor('owner').map((i) => i.label)).toContain('Billing');
    expect(navItemsFor('admin').map((i) => i.label)).toContain('Billing');
    expect(navItemsFor('agent').map((i) => i.label)).toEqual(['Inbox', 'Chatbots', 'Statistics', 'Settings']);
  });
});
