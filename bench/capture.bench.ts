/**
 * `npm run bench:capture`: listing the exchanges of a large capture. Generates a pcap of 10 000
 * HTTP Negotiate exchanges (≈ 100 MB; the real tokens of fixtures/vectors/real in the headers,
 * each connection padded to 10 KB by its 200 response's body, segments of at most 1460 bytes)
 * into a temporary file, then times, each in a fresh child process so its memory is its own:
 * `readCapture` on the whole file read into memory, and `CaptureReader` fed the file in 1 MB
 * chunks (as the browser's worker would stream it). Beside them, tshark's extraction of the same
 * headers (`-Y 'http.authorization || http.www_authenticate' -T fields …`) and whether both found
 * the same tokens. Then the analysis: listing and analysing every exchange (exchangesFromCapture,
 * then analyseExchange each without secrets, as the Decode view's list does) in a child process,
 * and the same in the browser's worker (the built site in headless Chromium, the file given to
 * its file picker, timed from the pick to the list's arrival; the browser's memory sampled from
 * /proc over its whole process tree; the page's longest task while it works). Figures only:
 * nothing here asserts a speed.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toBase64 } from '../src/bytes';
import { analyseExchange, exchangesFromCapture, exchangeSummary } from '../src/analysis';
import { NO_SECRETS } from '../src/analysis/types';
import { CaptureReader, readCapture, type CaptureResult } from '../src/codec/capture';
import { conversation, httpMessage, linkFrame, type Host } from '../src/testing/capture-writer';
import { realScenarios, realTokens } from '../src/testing/fixtures';

const EXCHANGES = 10_000;
const BYTES_PER_EXCHANGE = 10_000;
const CHUNK = 1 << 20;
const SEGMENT = 1460;
/** Per segment in the file: pcap record header, Ethernet, IPv4 (with options), TCP. */
const OVERHEAD = 16 + 14 + 24 + 20;

interface Analysed {
  readMs: number;
  listMs: number;
  analyseMs: number;
  exchanges: number;
  /** Outcomes of the exchanges, counted: e.g. established 8000, rejected 2000. */
  results: Record<string, number>;
  failures: number;
  firstFailure?: string;
  baseline: { rss: number; arrayBuffers: number };
  after: { rss: number; arrayBuffers: number };
  maxRss: number;
}

/** Child process: the capture read, listed and every exchange analysed (no secrets). */
function analyse(file: string): Analysed {
  const baseline = mem();
  let start = performance.now();
  const fd = openSync(file, 'r');
  const reader = new CaptureReader();
  for (;;) {
    const chunk = new Uint8Array(CHUNK);
    const n = readSync(fd, chunk, 0, CHUNK, null);
    if (n === 0) break;
    reader.push(n === CHUNK ? chunk : chunk.subarray(0, n));
  }
  closeSync(fd);
  const capture = reader.finish();
  const readMs = performance.now() - start;
  start = performance.now();
  const observed = exchangesFromCapture(capture);
  const listMs = performance.now() - start;
  start = performance.now();
  const results: Record<string, number> = {};
  let failures = 0;
  let firstFailure: string | undefined;
  for (const e of observed) {
    try {
      const summary = exchangeSummary(analyseExchange(e, NO_SECRETS));
      results[summary.result] = (results[summary.result] ?? 0) + 1;
    } catch (err) {
      failures++;
      firstFailure ??= err instanceof Error ? err.message : String(err);
    }
  }
  const analyseMs = performance.now() - start;
  return {
    readMs,
    listMs,
    analyseMs,
    exchanges: observed.length,
    results,
    failures,
    ...(firstFailure === undefined ? {} : { firstFailure }),
    baseline,
    after: mem(),
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
}

interface Measured {
  ms: number;
  exchanges: number;
  tokens: string[];
  packets: number;
  issues: number;
  baseline: { rss: number; arrayBuffers: number };
  after: { rss: number; arrayBuffers: number };
  /** Sampled after each chunk (streaming only). */
  sampledPeak?: { rss: number; arrayBuffers: number };
  /** getrusage's maximum resident set size of the child process. */
  maxRss: number;
  readFileMs?: number;
}

const mb = (n: number) => (n / 1e6).toFixed(1);
const mem = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, arrayBuffers: m.arrayBuffers };
};

function tokensOf(r: CaptureResult): string[] {
  return r.exchanges.flatMap((e) => e.steps.map((s) => toBase64(s.token)));
}

/** Child process: one measurement, printed as JSON. */
function measure(mode: string, file: string): Measured {
  const baseline = mem();
  if (mode === 'whole') {
    let start = performance.now();
    const buffer = readFileSync(file);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length); // no copy
    const readFileMs = performance.now() - start;
    start = performance.now();
    const r = readCapture(bytes);
    const ms = performance.now() - start;
    const after = mem();
    const maxRss = process.resourceUsage().maxRSS * 1024;
    return {
      ms,
      readFileMs,
      exchanges: r.exchanges.length,
      tokens: tokensOf(r),
      packets: r.packets,
      issues: r.issues.length,
      baseline,
      after,
      maxRss,
    };
  }
  const start = performance.now();
  const fd = openSync(file, 'r');
  const reader = new CaptureReader();
  const peak = { ...baseline };
  for (;;) {
    const chunk = new Uint8Array(CHUNK); // a fresh buffer each time, as File.slice() gives
    const n = readSync(fd, chunk, 0, CHUNK, null);
    if (n === 0) break;
    reader.push(n === CHUNK ? chunk : chunk.subarray(0, n));
    const m = mem();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
  }
  closeSync(fd);
  const r = reader.finish();
  const ms = performance.now() - start;
  const after = mem();
  const maxRss = process.resourceUsage().maxRSS * 1024;
  return {
    ms,
    exchanges: r.exchanges.length,
    tokens: tokensOf(r),
    packets: r.packets,
    issues: r.issues.length,
    baseline,
    after,
    sampledPeak: peak,
    maxRss,
  };
}

/** The HTTP messages of one exchange carrying a scenario's tokens, in order. */
function exchangeMessages(
  tokens: { from: 'initiator' | 'acceptor'; token: Uint8Array }[],
  body: string,
): { fromClient: boolean; bytes: Uint8Array }[] {
  const out: { fromClient: boolean; bytes: Uint8Array }[] = [];
  const header = (t: (typeof tokens)[number]) =>
    `${t.from === 'initiator' ? 'Authorization' : 'WWW-Authenticate'}: Negotiate ${toBase64(t.token)}`;
  let pending = false;
  if (tokens[0].from === 'initiator') {
    // The usual start: an anonymous request answered by a bare challenge (no token in it).
    out.push({ fromClient: true, bytes: httpMessage(true, null) });
    out.push({ fromClient: false, bytes: httpMessage(false, 'WWW-Authenticate: Negotiate') });
  }
  tokens.forEach((t, i) => {
    const last = i === tokens.length - 1;
    if (t.from === 'initiator') {
      out.push({ fromClient: true, bytes: httpMessage(true, header(t)) });
      pending = true;
      return;
    }
    if (!pending) out.push({ fromClient: true, bytes: httpMessage(true, null) });
    out.push({
      fromClient: false,
      bytes: httpMessage(false, header(t), last ? { status: 200, body } : {}),
    });
    pending = false;
  });
  if (pending)
    out.push({ fromClient: false, bytes: httpMessage(false, null, { status: 200, body }) });
  return out;
}

/** A classic pcap file header: little-endian, microseconds, Ethernet. */
function pcapHeader(): Uint8Array {
  const header = new DataView(new ArrayBuffer(24));
  header.setUint32(0, 0xa1b2c3d4, true);
  header.setUint16(4, 2, true);
  header.setUint16(6, 4, true);
  header.setUint32(16, 262144, true);
  header.setUint32(20, 1, true); // Ethernet
  return new Uint8Array(header.buffer);
}

/** Writes the capture, one connection at a time; returns how many tokens it holds. */
function generate(file: string): { tokens: number; bytes: number } {
  const scenarios = realScenarios()
    .map((id) =>
      realTokens(id)
        .filter((t) => !t.perMessage)
        .map((t) => ({ from: t.direction, token: t.bytes })),
    )
    .filter((s) => s.length > 0);
  const fd = openSync(file, 'w');
  let written = writeSync(fd, pcapHeader());
  let tokens = 0;
  let frame = 0;
  const packetsOf = (i: number, body: string) => {
    const server: Host = { address: [10, 0, 0, 1], port: 80 };
    const client: Host = {
      address: [10, 1, Math.floor(i / 250), (i % 250) + 1],
      port: 40000 + (i % 20000),
    };
    const messages = exchangeMessages(scenarios[i % scenarios.length], body);
    return conversation({ client, server, messages, segmentSize: SEGMENT });
  };
  // In the file, each IP packet gets a pcap record header and an Ethernet header.
  const sizeOf = (packets: Uint8Array[]) => packets.reduce((n, p) => n + 16 + 14 + p.length, 0);
  for (let i = 0; i < EXCHANGES; i++) {
    tokens += scenarios[i % scenarios.length].length;
    const bare = sizeOf(packetsOf(i, ''));
    const room = Math.max(0, BYTES_PER_EXCHANGE - bare);
    const body = 'x'.repeat(Math.floor((room * SEGMENT) / (SEGMENT + OVERHEAD)));
    const records: Uint8Array[] = [];
    for (const ip of packetsOf(i, body)) {
      const f = linkFrame('ethernet', ip);
      const r = new Uint8Array(16 + f.length);
      const dv = new DataView(r.buffer);
      const t = 1_795_600_000 * 1e6 + frame++ * 100;
      dv.setUint32(0, Math.floor(t / 1e6), true);
      dv.setUint32(4, t % 1e6, true);
      dv.setUint32(8, f.length, true);
      dv.setUint32(12, f.length, true);
      r.set(f, 16);
      records.push(r);
    }
    const all = new Uint8Array(records.reduce((n, r) => n + r.length, 0));
    let at = 0;
    for (const r of records) {
      all.set(r, at);
      at += r.length;
    }
    written += writeSync(fd, all);
  }
  closeSync(fd);
  return { tokens, bytes: written };
}

function child<T = Measured>(mode: string, file: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--measure', mode, file],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const out: Buffer[] = [];
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as T)
        : reject(new Error(`measurement '${mode}' exited with ${code}`)),
    );
  });
}

function tshark(file: string): Promise<{ ms: number; tokens: string[] }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const p = spawn(
      'tshark',
      [
        '-r',
        file,
        '-Y',
        'http.authorization || http.www_authenticate',
        '-T',
        'fields',
        '-e',
        'http.authorization',
        '-e',
        'http.www_authenticate',
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const out: Buffer[] = [];
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.on('error', reject);
    p.on('close', (code) => {
      const ms = performance.now() - start;
      if (code !== 0) return reject(new Error(`tshark exited with ${code}`));
      // Each field: "Negotiate <base64>" (a bare "Negotiate" carries no token); several
      // occurrences in one frame are comma-separated.
      const tokens = Buffer.concat(out)
        .toString('utf8')
        .split(/[\n\t,]/)
        .map((f) => /^\s*\w+\s+(\S+)\s*$/.exec(f)?.[1])
        .filter((t): t is string => t !== undefined);
      resolve({ ms, tokens });
    });
  });
}

function sameTokens(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((t, i) => t === y[i]);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spnego-bench-capture-'));
  const file = join(dir, 'negotiate.pcap');
  try {
    const start = performance.now();
    const generated = generate(file);
    const size = statSync(file).size;
    console.log(
      `capture: ${EXCHANGES.toLocaleString('en')} HTTP Negotiate exchanges, ${generated.tokens.toLocaleString('en')} real tokens, ${mb(size)} MB pcap (generated in ${((performance.now() - start) / 1000).toFixed(1)} s)`,
    );
    const report = (label: string, m: Measured) => {
      console.log(
        `${label}: ${m.ms.toFixed(0)} ms, ${((size / 1e6 / m.ms) * 1000).toFixed(1)} MB/s, ${m.exchanges.toLocaleString('en')} exchanges, ${m.tokens.length.toLocaleString('en')} tokens, ${m.packets.toLocaleString('en')} packets, ${m.issues} issues`,
      );
      console.log(
        `  memory: rss ${mb(m.baseline.rss)} → ${mb(m.after.rss)} MB, arrayBuffers ${mb(m.baseline.arrayBuffers)} → ${mb(m.after.arrayBuffers)} MB (before → after), peak rss ${mb(m.maxRss)} MB (getrusage, whole process incl. Node/tsx ≈ ${mb(m.baseline.rss)} MB at start)` +
          (m.sampledPeak
            ? `; peak sampled after each chunk: rss ${mb(m.sampledPeak.rss)} MB, arrayBuffers ${mb(m.sampledPeak.arrayBuffers)} MB`
            : ''),
      );
    };
    const whole = await child('whole', file);
    report(
      `readCapture (whole file in memory; reading it took ${whole.readFileMs?.toFixed(0)} ms, not counted)`,
      whole,
    );
    const streamed = await child('stream', file);
    report('CaptureReader (1 MB chunks read from the file, reading counted)', streamed);
    console.log(
      `  both readers found the same tokens: ${sameTokens(whole.tokens, streamed.tokens) ? 'yes' : 'NO'}; as many as written: ${whole.tokens.length === generated.tokens ? 'yes' : 'NO'}`,
    );
    let haveTshark = true;
    let tsharkMs: number | null = null;
    try {
      execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    } catch {
      haveTshark = false;
      console.log('tshark: not installed, no comparison (apt-get install tshark)');
    }
    if (haveTshark) {
      const empty = join(dir, 'empty.pcap');
      writeFileSync(empty, pcapHeader());
      const startup = (await tshark(empty)).ms;
      const t = await tshark(file);
      tsharkMs = t.ms;
      console.log(
        `tshark -Y 'http.authorization || http.www_authenticate' -T fields: ${t.ms.toFixed(0)} ms, ${((size / 1e6 / t.ms) * 1000).toFixed(1)} MB/s, ${t.tokens.length.toLocaleString('en')} tokens (start-up included: ${startup.toFixed(0)} ms on an empty pcap)`,
      );
      console.log(
        `  same tokens as readCapture: ${sameTokens(t.tokens, whole.tokens) ? 'yes' : 'NO'} (${t.tokens.length.toLocaleString('en')} vs ${whole.tokens.length.toLocaleString('en')}); readCapture / tshark time: ${(whole.ms / t.ms).toFixed(2)}, CaptureReader / tshark: ${(streamed.ms / t.ms).toFixed(2)}`,
      );
    }
    const analysed = await child<Analysed>('analyse', file);
    const total = analysed.readMs + analysed.listMs + analysed.analyseMs;
    console.log(
      `analysis in the CLI process: ${total.toFixed(0)} ms for ${analysed.exchanges.toLocaleString('en')} exchanges (read ${analysed.readMs.toFixed(0)} ms, exchangesFromCapture ${analysed.listMs.toFixed(0)} ms, analyseExchange × ${analysed.exchanges.toLocaleString('en')} ${analysed.analyseMs.toFixed(0)} ms = ${((analysed.analyseMs * 1000) / Math.max(1, analysed.exchanges)).toFixed(0)} µs each); outcomes ${JSON.stringify(analysed.results)}` +
        (analysed.failures ? `; ${analysed.failures} threw (first: ${analysed.firstFailure})` : ''),
    );
    console.log(
      `  memory: rss ${mb(analysed.baseline.rss)} → ${mb(analysed.after.rss)} MB, peak rss ${mb(analysed.maxRss)} MB = ${(analysed.maxRss / size).toFixed(2)} × the file (whole process)`,
    );
    if (tsharkMs !== null)
      console.log(
        `  read + list + analyse / tshark's extraction: ${(total / tsharkMs).toFixed(2)}`,
      );
    try {
      const web = await inBrowser(dir, file);
      console.log(
        `analysis in the browser's worker: ${web.ms.toFixed(0)} ms from the file picked to the list's arrival ("${web.listed}": read in 1 MB chunks, listed, each exchange analysed); outcomes on the list's first page ${JSON.stringify(web.outcomes)}; ${web.progress} progress updates shown; the page's longest task meanwhile ${web.longestTask.toFixed(0)} ms`,
      );
      console.log(
        `  memory: the browser's processes ${mb(web.baseRss)} MB before, peak ${mb(web.peakRss)} MB (+${mb(web.peakRss - web.baseRss)} MB = ${((web.peakRss - web.baseRss) / size).toFixed(2)} × the file), sampled every 100 ms over the process tree`,
      );
      if (tsharkMs !== null)
        console.log(`  browser worker / tshark's extraction: ${(web.ms / tsharkMs).toFixed(2)}`);
    } catch (err) {
      console.log(
        `analysis in the browser's worker: not measured (${err instanceof Error ? err.message : String(err)})`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Resident memory of a process and all its descendants (Linux /proc), in bytes. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0;
  const visit = (pid: number) => {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += rss ? Number(rss[1]) * 1024 : 0;
    } catch {
      // Ended meanwhile.
    }
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(root);
  return total;
}

/**
 * The built site in headless Chromium: the capture given to the Decode view's file picker, timed
 * (in the page's clock) from the pick to the exchange list's arrival from the worker.
 */
async function inBrowser(
  dir: string,
  file: string,
): Promise<{
  ms: number;
  listed: string;
  outcomes: Record<string, number>;
  progress: number;
  longestTask: number;
  baseRss: number;
  peakRss: number;
}> {
  const site = join(dir, 'site');
  execFileSync('npx', ['vite', 'build', '--outDir', site, '--emptyOutDir', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  // Plain JavaScript modules of the project's scripts (no type declarations needed here).
  const scripts = '../scripts/';
  const { findBrowser } = (await import(`${scripts}find-browser.mjs`)) as {
    findBrowser(): Promise<string>;
  };
  const { serveStatic } = await import('../e2e/static-server');
  const { CHROMIUM_ARGS } = await import('../scripts/chromium-args.mjs');
  const { chromium } = await import('@playwright/test');
  const server = await serveStatic(site, '/', { record: false });
  const browserServer = await chromium.launchServer({
    executablePath: await findBrowser(),
    args: CHROMIUM_ARGS,
  });
  try {
    const browser = await chromium.connect(browserServer.wsEndpoint());
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { longestTask: number };
      w.longestTask = 0;
      // Progress updates shown: each change of the progress bar's text.
      const counted = window as unknown as { progressUpdates: number };
      counted.progressUpdates = 0;
      new MutationObserver((records) => {
        counted.progressUpdates += records.length;
      }).observe(document, {
        attributes: true,
        attributeFilter: ['aria-valuetext'],
        subtree: true,
      });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longestTask = Math.max(w.longestTask, e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.goto(`${server.url}#view=decode`);
    await page.getByLabel('Open a file or capture').waitFor();
    const pid = browserServer.process().pid!;
    const baseRss = treeRss(pid);
    let peakRss = baseRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(pid))), 100);
    const status = page.getByRole('region', { name: 'Capture' }).getByRole('status');
    try {
      await page.evaluate(() => {
        const w = window as unknown as { longestTask: number };
        w.longestTask = 0;
      });
      await page.getByLabel('Open a file or capture').setInputFiles(file);
      await status.filter({ hasText: /exchanges?\.|no HTTP/ }).waitFor({ timeout: 600_000 });
    } finally {
      clearInterval(sampler);
    }
    const { ms, longestTask, progress } = await page.evaluate(() => {
      const open = performance.getEntriesByName('capture-open')[0].startTime;
      const listed = performance.getEntriesByName('capture-listed')[0].startTime;
      return {
        ms: listed - open,
        longestTask: (window as unknown as { longestTask: number }).longestTask,
        progress: (window as unknown as { progressUpdates: number }).progressUpdates,
      };
    });
    const listed = ((await status.textContent()) ?? '').trim();
    // The first page of the list: each row's outcome, and whether any analysis failed.
    const outcomes: Record<string, number> = {};
    for (const cell of await page.locator('.exchange-list .outcome').all()) {
      const result = (await cell.textContent()) ?? '';
      const failed = ((await cell.getAttribute('title')) ?? '').startsWith('The analysis failed');
      const key = failed ? 'analysis failed' : result;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
    await browser.close();
    return { ms, listed, outcomes, progress, longestTask, baseRss, peakRss };
  } finally {
    await browserServer.close();
    await server.close();
  }
}

const at = process.argv.indexOf('--measure');
if (at >= 0) {
  const [mode, file] = [process.argv[at + 1], process.argv[at + 2]];
  process.stdout.write(JSON.stringify(mode === 'analyse' ? analyse(file) : measure(mode, file)));
} else {
  await main();
}
