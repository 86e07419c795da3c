import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';

export { expect };

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
      page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
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

/** The diagram's drawn message elements (the arrow of each message). */
export function diagramArrows(page: Page) {
  return page
    .getByRole('region', { name: 'Message sequence' })
    .locator('line.messageLine0, line.messageLine1');
}

/** The drawn diagram (not the icons beside it). */
export function diagramSvg(page: Page) {
  return page.getByRole('region', { name: 'Message sequence' }).locator('.sequence-canvas svg');
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  // Transitions finished: a screenshot shows the step, not the fade into it.
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage, animations: 'disabled' });
}
