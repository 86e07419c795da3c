import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS } from '../src/protocol/scenarios';
import { builtSite, diagramArrows, diagramSvg, expect, fallbackExchange, test } from './support';

const REAL = 'fixtures/vectors/real';

/** Every real token of the fixtures (fixtures/vectors/real/<exchange>/<name>.b64). */
function realTokens(): { name: string; b64: string }[] {
  return readdirSync(REAL, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(REAL, d.name))
        .filter((f) => f.endsWith('.b64'))
        .map((f) => ({
          name: `${d.name}/${f}`,
          b64: readFileSync(join(REAL, d.name, f), 'utf8').trim(),
        })),
    );
}

test.describe('Privacy by construction', () => {
  test('a whole session requests nothing from another origin and keeps pasted tokens out of storage and the address', async ({
    page,
    context,
  }) => {
    test.setTimeout(300_000);
    // Every request of the page, its engine worker, and (context-wide) the service worker.
    const requests = new Set<string>();
    const fromServiceWorker = new Set<string>();
    page.on('request', (r) => requests.add(r.url()));
    context.on('request', (r) => {
      requests.add(r.url());
      if (r.serviceWorker()) fromServiceWorker.add(r.url());
    });

    await page.goto('./');
    const origin = new URL(page.url()).origin;
    // A setting, so storage is not trivially empty: the theme is the one thing kept.
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');

    /** Where a token could end up without the user asking: storage, cookies, the address. */
    const kept = () =>
      page.evaluate(async () => ({
        hash: location.hash,
        local: Object.fromEntries(Object.entries(localStorage)),
        session: sessionStorage.length,
        cookie: document.cookie,
        databases: (await indexedDB.databases()).length,
      }));
    const nothingKept = (hash: string) => ({
      hash,
      local: { 'spnego-lab.theme': 'dark' },
      session: 0,
      cookie: '',
      databases: 0,
    });

    // Play every scenario, picked from the Scenario list, from its first step to its last.
    for (const { id, title } of SCENARIOS) {
      await page.getByRole('combobox', { name: 'Scenario' }).selectOption(id);
      await expect(
        page.getByRole('region', { name: 'Message sequence' }).locator('svg > title'),
      ).toHaveText(title);
      const counter = page.getByRole('group', { name: 'Playback' }).getByText(/^Step 1 of \d+$/);
      const count = Number(/of (\d+)/.exec((await counter.textContent()) ?? '')![1]);
      // One number per step (a man in the middle's relay adds an arrow, not a step).
      await expect(
        page.getByRole('region', { name: 'Message sequence' }).locator('.message-number'),
      ).toHaveCount(count);
      await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
      await page.getByRole('button', { name: 'Play' }).click();
      await expect(page.getByText(`Step ${count} of ${count}`)).toBeVisible();
    }

    // Paste every real token of the fixtures, then a whole HTTP exchange, then a sample.
    await page.getByRole('tab', { name: 'Decode' }).click();
    const paste = page.getByRole('textbox', { name: 'Paste a token' });
    const inspector = page.getByRole('region', { name: 'Token inspector' });
    const tokens = realTokens();
    expect(tokens.length).toBeGreaterThan(100);
    for (const { name, b64 } of tokens) {
      await paste.fill(b64);
      await expect(inspector.getByRole('treeitem').first(), name).toBeVisible();
      expect(await kept(), name).toEqual(nothingKept('#view=decode'));
    }
    await paste.fill(fallbackExchange());
    await expect(diagramArrows(page)).toHaveCount(6);
    await page.getByRole('button', { name: 'Go to end' }).click();
    await expect(page.getByText('Message 6 of 6')).toBeVisible();
    expect(await kept()).toEqual(nothingKept('#view=decode'));
    await page.getByRole('combobox', { name: 'Load a sample' }).selectOption({ index: 1 });
    await expect(diagramSvg(page)).toBeVisible();
    expect(await kept()).toEqual(nothingKept('#view=decode'));

    // Only "Share link" puts the paste in the address (and still nowhere else)…
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Share link' }).click();
    const shared = await kept();
    expect(shared.hash).toMatch(/^#view=decode&input=[\w-]+/);
    expect(shared).toEqual(nothingKept(shared.hash));
    // …until the paste changes.
    await paste.fill(tokens[0].b64);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#view=decode');

    // The offline copy holds the site's own files, nothing pasted.
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys())
        for (const request of await (await caches.open(key)).keys()) urls.push(request.url);
      return urls;
    });
    expect(cached.length).toBeGreaterThan(0);
    for (const url of cached) {
      expect(new URL(url).origin).toBe(origin);
      expect(new URL(url).search + new URL(url).hash).toBe('');
      // A file of the build this run serves (or the site's directory itself).
      const path = new URL(url).pathname.slice(1);
      if (path) expect(existsSync(join(builtSite(), path)), url).toBe(true);
    }

    // Nothing was requested from anywhere but the page's own origin: the page, its engine worker,
    // mermaid's chunks, the decoder, the samples, the service worker and its precache.
    expect([...requests].some((u) => /\/assets\/engine\.worker-[\w-]+\.js$/.test(u))).toBe(true);
    // The service worker itself fetched what it precached.
    expect(fromServiceWorker.size).toBeGreaterThanOrEqual(cached.length);
    for (const url of requests) expect(new URL(url).origin, url).toBe(origin);
  });
});
