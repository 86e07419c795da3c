import { diagramArrows, diagramSvg, expect, FALLBACK, realToken, test } from './support';

test.describe('Offline, after one visit', () => {
  test('with the network off the app renders, plays, draws and decodes', async ({
    page,
    context,
  }) => {
    await page.goto('./#view=simulate&scenario=kerberos');
    await expect(diagramArrows(page)).toHaveCount(2);
    // The service worker registers once the first diagram is drawn and precaches the whole site;
    // `ready` is its activation, which follows the precache.
    await page.evaluate(() => navigator.serviceWorker.ready);
    if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toBeVisible();
    await expect(diagramArrows(page)).toHaveCount(2);

    // Another scenario: the engine's worker runs, mermaid draws, playback reaches the end.
    await page
      .getByRole('combobox', { name: 'Scenario' })
      .selectOption('kerberos-to-ntlm-fallback');
    await expect(diagramArrows(page)).toHaveCount(6);
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.getByText('Step 6 of 6')).toBeVisible();
    await expect(page.locator('.outcome-title')).toHaveText('Context established with NTLM');

    // The decoder (its own chunk) and a sample shipped with the site come from the cache too.
    await page.getByRole('tab', { name: 'Decode' }).click();
    await page
      .getByRole('textbox', { name: 'Paste a token' })
      .fill(realToken(FALLBACK, '04-a2i-negTokenResp-accept-incomplete-NTLM-CHALLENGE'));
    await expect(
      page.getByRole('tree').getByRole('treeitem', { name: /ServerChallenge/ }),
    ).toBeVisible();
    await page.getByRole('combobox', { name: 'Load a sample' }).selectOption({ index: 1 });
    await expect(diagramSvg(page)).toBeVisible();

    // A fresh tab offline: the embed page, never opened while online, is precached as well.
    const other = await context.newPage();
    await other.goto('./embed.html#view=simulate&scenario=ntlm&step=2');
    await expect(other.getByText('Step 2 of 4')).toBeVisible();
    await expect(diagramArrows(other)).toHaveCount(4);
    await other.close();
    await context.setOffline(false);
  });
});
