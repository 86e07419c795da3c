import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

const FALLBACK = 'fixtures/vectors/real/fallback-01-krb5-to-ntlm-no-keytab';
const token = (name: string) => readFileSync(`${FALLBACK}/${name}.b64`, 'utf8').trim();

test.describe('Decode view', () => {
  test.beforeEach(async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    (page as unknown as { problems: string[] }).problems = problems;
    await page.goto('./');
  });

  test.afterEach(async ({ page }) => {
    expect((page as unknown as { problems: string[] }).problems).toEqual([]);
  });

  test('pasting a real NegTokenInit shows its tree and bytes', async ({ page }) => {
    await page
      .getByRole('textbox', { name: 'Paste a token' })
      .fill(token('01-i2a-negTokenInit-krb5-AP-REQ'));
    const inspector = page.getByRole('region', { name: 'Token inspector' });
    const tree = inspector.getByRole('tree');
    await expect(tree.getByRole('treeitem', { name: /InitialContextToken/ }).first()).toBeVisible();
    await expect(
      tree.getByRole('treeitem', { name: /thisMech.*1\.3\.6\.1\.5\.5\.2.*SPNEGO/ }),
    ).toBeVisible();
    await expect(tree.getByRole('treeitem', { name: /^.?\s*NegTokenInit/ })).toBeVisible();
    await expect(
      tree.getByRole('treeitem', { name: /MechType.*1\.2\.840\.113554\.1\.2\.2/ }),
    ).toBeVisible();
    await expect(tree.getByRole('treeitem', { name: /MechType.*NTLMSSP/ })).toBeVisible();
    await expect(page.getByText(/794 bytes/)).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/decode-negtokeninit.png', fullPage: true });
  });

  test('selecting a field lights its bytes; clicking a byte selects its field', async ({
    page,
  }) => {
    await page
      .getByRole('textbox', { name: 'Paste a token' })
      .fill(token('02-a2i-negTokenResp-request-mic-sup_ntlmssp'));
    const tree = page.getByRole('tree');
    await tree.getByRole('treeitem', { name: /negState/ }).click();
    // negState covers a0 03 0a 01 03 at offsets 4..8: header tint on 4..7, content on 8.
    await expect(page.locator('.hex-byte[data-offset="4"]')).toHaveClass(/sel-header/);
    await expect(page.locator('.hex-byte[data-offset="8"]')).toHaveClass(/sel-content/);
    await page.locator('.hex-byte[data-offset="20"]').click();
    await expect(tree.getByRole('treeitem', { selected: true })).toContainText('supportedMech');
    await expect(page.getByRole('definition').filter({ hasText: 'request-mic' })).toHaveCount(0);
  });

  test('a pasted HTTP exchange gives one token per header, with directions', async ({ page }) => {
    const exchange = [
      '> GET /private HTTP/1.1',
      '> Host: server.example.test',
      `> Authorization: Negotiate ${token('01-i2a-negTokenInit-krb5-AP-REQ')}`,
      '>',
      '< HTTP/1.1 401 Unauthorized',
      `< WWW-Authenticate: Negotiate ${token('02-a2i-negTokenResp-request-mic-sup_ntlmssp')}`,
    ].join('\n');
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(exchange);
    const tabs = page.getByRole('tablist', { name: 'Tokens found' }).getByRole('tab');
    await expect(tabs).toHaveCount(2);
    await expect(tabs.nth(0)).toContainText('Client → Server');
    await expect(tabs.nth(1)).toContainText('Server → Client');
    await tabs.nth(1).click();
    await expect(
      page.getByRole('tree').getByRole('treeitem', { name: /negState.*request-mic/ }),
    ).toBeVisible();
  });

  test('a truncated token shows the error at its offset with the partial tree', async ({
    page,
  }) => {
    const full = Buffer.from(token('02-a2i-negTokenResp-request-mic-sup_ntlmssp'), 'base64');
    await page
      .getByRole('textbox', { name: 'Paste a token' })
      .fill(full.subarray(0, 15).toString('hex'));
    await expect(page.getByRole('alert').first()).toContainText('offset');
    await expect(
      page.getByRole('tree').getByRole('treeitem', { name: /negState.*request-mic/ }),
    ).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/decode-truncated.png', fullPage: true });
  });
});
