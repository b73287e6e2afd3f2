/**
 * bench/uploads — photo uploads per second through the real application (multipart to disk, type
 * from the bytes, clamd scan, sharp re-encode without EXIF, chunks into the database), and the
 * server's peak memory, for 1 MB and 10 MB JPEG photos; against a bare Express route that receives
 * the same multipart bytes with busboy and discards them. Same client, same concurrency, same
 * photos, in this run; each server in its own process (peak memory = its VmHWM).
 *
 *   npm run bench:uploads                       # SQLite
 *   DATABASE_URL=postgres://... npm run bench:uploads
 *   BENCH_UPLOADS=40 BENCH_CONCURRENCY=4 npm run bench:uploads
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { startClamd, type TestClamd } from '../../tests/helpers/clamd.ts';

const N = Number(process.env.BENCH_UPLOADS ?? 30);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const here = import.meta.dirname;

/** A noisy JPEG (noise does not compress) of about `target` bytes. */
async function photo(target: number): Promise<Buffer> {
  let side = Math.round(Math.sqrt(target / 1.2));
  for (let i = 0; i < 4; i += 1) {
    const pixels = Buffer.alloc(side * side * 3);
    for (let p = 0; p < pixels.length; p += 1) pixels[p] = (Math.imul(p, 2654435761) >>> 24) ^ (p % 251);
    const jpeg = await sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
      .jpeg({ quality: 92 })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 59/1' } })
      .toBuffer();
    if (Math.abs(jpeg.length - target) / target < 0.08) return jpeg;
    side = Math.round(side * Math.sqrt(target / jpeg.length));
  }
  throw new Error('could not make a photo of that size');
}

function start(script: string, env: Record<string, string | undefined>): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, script), {
      env: { ...process.env, ...env },
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', (m: { port: number }) => resolve({ child, port: m.port }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

const peakMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function uploads(port: number, bytes: Buffer, count: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next += 1;
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'IMG_0001.JPG');
        const token = `bench_${crypto.randomUUID().replaceAll('-', '')}`;
        const res = await fetch(`http://127.0.0.1:${port}/api/procedures/hisai-01/attachments?field=/damage/photos`, {
          method: 'POST',
          headers: { 'X-Draft-Token': token },
          body: form,
        });
        if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

async function measure(name: string, script: string, bytes: Buffer, env: Record<string, string | undefined>) {
  const server = await start(script, env);
  const atStart = peakMb(server.child.pid!);
  await uploads(server.port, bytes, Math.min(4, N)); // warm-up
  const perSecond = await uploads(server.port, bytes, N);
  const peak = peakMb(server.child.pid!);
  if (script === 'app-server.ts') {
    server.child.send('exit');
    await new Promise((resolve) => server.child.once('exit', resolve));
  } else server.child.kill();
  console.log(
    `${name.padEnd(34)} ${perSecond.toFixed(1).padStart(7)} uploads/s   peak RSS ${peak.toFixed(0).padStart(5)} MB (${atStart.toFixed(0)} MB when it started listening)`,
  );
  return { perSecond, peak, atStart };
}

let clamd: TestClamd | null = null;
try {
  clamd = await startClamd();
} catch (error) {
  console.log(`(no clamd: ${(error as Error).message}; the app runs with ATTACHMENT_SCAN=off)`);
}
const appEnv = { CLAMD_URL: clamd?.url, ATTACHMENT_SCAN: clamd ? 'on' : 'off' };
console.log(
  `bench:uploads — ${N} uploads per run, ${CONCURRENCY} at a time, ${cpus().length} cores, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, clamd ${clamd ? 'on' : 'off'}`,
);
try {
  for (const [label, target] of [
    ['1 MB', 1_000_000],
    ['10 MB', 9_800_000],
  ] as const) {
    const bytes = await photo(target);
    const bare = await measure(`bare multipart route, ${label} (${(bytes.length / 1e6).toFixed(1)} MB)`, 'bare-server.ts', bytes, {});
    const app = await measure(`app, ${label}`, 'app-server.ts', bytes, appEnv);
    const bareAgain = await measure(`bare multipart route, ${label} (again)`, 'bare-server.ts', bytes, {});
    const baseline = (bare.perSecond + bareAgain.perSecond) / 2;
    console.log(
      `  ${label}: app / bare = ${(app.perSecond / baseline).toFixed(3)} (baseline ${baseline.toFixed(1)}/s, spread ${bare.perSecond.toFixed(1)}–${bareAgain.perSecond.toFixed(1)}); peak memory app ${app.peak.toFixed(0)} MB vs bare ${Math.max(bare.peak, bareAgain.peak).toFixed(0)} MB`,
    );
  }
} finally {
  await clamd?.stop();
}
