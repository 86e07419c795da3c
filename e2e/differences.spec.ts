import type { Page } from '@playwright/test';
import { diagramSvg, expect, seriousViolations, test } from './support';

const view = (page: Page) => page.getByRole('region', { name: 'Implementation differences' });
const row = (page: Page, id: string) => page.locator(`#difference-${id}`);

/** Screenshots are for looking at, not for committing: test-results/ is ignored. */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({
    path: `test-results/differences/${name}.png`,
    fullPage: false,
    animations: 'disabled',
  });
}

test.describe('Implementation differences', () => {
  test('a tab of its own, with a table per topic, filtered by text and by a pair', async ({
    page,
  }) => {
    await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback');
    await page.getByRole('tab', { name: 'Differences' }).click();
    await expect(page.getByRole('tab', { name: 'Differences' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page).toHaveURL(/#view=differences$/);
    await expect(view(page).getByRole('heading', { name: 'mechListMIC', level: 3 })).toBeVisible();
    await expect(
      view(page).getByRole('heading', { name: 'Legacy quirks', level: 3 }),
    ).toBeVisible();
    const header = view(page).getByRole('table').first().getByRole('columnheader');
    await expect(header).toHaveText([
      'Difference',
      'RFC 4178',
      'MIT',
      'Heimdal',
      'Windows',
      'Samba',
    ]);

    // A simulated row reads its values from the profiles; a cell that differs from RFC 4178 says so.
    const negState = row(page, 'switch-negstate');
    await expect(negState.getByText('simulated', { exact: true })).toBeVisible();
    await expect(negState.getByRole('cell').nth(2)).toContainText('accept-incomplete');
    await expect(negState.getByRole('cell').nth(2)).toContainText('differs from RFC 4178');
    await expect(negState.getByRole('cell').nth(1)).not.toContainText('differs from RFC 4178');
    await expect(
      negState.getByRole('link', {
        name: 'Heimdal lib/gssapi/spnego/accept_sec_context.c, send_accept()',
      }),
    ).toHaveAttribute('href', /github\.com\/heimdal\/heimdal\/blob\/HEAD\/lib\/gssapi\/spnego\//);
    await expect(
      row(page, 'w2k-duplicate-mic').getByText('documented, not simulated'),
    ).toBeVisible();

    const all = await view(page).locator('.difference-row').count();
    await page.getByRole('searchbox', { name: 'Search' }).fill('hintName');
    await expect(row(page, 'hint-name')).toBeVisible();
    await expect(row(page, 'switch-negstate')).toHaveCount(0);
    await expect(view(page).getByText(/^\d+ of \d+ entries$/)).not.toHaveText(
      `${all} of ${all} entries`,
    );

    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page
      .getByRole('combobox', { name: 'Show' })
      .selectOption({ label: 'only where MIT and Heimdal differ' });
    await expect(row(page, 'switch-negstate')).toBeVisible();
    await expect(row(page, 'sname-name-type')).toBeVisible();
    // Both say "when not the client's first choice": not shown.
    await expect(row(page, 'request-mic')).toHaveCount(0);
    expect(await view(page).locator('.difference-row').count()).toBeLessThan(all);
  });

  test('a rule of the simulator links to its entry, which opens highlighted', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=heimdal-acceptor&step=2');
    await expect(diagramSvg(page)).toBeVisible();
    const link = page.getByRole('link', {
      name: 'How stacks differ: negState of a first reply that switches mechanism (opens the Differences view)',
    });
    await expect(link).toHaveText('how stacks differ');
    // Keyboard reachable: focused and followed with Enter.
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#view=differences&difference=switch-negstate$/);
    await expect(page.getByRole('tab', { name: 'Differences' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const entry = row(page, 'switch-negstate');
    await expect(entry).toHaveClass(/highlighted/);
    await expect(entry).toBeInViewport();
    await expect(
      entry.getByRole('link', { name: 'negState of a first reply that switches mechanism' }),
    ).toBeFocused();
    await shot(page, 'linked-1280-light');

    // Back to the simulator, where the link was.
    await page.goBack();
    await expect(page.getByRole('tab', { name: 'Simulate' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(link).toBeVisible();
  });

  test('the MIT client’s reject, another rule, another entry', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=heimdal-acceptor&step=3');
    await expect(diagramSvg(page)).toBeVisible();
    await page
      .getByRole('link', {
        name: /^How stacks differ: Client answers a defective reply with a reject/,
      })
      .click();
    await expect(row(page, 'reject-token-after-defective-reply')).toHaveClass(/highlighted/);
  });

  test('in an embedded frame, the rule’s link opens the app in a new tab', async ({ page }) => {
    await page.goto('./embed.html#view=simulate&scenario=heimdal-acceptor&step=2&narrative');
    await expect(diagramSvg(page)).toBeVisible();
    const link = page.getByRole('link', {
      name: 'How stacks differ: negState of a first reply that switches mechanism (opens the Differences view of SPNEGO Lab in a new tab)',
    });
    await expect(link).toHaveAttribute('target', '_blank');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await expect(tab.getByRole('tab', { name: 'Differences' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(row(tab, 'switch-negstate')).toHaveClass(/highlighted/);
  });

  test('a link to an entry that does not exist says so', async ({ page }) => {
    await page.goto('./#view=differences&difference=no-such-entry');
    await expect(page.getByRole('alert')).toContainText(
      'there is no implementation difference “no-such-entry”',
    );
    await expect(view(page).getByRole('heading', { name: 'mechListMIC', level: 3 })).toBeVisible();
    await expect(view(page).locator('.difference-row.highlighted')).toHaveCount(0);
  });

  for (const theme of ['light', 'dark'] as const)
    test.describe(`${theme} theme`, () => {
      test.use({ colorScheme: theme });

      test('no serious axe violation; screenshots at 1280×720 and 1920×1080', async ({ page }) => {
        await page.goto('./#view=differences&difference=hint-name');
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await expect(row(page, 'hint-name')).toBeInViewport();
        expect(await seriousViolations(page)).toEqual([]);
        await shot(page, `1280-${theme}`);
        await page.setViewportSize({ width: 1920, height: 1080 });
        await expect(row(page, 'hint-name')).toBeVisible();
        await shot(page, `1920-${theme}`);
        await page.goto('./#view=differences');
        await expect(row(page, 'hint-name')).not.toHaveClass(/highlighted/);
        await page.evaluate(() => window.scrollTo(0, 0));
        await shot(page, `1920-top-${theme}`);
      });

      test.describe('on a phone', () => {
        test.use({ viewport: { width: 375, height: 800 } });

        test('rows become cards; nothing widens the page', async ({ page }) => {
          await page.goto('./#view=differences&difference=initiator-oids');
          await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
          await expect(row(page, 'initiator-oids')).toBeInViewport();
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth),
          ).toBeLessThanOrEqual(375);
          expect(await seriousViolations(page)).toEqual([]);
          await shot(page, `375-${theme}`);
          await page.goto('./#view=differences');
          await expect(row(page, 'initiator-oids')).not.toHaveClass(/highlighted/);
          await page.evaluate(() => window.scrollTo(0, 0));
          await shot(page, `375-top-${theme}`);
        });
      });
    });
});
