// Chromium's command-line flags, for the browser tests (playwright.config.ts) and the speed
// benchmark (scripts/bench-web.mjs) alike: headless, and quiet on a closed network (it would
// otherwise try Google's hosts for updates, sync and components).
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
