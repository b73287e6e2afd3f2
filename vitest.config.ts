import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests, API tests through HTTP against a real database, and
// browser journeys in Debian's Chromium (they need `npm run build` first).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'api', include: ['tests/api/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // Pages render after their fetches: on a busy two-core machine that takes seconds, not
          // the 1 s expect.poll waits by default. Waits are for conditions, never for fixed times.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
