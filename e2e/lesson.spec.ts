import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, screenshot, seriousViolations, test } from './support';

/** The Lesson's step articles (src/ui/lesson). */
const articles = (page: Page) => page.locator('article.lesson-step');
const openAll = (page: Page) => page.getByRole('button', { name: 'Open all' });

/** The Lesson of a simulated scenario, its articles drawn. */
async function openLesson(page: Page, scenario: string, step?: number) {
  await page.goto(`./#view=lesson&scenario=${scenario}${step ? `&step=${step}` : ''}`);
  await expect(page.getByRole('tab', { name: 'Lesson' })).toHaveAttribute('aria-selected', 'true');
  await expect(articles(page).first()).toBeVisible();
}

/** Every article's bytes list is shown, each with labelled runs covering the token. */
async function expectAnnotated(page: Page, count: number) {
  for (let i = 1; i <= count; i++) {
    const bytes = page.getByRole('list', { name: `Bytes of step ${i}`, exact: true });
    await expect(bytes).toBeVisible();
    // The first run is the token's outer header, compact: its name and size, not its content.
    const first = bytes.locator('li').first();
    await expect(first).toHaveClass(/lesson-run-header/);
    await expect(first.locator('.lesson-hex')).not.toBeEmpty();
    await expect(first.locator('.lesson-name')).not.toBeEmpty();
    // Leaves: hex, the field's name and what it means.
    const field = bytes.locator('li.lesson-run-field').first();
    await expect(field.locator('.lesson-hex')).toHaveText(/^[0-9a-f ]+$/);
    await expect(field.locator('.lesson-name')).not.toBeEmpty();
  }
}

test.describe('Lesson: the whole run, one article per step', () => {
  test('a simulated fallback: every step an article with its rules and annotated bytes', async ({
    page,
  }) => {
    await openLesson(page, 'kerberos-to-ntlm-fallback');
    await expect(page.getByRole('heading', { level: 2 })).toContainText(
      'Fallback from Kerberos to NTLM',
    );
    const count = await articles(page).count();
    expect(count).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < count; i++) {
      const article = articles(page).nth(i);
      await expect(article).toHaveAttribute('id', `lesson-step-${i + 1}`);
      await expect(article.locator('.lesson-position')).toContainText(`Step ${i + 1} of ${count}`);
      await expect(article.getByRole('heading', { level: 3 })).toContainText(/→/);
      // What happened and why: the rules that fired, with their sources.
      await expect(article.locator('.rules .rule').first()).toBeVisible();
    }
    // The first token, the optimistic AP-REQ: its Kerberos fields are named.
    const first = articles(page).first();
    await first.locator('summary', { hasText: 'field by field' }).click();
    const bytes = first.getByRole('list', { name: 'Bytes of step 1', exact: true });
    await expect(bytes).toContainText('AP-REQ');
    // A long run (the ticket's cipher) is folded behind a button, then shown whole.
    const more = bytes.getByRole('button', { name: /show all \d+ bytes/ }).first();
    await expect(more).toBeVisible();
    const label = (await more.textContent()) ?? '';
    const total = Number(/(\d+) bytes/.exec(label)![1]);
    // The row by its offset (the button's locator moves on to the next long run once clicked).
    const offset = await more
      .locator('xpath=ancestor::li[1]')
      .locator('.lesson-offset')
      .innerText();
    const row = bytes
      .locator('li')
      .filter({ has: page.locator('.lesson-offset').getByText(offset, { exact: true }) });
    await more.click();
    await expect
      .poll(async () => ((await row.locator('.lesson-hex').textContent()) ?? '').replace(/\s/g, ''))
      .toHaveLength(total * 2);

    // Open all: every step's bytes and derived values.
    await openAll(page).click();
    await expectAnnotated(page, count);
    await expect(page.locator('details.lesson-derived-section[open]').first()).toBeVisible();
    await expect(page.locator('details.lesson-bytes:not([open])')).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'lesson-fallback-open-1280', false);

    await page.getByRole('button', { name: 'Close all' }).click();
    await expect(page.locator('details.lesson-bytes[open]')).toHaveCount(0);
  });

  test('anchors: a link opens the Lesson at its step; a step link moves there', async ({
    page,
  }) => {
    await openLesson(page, 'kerberos-to-ntlm-fallback', 4);
    const fourth = page.locator('#lesson-step-4');
    await expect(fourth).toHaveClass(/current/);
    await expect(fourth).toBeInViewport();
    await expect(fourth).toBeFocused();

    // The table of contents' links are the steps' anchors.
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('link').nth(1).click();
    await expect(page.locator('#lesson-step-2')).toHaveClass(/current/);
    await expect(page.locator('#lesson-step-2')).toBeInViewport();
    // The address keeps the Lesson, its scenario and the step (a link to share).
    await expect(page).toHaveURL(/view=lesson/);
    await expect(page).toHaveURL(/scenario=kerberos-to-ntlm-fallback/);
    await expect(page).toHaveURL(/step=2/);

    // A bare anchor works from a fresh page too.
    await page.goto('./#lesson-step-3');
    await expect(page.getByRole('tab', { name: 'Lesson' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.locator('#lesson-step-3')).toHaveClass(/current/);
  });

  test('an analysed paste: the real NTLMv2 exchange with its checks', async ({ page }) => {
    const dir = 'fixtures/vectors/real/spnego-ntlm-01-ntlmv2';
    const token = (name: string) => readFileSync(`${dir}/${name}.b64`, 'utf8').trim();
    const lines = [
      `Authorization: Negotiate ${token('01-i2a-negTokenInit-NTLM-NEGOTIATE')}`,
      `WWW-Authenticate: Negotiate ${token('02-a2i-negTokenResp-accept-incomplete-sup_ntlmssp-NTLM-CHALLENGE')}`,
      `Authorization: Negotiate ${token('03-i2a-negTokenResp-accept-incomplete-NTLM-AUTHENTICATE-mechListMIC')}`,
      `WWW-Authenticate: Negotiate ${token('04-a2i-negTokenResp-accept-completed-mechListMIC')}`,
    ];
    await page.goto('./#view=decode');
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(lines.join('\n'));
    // Decoded and analysed: one tab per token.
    await expect(page.getByRole('tablist', { name: 'Tokens found' }).getByRole('tab')).toHaveCount(
      4,
    );

    await page.getByRole('tab', { name: 'Lesson' }).click();
    await expect(page.getByRole('radio', { name: /analysed exchange/ })).toBeChecked();
    await expect(page.getByRole('heading', { level: 2 })).toContainText('Analysed exchange');
    await expect(articles(page)).toHaveCount(4);
    await expect(articles(page).nth(2).getByRole('heading', { level: 3 })).toContainText(
      'AUTHENTICATE',
    );
    // Checks, each ✓ or ✗ with its spec, somewhere in the exchange.
    const checks = page.getByRole('region', { name: 'Checks' });
    expect(await checks.count()).toBeGreaterThan(0);
    await expect(checks.first().getByRole('listitem').first()).toContainText(/Passed: |Failed: /);
    await expect(checks.first().locator('.lesson-spec a, .lesson-spec span').first()).toBeVisible();
    await expect(page.locator('.lesson-outcome')).toContainText(/established/i);

    await openAll(page).click();
    await expectAnnotated(page, 4);
    const auth = page.getByRole('list', { name: 'Bytes of step 3', exact: true });
    await expect(auth).toContainText('NtChallengeResponse');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'lesson-analysed-ntlm', false);

    // The simulated run is one choice away.
    await page.getByRole('radio', { name: 'The simulated run' }).check();
    await expect(page.getByRole('heading', { level: 2 })).not.toContainText('Analysed exchange');

    // A shared paste's link opens its Lesson, at the step it names.
    const input = Buffer.from(lines.join('\n'), 'utf8').toString('base64url');
    await page.goto('about:blank');
    await page.goto(`./#view=lesson&input=${input}&step=3`);
    await expect(page.getByRole('radio', { name: /analysed exchange/ })).toBeChecked();
    await expect(articles(page)).toHaveCount(4);
    await expect(page.locator('#lesson-step-3')).toHaveClass(/current/);
    await expect(page.locator('#lesson-step-3')).toBeInViewport();
  });

  test("the outcome and the attacker's note have the Lesson's own classes, in print too", async ({
    page,
  }) => {
    await openLesson(page, 'downgrade-attack');
    const outcome = page.getByRole('region', { name: 'How it ended' });
    await expect(outcome).toHaveClass(/\blesson-outcome-rejected\b/);
    await expect(outcome).not.toHaveClass(/(^|\s)outcome-/);
    const mitm = page.locator('.lesson-mitm').first();
    await expect(mitm).toContainText('A man in the middle changed this message');
    // Restyling the simulator's outcome block and its attacker note leaves the Lesson as it is.
    const before = await outcome.evaluate((e) => getComputedStyle(e).backgroundColor);
    await page.addStyleTag({
      content:
        '.outcome, .outcome-rejected, .outcome-failed, .mitm { background: rgb(1, 2, 3) !important; }',
    });
    await expect(outcome).toHaveCSS('background-color', before);
    await expect(mitm).not.toHaveCSS('background-color', 'rgb(1, 2, 3)');
    // Printed: the outcome keeps its rejected colours (printBackground), under the last step.
    await page.emulateMedia({ media: 'print' });
    await expect(outcome).toBeVisible();
    await expect(outcome).toHaveCSS('border-left-width', '4px');
    await expect(outcome.getByRole('heading', { level: 3 })).toContainText(/rejected/i);
    await page.emulateMedia({ media: 'screen' });
  });

  test('print: every step, all open, no chrome; the PDF has a page per step at least', async ({
    page,
  }) => {
    await openLesson(page, 'kerberos-to-ntlm-fallback');
    const count = await articles(page).count();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.app-header')).toBeHidden();
    await expect(page.locator('.lesson-toolbar')).toBeHidden();
    await expectAnnotated(page, count);
    for (let i = 0; i < count; i++) {
      await expect(articles(page).nth(i)).toBeVisible();
      await expect(articles(page).nth(i).getByRole('heading', { level: 3 })).toBeVisible();
    }
    // Long runs are printed whole.
    await expect(page.getByRole('button', { name: /show all/ })).toHaveCount(0);

    await page
      .getByRole('list', { name: 'Bytes of step 2', exact: true })
      .evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'lesson-print-media', false);

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(count);
    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('.lesson-toolbar')).toBeVisible();
  });

  for (const { name, width, height } of [
    { name: '1280', width: 1280, height: 720 },
    { name: '1920', width: 1920, height: 1080 },
    { name: '375', width: 375, height: 800 },
  ])
    for (const scheme of ['light', 'dark'] as const)
      test(`looks right at ${name} px, ${scheme}`, async ({ page }) => {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme: scheme });
        await openLesson(page, 'kerberos-to-ntlm-fallback');
        await openAll(page).click();
        await expectAnnotated(page, 1);
        expect(await seriousViolations(page)).toEqual([]);
        // The first step's bytes at the top of the screen, for the screenshot.
        await page
          .getByRole('list', { name: 'Bytes of step 1', exact: true })
          .evaluate((e) => e.scrollIntoView({ block: 'start' }));
        // No sideways scrolling of the page at any width.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, `lesson-${name}-${scheme}`, false);
      });
});
