/**
 * Malware scanning with ClamAV's clamd, over its INSTREAM command (a Unix socket or TCP): the
 * file is streamed in chunks, each prefixed with its length, then a zero length; clamd answers
 * `stream: OK` or `stream: <signature> FOUND`. Anything else (an error line, no answer, a time-out,
 * a closed connection) is a failure, never a pass. `Scanner` is the interface a city can put
 * another engine behind; without one (ATTACHMENT_SCAN=off, the demo) files are marked 未検査.
 */
import { createReadStream } from 'node:fs';
import net from 'node:net';

export type ScanResult = { status: 'clean' } | { status: 'infected'; signature: string } | { status: 'not_scanned' };

export interface Scanner {
  /** False when files are stored unscanned (staff see 未検査). */
  readonly enabled: boolean;
  scanFile(path: string): Promise<ScanResult>;
  /** Resolves when the scanner answers (start-up refuses to run without it). */
  ping(): Promise<void>;
}

export class ScanError extends Error {}

export const noScanner: Scanner = {
  enabled: false,
  scanFile: () => Promise.resolve({ status: 'not_scanned' }),
  ping: () => Promise.resolve(),
};

/** `unix:/run/clamav/clamd.ctl` or `tcp://127.0.0.1:3310`. */
export type ClamdAddress = { path: string } | { host: string; port: number };

export function parseClamdUrl(url: string): ClamdAddress {
  if (url.startsWith('unix:')) return { path: url.slice('unix:'.length).replace(/^\/\/(?=\/)/u, '') };
  const parsed = new URL(url);
  if (parsed.protocol !== 'tcp:' || !parsed.hostname || !parsed.port)
    throw new Error(`CLAMD_URL must be unix:/path or tcp://host:port, not ${url}`);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

const CHUNK = 64 * 1024;

export class ClamdScanner implements Scanner {
  readonly enabled = true;

  constructor(
    private readonly address: ClamdAddress,
    private readonly timeoutMs = 30_000,
  ) {}

  /** One command on a fresh connection; resolves with clamd's answer (without the trailing NUL). */
  private exchange(write: (socket: net.Socket) => Promise<void>): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection(this.address);
      const chunks: Buffer[] = [];
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        reject(new ScanError(`clamd: ${error.message}`));
      };
      socket.setTimeout(this.timeoutMs, () => fail(new Error('timed out')));
      socket.on('error', fail);
      socket.on('data', (data: Buffer) => chunks.push(data));
      socket.on('end', () => {
        if (settled) return;
        settled = true;
        socket.destroy();
        resolve(Buffer.concat(chunks).toString('utf8').replace(/\0+$/u, '').trim());
      });
      socket.on('connect', () => {
        write(socket).catch((error: unknown) => fail(error as Error));
      });
    });
  }

  async ping(): Promise<void> {
    const answer = await this.exchange(async (socket) => {
      socket.write('zPING\0');
    });
    if (answer !== 'PONG') throw new ScanError(`clamd answered ${JSON.stringify(answer.slice(0, 80))} to PING`);
  }

  async scanFile(path: string): Promise<ScanResult> {
    const answer = await this.exchange(async (socket) => {
      socket.write('zINSTREAM\0');
      for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
        const size = Buffer.alloc(4);
        size.writeUInt32BE(chunk.length);
        const flushed = socket.write(Buffer.concat([size, chunk]));
        if (!flushed) await new Promise<void>((resolve) => socket.once('drain', resolve));
      }
      socket.write(Buffer.alloc(4)); // zero length: end of stream
    });
    if (answer === 'stream: OK') return { status: 'clean' };
    const found = /^stream: (.+) FOUND$/u.exec(answer);
    if (found) return { status: 'infected', signature: found[1]! };
    throw new ScanError(`clamd did not scan the file: ${answer.slice(0, 120)}`);
  }
}
