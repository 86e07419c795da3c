import type { Plugin } from 'vite';

/**
 * Writes `sw.js`, a service worker that precaches every file of the build, so the app works with
 * the network off after the first visit. The list comes from the bundle itself and the cache name
 * from its content, so a new build replaces the old cache. Asset URLs are relative to the worker,
 * which keeps the site working under any sub-path. Small enough not to need Workbox.
 */
export function offline(): Plugin {
  return {
    name: 'spnego-lab-offline',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => f !== 'sw.js' && !f.endsWith('.map'));
      const publicFiles = ['favicon.svg'];
      const assets = ['./', ...[...files, ...publicFiles].map((f) => `./${f}`)].sort();
      const version = hash(
        assets.join('\n') +
          Object.values(bundle)
            .map((b) => ('code' in b ? b.code.length : 0))
            .join(','),
      );
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: worker(`spnego-lab-${version}`, assets),
      });
    },
  };
}

function worker(cache: string, assets: string[]): string {
  return `// Generated at build time by build/offline-plugin.ts: precache the whole site, serve it cache-first.
const CACHE = ${JSON.stringify(cache)};
const ASSETS = ${JSON.stringify(assets)};
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('spnego-lab-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    caches.match(event.request, { ignoreSearch: true }).then((hit) => hit || fetch(event.request)),
  );
});
`;
}

/** FNV-1a, enough to tell builds apart. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
