import type { Page } from '@playwright/test';
import { diagramArrows, diagramSvg, expect, fallbackExchange, test } from './support';

const analysis = (page: Page) => page.getByRole('region', { name: 'Analysed exchange' });

/** The diagram's message labels, in order (what each arrow says it carries). */
async function labels(page: Page): Promise<string[]> {
  const texts = await page
    .getByRole('region', { name: 'Message sequence' })
    .locator('.sequence-canvas svg .message-text')
    .allTextContents();
  return texts.map((t) => t.trim()).filter(Boolean);
}

test.describe('Open in simulator: a real exchange becomes a simulation', () => {
  test('a pasted Kerberos → NTLM fallback opens in the Simulate view with the same sequence', async ({
    page,
  }) => {
    await page.goto('./#view=decode');
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(fallbackExchange());
    await expect(diagramSvg(page)).toBeVisible();
    await expect(diagramArrows(page)).toHaveCount(6);
    const real = await labels(page);
    expect(real.length).toBeGreaterThanOrEqual(6);

    await analysis(page).getByRole('button', { name: 'Open in simulator' }).click();

    // The Simulate view, with the inferred configuration in its shareable link.
    await expect(page).toHaveURL(/view=simulate/);
    await expect(page).toHaveURL(/kerberosKey%22%3Afalse|kerberosKey":false/);
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toBeVisible();
    await expect(diagramArrows(page)).toHaveCount(6);
    await expect(diagramSvg(page)).toContainText('request-mic');
    // The same messages, one for one: the simulated labels name what the real ones name (the
    // simulator's diagram adds its mechListMIC verdict badge, which the real paste lacks).
    const simulated = (await labels(page)).map((t) => t.replace(/ [✓✗]$/, ''));
    expect(simulated.filter((t) => /NegToken|NTLM|AP-REQ|mechListMIC/.test(t))).toEqual(
      real.filter((t) => /NegToken|NTLM|AP-REQ|mechListMIC/.test(t)),
    );
  });
});
