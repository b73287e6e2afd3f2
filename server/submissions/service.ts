/**
 * Filing a submission: pick the definition version the resident filled in, normalize and
 * validate the answers with that version's precompiled validator, then store them once.
 * Retries with the same Idempotency-Key return the first result and store nothing new.
 */
import { windowState } from '../../shared/forms/window.ts';
import { timingSafeEqual } from 'node:crypto';
import type { SubmissionReceipt, SubmissionStatusView } from '../../shared/api-types.ts';
import type { z } from 'zod';
import { describeErrors } from '../../shared/forms/messages.ts';
import { dateBoundProblems, japanToday } from '../../shared/forms/date-bounds.ts';
import { capErrors, oversized } from '../../shared/forms/size-guard.ts';
import { normalizeAnswers } from '../../shared/forms/normalize-answers.ts';
import { notifyEmail } from '../../shared/forms/notify-email.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { PaymentService } from '../payments/service.ts';
import { statusLabel } from '../../shared/status.ts';
import { Errors } from '../errors.ts';
import type { ResidentProof, submissionRequest } from './inputs.ts';
import { sha256Hex, type Catalog, type CompiledVersion } from '../procedures/catalog.ts';
import type { ProcedureDefinition } from '../../shared/forms/types.ts';
import { accessCodeFor, accessCodeHash, idempotencyKeyHash, referenceNumber } from './codes.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { isoTimestamp } from '../db/connection.ts';
import type { SubmissionRepository, SubmissionRow } from './repository.ts';
import type { AttachmentService } from '../attachments/service.ts';
import { attachmentIdsIn, attachmentQuestions } from '../../shared/forms/attachments.ts';
import { fieldLabel } from '../../shared/forms/schema-walk.ts';
import { checkCounterIdentity, checkIdentity, type CounterFiler, type ResidentFiler } from './identity.ts';
import { signedDigest, signingFor, expectedSigner } from './signing.ts';
import { dueOn } from '../workflow/processing-period.ts';
import { SigningRequests, type PreparedSigning, type SigningRow } from '../signatures/requests.ts';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{16,128}$/u;

/**
 * Valid against that version's schema and its date bounds (judged on `today` in Japan), or 422
 * with at most MAX_FIELD_ERRORS messages (oversized answers found first, cheaply). A field
 * the schema already refuses is not reported twice, as in the browser (client/form/step-validator.ts).
 */
function checkAnswers(version: CompiledVersion, answers: unknown, today: string): void {
  const schema = version.definition.schema;
  const tooLarge = oversized(schema, answers);
  if (tooLarge.length > 0) throw Errors.validation(describeErrors(schema, tooLarge));
  const result = version.validator.validate(answers);
  const described = result.valid ? [] : describeErrors(schema, result.errors);
  const dates = dateBoundProblems(schema, answers, today).filter((d) => !described.some((e) => e.pointer === d.pointer));
  if (described.length + dates.length > 0) throw Errors.validation(capErrors([...described, ...dates]));
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export class SubmissionService {
  constructor(
    private readonly repo: SubmissionRepository,
    private readonly catalog: Catalog,
    private readonly secret: string,
    private readonly notifier: Notifier,
    private readonly payments: PaymentService,
    private readonly attachments: AttachmentService,
    /** Null when no signing app is configured: procedures that need a signature are then closed online. */
    private readonly signing: SigningRequests | null = null,
    /** The time filing periods (opensAt / closesAt) are judged by. */
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The published procedure a resident is filing, or 404; 409 outside its filing period. */
  acceptingProcedure(procedureId: string): CompiledVersion {
    const current = this.catalog.current(procedureId);
    if (!current) throw Errors.procedureNotFound();
    if (!current.definition.published) throw Errors.procedureNotPublished();
    const { opensAt, closesAt } = current.definition;
    const state = windowState(current.definition, this.clock());
    if (state === 'not_yet_open') throw Errors.procedureNotYetOpen(opensAt!);
    if (state === 'closed') throw Errors.procedureClosed(closesAt!);
    return current;
  }

  /**
   * `resident`: the signed-in resident filing online. `counter`: a clerk filing with the resident at
   * the counter (channel counter-assisted; same validation, reference number, access code and receipt).
   */
  async create(
    procedureId: string,
    request: z.output<typeof submissionRequest>,
    idempotencyKey: string | undefined,
    resident: ResidentFiler | null = null,
    counter: CounterFiler | null = null,
  ): Promise<{ receipt: SubmissionReceipt; replayed: boolean }> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) throw Errors.badIdempotencyKey();
    const { version, answers, filing } = this.prepare(procedureId, request, resident, counter);
    const answersJson = JSON.stringify(answers);
    const answersSha256 = sha256Hex(`${procedureId}@${version.definition.version}\n${answersJson}`);
    const keyHash = idempotencyKey ? idempotencyKeyHash(this.secret, idempotencyKey) : null;
    const accessCode = accessCodeFor(this.secret, idempotencyKey);
    const hasFiles = attachmentQuestions(version.definition.schema).length > 0;
    const usesFiles = hasFiles && attachmentIdsIn(version.definition.schema, answers).length > 0;
    if (keyHash && (usesFiles || (!counter && version.definition.signature === 'required'))) {
      // A retry of a filing that uses its files or its signature once: the first attempt used them.
      // (Any other retry is found when its INSERT skips the taken key, below.)
      const earlier = await this.repo.findByIdempotencyKey(keyHash);
      if (earlier) return this.replay(earlier, answersSha256, accessCode);
    }
    // Online, a procedure that needs a signature is filed with the signing request its digest was signed for.
    const signed = counter ? null : await this.signedRequest(version, request, resident);
    const claim = hasFiles ? await this.attachments.check(version.definition.schema, procedureId, answers, request.draftToken) : null;
    const email = notifyEmail(version.definition.schema, answers);
    const channel = counter ? 'counter-assisted' : 'online';
    // At the counter a fee is paid (or owed) there: the clerk records it (recordCounterPayment), never online first.
    const initial = this.payments.initialState(procedureId, version.definition.version, answers, channel);
    if (signed) signedDigest(signed, version, answers); // 409 when the answers are not the ones signed
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const submittedAt = signed ? isoTimestamp(signed.submitted_at) : isoTimestamp(new Date());
      const ref = signed?.reference_number ?? referenceNumber();
      const inserted = await this.repo.insert({
        referenceNumber: ref,
        procedureId,
        departmentId: version.definition.department.id,
        definitionVersion: version.definition.version,
        definitionSha256: version.sha256,
        answersJson,
        answersSha256,
        accessCodeHash: accessCodeHash(this.secret, accessCode),
        idempotencyKeyHash: keyHash,
        submittedAt,
        notifyEmail: email,
        status: initial.status,
        dueOn: version.definition.processingPeriod ? dueOn(version.definition.processingPeriod, submittedAt, initial.status, []) : null,
        feeYen: initial.feeYen,
        paymentStatus: initial.paymentStatus,
        channel,
        identitySubjectHash: filing?.subjectHash ?? null,
        identityJson: filing ? JSON.stringify(filing.identity) : null,
        receiptMail: email
          ? this.notifier.receipt(email, {
              referenceNumber: ref,
              procedureId,
              submittedAt,
              feeYen: initial.feeYen,
              awaitingPayment: initial.status === 'awaiting_payment',
              channel,
            })
          : null,
        inTransaction:
          claim || counter || signed
            ? async (trx, id) => {
                if (claim) await this.attachments.claim(trx, id, claim);
                // The signature's evidence is kept with the submission, and its request used, in the same transaction.
                if (signed) await SigningRequests.consume(trx, signed, id);
                // The clerk's filing is audited in the same transaction: no filing without its entry.
                if (counter)
                  await appendAudit(trx, {
                    actorType: 'staff',
                    actorId: String(counter.clerkId),
                    action: 'submission.counter-filed',
                    target: ref,
                    address: counter.address ?? null,
                    details: { procedureId, document: counter.identityCheck?.document ?? null },
                  });
              }
            : null,
      });
      if (inserted) {
        const fresh = {
          id: 0,
          reference_number: ref,
          procedure_id: procedureId,
          definition_version: version.definition.version,
          status: initial.status,
          submitted_at: submittedAt,
          fee_yen: initial.feeYen,
          payment_status: initial.paymentStatus,
          channel,
        };
        return { receipt: await this.receipt(fresh, accessCode, true), replayed: false };
      }
      // Not stored: the idempotency key was used before (a retry), or the reference number was
      // drawn before (about 1 in 10^11), in which case another one is drawn.
      const existing = keyHash ? await this.repo.findByIdempotencyKey(keyHash) : undefined;
      if (existing) return this.replay(existing, answersSha256, accessCode);
      // A signed filing's number is the one signed: taken means this signature was used already.
      if (signed) throw Errors.signingRequestUsed();
    }
    throw Errors.internal();
  }

  /** Normalized, identity-checked and valid answers for a version of a published procedure (what create and a signing request both need). */
  private prepare(
    procedureId: string,
    request: z.output<typeof submissionRequest>,
    resident: ResidentFiler | null,
    counter: CounterFiler | null,
  ): { version: CompiledVersion; answers: Record<string, unknown>; filing: ReturnType<typeof checkIdentity>['filing'] } {
    this.acceptingProcedure(procedureId);
    const version = this.catalog.version(procedureId, request.definitionVersion);
    if (!version) throw Errors.unknownVersion();
    const normalized = normalizeAnswers(version.definition.schema, request.answers) as Record<string, unknown>;
    const { answers, filing } = counter
      ? { answers: normalized, filing: checkCounterIdentity(version.definition, normalized, counter) }
      : checkIdentity(version.definition, normalized, resident, request.filer);
    checkAnswers(version, answers, japanToday(this.clock()));
    // The counter has no upload: documents are looked at (or taken) there.
    if (counter && attachmentIdsIn(version.definition.schema, answers).length > 0) throw Errors.counterAttachmentsUnavailable();
    return { version, answers, filing };
  }

  /** The signing request a filing that needs a signature comes with (422 without one). */
  private async signedRequest(
    version: CompiledVersion,
    request: z.output<typeof submissionRequest>,
    resident: ResidentFiler | null,
  ): Promise<SigningRow | null> {
    if (version.definition.signature !== 'required') {
      if (request.signingRequestId) throw Errors.signatureNotAsked();
      return null;
    }
    if (!resident) throw Errors.residentSignInRequired();
    if (!request.signingRequestId) throw Errors.signatureRequired();
    if (!this.signing) throw Errors.signingUnavailable();
    return this.signing.forFiling(
      request.signingRequestId,
      resident.subjectHash,
      version.definition.id,
      version.definition.version,
      request.filer,
    );
  }

  /**
   * createSigningRequest: the answers are checked as a filing would check them, a reference number
   * and filing time are reserved, and the digest of that canonical submission is what the resident signs.
   */
  async startSigning(
    procedureId: string,
    request: z.output<typeof submissionRequest>,
    resident: ResidentFiler,
  ): Promise<Awaited<ReturnType<SigningRequests['start']>>> {
    const { version, answers } = this.prepare(procedureId, request, resident, null);
    if (version.definition.signature !== 'required') throw Errors.signatureNotAsked();
    if (!this.signing) throw Errors.signingUnavailable();
    if (attachmentQuestions(version.definition.schema).length > 0)
      await this.attachments.check(version.definition.schema, procedureId, answers, request.draftToken);
    const prepared: PreparedSigning = {
      ...signingFor(version, answers, referenceNumber(), isoTimestamp(new Date())),
      subjectHash: resident.subjectHash,
      filer: request.filer,
      expectedSigner: expectedSigner(this.secret, version.definition, answers, resident, request.filer),
    };
    return this.signing.start(prepared);
  }

  /** The first result again for a retry with the same key and answers; 422 when the answers differ. */
  private async replay(existing: SubmissionRow, answersSha256: string, accessCode: string) {
    if (existing.answers_sha256 !== answersSha256) throw Errors.idempotencyKeyReused();
    return { receipt: await this.receipt(existing, accessCode), replayed: true };
  }

  private async receipt(
    row: Pick<
      SubmissionRow,
      'id' | 'reference_number' | 'procedure_id' | 'definition_version' | 'status' | 'submitted_at' | 'fee_yen' | 'payment_status'
    > & { channel?: string },
    accessCode: string,
    fresh = false,
  ): Promise<SubmissionReceipt> {
    return {
      payment: await this.payments.view(row, fresh),
      referenceNumber: row.reference_number,
      accessCode,
      procedureId: row.procedure_id,
      definitionVersion: row.definition_version,
      status: row.status,
      statusLabel: statusLabel(row.status),
      submittedAt: isoTimestamp(row.submitted_at),
    };
  }

  /** The submission a resident proves access to with reference number + access code, or 422/404. */
  /**
   * The submission a resident reaches (residents/access.ts): by its access code, or as the signed-in
   * resident who filed it. Anything else, another resident's submission included, is the same 404.
   */
  async verifyResident(proof: ResidentProof): Promise<SubmissionRow> {
    const row = await this.repo.findByReference(proof.referenceNumber);
    const allowed =
      row !== undefined &&
      ('accessCode' in proof
        ? sameHash(row.access_code_hash, accessCodeHash(this.secret, proof.accessCode))
        : row.identity_subject_hash !== null && sameHash(row.identity_subject_hash, proof.subjectHash));
    if (!row || !allowed) throw Errors.residentSubmissionNotFound();
    return row;
  }

  async status(proof: ResidentProof): Promise<SubmissionStatusView> {
    const row = await this.verifyResident(proof);
    const definition = this.catalog.version(row.procedure_id, row.definition_version)?.definition;
    return {
      referenceNumber: row.reference_number,
      procedure: {
        id: row.procedure_id,
        title: definition?.title ?? { ja: row.procedure_id, en: row.procedure_id },
        department: { name: definition?.department.name ?? { ja: '', en: '' }, phone: definition?.department.phone ?? '' },
        processingTime: definition?.processingTime ?? null,
      },
      status: row.status,
      statusLabel: statusLabel(row.status),
      submittedAt: isoTimestamp(row.submitted_at),
      updatedAt: isoTimestamp(row.updated_at),
      payment: await this.payments.view(row),
      ...(await this.residentMessages(row)),
    };
  }

  /** The definition version a submission was filed against (kept while any submission refers to it). */
  definitionOf(procedureId: string, version: number): ProcedureDefinition | undefined {
    return this.catalog.version(procedureId, version)?.definition;
  }

  /** Reason and messages from staff, with the documents asked for named by their questions' labels. */
  async residentMessages(row: SubmissionRow) {
    const { requestedDocuments, ...rest } = await this.repo.residentMessages(row.id, row.status);
    const schema = this.catalog.version(row.procedure_id, row.definition_version)?.definition.schema;
    return { ...rest, requestedDocuments: schema ? requestedDocuments.map((p) => fieldLabel(schema, p)) : [] };
  }

  /** Validates corrected answers against the definition version the resident filled in. */
  validateAgainstVersion(procedureId: string, versionNumber: number, input: Record<string, unknown>) {
    const version = this.catalog.version(procedureId, versionNumber);
    if (!version) throw Errors.unknownVersion();
    const answers = normalizeAnswers(version.definition.schema, input);
    checkAnswers(version, answers, japanToday(this.clock()));
    const answersJson = JSON.stringify(answers);
    return {
      schema: version.definition.schema,
      answers,
      answersJson,
      answersSha256: sha256Hex(`${procedureId}@${versionNumber}\n${answersJson}`),
      email: notifyEmail(version.definition.schema, answers),
    };
  }
}
