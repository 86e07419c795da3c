import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { BASE_STEP_MS } from '../src/store/playback';

export { expect };

/** The site this run tests, as built by scripts/e2e.mjs (or playwright.config.ts's web server). */
export function builtSite(): string {
  const dir = process.env.E2E_DIST;
  if (!dir) throw new Error('E2E_DIST is not set: run the browser tests with npm run test:e2e');
  return dir;
}

const REAL = 'fixtures/vectors/real';

/** A real token's base64 from fixtures/vectors/real/<scenario>/<name>.b64. */
export function realToken(scenario: string, name: string): string {
  return readFileSync(`${REAL}/${scenario}/${name}.b64`, 'utf8').trim();
}

export const FALLBACK = 'fallback-01-krb5-to-ntlm-no-keytab';

/** The fallback exchange as a pasted HTTP conversation, one Negotiate header per token. */
export function fallbackExchange(): string {
  const names = [
    '01-i2a-negTokenInit-krb5-AP-REQ',
    '02-a2i-negTokenResp-request-mic-sup_ntlmssp',
    '03-i2a-negTokenResp-accept-incomplete-NTLM-NEGOTIATE',
    '04-a2i-negTokenResp-accept-incomplete-NTLM-CHALLENGE',
    '05-i2a-negTokenResp-accept-incomplete-NTLM-AUTHENTICATE-mechListMIC',
    '06-a2i-negTokenResp-accept-completed-mechListMIC',
  ];
  return names
    .flatMap((name, i) =>
      i % 2 === 0
        ? [
            '> GET /private HTTP/1.1',
            `> Authorization: Negotiate ${realToken(FALLBACK, name)}`,
            '>',
          ]
        : [
            '< HTTP/1.1 401 Unauthorized',
            `< WWW-Authenticate: Negotiate ${realToken(FALLBACK, name)}`,
          ],
    )
    .join('\n');
}

/**
 * Every test fails on a console error or warning, an uncaught exception, a failed request, or a
 * request to any origin but the app's own (tokens are credentials: nothing may leave the page).
 */
export const test = base.extend<{ watch: void }>({
  watch: [
    async ({ page, baseURL }, use) => {
      const problems: string[] = [];
      const origin = new URL(baseURL!).origin;
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning')
          problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => {
        // A navigation cancels what the page was still loading (the favicon Chromium fetches
        // late, typically): ERR_ABORTED is the browser's doing, not a broken request. Anything
        // else — refused, reset, blocked — fails the test; a 404 fails it below.
        if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${r.url()}`);
      });
      page.on('request', (r) => {
        const url = r.url();
        if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) problems.push(`remote: ${url}`);
      });
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
      });
      await use();
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
});

/** Serious and critical axe-core violations on the page, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The diagram's drawn message elements (the arrow of each message), by the app's own class for
 * them (src/ui/diagram/mermaid-adapter.ts: mermaid's internal class names stay there).
 */
export function diagramArrows(page: Page) {
  return page.getByRole('region', { name: 'Message sequence' }).locator('line.message-line');
}

/** The drawn diagram (not the icons beside it). */
export function diagramSvg(page: Page) {
  return page.getByRole('region', { name: 'Message sequence' }).locator('.sequence-canvas svg');
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  // Transitions finished: a screenshot shows the step, not the fade into it.
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage, animations: 'disabled' });
}

/**
 * Stops the page's clock: from here on, the page's timers (the playback's among them) fire only
 * when the test moves time on with `page.clock.runFor()`, so the test sees every state a play goes
 * through, however slow or busy the machine is. Needs `page.clock.install()` before the page was
 * opened; `page.clock.resume()` lets time run again. (The clock is stopped a minute ahead of the
 * page's time, which may not go backwards: timers due by then fire first, once.)
 */
export async function stopClock(page: Page): Promise<void> {
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 60_000);
}

/**
 * Presses Play at `speed` on a simulated run of `count` messages (at step 1, its diagram drawn)
 * and checks every step in turn up to the last, moving the stopped clock on one step's time at a
 * time (see `stopClock`). Time runs again afterwards.
 */
export async function playToEnd(page: Page, count: number, speed = 4): Promise<void> {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption(String(speed));
  await stopClock(page);
  await page.getByRole('button', { name: 'Play' }).click();
  for (let step = 2; step <= count; step++) {
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.clock.runFor(BASE_STEP_MS / speed);
    await expect(page.getByText(`Step ${step} of ${count}`)).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.clock.resume();
}
