// `npm run test:e2e [-- PLAYWRIGHT ARGS]`: the browser tests, against a site and a server of this
// run's own.
//  1. Builds the site once, into a fresh temporary directory rather than dist/, so that no other
//     build (`npm run build`, `bench:web`, another run of the tests) can replace files under them.
//  2. Serves that directory from this very process (e2e/static-server.ts: Node's http, nothing
//     else) on a free port of 127.0.0.1. The server lives exactly as long as the run: no other run
//     can reuse it or stop it, and it is up before the first test and down after the last.
//  3. Runs Playwright with Debian's Chromium (or Playwright's own) against it: E2E_BASE_URL is the
//     server, E2E_DIST the build (the sub-path test serves it again under a folder of its own).
// `--serve PORT` does 1 and 2 only, on that port, until stopped: playwright.config.ts's webServer
// runs it when Playwright is started directly (`npx playwright test`).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { findBrowser } from './find-browser.mjs';

/** The command running now, which a TERM sent to this script alone is passed on to. */
let current = null;
process.on('SIGTERM', () => current?.kill('SIGTERM'));
// Ctrl-C reaches the command too (same process group): this script waits for it to end, then
// cleans up.
process.on('SIGINT', () => {});

/** Runs a command to its end; resolves with its exit code. */
function run(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    current = child;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function build(dir) {
  console.log(`e2e: building the site into ${dir}`);
  const code = await run('npx', [
    'vite',
    'build',
    '--outDir',
    dir,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
  if (code !== 0) throw new Error(`vite build failed (exit ${code})`);
}

async function serve(dir, port) {
  const { serveStatic } = await tsImport('../e2e/static-server.ts', import.meta.url);
  return serveStatic(dir, '/', { port, record: false });
}

const [mode, portArg] = process.argv.slice(2);
if (mode === '--serve') {
  const dir = process.env.E2E_DIST;
  if (!dir) throw new Error('--serve needs E2E_DIST (set by playwright.config.ts)');
  mkdirSync(dir, { recursive: true });
  await build(dir);
  const site = await serve(dir, Number(portArg));
  console.log(`e2e: serving ${dir} at ${site.url}`);
  const stop = async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const browser = await findBrowser();
  const dir = mkdtempSync(join(tmpdir(), 'spnego-lab-e2e-'));
  let status = 1;
  try {
    await build(dir);
    const site = await serve(dir, 0);
    try {
      status = await run('npx', ['playwright', 'test', ...process.argv.slice(2)], {
        ...process.env,
        PW_CHROMIUM_PATH: browser,
        E2E_BASE_URL: site.url,
        E2E_DIST: dir,
      });
    } finally {
      await site.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(status);
}
