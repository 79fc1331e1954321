import { useState, type FormEvent } from 'react';
import type { AddonPackageView, BillingOverview } from '../api/types';
import { NumberInput } from '../components/NumberInput';
import { formatMoney, perMonth } from './state/money';
import {
  amountText,
  autoRenewBlocked,
  autoRenewHint,
  MAX_PACKAGE_QUANTITY,
  packageStatus,
  pricePreview,
  purchaseProblems,
  type PurchaseField,
  type PurchaseForm,
  type PurchaseProblems,
} from './state/packages';
import { formatDayMonth } from './state/usage';

interface Props {
  overview: BillingOverview;
  timeZone: string;
  isOwner: boolean;
  /** The package whose auto-renew is being switched. */
  switching: string | null;
  onAutoRenew(pkg: AddonPackageView, autoRenew: boolean): void;
}

/** The workspace's packages: what each adds, its price, when it renews or stops, and the auto-renew switch (owner). */
export function PackagesTable({ overview, timeZone, isOwner, switching, onAutoRenew }: Props) {
  const { packages, usage } = overview;
  return (
    <div className="btable-wrap">
      {packages.length === 0 ? (
        <p className="bempty" data-testid="packages-empty">
          No packages. A package adds chatbot conversations or agent seats every month until it is turned off.
        </p>
      ) : (
        <table className="btable" aria-label="Packages">
          <thead>
            <tr>
              <th scope="col">Package</th>
              <th scope="col">Adds</th>
              <th scope="col" className="btable__num">
                Price
              </th>
              <th scope="col">Renewal</th>
              <th scope="col">Auto-renew</th>
            </tr>
          </thead>
          <tbody>
            {packages.map((pkg) => {
              const status = packageStatus(pkg, usage.period, timeZone);
              const blocked = autoRenewBlocked(pkg, isOwner);
              const busy = switching === pkg.id;
              return (
                <tr
                  key={pkg.id}
                  className={`btable__row is-${status.state}`}
                  data-testid="package-row"
                  data-package-id={pkg.id}
                  data-offer={pkg.offerId}
                  data-auto-renew={pkg.autoRenew}
                  data-active={pkg.active}
                  data-state={status.state}
                >
                  <td>
                    <span className="btable__strong">{pkg.name}</span>
                  </td>
                  <td>{amountText(pkg.kind, pkg.amount)}</td>
                  <td className="btable__num">{perMonth(pkg.monthlyPriceCents, pkg.currency)}</td>
                  <td>
                    <span className={`bstatus bstatus--${status.state}`} data-testid="package-status" data-date={status.date}>
                      {status.text}
                    </span>
                  </td>
                  <td>
                    <label className={`bswitch${blocked ? ' is-disabled' : ''}`} title={blocked ?? autoRenewHint(pkg, status)}>
                      <input
                        type="checkbox"
                        role="switch"
                        data-testid="package-auto-renew"
                        checked={pkg.autoRenew}
                        disabled={blocked !== null || switching !== null}
                        aria-label={`Auto-renew ${pkg.name}`}
                        onChange={(e) => onAutoRenew(pkg, e.target.checked)}
                      />
                      <span className="bswitch__track" aria-hidden="true" />
                      <span className="bswitch__label">{busy ? 'Saving…' : pkg.autoRenew ? 'On' : 'Off'}</span>
                    </label>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

interface BuyProps {
  overview: BillingOverview;
  busy: boolean;
  /** The server's refusal, by field (`body.offerId`, `body.quantity`), and about nothing in particular. */
  serverErrors: Partial<Record<PurchaseField, string[]>> & { general?: string[] };
  onBuy(offerId: string, quantity: number): void;
  onEdit(): void;
}

const EMPTY_FORM: PurchaseForm = { offerId: '', quantity: 1 };

function FieldError({ field, messages }: { field: PurchaseField | ''; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <span className="bfield__error" role="alert" data-testid="package-error" data-field={field}>
      {messages.join('; ')}
    </span>
  );
}

/** Buy a package: which one, how many (1–100), the price, Buy. Checked before asking; the server's refusals go by field. */
export function BuyPackageForm({ overview, busy, serverErrors, onBuy, onEdit }: BuyProps) {
  const [form, setForm] = useState<PurchaseForm>(EMPTY_FORM);
  const [tried, setTried] = useState(false);
  const offers = overview.offers;
  const problems: PurchaseProblems = purchaseProblems(form, offers);
  const offer = offers.find((o) => o.id === form.offerId);
  const preview = pricePreview(offer, form.quantity, overview.usage.period.renewsOn);
  const shown = (field: PurchaseField): string[] => {
    const live = problems[field];
    // Choosing nothing yet is not an error until Buy; a bad quantity shows as it is typed.
    if (live && (tried || field === 'quantity')) return [live];
    return serverErrors[field] ?? [];
  };

  const edit = (next: PurchaseForm) => {
    setForm(next);
    onEdit();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0 || form.quantity === null) return;
    onBuy(form.offerId, form.quantity);
  };

  return (
    <form className="bbuy" onSubmit={submit} noValidate aria-labelledby="buy-title">
      <h3 id="buy-title">Buy a package</h3>
      <div className="bbuy__row">
        <label className="bfield bfield--grow">
          <span className="field__label">Package</span>
          <select
            className="input"
            name="offerId"
            data-testid="package-offer"
            value={form.offerId}
            aria-invalid={shown('offerId').length > 0 || undefined}
            onChange={(e) => edit({ ...form, offerId: e.target.value })}
          >
            <option value="">Choose a package…</option>
            {offers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} · {perMonth(o.monthlyPriceCents, o.currency)}
              </option>
            ))}
          </select>
          <FieldError field="offerId" messages={shown('offerId')} />
        </label>
        <label className="bfield bfield--qty">
          <span className="field__label">Quantity</span>
          <NumberInput
            className="input"
            name="quantity"
            data-testid="package-quantity"
            min={1}
            max={MAX_PACKAGE_QUANTITY}
            step={1}
            value={form.quantity ?? undefined}
            aria-invalid={shown('quantity').length > 0 || undefined}
            onValue={(quantity) => edit({ ...form, quantity })}
          />
          <FieldError field="quantity" messages={shown('quantity')} />
        </label>
        <button type="submit" className="btn btn--primary bbuy__submit" data-testid="package-buy" disabled={busy}>
          {busy ? 'Buying…' : preview ? `Buy for ${formatMoney(preview.monthlyPriceCents, preview.currency)}` : 'Buy'}
        </button>
      </div>
      <div className="bbuy__preview" data-testid="package-preview" data-price-cents={preview?.monthlyPriceCents ?? ''}>
        {preview ? (
          <>
            <strong>{preview.text}</strong>
            <span className="muted">{preview.chargeNote}</span>
          </>
        ) : (
          <span className="muted">
            Choose a package and how many (1 to {MAX_PACKAGE_QUANTITY}). It renews every month on {formatDayMonth(overview.usage.period.renewsOn)} until you
            turn it off.
          </span>
        )}
      </div>
      <FieldError field="" messages={serverErrors.general ?? []} />
    </form>
  );
}
