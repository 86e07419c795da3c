// Finds a Chromium for Playwright: Debian's /usr/bin/chromium when present, else Playwright's own
// build, installing it (`playwright install chromium`) when neither exists. Prints nothing on
// success; exports the path for playwright.config.ts through PW_CHROMIUM_PATH.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export async function findBrowser() {
  if (process.env.PW_CHROMIUM_PATH && existsSync(process.env.PW_CHROMIUM_PATH)) {
    return process.env.PW_CHROMIUM_PATH;
  }
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (system) return system;
  const { chromium } = await import('@playwright/test');
  if (!existsSync(chromium.executablePath())) {
    console.error(
      "No Chromium found: installing Playwright's own (npx playwright install chromium)…",
    );
    execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  }
  return chromium.executablePath();
}
