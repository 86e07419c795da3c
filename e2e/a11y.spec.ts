import {
  diagramSvg,
  expect,
  fallbackExchange,
  screenshot,
  seriousViolations,
  test,
} from './support';

test.describe('Accessibility (axe-core: no serious or critical violation)', () => {
  test('simulator, with the configuration open', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback&step=2');
    await expect(diagramSvg(page)).toBeVisible();
    await page.getByRole('button', { name: 'Configure' }).click();
    await page
      .getByRole('region', { name: 'Token inspector' })
      .getByRole('treeitem', { name: /negState/ })
      .click();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('decode view with a pasted exchange', async ({ page }) => {
    await page.goto('./#view=decode');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(fallbackExchange());
    await expect(diagramSvg(page)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('dark theme, chosen in the menu', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=downgrade-attack&step=6');
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(diagramSvg(page)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'simulate-dark', false);
  });

  test('the embedded view, and the example page with two of them', async ({ page }) => {
    await page.goto('./embed.html#view=simulate&scenario=kerberos-to-ntlm-fallback&step=3');
    await expect(diagramSvg(page)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Token inspector' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('./embed-example.html');
    for (const frame of [page.frameLocator('iframe').first(), page.frameLocator('iframe').last()])
      await expect(frame.getByRole('region', { name: 'Token inspector' })).toBeVisible();
    // axe-core checks inside the frames too.
    expect(await seriousViolations(page)).toEqual([]);
  });

  test.describe('on a phone, dark from the system', () => {
    test.use({ viewport: { width: 375, height: 812 }, colorScheme: 'dark' });

    test('simulator', async ({ page }) => {
      await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback&step=3');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await expect(diagramSvg(page)).toBeVisible();
      // Only the diagram and the hex pane scroll sideways, inside their own boxes.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        375,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'simulate-phone-dark');
    });

    test('decode view', async ({ page }) => {
      await page.goto('./#view=decode');
      await page.getByRole('textbox', { name: 'Paste a token' }).fill(fallbackExchange());
      await expect(diagramSvg(page)).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        375,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'decode-phone-dark');
    });
  });
});
