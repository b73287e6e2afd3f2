/**
 * Where attachment bytes live. `AttachmentStore` is the interface an object store could
 * implement later; `DatabaseStore` keeps them in the database in fixed-size chunks, written in the
 * caller's transaction and read back one chunk at a time, so no file is ever held whole in memory
 * by the store.
 */
import type { Knex } from 'knex';

export interface AttachmentStore {
  /** Stores the bytes under the id, in the caller's transaction. */
  write(trx: Knex.Transaction, id: string, source: AsyncIterable<Buffer>): Promise<void>;
  /** The bytes, chunk by chunk. */
  read(id: string): AsyncIterable<Buffer>;
}

export const CHUNK_BYTES = 256 * 1024;

/** Re-cuts a stream of buffers into pieces of exactly `size` bytes (the last may be shorter). */
export async function* rechunk(source: AsyncIterable<Buffer>, size: number): AsyncIterable<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const piece of source) {
    let rest = piece;
    // Cut whole chunks straight out of the piece (no copy), keep the remainder for the next one.
    while (length + rest.length >= size) {
      const take = size - length;
      yield length === 0 ? rest.subarray(0, take) : Buffer.concat([...pending, rest.subarray(0, take)], size);
      rest = rest.subarray(take);
      pending = [];
      length = 0;
    }
    if (rest.length > 0) {
      pending.push(rest);
      length += rest.length;
    }
  }
  if (length > 0) yield Buffer.concat(pending, length);
}

export class DatabaseStore implements AttachmentStore {
  constructor(private readonly db: Knex) {}

  async write(trx: Knex.Transaction, id: string, source: AsyncIterable<Buffer>): Promise<void> {
    let seq = 0;
    for await (const chunk of rechunk(source, CHUNK_BYTES)) {
      await trx('attachment_chunks').insert({ attachment_id: id, seq, data: chunk });
      seq += 1;
    }
  }

  async *read(id: string): AsyncIterable<Buffer> {
    for (let seq = 0; ; seq += 1) {
      const row = (await this.db('attachment_chunks').select('data').where({ attachment_id: id, seq }).first()) as
        { data: Buffer | Uint8Array } | undefined;
      if (!row) return;
      yield Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data);
    }
  }
}
