// `npm run test:e2e`: finds a browser, then runs Playwright with it. Extra args pass through.
import { spawnSync } from 'node:child_process';
import { findBrowser } from './find-browser.mjs';

const browser = await findBrowser();
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, PW_CHROMIUM_PATH: browser },
});
process.exit(result.status ?? 1);
