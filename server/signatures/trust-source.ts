/**
 * The configured trust store, kept current: the city replaces its CRL files (and, rarely, the CA
 * bundle) as J-LIS publishes them; the files are re-read when one of them changes (looked at whenever
 * a signature is verified: a few stat calls). An unreadable file keeps the last good store,
 * whose CRLs then grow stale and stop signed filing (verify.ts) rather than accept unchecked.
 */
import { stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import { loadTrustStore, type TrustFiles, type TrustStore } from './trust.ts';

export class TrustSource {
  private store: TrustStore | null = null;
  private stamp = '';
  private loading: Promise<TrustStore | null> | null = null;

  constructor(
    private readonly files: TrustFiles,
    private readonly logger: Logger,
  ) {}

  /** The current store, or null when the files have never been readable. */
  async current(): Promise<TrustStore | null> {
    this.loading ??= this.refresh().finally(() => (this.loading = null));
    return this.loading;
  }

  private paths(): string[] {
    return [this.files.anchors, ...(this.files.intermediates ? [this.files.intermediates] : []), ...this.files.crls];
  }

  private async refresh(): Promise<TrustStore | null> {
    try {
      const stamps = await Promise.all(
        this.paths().map(async (p) => {
          const { mtimeMs, size } = await stat(p);
          return `${p}:${mtimeMs}:${size}`;
        }),
      );
      const stamp = stamps.join('|');
      if (this.store && stamp === this.stamp) return this.store;
      const store = await loadTrustStore(this.files);
      for (const problem of store.problems) this.logger.warn({ problem }, 'signature trust store');
      this.store = store;
      this.stamp = stamp;
      this.logger.info({ anchors: store.anchors.length, crls: store.crls.length }, 'signature trust store loaded');
    } catch (err) {
      this.logger.error({ err }, 'signature trust files unreadable: keeping the last good ones');
    }
    return this.store;
  }
}
