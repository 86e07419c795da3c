import type { Locator, Page } from '@playwright/test';
import { SCENARIOS } from '../src/protocol/scenarios';
import { diagramArrows, diagramSvg, expect, screenshot, seriousViolations, test } from './support';

const narrative = (page: Page) => page.getByRole('region', { name: 'Narrative' });
const outcome = (page: Page) => page.getByRole('status', { name: 'Outcome' });
const diagram = (page: Page) => page.getByRole('region', { name: 'Message sequence' });

/** The element lies wholly inside the viewport: seen without scrolling. */
async function expectOnScreen(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
}

/** Opens a hash in the running page (the app follows hash changes) and waits for its diagram. */
async function openHash(page: Page, hash: string, title: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect(diagram(page).locator('svg > title')).toHaveText(title);
}

/** A message label's height in device pixels: what the audience sees. */
async function labelDevicePixels(page: Page): Promise<number> {
  return diagram(page)
    .locator('.message-text')
    .first()
    .evaluate((el) => el.getBoundingClientRect().height * window.devicePixelRatio);
}

test.describe('Presenter mode', () => {
  test('every scenario ends with diagram, narrative and outcome on one 1280×720 screen', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await page.goto('./#view=simulate&presenter=1');
    await expect(narrative(page)).toBeVisible();
    for (const { id, title } of SCENARIOS) {
      await openHash(page, `#view=simulate&scenario=${id}&presenter=1`, title);
      // One number per step (a man in the middle's relay adds an arrow, not a step).
      const count = await diagram(page).locator('.message-number').count();
      if (count === 0) continue;
      await page.keyboard.press('End');
      await expect(page.getByText(`Step ${count} of ${count}`)).toBeVisible();
      await expect(outcome(page)).toBeVisible();
      await expectOnScreen(page, diagram(page));
      await expectOnScreen(page, narrative(page).getByRole('heading'));
      await expectOnScreen(page, outcome(page).locator('.outcome-title'));
      await expectOnScreen(page, diagramArrows(page).last());
    }
    await openHash(
      page,
      '#view=simulate&scenario=downgrade-attack&presenter=1&step=6',
      SCENARIOS.find((s) => s.id === 'downgrade-attack')!.title,
    );
    await expect(outcome(page)).toContainText('Negotiation rejected');
    await screenshot(page, 'presenter-1280-light', false);
  });

  test('hides the configuration chrome and is carried by the link', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback');
    await expect(diagramArrows(page)).toHaveCount(6);
    await expect(page.getByRole('button', { name: 'Configure' })).toBeVisible();
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect.poll(() => new URL(page.url()).hash).toContain('presenter=1');
    for (const gone of ['Configure', 'Embed', 'Export SVG', 'Export PNG'])
      await expect(page.getByRole('button', { name: gone })).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Token inspector' })).toHaveCount(0);
    await expect(page.locator('.presenter-title')).toHaveText(
      SCENARIOS.find((s) => s.id === 'kerberos-to-ntlm-fallback')!.title,
    );

    // A fresh page from the link opens in presenter mode; leaving it takes it out of the link.
    const link = page.url();
    await page.goto('about:blank');
    await page.goto(link);
    await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.getByRole('button', { name: 'Configure' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await expect(page.getByRole('button', { name: 'Configure' })).toBeVisible();
    await expect.poll(() => new URL(page.url()).hash).not.toContain('presenter');
  });

  test('step keys work whatever has focus, except a text field', async ({ page }) => {
    await page.clock.install();
    await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback');
    await expect(diagramArrows(page)).toHaveCount(6);
    const scenario = page.getByRole('combobox', { name: 'Scenario' });
    await scenario.focus();
    // With the Scenario box focused, → steps instead of picking the next scenario.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByText('Step 2 of 6')).toBeVisible();
    await expect(scenario).toHaveValue('kerberos-to-ntlm-fallback');
    // A presentation clicker's keys.
    await page.keyboard.press('PageDown');
    await expect(page.getByText('Step 3 of 6')).toBeVisible();
    await page.keyboard.press('PageUp');
    await expect(page.getByText('Step 2 of 6')).toBeVisible();
    await page.keyboard.press('End');
    await expect(page.getByText('Step 6 of 6')).toBeVisible();
    await page.keyboard.press('Home');
    await expect(page.getByText('Step 1 of 6')).toBeVisible();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByText('Step 1 of 6')).toBeVisible();
    await expect(scenario).toHaveValue('kerberos-to-ntlm-fallback');

    // The Speed box and the text-size box too.
    await page.getByRole('combobox', { name: 'Text size' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByText('Step 2 of 6')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Text size' })).toHaveValue('1');

    // Space plays and pauses from a select (time stands still meanwhile).
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 60_000);
    await scenario.focus();
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    await page.clock.resume();

    // In a text field the keys edit the text.
    await page.getByRole('button', { name: 'Configure' }).click();
    const realm = page.getByRole('textbox', { name: 'Realm' });
    await realm.focus();
    for (const key of ['ArrowRight', 'PageDown', 'Home', 'End', 'ArrowLeft'])
      await page.keyboard.press(key);
    await expect(page.getByText('Step 2 of 6')).toBeVisible();
  });

  test('future steps can stay hidden until reached', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=ntlm&presenter=1&future=hidden');
    await expect(diagramArrows(page)).toHaveCount(4);
    const visibility = (i: number) =>
      diagramArrows(page)
        .nth(i)
        .evaluate((el) => getComputedStyle(el).visibility);
    await expect.poll(() => visibility(0)).toBe('visible');
    await expect.poll(() => visibility(1)).toBe('hidden');
    await expect(diagram(page).locator('.message-text.future').first()).toBeHidden();
    await page.keyboard.press('PageDown');
    await expect.poll(() => visibility(1)).toBe('visible');
    await expect.poll(() => visibility(2)).toBe('hidden');
    await screenshot(page, 'presenter-future-hidden', false);

    const hide = page.getByRole('checkbox', { name: 'Hide future steps' });
    await expect(hide).toBeChecked();
    await hide.uncheck();
    await expect.poll(() => visibility(3)).toBe('visible');
    await expect.poll(() => new URL(page.url()).hash).not.toContain('future');
    await hide.check();
    await expect.poll(() => new URL(page.url()).hash).toContain('future=hidden');
  });

  test('the text-size control grows text and diagram, and is remembered', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=ntlm&presenter=1');
    await expect(diagramArrows(page)).toHaveCount(4);
    const title = narrative(page).getByRole('heading');
    await expect(title).toBeVisible();
    const fontSize = () => title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await fontSize();
    const labelBefore = await labelDevicePixels(page);
    await page.getByRole('combobox', { name: 'Text size' }).selectOption('1.5');
    await expect.poll(fontSize).toBeCloseTo(before * 1.5, 1);
    await expect.poll(() => labelDevicePixels(page)).toBeGreaterThan(labelBefore * 1.4);
    await screenshot(page, 'presenter-text-150', false);

    await page.reload();
    await expect(diagramArrows(page)).toHaveCount(4);
    await expect(page.getByRole('combobox', { name: 'Text size' })).toHaveValue('1.5');
    await expect.poll(fontSize).toBeCloseTo(before * 1.5, 1);
    await page.getByRole('combobox', { name: 'Text size' }).selectOption('1');
    await expect.poll(fontSize).toBeCloseTo(before, 1);
  });

  // Ctrl+ at 200% on a 1280×720 window: the page gets half as many CSS pixels, each drawn with
  // two device pixels (what Chromium's zoom does to innerWidth and devicePixelRatio).
  for (const presenter of [true, false]) {
    test(`the browser's zoom enlarges the diagram with the text${presenter ? ' (presenter)' : ''}`, async ({
      page,
      browser,
    }) => {
      const hash = `./#view=simulate&scenario=kerberos-to-ntlm-fallback${presenter ? '&presenter=1' : ''}`;
      await page.goto(hash);
      await expect(diagramArrows(page)).toHaveCount(6);
      await expect(diagramSvg(page)).toBeVisible();
      const label = await labelDevicePixels(page);
      const heading = await narrative(page)
        .getByRole('heading')
        .evaluate((el) => el.getBoundingClientRect().height * window.devicePixelRatio);

      const zoomed = await browser.newContext({
        baseURL: test.info().project.use.baseURL,
        viewport: { width: 640, height: 360 },
        deviceScaleFactor: 2,
        reducedMotion: 'reduce',
      });
      const page2 = await zoomed.newPage();
      await page2.goto(hash);
      await expect(diagramArrows(page2)).toHaveCount(6);
      await expect(narrative(page2).getByRole('heading')).toBeVisible();
      // The text doubles on screen; so do the diagram's labels (not fitted back to the old size).
      const zoomedHeading = await narrative(page2)
        .getByRole('heading')
        .evaluate((el) => el.getBoundingClientRect().height * window.devicePixelRatio);
      expect(zoomedHeading).toBeGreaterThan(heading * 1.6);
      expect(await labelDevicePixels(page2)).toBeGreaterThan(label * 1.6);
      if (presenter) await screenshot(page2, 'presenter-zoom-200', false);
      await zoomed.close();
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
      { width: 375, height: 812 },
    ]) {
      test(`looks right at ${size.width} px, ${scheme}, and axe finds nothing serious`, async ({
        page,
      }) => {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback&presenter=1&step=6');
        await expect(outcome(page)).toContainText('Context established with NTLM');
        await expect(narrative(page)).toBeVisible();
        if (size.width > 980) await expectOnScreen(page, outcome(page).locator('.outcome-title'));
        await screenshot(page, `presenter-${size.width}-${scheme}`, size.width < 400);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }
  }
});
