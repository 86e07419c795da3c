import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

const SW = 'sw.js';

/**
 * Files of `dist/` the app never loads, left out of the precache: the embedding example (a page
 * for documentation hosts, `public/embed-example.*`) and the READMEs beside the samples.
 */
const NOT_PRECACHED = [/^embed-example\./, /(^|\/)README\.md$/];

/** What the precache may weigh (README, Offline): printed, and warned about when exceeded. */
export const PRECACHE_BUDGET = 2 * 1024 * 1024;

/**
 * Writes `sw.js`, a service worker that precaches the files the app loads, so it works with the
 * network off after the first visit. It runs once the build is on disk, so the list is what
 * `dist/` holds — both pages, every chunk (mermaid's sequence diagram only: see
 * mermaid-sequence-only.ts), the engine's worker, the samples — less `NOT_PRECACHED`, and the cache
 * name is a hash of their content, so a new build gets a new cache. URLs are relative to the
 * worker, which keeps the site working under any sub-path. Small enough not to need Workbox.
 */
export function offline(): Plugin {
  return {
    name: 'spnego-lab-offline',
    apply: 'build',
    writeBundle(options) {
      const dir = options.dir!;
      const files = precached(listFiles(dir));
      const hash = createHash('sha256');
      let bytes = 0;
      for (const f of files) {
        const content = readFileSync(join(dir, f));
        bytes += content.length;
        hash.update(f).update('\0').update(content);
      }
      const assets = ['./', ...files.map((f) => `./${f}`)];
      writeFileSync(join(dir, SW), worker(`spnego-lab-${hash.digest('hex').slice(0, 12)}`, assets));
      const summary = `sw.js precaches ${files.length} files, ${bytes} bytes (budget ${PRECACHE_BUDGET})`;
      if (bytes > PRECACHE_BUDGET) this.warn(`over budget: ${summary}`);
      else this.info(summary);
    },
  };
}

/** The files of the build (sorted URL paths) the service worker precaches. */
export function precached(files: string[]): string[] {
  return files.filter(
    (f) => f !== SW && !f.endsWith('.map') && !NOT_PRECACHED.some((re) => re.test(f)),
  );
}

/** Every file under `dir`, as sorted URL paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

function worker(cache: string, assets: string[]): string {
  return `// Generated at build time by build/offline-plugin.ts: precache what the app loads, serve it cache-first.
const CACHE = ${JSON.stringify(cache)};
const ASSETS = ${JSON.stringify(assets)};
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});
// The previous build's cache stays until the next one replaces it: a page still running that build
// (this worker took over at once) may yet load one of its lazy chunks.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => {
        const ours = keys.filter((k) => k.startsWith('spnego-lab-') && k !== CACHE);
        return Promise.all(ours.slice(0, -1).map((k) => caches.delete(k)));
      })
      .then(() => self.clients.claim()),
  );
});
// ignoreVary: servers answer with Vary (Origin, Accept-Encoding) and a page's module scripts carry
// an Origin header the precache requests did not; the file is the same. ignoreSearch: a query
// string (a parameter added to a shared link) names the same file.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    caches
      .match(event.request, { ignoreSearch: true, ignoreVary: true })
      .then((hit) => hit || fetch(event.request)),
  );
});
`;
}
