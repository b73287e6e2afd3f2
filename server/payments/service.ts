/**
 * Online payment of fees with Stripe Checkout, for residents: start (or retry) a Checkout Session,
 * read the result when the resident returns, and bring a submission's payment status up to date
 * from its attempts and refunds (recompute: see ledger.ts). Webhooks and the periodic check
 * (events.ts) call `applyCheckout` with what Stripe says.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { feeDue, offlineFeeText } from '../../shared/fees.ts';
import type { FeeDefinition, LocalizedText } from '../../shared/forms/types.ts';
import { paymentStatusLabel, SETTLED_PAYMENT_STATUSES, type PaymentStatus, type PaymentView } from '../../shared/payments.ts';
import { FINAL_STATUSES } from '../../shared/workflow.ts';
import { dialectOf, isoTimestamp, jsonColumn, uniqueViolation } from '../db/connection.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { changeStatus } from '../workflow/status-change.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Catalog } from '../procedures/catalog.ts';
import { Errors } from '../errors.ts';
import { gatewayReason, type CheckoutMethod, type CheckoutState, type PaymentGateway } from './gateway.ts';
import { advances, derivePaymentStatus, loadLedger, totals, type AttemptStatus } from './ledger.ts';

export interface PaymentSettings {
  baseUrl: string;
  methods: CheckoutMethod[];
  checkoutMinutes: number;
}

export interface PaymentSubmission {
  id: number;
  reference_number: string;
  procedure_id: string;
  definition_version: number;
  status: string;
  fee_yen: number | null;
  payment_status: string | null;
  notify_email: string | null;
  department_id: string;
  submitted_at: unknown;
}

const SUBMISSION_COLUMNS = [
  'id',
  'reference_number',
  'procedure_id',
  'definition_version',
  'status',
  'fee_yen',
  'payment_status',
  'notify_email',
  'department_id',
  'submitted_at',
];

export interface CheckoutResult {
  referenceNumber: string;
  procedureTitle: LocalizedText;
  amountYen: number;
  /** This attempt: open (not finished), pending (konbini voucher issued), paid, failed or expired. */
  attempt: AttemptStatus;
  paymentStatus: PaymentStatus | null;
  paymentStatusLabel: LocalizedText | null;
  canRetry: boolean;
}

export class PaymentService {
  constructor(
    private readonly db: Knex,
    private readonly gateway: PaymentGateway | null,
    private readonly catalog: Catalog,
    private readonly notifier: Notifier,
    private readonly settings: PaymentSettings,
    private readonly logger: Logger,
  ) {}

  get online(): boolean {
    return this.gateway !== null;
  }

  /** The status and amount a new submission starts with, from its definition and answers. */
  initialState(
    procedureId: string,
    version: number,
    answers: unknown,
    channel: 'online' | 'counter-assisted' = 'online',
  ): { status: string; feeYen: number | null; paymentStatus: PaymentStatus | null } {
    const fee = this.catalog.version(procedureId, version)?.definition.fee ?? null;
    const due = feeDue(fee, answers);
    if (!due) return { status: 'submitted', feeYen: null, paymentStatus: null };
    // Paid online before review: it waits outside the ready queue until paid. Without online
    // payment, or filed by a clerk at the counter, it is reviewed at once and paid at the counter.
    const paysOnline = this.online && channel === 'online';
    return { status: paysOnline ? 'awaiting_payment' : 'submitted', feeYen: due.yen, paymentStatus: 'unpaid' };
  }

  /** `fresh`: a submission just stored, with no payment attempts yet (saves two reads). */
  async view(
    s: Pick<PaymentSubmission, 'id' | 'procedure_id' | 'definition_version' | 'status' | 'fee_yen' | 'payment_status'> & {
      /** A fee of a filing made at the counter is paid there. */
      channel?: string;
    },
    fresh = false,
  ): Promise<PaymentView | null> {
    const fee = this.catalog.version(s.procedure_id, s.definition_version)?.definition.fee ?? null;
    if (!fee) return null;
    const ledger = fresh ? { feeYen: s.fee_yen, attempts: [], refunds: [] } : await loadLedger(this.db, s.id, s.fee_yen);
    const { paidYen, refundedYen } = totals(ledger);
    const status = (s.payment_status as PaymentStatus | null) ?? null;
    // Owed: nothing paid and no konbini voucher waiting (an unfinished card session is replaced on retry).
    const waiting = ledger.attempts.some((a) => a.status === 'pending');
    const owed = s.fee_yen !== null && (status === 'unpaid' || status === 'failed' || (status === 'pending' && !waiting));
    const open = !FINAL_STATUSES.includes(s.status as never);
    return {
      status,
      statusLabel: status ? paymentStatusLabel(status) : null,
      amountYen: s.fee_yen,
      paidYen,
      refundedYen,
      timing: fee.payment,
      canPayOnline: this.online && owed && open,
      payAtCounter: !this.online && owed && open,
      payOffline: !this.online && owed && open ? offlineFeeText(fee, s.channel) : null,
    };
  }

  async findSubmission(
    trx: Knex | Knex.Transaction,
    where: { id?: number; reference_number?: string },
    lock = false,
  ): Promise<PaymentSubmission | undefined> {
    const q = trx('submissions').select(SUBMISSION_COLUMNS).where(where);
    if (lock && dialectOf(trx) === 'postgres') q.forUpdate();
    return (await q.first()) as PaymentSubmission | undefined;
  }

  /**
   * Starts a Checkout Session for what the submission owes. An unfinished earlier session is
   * expired first so that the resident can never pay twice.
   */
  async startCheckout(submissionId: number): Promise<{ checkoutUrl: string }> {
    if (!this.gateway) throw Errors.onlinePaymentUnavailable();
    const s = await this.findSubmission(this.db, { id: submissionId });
    if (!s) throw Errors.paymentNotFound();
    const definition = this.catalog.version(s.procedure_id, s.definition_version)!.definition;
    if (!definition.fee) throw Errors.noFee();
    if (s.fee_yen === null) throw Errors.feeNotSet();
    if (FINAL_STATUSES.includes(s.status as never)) throw Errors.submissionClosed();
    const unfinished = (await this.db('payments')
      .select('id', 'stripe_session_id', 'status', 'created_at')
      .where({ submission_id: s.id, provider: 'stripe' })
      .whereIn('status', ['open', 'pending'])) as { id: number; stripe_session_id: string | null; status: string; created_at: unknown }[];
    const mismatched = (await this.db('payments').where({ submission_id: s.id, status: 'mismatch' }).first('id')) as
      { id: number } | undefined;
    if (mismatched) throw Errors.paymentPending();
    for (const open of unfinished) {
      if (open.status === 'pending') throw Errors.paymentPending();
      if (!open.stripe_session_id) {
        // Stripe never answered this one (or is answering now): give up on it after two minutes.
        if (Date.now() - new Date(isoTimestamp(open.created_at)).getTime() < 120_000) throw Errors.paymentPending();
        await this.db('payments')
          .where('id', open.id)
          .update({ status: 'expired', note: 'no answer from Stripe', updated_at: isoTimestamp(new Date()) });
        continue;
      }
      const state = await this.gatewayCall(() => this.gateway!.retrieveCheckout(open.stripe_session_id!));
      const now = state.status === 'open' ? await this.gatewayCall(() => this.gateway!.expireCheckout(open.stripe_session_id!)) : state;
      await this.applyCheckout(now);
    }
    const current = await this.findSubmission(this.db, { id: s.id });
    if (SETTLED_PAYMENT_STATUSES.includes(current!.payment_status as PaymentStatus)) throw Errors.alreadyPaid();
    if (current!.payment_status === 'pending') throw Errors.paymentPending();

    // The attempt is stored before Stripe is called, and its id is the Stripe idempotency key.
    const paymentId = await this.insertAttempt(s.id, Number(s.fee_yen));
    const { unitYen, quantity } = await this.lineItem(s, definition.fee);
    const returnUrl = new URL('/payments/return', this.settings.baseUrl).toString();
    let session: CheckoutState;
    try {
      session = await this.gateway.createCheckout({
        paymentId,
        referenceNumber: s.reference_number,
        productName: `${definition.title.ja} 手数料（受付番号 ${s.reference_number}）`,
        unitYen,
        quantity,
        successUrl: `${returnUrl}?session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${returnUrl}?session_id={CHECKOUT_SESSION_ID}&cancelled=1`,
        methods: this.settings.methods,
        expiresAt: new Date(Date.now() + this.settings.checkoutMinutes * 60_000),
      });
    } catch (error) {
      this.logger.warn({ err: gatewayReason(error), paymentId }, 'Stripe checkout could not be created');
      await this.db('payments')
        .where('id', paymentId)
        .update({ status: 'expired', note: 'checkout could not be created', updated_at: isoTimestamp(new Date()) });
      throw Errors.paymentProvider();
    }
    await this.db.transaction(async (trx) => {
      await trx('payments')
        .where('id', paymentId)
        .update({ stripe_session_id: session.id, checkout_url: session.url, updated_at: isoTimestamp(new Date()) });
      await this.refresh(trx, s.id);
    });
    return { checkoutUrl: session.url ?? returnUrl };
  }

  /** Expires every Checkout Session of the submission that is still open (e.g. after withdrawal). */
  async expireUnfinished(submissionId: number): Promise<void> {
    if (!this.gateway) return;
    const open = (await this.db('payments')
      .select('stripe_session_id')
      .where({ submission_id: submissionId, provider: 'stripe', status: 'open' })
      .whereNotNull('stripe_session_id')) as { stripe_session_id: string }[];
    for (const o of open) {
      const state = await this.gateway.retrieveCheckout(o.stripe_session_id);
      await this.applyCheckout(state.status === 'open' ? await this.gateway.expireCheckout(o.stripe_session_id) : state);
    }
  }

  private async insertAttempt(submissionId: number, amountYen: number): Promise<number> {
    const now = isoTimestamp(new Date());
    try {
      const [row] = (await this.db('payments')
        .insert({
          submission_id: submissionId,
          provider: 'stripe',
          status: 'open',
          amount_yen: amountYen,
          created_at: now,
          updated_at: now,
        })
        .returning('id')) as ({ id: number } | number)[];
      return Number(typeof row === 'object' ? row.id : row);
    } catch (error) {
      // Another checkout for this submission was opened at the same moment (payments_one_unfinished).
      if (uniqueViolation(error) !== null) throw Errors.paymentPending();
      throw error;
    }
  }

  /** Copies x unit price when the amount follows from the answers; else one line of the amount owed. */
  private async lineItem(s: PaymentSubmission, fee: FeeDefinition): Promise<{ unitYen: number; quantity: number }> {
    const feeYen = Number(s.fee_yen);
    if (fee.payment !== 'on_submission') return { unitYen: feeYen, quantity: 1 };
    const row = (await this.db('submissions').where('id', s.id).first('answers')) as { answers: unknown };
    const due = feeDue(fee, jsonColumn(row.answers));
    return due && due.yen === feeYen ? { unitYen: due.unitYen, quantity: due.quantity } : { unitYen: feeYen, quantity: 1 };
  }

  private async gatewayCall<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.logger.warn({ err: gatewayReason(error) }, 'Stripe call failed');
      throw Errors.paymentProvider();
    }
  }

  /** What the return page shows; asks Stripe when the webhook has not arrived yet. */
  async checkoutResult(sessionId: string): Promise<CheckoutResult> {
    let attempt = (await this.db('payments').where('stripe_session_id', sessionId).first()) as
      { submission_id: number; status: AttemptStatus; amount_yen: number } | undefined;
    if (!attempt) throw Errors.paymentNotFound();
    if (this.gateway && (attempt.status === 'open' || attempt.status === 'pending')) {
      try {
        await this.applyCheckout(await this.gateway.retrieveCheckout(sessionId));
        attempt = (await this.db('payments').where('stripe_session_id', sessionId).first()) as typeof attempt;
      } catch {
        // Stripe unreachable: show what is known; the periodic check catches up.
      }
    }
    const s = (await this.findSubmission(this.db, { id: attempt!.submission_id }))!;
    const status = s.payment_status as PaymentStatus | null;
    const view = await this.view(s);
    return {
      referenceNumber: s.reference_number,
      procedureTitle: this.catalog.version(s.procedure_id, s.definition_version)!.definition.title,
      amountYen: Number(attempt!.amount_yen),
      attempt: attempt!.status,
      paymentStatus: status,
      paymentStatusLabel: status ? paymentStatusLabel(status) : null,
      canRetry: view?.canPayOnline ?? false,
    };
  }

  async submissionIdForSession(sessionId: string): Promise<number> {
    const row = (await this.db('payments').where('stripe_session_id', sessionId).first('submission_id')) as
      { submission_id: number } | undefined;
    if (!row) throw Errors.paymentNotFound();
    return Number(row.submission_id);
  }

  /** Applies what Stripe says about a session; only ever moves the attempt forward. */
  /** `outer`: the webhook's transaction, so the event's id and its effect commit together. */
  async applyCheckout(state: CheckoutState, methodHint?: 'card' | 'konbini', outer?: Knex.Transaction): Promise<void> {
    let next: AttemptStatus;
    if (state.status === 'complete' && state.paymentStatus !== 'unpaid') next = 'paid';
    else if (state.status === 'complete') next = state.paymentIntentStatus === 'canceled' ? 'failed' : 'pending';
    else if (state.status === 'expired') next = 'expired';
    else next = 'open';
    await this.moveAttempt(state.id, next, state.paymentIntentId, methodHint, outer, state.amountTotal);
  }

  async moveAttempt(
    sessionId: string,
    next: AttemptStatus,
    paymentIntentId: string | null,
    methodHint?: 'card' | 'konbini',
    outer?: Knex.Transaction,
    amountTotal?: number | null,
  ): Promise<void> {
    await (outer ?? this.db).transaction(async (trx) => {
      const q = trx('payments').where('stripe_session_id', sessionId);
      if (dialectOf(trx) === 'postgres') q.forUpdate();
      const attempt = (await q.first()) as
        | {
            id: number;
            submission_id: number;
            status: AttemptStatus;
            method: string | null;
            stripe_payment_intent_id: string | null;
            amount_yen: number;
          }
        | undefined;
      // A paid amount other than the one owed is never taken as paid: staff are told to look.
      if (attempt && next === 'paid' && amountTotal !== undefined && amountTotal !== null && amountTotal !== Number(attempt.amount_yen)) {
        next = 'mismatch';
      }
      if (!attempt || !advances(attempt.status, next)) return;
      const now = isoTimestamp(new Date());
      // Only konbini is asynchronous here: a session that was pending and is now paid was paid at a store.
      const method =
        methodHint ?? (next === 'pending' || attempt.status === 'pending' ? 'konbini' : next === 'paid' ? 'card' : attempt.method);
      await trx('payments')
        .where('id', attempt.id)
        .update({
          status: next,
          method,
          stripe_payment_intent_id: paymentIntentId ?? attempt.stripe_payment_intent_id,
          updated_at: now,
          ...(next === 'paid' ? { paid_at: now } : {}),
        });
      if (next === 'mismatch') await this.flagMismatch(trx, attempt, amountTotal ?? 0, sessionId);
      if (next === 'paid' || next === 'failed') {
        const a = attempt;
        await trx('submission_events').insert({
          submission_id: attempt.submission_id,
          at: now,
          actor_type: 'system',
          actor_id: null,
          kind: 'payment',
          text:
            next === 'paid'
              ? `オンライン決済 ${Number(a.amount_yen)}円（${method === 'konbini' ? 'コンビニ' : 'クレジットカード'}）`
              : 'オンライン決済が完了しませんでした',
          details: JSON.stringify({ sessionId, status: next }),
        });
      }
      await this.refresh(trx, attempt.submission_id);
    });
  }

  /** On the history and the audit trail, for the department to check at Stripe (and refund there). */
  private async flagMismatch(
    trx: Knex.Transaction,
    attempt: { submission_id: number; amount_yen: number },
    paidYen: number,
    sessionId: string,
  ) {
    const owed = Number(attempt.amount_yen);
    const s = (await this.findSubmission(trx, { id: attempt.submission_id }))!;
    await trx('submission_events').insert({
      submission_id: attempt.submission_id,
      at: isoTimestamp(new Date()),
      actor_type: 'system',
      actor_id: null,
      kind: 'payment',
      text: `決済額が手数料と一致しません（決済 ${paidYen}円／手数料 ${owed}円）。Stripe の管理画面で確認し、返金してください。`,
      details: JSON.stringify({ sessionId, status: 'mismatch', paidYen, owedYen: owed }),
    });
    await appendAudit(trx, {
      actorType: 'system',
      action: 'payment.amount_mismatch',
      target: s.reference_number,
      details: { sessionId, paidYen, owedYen: owed },
    });
    this.logger.warn(
      { submissionId: attempt.submission_id, paidYen, owedYen: owed },
      'Stripe reports a paid amount other than the fee owed',
    );
  }

  /**
   * Recomputes the submission's payment status; when an at-submission fee becomes paid, the
   * submission enters the department's queue as 受付 (and the resident is told).
   */
  async refresh(trx: Knex.Transaction, submissionId: number): Promise<PaymentStatus | null> {
    const s = (await this.findSubmission(trx, { id: submissionId }, true))!;
    const ledger = await loadLedger(trx, submissionId, s.fee_yen === null ? null : Number(s.fee_yen));
    const derived = derivePaymentStatus(ledger);
    if (derived !== s.payment_status) {
      await trx('submissions')
        .where('id', s.id)
        .update({ payment_status: derived, updated_at: isoTimestamp(new Date()) });
    }
    const { paidYen } = totals(ledger);
    if (s.payment_status !== 'paid' && derived === 'paid') {
      await this.notifier.paymentReceived(trx, {
        id: s.id,
        referenceNumber: s.reference_number,
        procedureId: s.procedure_id,
        email: s.notify_email,
        amountYen: paidYen,
      });
    }
    if (s.status === 'awaiting_payment' && derived === 'paid') {
      // The payment mail above tells the resident; the status change is on the history and the audit trail.
      await changeStatus(trx, { notifier: this.notifier, rules: this.catalog.rules }, [s], {
        to: 'submitted',
        actor: { type: 'system', id: null, address: null },
        notify: false,
      });
    }
    return derived;
  }
}
