import type { Page } from '@playwright/test';
import { diagramArrows, diagramSvg, expect, screenshot, seriousViolations, test } from './support';

const diagram = (page: Page) => page.getByRole('region', { name: 'Message sequence' });
const config = (page: Page) => page.getByRole('region', { name: 'Configuration' });
const description = (page: Page) => page.locator('.scenario-description');
/** What was changed and how the run now ends: in the drawer while it is open, else above. */
const changes = (page: Page) => page.locator('.config-changes');
const linkAlert = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'This link could not be opened as written' });

test.describe('Configuration', () => {
  test('the Configure panel opens over the page without moving the diagram', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback');
    await expect(diagramArrows(page)).toHaveCount(6);
    const before = await diagram(page).boundingBox();
    const configure = page.getByRole('button', { name: 'Configure' });
    await configure.click();
    await expect(config(page)).toBeVisible();
    await expect(configure).toHaveAttribute('aria-expanded', 'true');
    // The focus moves into the drawer.
    await expect(config(page).getByRole('button', { name: 'Close' })).toBeFocused();
    expect(await diagram(page).boundingBox()).toEqual(before);
    await expect(diagramSvg(page)).toBeInViewport();

    // A change redraws the diagram where it was.
    await config(page)
      .getByRole('checkbox', { name: 'Optimistic token in NegTokenInit' })
      .uncheck();
    await expect(diagramArrows(page)).toHaveCount(6);
    await expect(diagram(page).locator('.message-text').first()).not.toContainText('AP-REQ');
    // Redrawn with a shorter first label, it is shorter; it has not moved.
    const after = await diagram(page).boundingBox();
    expect([after!.x, after!.y, after!.width]).toEqual([before!.x, before!.y, before!.width]);
    // What changed is told in the drawer meanwhile, and above the diagram once it is closed.
    await expect(config(page).locator('.config-changes')).toContainText(
      'Your changes: optimistic token yes → no.',
    );
    await expect(description(page)).not.toContainText('Your changes');

    // Escape closes it and gives the focus back.
    await page.keyboard.press('Escape');
    await expect(config(page)).toHaveCount(0);
    await expect(configure).toBeFocused();
    await expect(description(page)).toContainText('Your changes: optimistic token yes → no.');
    await configure.click();
    await config(page).getByRole('button', { name: 'Close' }).click();
    await expect(config(page)).toHaveCount(0);
  });

  test('the description says what was changed and how the run now ends', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=kerberos');
    await expect(diagramArrows(page)).toHaveCount(2);
    await expect(description(page)).not.toContainText('Your changes');
    await page.getByRole('button', { name: 'Configure' }).click();
    await config(page).getByRole('checkbox', { name: 'Holds the service key (keytab)' }).uncheck();
    await expect(diagramArrows(page)).toHaveCount(6);
    await expect(changes(page)).toContainText(
      'Your changes: server holds the service key yes → no.',
    );
    await expect(changes(page)).toContainText('So now: Context established with NTLM');

    await config(page).getByRole('textbox', { name: 'User', exact: true }).fill('bob');
    await expect(changes(page)).toContainText('user alice → bob');
    await config(page).getByRole('button', { name: 'Move NTLM up in the client list' }).click();
    await expect(changes(page)).toContainText('client mechanisms Kerberos, NTLM → NTLM, Kerberos');
    await screenshot(page, 'configure-described-drawer', false);
    await page.keyboard.press('Escape');
    await expect(description(page)).toContainText('user alice → bob');
    await expect(description(page)).toContainText('So now: Context established with NTLM');
    await expect(description(page)).toContainText('As written, the scenario:');
    await screenshot(page, 'configure-described', false);
    await page.getByRole('button', { name: 'Configure' }).click();

    await config(page).getByRole('button', { name: 'Reset to the scenario' }).click();
    await expect(diagramArrows(page)).toHaveCount(2);
    await expect(changes(page)).toHaveCount(0);
  });

  test('an invalid value is shown at its field, and the run keeps the last valid one', async ({
    page,
  }) => {
    await page.goto('./#view=simulate&scenario=kerberos');
    await expect(diagramArrows(page)).toHaveCount(2);
    await page.getByRole('button', { name: 'Configure' }).click();

    const realm = config(page).getByRole('textbox', { name: 'Realm' });
    await realm.fill('');
    await expect(realm).toHaveAttribute('aria-invalid', 'true');
    await expect(realm).toHaveAccessibleDescription(
      'Must be a non-empty string. The run still uses "EXAMPLE.TEST".',
    );
    await expect(page.getByRole('alert').filter({ hasText: 'cannot run' })).toHaveCount(0);
    await expect(diagramArrows(page)).toHaveCount(2);

    const clock = config(page).getByRole('textbox', { name: 'Client clock (ISO-8601)' });
    await clock.fill('yesterday');
    await expect(clock).toHaveAttribute('aria-invalid', 'true');
    await expect(clock).toHaveAccessibleDescription(/^Yesterday is not an ISO-8601 date\./);

    const kvno = config(page).getByRole('spinbutton', { name: 'Service key version (kvno)' });
    await kvno.fill('0');
    await expect(kvno).toHaveAttribute('aria-invalid', 'true');
    await expect(kvno).toHaveAccessibleDescription(/^Must be an integer from 1 to 4294967295\./);
    await expect.poll(() => new URL(page.url()).hash).not.toContain('config');
    await expect(config(page).locator('[aria-invalid="true"]')).toHaveCount(3);
    await screenshot(page, 'configure-invalid', false);
    expect(await seriousViolations(page)).toEqual([]);

    // A valid value clears the mark and runs.
    await realm.fill('CORP.TEST');
    await expect(realm).not.toHaveAttribute('aria-invalid', 'true');
    await expect.poll(() => new URL(page.url()).hash).toContain('CORP.TEST');
    // Reset clears what was left invalid.
    await config(page).getByRole('button', { name: 'Reset to the scenario' }).click();
    await expect(config(page).locator('[aria-invalid="true"]')).toHaveCount(0);
    await expect(kvno).not.toHaveValue('0');
  });

  test('an unknown scenario or a broken link says so', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=no-such-scenario');
    await expect(linkAlert(page)).toContainText('there is no scenario “no-such-scenario”');
    await expect(diagramSvg(page)).toBeVisible();
    await screenshot(page, 'configure-broken-link', false);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(linkAlert(page)).toHaveCount(0);

    await page.goto('./#view=simulate&scenario=ntlm&config=%7Bbad&step=x');
    await expect(linkAlert(page)).toContainText('its configuration is damaged');
    await expect(linkAlert(page)).toContainText('step “x” is not a step number');

    // A sound link raises nothing.
    await page.goto('about:blank');
    await page.goto('./#view=simulate&scenario=ntlm&step=2');
    await expect(page.getByText('Step 2 of 4')).toBeVisible();
    await expect(linkAlert(page)).toHaveCount(0);
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
      { width: 375, height: 812 },
    ]) {
      test(`the drawer at ${size.width} px, ${scheme}: axe finds nothing serious`, async ({
        page,
      }) => {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback');
        await expect(diagramArrows(page)).toHaveCount(6);
        await page.getByRole('button', { name: 'Configure' }).click();
        await config(page).getByRole('textbox', { name: 'User', exact: true }).fill('');
        await expect(
          config(page).getByRole('textbox', { name: 'User', exact: true }),
        ).toHaveAttribute('aria-invalid', 'true');
        await config(page).getByRole('checkbox', { name: 'Mutual authentication' }).uncheck();
        await expect(changes(page)).toContainText('mutual authentication yes → no');
        await screenshot(page, `configure-${size.width}-${scheme}`, false);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }
  }
});
