import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './scripts/chromium-args.mjs';

/**
 * The browser tests wait for states, never for time: no sleeps, no short timeouts on what depends
 * on the machine's speed, no time budgets (those are `npm run bench:web`'s), no retries. The
 * timeouts below are only how long a test may hang before it is reported; they are generous
 * because the machine may be busy (2 cores shared with other test runs).
 *
 * `npm run test:e2e` (scripts/e2e.mjs) builds the site into a directory of the run's own, serves
 * it from its own process on a free port and passes both here (E2E_BASE_URL, E2E_DIST): a server
 * that no other run can reuse or stop. Started directly (`npx playwright test`), Playwright runs
 * the same script as its web server on PORT instead, never reusing one already there.
 */
const PORT = 4173;
const external = process.env.E2E_BASE_URL;
// Set here so that the web server and every test worker (which load this file too) agree.
process.env.E2E_DIST ??= join(tmpdir(), `spnego-lab-e2e-${PORT}`);

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  retries: 0,
  fullyParallel: false,
  // One worker per core of a small CI machine: each test has its own browser context and the
  // static server is shared read-only, so two files can run side by side.
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: external ?? `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 720 },
    // The app's transitions and arrow animation off (it honours the setting): what a test reads,
    // screenshots and axe-core's contrast checks included, is the final state, not a frame of a fade.
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: process.env.PW_CHROMIUM_PATH || undefined,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: external
    ? undefined
    : {
        command: `node scripts/e2e.mjs --serve ${PORT}`,
        url: `http://127.0.0.1:${PORT}/`,
        reuseExistingServer: false,
        timeout: 300_000,
        // TERM, not Playwright's default KILL: the script removes its build directory on the way out.
        gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      },
});
