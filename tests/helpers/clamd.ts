/**
 * A real clamd for tests, with a signature database made here: one .ndb signature that finds the
 * EICAR test string anywhere in a stream, so no signatures are downloaded. clamd must be installed
 * (Debian's clamav-daemon; .ci/run installs it): without it this throws and the test fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, watch, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The EICAR anti-virus test file, assembled at run time so this source file is not itself flagged. */
export const EICAR = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');

const CLAMD = ['/usr/sbin/clamd', '/usr/bin/clamd'].find((p) => existsSync(p));

function ping(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.createConnection(socket);
    let answer = '';
    c.on('data', (d) => (answer += d.toString()));
    c.on('end', () => resolve(answer.startsWith('PONG')));
    c.on('error', () => resolve(false));
    c.on('connect', () => c.write('zPING\0'));
  });
}

export interface TestClamd {
  url: string;
  stop: () => Promise<void>;
}

export async function startClamd(timeoutMs = 60_000): Promise<TestClamd> {
  if (!CLAMD) throw new Error('clamd is not installed (apt-get install clamav-daemon): the attachment tests need a real scanner');
  const dir = mkdtempSync(path.join(tmpdir(), 'koganei-clamd-'));
  const db = path.join(dir, 'db');
  const socket = path.join(dir, 'clamd.sock');
  const hex = Buffer.from('EICAR-STANDARD-ANTIVIRUS-TEST-FILE').toString('hex');
  mkdirSync(db);
  mkdirSync(path.join(dir, 'tmp'));
  writeFileSync(path.join(db, 'test.ndb'), `Koganei.Test.EICAR:0:*:${hex}\n`);
  writeFileSync(
    path.join(dir, 'clamd.conf'),
    [
      `DatabaseDirectory ${db}`,
      `LocalSocket ${socket}`,
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      `TemporaryDirectory ${path.join(dir, 'tmp')}`,
      `LogFile ${path.join(dir, 'clamd.log')}`,
      'Foreground yes',
      'StreamMaxLength 25M',
      'User root',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(CLAMD, ['-c', path.join(dir, 'clamd.conf')], { stdio: 'ignore' });
  let exited = false;
  child.on('exit', () => (exited = true));
  // Ready when its socket answers PING: asked again whenever something changes in its folder.
  await new Promise<void>((resolve, reject) => {
    const watcher = watch(dir);
    const done = (error?: Error) => {
      watcher.close();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => done(new Error('clamd did not answer PING in time')), timeoutMs);
    child.once('exit', () => done(new Error(`clamd exited at start (see ${path.join(dir, 'clamd.log')})`)));
    const check = () => void ping(socket).then((ok) => ok && done());
    watcher.on('change', check);
    check();
  });
  return {
    url: `unix:${socket}`,
    stop: async () => {
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
