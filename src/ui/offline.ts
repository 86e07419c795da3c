import { whenIdle, whenSettled } from '../store/schedule';

/**
 * Registers the service worker the build writes (`sw.js`, build/offline-plugin.ts), which makes
 * every later visit work offline. Production builds only (the dev server has no sw.js), after the
 * load event and once the page shows what it was opened for: installing it precaches what the
 * app loads, about 1.5 MB that must not compete with the first paint or the first diagram. The relative
 * URL puts the worker and its scope in the page's own directory, whatever sub-path the site is
 * served under.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () =>
    whenSettled(() =>
      whenIdle(() => {
        // Not fatal: the page works online without it (e.g. a server that does not serve sw.js).
        navigator.serviceWorker.register('./sw.js').catch(() => undefined);
      }),
    );
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
