/**
 * Background work behind one interface (decision 0016). Every periodic job (mail sending, payment
 * reconciliation, housekeeping, audit chaining) is declared once with its period and retry rule;
 * on PostgreSQL pg-boss runs it once per period across every server and keeps failures for the
 * admin, on SQLite (one process) the in-process runner below runs the same job code.
 */
import type { Logger } from 'pino';

export interface JobDefinition {
  /** Queue name: letters, digits, hyphens. */
  name: string;
  /** How often it runs, across all servers. */
  everySeconds: number;
  /** Retries after a failure (with exponential back-off from retryDelaySeconds) before the job counts as failed. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** Longest one run may take before it counts as failed. */
  expireSeconds: number;
  run: () => Promise<unknown>;
}

export interface FailedJob {
  id: string;
  name: string;
  /** Attempts made (the first run + retries). */
  attempts: number;
  failedAt: string;
  /** The error's message (job errors never quote personal data: they are ours, see logger.safeError). */
  error: string;
}

export interface JobRunner {
  readonly kind: 'pg-boss' | 'in-process';
  register(job: JobDefinition): void;
  start(): Promise<void>;
  /** Stops taking jobs and waits (up to timeoutMs) for the runs in progress. */
  stop(timeoutMs?: number): Promise<void>;
  running(): boolean;
  failed(limit?: number): Promise<FailedJob[]>;
}

export function errorText(err: unknown): string {
  return (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 500);
}

/** SQLite's runner: a timer per job in this process, retries with back-off, failures kept in memory. */
export class InProcessRunner implements JobRunner {
  readonly kind = 'in-process' as const;
  private readonly jobs: JobDefinition[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly failures: FailedJob[] = [];
  private started = false;
  private sequence = 0;

  constructor(private readonly logger: Logger) {}

  register(job: JobDefinition): void {
    this.jobs.push(job);
  }

  /** One run with its retries, as pg-boss would do it: delay * 2^(retry - 1) between attempts. */
  async runOnce(job: JobDefinition): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await job.run();
        return;
      } catch (err) {
        if (attempt > job.retryLimit || !this.started) {
          this.sequence += 1;
          this.failures.unshift({
            id: `in-process-${this.sequence}`,
            name: job.name,
            attempts: attempt,
            failedAt: new Date().toISOString(),
            error: errorText(err),
          });
          this.failures.length = Math.min(this.failures.length, 100);
          this.logger.warn({ err, job: job.name, attempts: attempt }, 'job failed');
          return;
        }
        this.logger.warn({ err, job: job.name, attempt }, 'job failed; will retry');
        await new Promise((resolve) => {
          const t = setTimeout(resolve, job.retryDelaySeconds * 1000 * 2 ** (attempt - 1));
          t.unref();
        });
      }
    }
  }

  async start(): Promise<void> {
    this.started = true;
    for (const job of this.jobs) {
      let busy = false;
      const tick = () => {
        if (busy || !this.started) return;
        busy = true;
        const p = this.runOnce(job).finally(() => {
          busy = false;
          this.inFlight.delete(p);
        });
        this.inFlight.add(p);
      };
      const timer = setInterval(tick, job.everySeconds * 1000);
      timer.unref();
      this.timers.push(timer);
      tick();
    }
  }

  async stop(timeoutMs = 30_000): Promise<void> {
    this.started = false;
    for (const t of this.timers.splice(0)) clearInterval(t);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  running(): boolean {
    return this.started;
  }

  async failed(limit = 50): Promise<FailedJob[]> {
    return this.failures.slice(0, limit);
  }
}
