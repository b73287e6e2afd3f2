/**
 * Several real server processes (server/main.ts) on one database behind Debian's nginx as the
 * load balancer (round robin, X-Forwarded-For), for the scale-out test and bench/scale.
 * nginx runs unprivileged from a temp folder (pid and temp paths there); stopped with QUIT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './ports.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Thrown by a check to stop waiting at once. */
export class GiveUp extends Error {}

/** Resolves when `check` returns true (polled; other errors count as not yet), or rejects after timeoutMs. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
    const done = await check().catch((e: unknown) => {
      if (e instanceof GiveUp) throw e;
      return false;
    });
    if (done) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    // The interval between two looks at the condition (it grows to 250 ms); the wait itself ends on the condition.
    await sleep(wait);
  }
}

export interface AppProcess {
  id: string;
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** What the process wrote to stderr (start-up problems). */
  stderr: () => string;
}

/** One server/main.ts process; resolves once its /readyz answers 200 (or `ready: 'healthz'` for a bare script). */
export async function startApp(
  env: Record<string, string>,
  options: { script?: string; id?: string; readyPath?: string; timeoutMs?: number } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const id = options.id ?? `app-${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', options.script ?? path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1', SERVER_ID: id },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => {
    err = (err + c.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  await until(
    async () => {
      if (gone) throw new GiveUp(`${id} exited during start-up`);
      return (await fetch(`http://127.0.0.1:${port}${options.readyPath ?? '/readyz'}`)).status === 200;
    },
    options.timeoutMs ?? 60_000,
    `${id} to be ready`,
  ).catch((e: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${err}`);
  });
  return { id, port, child, exited, stderr: () => err };
}

export interface Balancer {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** nginx round robin over the given ports, passing X-Forwarded-For; a refused connection goes to the next server. */
export async function startBalancer(ports: number[]): Promise<Balancer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'koganei-nginx-'));
  for (const t of ['client', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, t));
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream app {
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 1m;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
    }
  }
}
`,
  );
  const child = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await until(
    async () => {
      if (child.exitCode !== null) throw new GiveUp(`nginx exited: ${err}`);
      await fetch(`http://127.0.0.1:${port}/healthz`);
      return true;
    },
    20_000,
    'nginx to listen',
  );
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: async () => {
      child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stops a server with SIGTERM and waits for it to exit (graceful shutdown). */
export async function stopApp(app: AppProcess): Promise<number | null> {
  if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGTERM');
  return app.exited;
}
