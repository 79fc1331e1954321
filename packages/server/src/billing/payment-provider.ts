/**
 * Payment capture behind one interface (PRODUCT.md §3). The default provider
 * records each charge for invoicing (`payment_charges`, one per billing
 * record); a card processor would implement the same call. It runs inside the
 * caller's transaction: a charge exists exactly when its billing record does.
 */
import type { Kysely } from 'kysely';
import { newId } from '../ids.js';
import type { Database } from '../storage/schema.js';

export interface ChargeRequest {
  workspaceId: string;
  billingRecordId: string;
  amountCents: number;
  currency: string;
  description: string;
  at: number;
}

export interface PaymentProvider {
  readonly name: string;
  charge(trx: Kysely<Database>, request: ChargeRequest): Promise<{ chargeId: string; status: 'recorded' | 'captured' }>;
}

/** Records the charge for invoicing; nothing leaves the server. */
export class InvoiceRecordingProvider implements PaymentProvider {
  readonly name = 'invoice';

  async charge(trx: Kysely<Database>, request: ChargeRequest) {
    const chargeId = newId(request.at);
    await trx
      .insertInto('payment_charges')
      .values({
        id: chargeId,
        workspace_id: request.workspaceId,
        billing_record_id: request.billingRecordId,
        amount_cents: request.amountCents,
        currency: request.currency,
        description: request.description,
        status: 'recorded',
        at: request.at,
      })
      .execute();
    return { chargeId, status: 'recorded' as const };
  }
}
