import type { BillingRecord } from '../api/types';
import { dateTimeIn } from './state/dates';
import { formatMoney } from './state/money';
import { periodRangeLabel } from './state/periods';
import { dayIn, addDays } from '../statistics/state/dateRange';

const KIND_LABEL: Record<BillingRecord['kind'], string> = {
  package_purchase: 'Purchase',
  package_renewal: 'Renewal',
  plan_change: 'Plan change',
};

interface Props {
  records: BillingRecord[] | null;
  error: string | null;
  timeZone: string;
}

/** Each purchase, renewal and plan change: date, item, quantity, price, period (newest first). */
export function RecordsSection({ records, error, timeZone }: Props) {
  return (
    <section className="tcard bcard" data-testid="billing-records" aria-labelledby="records-title" aria-busy={records === null && !error}>
      <header className="tcard__head">
        <h2 id="records-title">Billing records</h2>
        <p className="muted">Every purchase, renewal and plan change, as charged through the payment provider.</p>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {records === null && !error && <p className="muted">Loading…</p>}
      {records !== null && records.length === 0 && <p className="bempty">No billing records yet.</p>}
      {records !== null && records.length > 0 && (
        <div className="btable-wrap">
          <table className="btable" aria-label="Billing records">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Item</th>
                <th scope="col" className="btable__num">
                  Quantity
                </th>
                <th scope="col" className="btable__num">
                  Amount
                </th>
                <th scope="col">Period</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.id} data-testid="billing-record-row" data-record-id={r.id} data-kind={r.kind} data-item={r.item} data-amount-cents={r.amountCents}>
                  <td className="btable__nowrap">{dateTimeIn(r.at, timeZone)}</td>
                  <td>
                    <span className={`chip chip--xs bkind bkind--${r.kind}`}>{KIND_LABEL[r.kind] ?? r.kind}</span> {r.description}
                  </td>
                  <td className="btable__num">{r.quantity}</td>
                  <td className="btable__num">{formatMoney(r.amountCents, r.currency)}</td>
                  <td className="btable__nowrap">{recordPeriod(r, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function recordPeriod(r: BillingRecord, timeZone: string): string {
  const start = Date.parse(r.periodStart);
  const end = Date.parse(r.periodEnd);
  if (Number.isNaN(start) || Number.isNaN(end)) return `Period ${r.periodIndex}`;
  return periodRangeLabel(dayIn(timeZone, start), addDays(dayIn(timeZone, end), -1));
}
