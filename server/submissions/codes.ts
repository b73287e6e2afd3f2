/**
 * Reference numbers and access codes. The access code is shown once and stored only as an
 * HMAC; when a resident's phone retries with the same Idempotency-Key, the code is derived
 * again from the key and the server secret, so the replayed answer carries the same code.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { newAccessCode, newReferenceNumber, parseAccessCode } from '../../shared/reference-number.ts';

export function referenceNumber(): string {
  return newReferenceNumber((n) => randomBytes(n));
}

/** Deterministic byte stream from HMAC(secret, label || counter). */
function hmacStream(secret: string, label: string): (n: number) => Uint8Array {
  let counter = 0;
  return (n) => {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < n) {
      const chunk = createHmac('sha256', secret).update(`${label}:${counter++}`).digest();
      chunks.push(chunk);
      total += chunk.length;
    }
    return Buffer.concat(chunks).subarray(0, n);
  };
}

export function accessCodeFor(secret: string, idempotencyKey: string | undefined): string {
  return idempotencyKey ? newAccessCode(hmacStream(secret, `access-code:${idempotencyKey}`)) : newAccessCode((n) => randomBytes(n));
}

export function accessCodeHash(secret: string, accessCode: string): string {
  return createHmac('sha256', secret)
    .update(`access-code-hash:${parseAccessCode(accessCode) ?? accessCode}`)
    .digest('hex');
}

export function idempotencyKeyHash(secret: string, key: string): string {
  return createHmac('sha256', secret).update(`idempotency-key:${key}`).digest('hex');
}
