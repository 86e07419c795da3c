import { builtSite, diagramArrows, diagramSvg, expect, test as appTest } from './support';
import { serveStatic, type StaticSite } from './static-server';

const PREFIX = '/docs/spnego-lab/';

/**
 * The built site (dist/, built for this run) as a plain static server serves it under a sub-path
 * (a documentation site's folder): the test's own server, on a free port, with no fallback page, so any URL not relative to the page
 * is a 404 and fails the test.
 */
const test = appTest.extend<{ site: StaticSite }>({
  // Playwright reads a fixture's dependencies from this pattern: this one has none.
  // eslint-disable-next-line no-empty-pattern
  site: async ({}, use) => {
    const site = await serveStatic(builtSite(), PREFIX);
    await use(site);
    await site.close();
  },
  baseURL: async ({ site }, use) => use(site.url),
});

test.describe(`Served from a sub-path (${PREFIX}) by a plain static server`, () => {
  test('the app loads, plays, and its worker, mermaid and service worker resolve under the sub-path', async ({
    page,
    site,
  }) => {
    const requests: string[] = [];
    page.context().on('request', (r) => requests.push(r.url()));
    await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback');
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue(
      'kerberos-to-ntlm-fallback',
    );
    await expect(diagramArrows(page)).toHaveCount(6);
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.getByText('Step 6 of 6')).toBeVisible();
    await expect(page.locator('.outcome-title')).toHaveText('Context established with NTLM');

    // The service worker registers after the first diagram, from the page's own directory.
    const registration = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.ready;
      return { scope: r.scope, script: r.active?.scriptURL };
    });
    expect(registration).toEqual({ scope: site.url, script: `${site.url}sw.js` });

    const worker = requests.find((u) => /\/assets\/engine\.worker-[\w-]+\.js$/.test(u));
    const mermaid = requests.find((u) => /\/assets\/mermaid\.core-[\w-]+\.js$/.test(u));
    expect(worker?.startsWith(`${site.url}assets/`)).toBe(true);
    expect(mermaid?.startsWith(`${site.url}assets/`)).toBe(true);
    // Everything the browser asked for (the service worker's precache included) was under the
    // sub-path; a wrong URL would also have failed the test as a 404.
    for (const path of site.requested) expect(path.startsWith(PREFIX)).toBe(true);
    expect(site.requested).toContain(`${PREFIX}sw.js`);
  });

  test('the directory without its slash, the decode view and the embed pages work there too', async ({
    page,
    site,
  }) => {
    await page.goto(site.url.slice(0, -1));
    await expect.poll(() => new URL(page.url()).pathname).toBe(PREFIX);
    await page.getByRole('tab', { name: 'Decode' }).click();
    await page.getByRole('combobox', { name: 'Load a sample' }).selectOption({ index: 1 });
    await expect(diagramSvg(page)).toBeVisible();

    await page.goto('./embed.html#view=simulate&scenario=ntlm&step=2');
    await expect(page.getByText('Step 2 of 4')).toBeVisible();
    await expect(diagramArrows(page)).toHaveCount(4);

    await page.goto('./embed-example.html');
    const frames = page.locator('iframe');
    await expect(frames).toHaveCount(2);
    for (const frame of [frames.first(), frames.last()]) {
      await expect(frame.contentFrame().locator('.sequence-canvas svg')).toBeVisible();
    }
    for (const path of site.requested) expect(path.startsWith(PREFIX.slice(0, -1))).toBe(true);
  });
});
