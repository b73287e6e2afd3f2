/** Response schemas of the OpenAPI document that are not generated from a route's input. */
import { ref } from '../http/responses.ts';

export const responseSchemas = {
  Payment: {
    type: ['object', 'null'],
    description: 'The fee of a submission (null: the procedure has no fee)',
    properties: {
      status: { type: ['string', 'null'], enum: ['unpaid', 'pending', 'paid', 'refunded', 'partially_refunded', 'failed', null] },
      statusLabel: { oneOf: [ref('LocalizedText'), { type: 'null' }] },
      amountYen: { type: ['integer', 'null'], description: 'null while staff have not set a 事後決済 amount' },
      paidYen: { type: 'integer' },
      refundedYen: { type: 'integer' },
      timing: { enum: ['on_submission', 'after_review'] },
      canPayOnline: { type: 'boolean' },
      payAtCounter: {
        type: 'boolean',
        description: 'No online payment: the fee is paid as payOffline says (counter, or 定額小為替 by post)',
      },
      payOffline: { oneOf: [ref('LocalizedText'), { type: 'null' }], description: 'How to pay without online payment, while it is owed' },
    },
  },
  PaymentResult: {
    type: 'object',
    properties: {
      referenceNumber: { type: 'string' },
      procedureTitle: ref('LocalizedText'),
      amountYen: { type: 'integer' },
      attempt: { enum: ['open', 'pending', 'paid', 'failed', 'expired'] },
      paymentStatus: { type: ['string', 'null'] },
      paymentStatusLabel: { oneOf: [ref('LocalizedText'), { type: 'null' }] },
      canRetry: { type: 'boolean' },
    },
  },
  StatusResult: {
    type: 'object',
    required: ['referenceNumber', 'status', 'statusLabel'],
    properties: { referenceNumber: { type: 'string' }, status: { type: 'string' }, statusLabel: ref('LocalizedText') },
  },
};
