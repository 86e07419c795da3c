import { expect, realToken, screenshot, test } from './support';

const AUTHENTICATE = realToken('raw-ntlm-01-ntlmv2', '03-i2a-NTLM-AUTHENTICATE');

test.describe('Inspector', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('./#view=decode');
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(AUTHENTICATE);
  });

  test('an NTLM AUTHENTICATE opens at the user, domain and flags, the Len/MaxLen folded', async ({
    page,
  }) => {
    const tree = page.getByRole('region', { name: 'Token inspector' }).getByRole('tree');
    const row = (name: RegExp) => tree.getByRole('treeitem', { name });
    for (const shown of [
      /^UserName(?!Fields)/,
      /^DomainName(?!Fields)/,
      /^Workstation(?!Fields)/,
      /^NegotiateFlags/,
      /^NtChallengeResponse(?!Fields)/,
    ])
      await expect(row(shown)).toBeVisible();
    // The payload descriptors are there, folded: their Len/MaxLen/BufferOffset are not shown.
    await expect(row(/^UserNameFields/)).toHaveAttribute('aria-expanded', 'false');
    await expect(row(/^(Len|MaxLen|BufferOffset)\b/)).toHaveCount(0);
    // Opening one shows them.
    await row(/^UserNameFields/)
      .locator('.twisty')
      .click();
    await expect(row(/^MaxLen/)).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'inspector-ntlm-authenticate');
  });

  test('no row is clipped: the flags wrap, a long value is elided with the whole in its tooltip', async ({
    page,
  }) => {
    const tree = page.getByRole('tree');
    const flags = tree.getByRole('treeitem', { name: /^NegotiateFlags/ });
    // The row is as wide as the tree at most: its label wraps instead of running off.
    const [rowBox, treeBox] = await Promise.all([flags.boundingBox(), tree.boundingBox()]);
    expect(rowBox!.x + rowBox!.width).toBeLessThanOrEqual(treeBox!.x + treeBox!.width + 1);
    await expect(flags).toContainText('NTLMSSP_NEGOTIATE_UNICODE');
    expect(await tree.evaluate((t) => t.scrollWidth <= t.clientWidth + 1)).toBe(true);
    // NtChallengeResponse is 148 bytes: its row shows the start, the tooltip the whole.
    const response = tree.getByRole('treeitem', { name: /^NtChallengeResponse(?!Fields)/ });
    await expect(response.locator('.node-value')).toHaveText(/…$/);
    const hex = Buffer.from(AUTHENTICATE, 'base64')
      .subarray(72, 72 + 148)
      .toString('hex');
    await expect(response).toHaveAttribute('title', new RegExp(`NtChallengeResponse = ${hex}`));
  });

  test('hovered and selected fields are tinted differently, in the tree and the bytes', async ({
    page,
  }) => {
    const tree = page.getByRole('tree');
    const user = tree.getByRole('treeitem', { name: /^UserName(?!Fields)/ });
    const domain = tree.getByRole('treeitem', { name: /^DomainName(?!Fields)/ });
    await user.click();
    await domain.hover();
    await expect(domain).toHaveClass(/hovered/);
    const bg = (l: typeof user) => l.evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await bg(user)).not.toBe(await bg(domain));
    const hexView = page.getByRole('region', { name: 'Hex bytes' });
    const selectedByte = hexView.locator('.hex-byte.sel-content').first();
    const hoveredByte = hexView.locator('.hex-byte.hov-content').first();
    await expect(selectedByte).toBeVisible();
    await expect(hoveredByte).toBeVisible();
    expect(await bg(selectedByte)).not.toBe(await bg(hoveredByte));
    // Not by colour alone: the hovered bytes are underlined.
    expect(await hoveredByte.evaluate((e) => getComputedStyle(e).boxShadow)).not.toBe('none');
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'inspector-hover-selected', false);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await bg(selectedByte)).not.toBe(await bg(hoveredByte));
    await screenshot(page, 'inspector-hover-selected-dark', false);
  });

  test('"Tree as text" copies the whole tree, indented', async ({ page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page
      .getByRole('group', { name: 'Copy' })
      .getByRole('button', { name: 'Tree as text' })
      .click();
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await expect.poll(clipboard).toMatch(/^@00000 \+274\s+AUTHENTICATE_MESSAGE/);
    const text = await clipboard();
    expect(text).toMatch(/\n@00234 \+10 +UserName = alice {2}\("alice" \(UTF-16LE\)\)/);
    // Folded or not on screen, every field is in the text.
    expect(text).toMatch(/\n@00038 \+2 +MaxLen = 10/);
  });

  test('at 375 px the tree stays readable', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    const tree = page.getByRole('tree');
    await expect(tree.getByRole('treeitem', { name: /^UserName(?!Fields)/ })).toBeVisible();
    expect(await tree.evaluate((t) => t.scrollWidth <= t.clientWidth + 1)).toBe(true);
    await screenshot(page, 'inspector-375');
  });
});
