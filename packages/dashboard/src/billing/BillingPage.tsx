import { useCallback, useEffect, useState } from 'react';
import '../styles/targeting.css';
import '../styles/billing.css';
import { ApiError, api, errorMessage } from '../api/client';
import type { AddonPackageView, AgentRole, BillingOverview, BillingRecord, Plan } from '../api/types';
import { useAuthenticated } from '../auth/SessionContext';
import { CloseIcon } from '../components/icons';
import { FullPageMessage } from '../components/FullPageMessage';
import { placeIssues } from '../lib/placeIssues';
import { useWorkspaceTimeZone } from '../statistics/useWorkspaceTimeZone';
import { LedgerSection } from './LedgerSection';
import { BuyPackageForm, PackagesTable } from './PackagesSection';
import { ChangePlan, CurrentPlan } from './PlanSection';
import { RecordsSection } from './RecordsSection';
import { useUsage } from './UsageContext';
import { UsagePanel } from './UsagePanel';
import { amountText, billingDay, purchaseErrorField, type PurchaseField } from './state/packages';
import { planChangeMessage } from './state/plans';
import { formatDayMonth } from './state/usage';

const PURCHASE_FIELDS = ['offerId', 'quantity'] as const;
type BuyErrors = Partial<Record<PurchaseField, string[]>> & { general?: string[] };

/**
 * `/app/billing` (owners and admins; agents get a message): the plan and a
 * pending downgrade, this period's usage, changing the plan, packages with
 * their auto-renew switch, buying one, the billing records and the usage
 * ledger. Only the owner changes anything (the API says 403 to the others);
 * admins see it all read-only.
 */
export function BillingPage() {
  const { agent } = useAuthenticated();
  if (agent.role !== 'owner' && agent.role !== 'admin') return <Forbidden />;
  return <Billing role={agent.role} />;
}

function Forbidden() {
  return (
    <FullPageMessage>
      <div data-testid="billing-forbidden">
        <h1 className="bforbidden__title">Only owners and admins can see billing</h1>
        <p className="muted">Ask the workspace owner about the plan, packages and chatbot conversation usage.</p>
      </div>
    </FullPageMessage>
  );
}

function Billing({ role }: { role: AgentRole }) {
  const isOwner = role === 'owner';
  const zone = useWorkspaceTimeZone();
  const { usage: liveUsage, set: setUsage } = useUsage();
  const [overview, setOverview] = useState<BillingOverview | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [records, setRecords] = useState<BillingRecord[] | null>(null);
  const [recordsError, setRecordsError] = useState<string | null>(null);
  const [flash, setFlash] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [planBusy, setPlanBusy] = useState<string | null>(null);
  const [switching, setSwitching] = useState<string | null>(null);
  const [buying, setBuying] = useState(false);
  const [buyErrors, setBuyErrors] = useState<BuyErrors>({});
  const [purchases, setPurchases] = useState(0);

  const apply = useCallback(
    (next: BillingOverview) => {
      setOverview(next);
      setUsage(next.usage);
    },
    [setUsage],
  );

  const loadRecords = useCallback((signal?: AbortSignal) => {
    api
      .billingRecords(signal)
      .then((r) => {
        setRecords(r.records);
        setRecordsError(null);
      })
      .catch((err: unknown) => {
        if (!signal?.aborted) setRecordsError(errorMessage(err));
      });
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    api
      .billing(ctrl.signal)
      .then(apply)
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setLoadError(err);
      });
    loadRecords(ctrl.signal);
    return () => ctrl.abort();
  }, [apply, loadRecords]);

  if (loadError instanceof ApiError && loadError.status === 403) return <Forbidden />;
  if (loadError && !overview) {
    return (
      <FullPageMessage>
        <p className="form-error" role="alert" data-testid="billing-error">
          {errorMessage(loadError)}
        </p>
      </FullPageMessage>
    );
  }
  if (!overview || !zone) return <FullPageMessage busy>Loading billing…</FullPageMessage>;

  // The shell keeps the usage fresh (every 30 s, on focus); it is the billing page's too.
  const usage = liveUsage && liveUsage.period.index >= overview.usage.period.index ? liveUsage : overview.usage;

  const failed = (what: string) => (err: unknown) => setFlash({ kind: 'error', text: `${what}: ${errorMessage(err)}` });

  const changePlan = (plan: Plan) => {
    const previous = overview.plan;
    setPlanBusy(plan.code);
    setFlash(null);
    api
      .changePlan(plan.code)
      .then(({ overview: next, outcome, effectiveAt }) => {
        apply(next);
        const target = next.plans.find((p) => p.code === plan.code) ?? plan;
        setFlash({ kind: 'ok', text: planChangeMessage(outcome, target, previous, billingDay(effectiveAt, next.usage.period, zone)) });
        loadRecords();
      })
      .catch(failed('The plan was not changed'))
      .finally(() => setPlanBusy(null));
  };

  const setAutoRenew = (pkg: AddonPackageView, autoRenew: boolean) => {
    setSwitching(pkg.id);
    setFlash(null);
    api
      .setPackageAutoRenew(pkg.id, autoRenew)
      .then(({ overview: next, package: saved }) => {
        apply(next);
        const until = formatDayMonth(billingDay(saved.lapsesAt ?? saved.renewsAt, next.usage.period, zone));
        setFlash({
          kind: 'ok',
          text: autoRenew ? `${saved.name} renews again every month.` : `${saved.name} stays until ${until}, then stops.`,
        });
        loadRecords();
      })
      .catch((err: unknown) => {
        failed(`Auto-renew of ${pkg.name} was not changed`)(err);
        // 409: it lapsed meanwhile; show what the server holds now.
        if (err instanceof ApiError && err.status === 409) api.billing().then(apply, () => undefined);
      })
      .finally(() => setSwitching(null));
  };

  const buy = (offerId: string, quantity: number) => {
    setBuying(true);
    setBuyErrors({});
    setFlash(null);
    api
      .buyPackage(offerId, quantity)
      .then(({ overview: next, package: bought }) => {
        apply(next);
        setPurchases((n) => n + 1);
        setFlash({ kind: 'ok', text: `Bought ${bought.name}: ${amountText(bought.kind, bought.amount)}, from now.` });
        loadRecords();
      })
      .catch((err: unknown) => {
        const issues = err instanceof ApiError ? err.issues : [];
        const placed = placeIssues(issues, PURCHASE_FIELDS);
        const errors: BuyErrors = { ...placed.byField };
        const general = [...placed.general];
        if (issues.length === 0) {
          // A refusal without a path that names a field ("quantity must be at most 100") goes under it.
          const field = err instanceof ApiError && err.status === 400 ? purchaseErrorField(err.message) : null;
          if (field) errors[field] = [err instanceof ApiError ? err.message : ''];
          else general.push(errorMessage(err));
        }
        if (general.length > 0) errors.general = general;
        setBuyErrors(errors);
      })
      .finally(() => setBuying(false));
  };

  return (
    <div className="tpage bpage" data-testid="billing-page" data-role={role}>
      <header className="tpage__head">
        <h1 className="tpage__name">Billing</h1>
        <span className="muted tpage__sub">Plan, chatbot conversations, packages and records</span>
      </header>
      <div className="tpage__body">
        <div className="tpage__column">
          {flash && (
            <div className={`tflash tflash--${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'} data-testid="billing-flash" data-kind={flash.kind}>
              <span>{flash.text}</span>
              <button type="button" className="btn btn--ghost btn--icon" aria-label="Dismiss" onClick={() => setFlash(null)}>
                <CloseIcon size={16} />
              </button>
            </div>
          )}
          {!isOwner && (
            <p className="tbanner" data-testid="billing-read-only">
              You can see billing. Only the workspace owner can change the plan or buy and stop packages.
            </p>
          )}

          <CurrentPlan overview={overview} timeZone={zone} isOwner={isOwner} busy={planBusy} onChange={changePlan} />
          <UsagePanel usage={usage} role={role} variant="billing" />
          <ChangePlan overview={overview} timeZone={zone} isOwner={isOwner} busy={planBusy} onChange={changePlan} />

          <section className="tcard bcard" data-testid="packages-section" aria-labelledby="packages-title">
            <header className="tcard__head">
              <h2 id="packages-title">Packages</h2>
              <p className="muted">
                Extra chatbot conversations or agent seats, effective at once and renewed every month on the renewal date. Turn auto-renew off
                before the renewal: the package stays until the period ends, then stops.
              </p>
            </header>
            <PackagesTable overview={overview} timeZone={zone} isOwner={isOwner} switching={switching} onAutoRenew={setAutoRenew} />
            {isOwner ? (
              <BuyPackageForm key={purchases} overview={overview} busy={buying} serverErrors={buyErrors} onBuy={buy} onEdit={() => setBuyErrors({})} />
            ) : (
              <p className="muted bnote">Only the workspace owner can buy packages.</p>
            )}
          </section>

          <RecordsSection records={records} error={recordsError} timeZone={zone} />
          <LedgerSection current={usage.period} timeZone={zone} version={usage.used} />
        </div>
      </div>
    </div>
  );
}
