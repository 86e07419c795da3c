// `npm run bench:web`: the speed budget of the built site (issue: static hosting and speed).
// Serves dist/ with `vite preview` on 127.0.0.1 under a sub-path, as a documentation site would
// host it, drives Debian's Chromium (or Playwright's) with a fresh browser context per load (empty
// cache, no service worker), and prints the median of each figure over RUNS loads, with the range.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findBrowser } from './find-browser.mjs';
import { CHROMIUM_ARGS } from './chromium-args.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const PORT = 4318;
const SUB_PATH = '/docs/spnego-lab/';
const BASE = `http://127.0.0.1:${PORT}${SUB_PATH}`;
const FIXTURES = 'fixtures/vectors/real';
/** Played from its first step to its last while long tasks are counted: six messages. */
const PLAYED = 'kerberos-to-ntlm-fallback';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gzipSize = (path) => gzipSync(readFileSync(path)).length;

/** What dist/sw.js precaches (build/offline-plugin.ts): its files and their total size. */
function precache() {
  const list = readFileSync('dist/sw.js', 'utf8').match(/^const ASSETS = (.*);$/m);
  const files = JSON.parse(list[1]).filter((url) => url !== './');
  const bytes = files.reduce((n, url) => n + readFileSync(join('dist', url)).length, 0);
  return { files: files.length, bytes };
}

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

/**
 * Marks, in the page's own clock: when the app itself has rendered (the scenario list: the first
 * paint is the static frame of index.html, painted before any script runs), when the first diagram
 * is in the page, every long task with its start, and when Play was clicked.
 */
function instrument() {
  window.__bench = { app: null, diagram: null, longTasks: [], playAt: null };
  const b = window.__bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      b.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    const now = performance.now();
    if (b.app === null && document.querySelector('#scenario, .embed-bar')) b.app = now;
    if (b.diagram === null && document.querySelector('[aria-label="Message sequence"] svg')) {
      b.diagram = now;
    }
  }).observe(document, { childList: true, subtree: true });
  // The click's own timestamp: only tasks starting after it count as "while playing".
  document.addEventListener(
    'click',
    (e) => {
      if (e.target instanceof Element && e.target.closest('button[aria-label="Play"]')) {
        b.playAt ??= performance.now();
      }
    },
    true,
  );
}

/** A fresh load of `url`: first paint, what was fetched before it, the app, the first diagram. */
async function load(browser, url) {
  const context = await browser.newContext({
    serviceWorkers: 'block',
    viewport: { width: 1280, height: 720 },
  });
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__bench.diagram !== null, null, { timeout: 20000 });
  const figures = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    const early = performance
      .getEntriesByType('resource')
      .filter((r) => r.startTime < fcp && /\.(js|css)$/.test(new URL(r.name).pathname))
      .map((r) => new URL(r.name).pathname);
    // The two things the first diagram waits for (marks set by the app).
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const { app, diagram } = window.__bench;
    return { fcp, app, diagram, run: mark('engine-run'), mermaid: mark('mermaid-ready'), early };
  });
  const initialBytes = figures.early.reduce(
    (n, path) => n + gzipSize(join('dist', path.slice(SUB_PATH.length))),
    0,
  );
  return { context, page, ...figures, initialKb: initialBytes / 1024 };
}

const server = spawn(
  'npx',
  [
    'vite',
    'preview',
    '--port',
    String(PORT),
    '--strictPort',
    '--host',
    '127.0.0.1',
    '--base',
    SUB_PATH,
  ],
  { stdio: 'ignore', detached: true },
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
    app: [],
    diagram: [],
    run: [],
    mermaid: [],
    paste: [],
    longTasks: [],
    longestTask: [],
    embedInitialKb: [],
    embedFcp: [],
    embedDiagram: [],
  };
  for (let run = 0; run < RUNS; run++) {
    const { context, page, ...first } = await load(browser, BASE);
    figures.initialKb.push(first.initialKb);
    figures.fcp.push(first.fcp);
    figures.app.push(first.app);
    figures.diagram.push(first.diagram);
    figures.run.push(first.run);
    figures.mermaid.push(first.mermaid);

    // Play a scenario from its first step to its last; count main-thread tasks over 50 ms that
    // start after the click on Play.
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption(PLAYED);
    await page.getByText('Step 1 of 6').waitFor();
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[aria-label="Message sequence"] line.message-line').length === 6,
    );
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByText('Step 6 of 6').waitFor({ timeout: 60000 });
    await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 60000 });
    // Long-task entries arrive after their task: one frame more.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const tasks = await page.evaluate(() => {
      const { longTasks, playAt } = window.__bench;
      if (playAt === null) throw new Error('the click on Play was not seen');
      return longTasks.filter((t) => t.start >= playAt).map((t) => t.duration);
    });
    figures.longTasks.push(tasks.length);
    figures.longestTask.push(tasks.length ? Math.max(...tasks) : 0);

    // Paste the largest real token and time until its tree is on screen.
    await page.getByRole('tab', { name: 'Decode' }).click();
    await page.getByRole('textbox', { name: 'Paste a token' }).waitFor();
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

    // The embedded view, as a documentation page's frame loads it.
    const embed = await load(browser, `${BASE}embed.html#view=simulate&scenario=${PLAYED}&step=3`);
    figures.embedInitialKb.push(embed.initialKb);
    figures.embedFcp.push(embed.fcp);
    figures.embedDiagram.push(embed.diagram);
    await embed.context.close();
  }
  await browser.close();
  const f = (xs, unit, digits = 0) =>
    `${median(xs).toFixed(digits)} ${unit} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
  console.log(`bench:web — median (range) of ${RUNS} fresh loads of the built site on ${BASE}`);
  console.log(
    `  initial JS+CSS before first paint:  ${f(figures.initialKb, 'KB gzip', 1)}   budget 150`,
  );
  console.log(`  first contentful paint:             ${f(figures.fcp, 'ms')}   budget 300`);
  console.log(`  app rendered (scenario list):       ${f(figures.app, 'ms')}`);
  console.log(`  first diagram visible:              ${f(figures.diagram, 'ms')}   budget 450`);
  console.log(`    the engine's first run received:  ${f(figures.run, 'ms')}`);
  console.log(`    mermaid ready to draw:            ${f(figures.mermaid, 'ms')}`);
  console.log(
    `  paste → decoded view (${Math.round((token.length * 3) / 4)} B token):  ${f(figures.paste, 'ms', 1)}   budget 50`,
  );
  console.log(
    `  tasks > 50 ms while playing ${PLAYED} (4×), from the click on Play: ${f(figures.longTasks, '')}; longest ${f(figures.longestTask, 'ms')}   budget 0`,
  );
  const cached = precache();
  console.log(
    `  offline precache (sw.js):           ${cached.files} files, ${cached.bytes} bytes   budget ${2 * 1024 * 1024}`,
  );
  console.log(
    `  embed.html: initial ${f(figures.embedInitialKb, 'KB gzip', 1)}, first paint ${f(figures.embedFcp, 'ms')}, first diagram ${f(figures.embedDiagram, 'ms')}`,
  );
} finally {
  process.kill(-server.pid);
}
