// `npm run bench:web`: the speed budget of the built site (issue: static hosting and speed).
// Serves dist/ with `vite preview` on 127.0.0.1, drives Debian's Chromium (or Playwright's) with
// fresh browser contexts, and prints the median of each figure over RUNS loads.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findBrowser } from './find-browser.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const PORT = 4318;
const BASE = `http://127.0.0.1:${PORT}/`;
const FIXTURES = 'fixtures/vectors/real';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gzipSize = (path) => gzipSync(readFileSync(path)).length;

function largestRealToken() {
  let best = '';
  for (const dir of readdirSync(FIXTURES)) {
    if (!existsSync(join(FIXTURES, dir, 'scenario.json'))) continue;
    for (const f of readdirSync(join(FIXTURES, dir)).filter((n) => n.endsWith('.b64'))) {
      const b64 = readFileSync(join(FIXTURES, dir, f), 'utf8').trim();
      if (b64.length > best.length) best = b64;
    }
  }
  return best;
}

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('vite preview did not start');
}

const server = spawn(
  'npx',
  ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
  {
    stdio: 'ignore',
    detached: true,
  },
);
try {
  await waitForServer();
  const browser = await chromium.launch({
    executablePath: await findBrowser(),
    args: CHROMIUM_ARGS,
  });
  const token = largestRealToken();
  const figures = {
    initialKb: [],
    fcp: [],
    diagram: [],
    paste: [],
    longTasks: [],
    longestTask: [],
  };
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({
      serviceWorkers: 'block',
      viewport: { width: 1280, height: 720 },
    });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__diagramAt = null;
      window.__longTasks = [];
      new PerformanceObserver((list) =>
        window.__longTasks.push(...list.getEntries().map((e) => e.duration)),
      ).observe({
        type: 'longtask',
        buffered: true,
      });
      new MutationObserver(() => {
        if (
          window.__diagramAt === null &&
          document.querySelector('[aria-label="Message sequence"] svg')
        ) {
          window.__diagramAt = performance.now();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(BASE, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__diagramAt !== null, null, { timeout: 20000 });
    const load = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const early = performance
        .getEntriesByType('resource')
        .filter((r) => r.startTime < fcp && /\.(js|css)$/.test(new URL(r.name).pathname))
        .map((r) => new URL(r.name).pathname);
      return { fcp, diagram: window.__diagramAt, early };
    });
    const initialBytes = load.early.reduce(
      (n, path) => n + gzipSize(join('dist', path.replace(/^\//, ''))),
      0,
    );
    figures.initialKb.push(initialBytes / 1024);
    figures.fcp.push(load.fcp);
    figures.diagram.push(load.diagram);

    // Play a scenario from start to end and collect main-thread tasks longer than 50 ms.
    await page.evaluate(() => (window.__longTasks = []));
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 60000 });
    const tasks = await page.evaluate(() => window.__longTasks);
    figures.longTasks.push(tasks.length);
    figures.longestTask.push(tasks.length ? Math.max(...tasks) : 0);

    // Paste the largest real token and time until its tree is on screen.
    await page
      .getByRole('tab', { name: /Decode/ })
      .or(page.getByRole('link', { name: /Decode/ }))
      .first()
      .click();
    const pasteMs = await page.evaluate(async (b64) => {
      const area = document.querySelector('textarea');
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
      const start = performance.now();
      setter.call(area, b64);
      area.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => {
        const check = () =>
          document.querySelector('[aria-label="Token inspector"] [role="treeitem"]')
            ? resolve()
            : requestAnimationFrame(check);
        check();
      });
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - start;
    }, token);
    figures.paste.push(pasteMs);
    await context.close();
  }
  await browser.close();
  const f = (xs, unit, digits = 0) => `${median(xs).toFixed(digits)} ${unit}`;
  console.log(`bench:web — median of ${RUNS} fresh loads of the built site on ${BASE}`);
  console.log(
    `  initial JS+CSS before first paint: ${f(figures.initialKb, 'KB gzip', 1)}   (budget 150)`,
  );
  console.log(`  first contentful paint:            ${f(figures.fcp, 'ms')}   (budget 300)`);
  console.log(`  first diagram visible:             ${f(figures.diagram, 'ms')}   (budget 700)`);
  console.log(
    `  paste → decoded view (${Math.round((token.length * 3) / 4)} B token): ${f(figures.paste, 'ms', 1)}   (budget 50)`,
  );
  console.log(
    `  main-thread tasks > 50 ms while playing: ${f(figures.longTasks, '')}(longest ${f(figures.longestTask, 'ms')})   (budget 0)`,
  );
} finally {
  process.kill(-server.pid);
}
