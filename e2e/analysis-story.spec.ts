import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  diagramArrows,
  diagramSvg,
  expect,
  fallbackExchange,
  screenshot,
  seriousViolations,
  test,
} from './support';

/** The analysed exchange's panels (src/ui/analysis). */
const analysis = (page: Page) => page.getByRole('region', { name: 'Analysed exchange' });
const outcome = (page: Page) => page.getByRole('status', { name: 'Outcome' });
const story = (page: Page) => analysis(page).getByRole('region', { name: 'Narrative' });
/** Clicks message `step` (0-based) in the diagram, on its label as a visitor would. */
const clickMessage = (page: Page, step: number) =>
  page
    .getByRole('region', { name: 'Message sequence' })
    .locator(`.message-text[data-step="${step}"]`)
    .first()
    .click();

async function pasteFallback(page: Page) {
  await page.goto('./#view=decode');
  // curl -v's shape: each request's Authorization, each 401's WWW-Authenticate.
  await page.getByRole('textbox', { name: 'Paste a token' }).fill(fallbackExchange());
  await expect(outcome(page)).toBeVisible();
  await expect(diagramSvg(page)).toBeVisible();
}

test.describe('Analysed exchange: the story of a real exchange', () => {
  test('a pasted Kerberos → NTLM fallback: verdict, statuses, steps, checks, fingerprint', async ({
    page,
  }) => {
    await pasteFallback(page);
    // The verdict: established, with NTLM, and the analysis' sentence on why.
    await expect(outcome(page)).toContainText(/established/i);
    await expect(outcome(page)).toContainText(/NTLM/);
    await expect(outcome(page).locator('.analysis-outcome-reason')).not.toBeEmpty();

    // One arrow per token, the HTTP status of each answer drawn on its leg.
    await expect(diagramArrows(page)).toHaveCount(6);
    await expect(diagramSvg(page)).toContainText('HTTP 401 Unauthorized');

    // The first step's story: who sent it, the rules that explain it with their sources.
    await expect(story(page).getByRole('heading', { level: 2 })).toContainText('Message 1:');
    await expect(story(page).getByRole('heading', { level: 2 })).toContainText('Client → Server');
    await expect(story(page).getByRole('listitem').first()).toBeVisible();

    // Stepping: the controls, then a click on an arrow.
    await analysis(page).getByRole('button', { name: 'Next step' }).click();
    await expect(story(page).getByRole('heading', { level: 2 })).toContainText('Message 2:');
    await expect(story(page).getByRole('heading', { level: 2 })).toContainText('Server → Client');
    await expect(story(page)).toContainText('HTTP 401 Unauthorized');
    await clickMessage(page, 4);
    await expect(story(page).getByRole('heading', { level: 2 })).toContainText('Message 5:');
    await expect(diagramArrows(page).nth(4)).toHaveClass(/current/);
    // The inspector follows the step.
    await expect(
      page.getByRole('region', { name: 'Token inspector' }).getByRole('heading', { level: 2 }),
    ).toContainText('Message 5');

    // The checks somewhere in the exchange, each ✓ or ✗ with its spec.
    let checked = false;
    for (let step = 5; step >= 1 && !checked; step--) {
      await clickMessage(page, step - 1);
      await expect(story(page).getByRole('heading', { level: 2 })).toContainText(
        `Message ${step}:`,
      );
      checked = (await story(page).getByRole('region', { name: 'Checks' }).count()) > 0;
    }
    expect(checked).toBe(true);
    const checks = story(page).getByRole('region', { name: 'Checks' }).getByRole('listitem');
    await expect(checks.first()).toContainText(/(Passed|Failed): /);
    await expect(checks.first().locator('.analysis-mark')).toHaveText(/[✓✗]/);

    // Both sides' states and the fingerprint.
    await expect(analysis(page).getByRole('region', { name: 'Client state' })).toBeVisible();
    await expect(analysis(page).getByRole('region', { name: 'Server state' })).toBeVisible();
    await expect(analysis(page).getByRole('region', { name: 'Fingerprint' })).toContainText(
      /Client/,
    );

    // The keyboard moves the step too (the view's arrow keys).
    await clickMessage(page, 4);
    await page.keyboard.press('ArrowRight');
    await expect(story(page).getByRole('heading', { level: 2 })).toContainText('Message 6:');
    expect(await seriousViolations(page)).toEqual([]);
    await clickMessage(page, 1);
    await expect(story(page).getByRole('heading', { level: 2 })).toContainText('Message 2:');
    await screenshot(page, 'analysis-fallback-1280', false);
    await screenshot(page, 'analysis-fallback-full');
  });

  test.describe('on a phone, dark from the system', () => {
    test.use({ viewport: { width: 375, height: 812 }, colorScheme: 'dark' });

    test('the same exchange fits the width and stays accessible', async ({ page }) => {
      await pasteFallback(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await expect(outcome(page)).toContainText(/NTLM/);
      await clickMessage(page, 3);
      await expect(story(page).getByRole('heading', { level: 2 })).toContainText('Message 4:');
      // Only the diagram, the hex pane and the derived values' table scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        375,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'analysis-fallback-375-dark');
    });
  });

  test('with the password, the NTLMv2 response verifies and the derived keys are listed', async ({
    page,
  }) => {
    const dir = 'fixtures/vectors/real/spnego-ntlm-01-ntlmv2';
    const token = (name: string) => readFileSync(`${dir}/${name}.b64`, 'utf8').trim();
    const lines = [
      `Authorization: Negotiate ${token('01-i2a-negTokenInit-NTLM-NEGOTIATE')}`,
      `WWW-Authenticate: Negotiate ${token('02-a2i-negTokenResp-accept-incomplete-sup_ntlmssp-NTLM-CHALLENGE')}`,
      `Authorization: Negotiate ${token('03-i2a-negTokenResp-accept-incomplete-NTLM-AUTHENTICATE-mechListMIC')}`,
      `WWW-Authenticate: Negotiate ${token('04-a2i-negTokenResp-accept-completed-mechListMIC')}`,
    ];
    const { ntlm } = JSON.parse(
      readFileSync('fixtures/vectors/real/secrets/passwords.json', 'utf8'),
    ) as { ntlm: { users: Record<string, string> } };
    await page.goto('./#view=decode');
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(lines.join('\n'));
    await expect(outcome(page)).toContainText(/established/i);
    await expect(outcome(page)).toContainText(/NTLM/);

    const secrets = page.getByRole('region', { name: 'Secrets' }).first();
    if (!(await secrets.getByLabel(/^Password/).isVisible()))
      await secrets.locator('summary').first().click();
    await secrets.getByLabel(/^Password/).fill(`alice=${ntlm.users.alice}`);
    await secrets.getByLabel(/^Password/).press('Enter');

    // The AUTHENTICATE step: the response verified, the keys derived, each with how.
    await clickMessage(page, 2);
    await expect(story(page).getByRole('heading', { level: 2 })).toContainText('Message 3:');
    const opened = story(page).getByRole('region', { name: 'What the secrets opened' });
    await expect(
      opened
        .getByRole('listitem')
        .filter({ hasText: /NTLMv2/ })
        .first(),
    ).toContainText(/✓Opened or verified: /);
    const derived = opened.getByRole('table').first();
    await expect(derived.getByRole('columnheader')).toHaveText(['Name', 'Value', 'How']);
    await expect(derived.getByRole('rowheader').first()).not.toBeEmpty();
    await expect(derived.getByRole('button', { name: /^Copy / }).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'analysis-ntlm-password');
  });

  test('with the acceptor keytab, the ticket and authenticator are decrypted into the tree', async ({
    page,
  }) => {
    const dir = 'fixtures/vectors/real/spnego-krb5-01-std-flags';
    const token = (name: string) => readFileSync(`${dir}/${name}.b64`, 'utf8').trim();
    await page.goto('./#view=decode');
    await page
      .getByRole('textbox', { name: 'Paste a token' })
      .fill(
        [
          `Authorization: Negotiate ${token('01-i2a-negTokenInit-krb5-AP-REQ')}`,
          `WWW-Authenticate: Negotiate ${token('02-a2i-negTokenResp-accept-completed-sup_krb5-krb5-AP-REP')}`,
        ].join('\n'),
      );
    await expect(outcome(page)).toContainText(/Kerberos/);

    const secrets = page.getByRole('region', { name: 'Secrets' }).first();
    if (!(await secrets.getByLabel(/^Keytab file/).isVisible()))
      await secrets.locator('summary').first().click();
    await secrets
      .getByLabel(/^Keytab file/)
      .setInputFiles('fixtures/vectors/real/secrets/acceptor.keytab');

    const opened = story(page).getByRole('region', { name: 'What the secrets opened' });
    await expect(
      opened
        .getByRole('listitem')
        .filter({ hasText: /EncTicketPart/ })
        .first(),
    ).toContainText(/✓Opened or verified: /);
    // The part sits in the tree under its ciphertext, marked, and says where it came from.
    const tree = page.getByRole('region', { name: 'Token inspector' }).getByRole('tree');
    await expect(
      tree.getByRole('treeitem', { name: /^.?\s*EncTicketPart.*decrypted/ }),
    ).toBeVisible();
    await opened.getByRole('button', { name: 'Show the EncTicketPart' }).click();
    await expect(tree.getByRole('treeitem', { selected: true })).toContainText('EncTicketPart');
    await expect(page.getByRole('region', { name: 'Selected field' })).toContainText(
      /decrypted from the ciphertext at bytes \d+–\d+ .*in the plaintext at offset 0/,
    );
    expect(await seriousViolations(page)).toEqual([]);
    // From the top: the diagram is sticky beside the story, and a full-page picture taken
    // scrolled down would draw it low in its column.
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'analysis-kerberos-keytab');
  });
});
