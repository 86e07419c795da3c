/**
 * `npm run bench`: decode throughput over every fixture token (tokens/s, MB/s), the time for the
 * largest one, for a 50 MB paste, for a 5 MB paste of many tokens (one base64 token per line),
 * and Wireshark's rate on the same tokens (tshark -V over a pcap of them, minus its start-up),
 * when tshark is installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, decodeToken, extractTokens } from '../src/codec';
import { fromHex, toBase64 } from '../src/bytes';
import { allFixtureTokens, realTokens } from '../src/testing/fixtures';
import { negotiatePcap } from '../src/testing/pcap';

const tokens = allFixtureTokens().map((f) => f.bytes);
const totalBytes = tokens.reduce((n, t) => n + t.length, 0);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Warm up the JIT, then time whole passes over the fixtures.
for (let i = 0; i < 20; i++) for (const t of tokens) decodeToken(t);
const passes: number[] = [];
for (let round = 0; round < 15; round++) {
  const start = performance.now();
  for (let i = 0; i < 10; i++) for (const t of tokens) decodeToken(t);
  passes.push((performance.now() - start) / 10);
}
const perPass = median(passes);
const largest = tokens.reduce((a, b) => (b.length > a.length ? b : a));
const largestTimes: number[] = [];
for (let i = 0; i < 200; i++) {
  const start = performance.now();
  decodeToken(largest);
  largestTimes.push(performance.now() - start);
}

console.log(
  `decoder: ${tokens.length} fixture tokens, ${(totalBytes / 1024).toFixed(1)} KiB per pass`,
);
console.log(`  ${Math.round((tokens.length / perPass) * 1000).toLocaleString('en')} tokens/s`);
console.log(`  ${((totalBytes / 1e6 / perPass) * 1000).toFixed(1)} MB/s`);
console.log(
  `  largest token (${largest.length} bytes): ${(median(largestTimes) * 1000).toFixed(1)} µs median`,
);

// A huge paste: 50 MB of base64 (a NegTokenResp, then zeros) through decode(), from the text on,
// as the decode view would take it. (The tests only check that its tree does not grow with it.)
{
  const big = new Uint8Array(37_500_000);
  big.set(fromHex('a1153013a0030a0103a10c060a2b06010401823702020a'));
  const text = toBase64(big);
  const start = performance.now();
  decode(text);
  const ms = performance.now() - start;
  console.log(
    `  ${(text.length / 1e6).toFixed(0)} MB of base64 (${(big.length / 1e6).toFixed(1)} MB token): ${ms.toFixed(0)} ms, ${(text.length / 1e3 / ms).toFixed(1)} MB/s`,
  );
}

// A 5 MB multi-token paste: the real exchanges' tokens in base64, one per line, repeated to 5 MB,
// through extractTokens (finding them) and decode (finding and decoding them), as the decode view
// takes it. (Per-message tokens are left out: a list is split only where each piece starts like a
// context token, and an NTLM signature does not.)
{
  const lines = realTokens()
    .filter((t) => !t.perMessage)
    .map((t) => toBase64(t.bytes));
  const text: string[] = [];
  let size = 0;
  for (let i = 0; size < 5_000_000; i++) {
    const line = lines[i % lines.length];
    text.push(line);
    size += line.length + 1;
  }
  const paste = text.join('\n');
  let start = performance.now();
  const found = extractTokens(paste).tokens.length;
  const extractMs = performance.now() - start;
  start = performance.now();
  const decoded = decode(paste).tokens.length;
  const decodeMs = performance.now() - start;
  console.log(
    `  ${(paste.length / 1e6).toFixed(1)} MB paste of ${text.length.toLocaleString('en')} base64 tokens, one per line: extractTokens ${extractMs.toFixed(0)} ms (${found.toLocaleString('en')} tokens, ${(paste.length / 1e3 / extractMs).toFixed(1)} MB/s), decode ${decodeMs.toFixed(0)} ms (${decoded.toLocaleString('en')} tokens, ${(paste.length / 1e3 / decodeMs).toFixed(1)} MB/s, ${((decodeMs / decoded) * 1000).toFixed(0)} µs per token)`,
  );
}

try {
  execFileSync('tshark', ['--version'], { stdio: 'ignore' });
  const real = realTokens().filter((t) => !t.perMessage);
  const dir = mkdtempSync(join(tmpdir(), 'spnego-bench-'));
  const repeat = 40;
  const many = Array.from({ length: repeat }, () =>
    real.map((t) => ({ from: t.direction, token: t.bytes })),
  ).flat();
  const one = join(dir, 'one.pcap');
  const all = join(dir, 'all.pcap');
  writeFileSync(one, negotiatePcap(many.slice(0, 1)));
  writeFileSync(all, negotiatePcap(many, { perConnection: 1 }));
  const time = (file: string) => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      execFileSync('tshark', ['-r', file, '-V'], { stdio: 'ignore', maxBuffer: 1 << 30 });
      runs.push(performance.now() - start);
    }
    return median(runs);
  };
  const startup = time(one);
  const full = time(all);
  const rate = (many.length / Math.max(1, full - startup)) * 1000;
  console.log(
    `tshark -V: ${many.length} real tokens in ${(full - startup).toFixed(0)} ms after ${startup.toFixed(0)} ms start-up → ${Math.round(rate).toLocaleString('en')} tokens/s`,
  );
  rmSync(dir, { recursive: true, force: true });
} catch {
  console.log('tshark: not installed, no comparison (apt-get install tshark)');
}
