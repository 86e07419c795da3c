import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  diagramArrows,
  expect,
  FALLBACK,
  fallbackExchange,
  realToken,
  screenshot,
  test,
} from './support';

const token = (name: string) => realToken(FALLBACK, name);

test.describe('Decode view', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('./#view=decode');
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
    await expect(inspector.getByRole('heading', { level: 2 })).toHaveText(
      'NegTokenInit [Kerberos, NTLM] + Kerberos AP-REQ',
    );
    await expect(page.getByText(/nothing you paste or drop leaves your browser/)).toBeVisible();
    await screenshot(page, 'decode-negtokeninit');
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
    await expect(page.locator('.hex-byte[data-offset="9"]')).not.toHaveClass(/sel-/);
    // The field's meaning and its spec reference, from the field table.
    const details = page.getByRole('region', { name: 'Selected field' });
    await expect(details).toContainText('request-mic (3, first reply only');
    await expect(details.getByRole('link', { name: 'RFC 4178 §4.2.2' })).toHaveAttribute(
      'href',
      'https://www.rfc-editor.org/rfc/rfc4178#section-4.2.2',
    );
    await page.locator('.hex-byte[data-offset="20"]').click();
    await expect(tree.getByRole('treeitem', { selected: true })).toContainText('supportedMech');
    // The ASCII column too: offset 4 is the fifth character of the first row.
    const text = page.locator('.hex-row').first().locator('.hex-text');
    const box = (await text.boundingBox())!;
    await text.click({ position: { x: (box.width / 16) * 4.5, y: box.height / 2 } });
    await expect(tree.getByRole('treeitem', { selected: true })).toContainText('negState');
    await page.locator('.hex-byte[data-offset="20"]').click();
    await expect(page.getByRole('definition').filter({ hasText: 'request-mic' })).toHaveCount(0);
  });

  test('hovering a tree node tints its bytes, header and content apart', async ({ page }) => {
    await page
      .getByRole('textbox', { name: 'Paste a token' })
      .fill(token('04-a2i-negTokenResp-accept-incomplete-NTLM-CHALLENGE'));
    const tree = page.getByRole('tree');
    // Nested: the NTLM CHALLENGE inside responseToken inside NegTokenResp, all in one tree.
    await tree.getByRole('treeitem', { name: /^.?\s*responseToken/ }).hover();
    await expect(page.locator('.hex-byte[data-offset="11"]')).toHaveClass(/hov-header/);
    await expect(page.locator('.hex-byte[data-offset="17"]')).toHaveClass(/hov-content/);
    await tree.getByRole('treeitem', { name: /ServerChallenge/ }).click();
    await expect(page.locator('.hex-byte[data-offset="41"]')).toHaveClass(/sel-content/);
    // And the other way: hovering a byte marks the field that holds it in the tree.
    await page.locator('.hex-byte[data-offset="26"]').hover();
    await expect(tree.locator('.tree-row.hovered')).toContainText('MessageType');
    await expect(page.getByRole('region', { name: 'Selected field' })).toContainText(
      '8-byte random nonce',
    );
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

  test('a whole exchange is drawn as a sequence and stepped through like a run', async ({
    page,
  }) => {
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(fallbackExchange());
    const diagram = page.getByRole('region', { name: 'Message sequence' });
    await expect(diagramArrows(page)).toHaveCount(6);
    // The analysed exchange's legs carry their HTTP status too.
    await expect(diagram.locator('.message-text.from-acceptor').first()).toContainText(
      'NegTokenResp request-mic, supportedMech NTLM',
    );
    await expect(diagramArrows(page).nth(0)).toHaveClass(/current/);
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByText('Message 4 of 6')).toBeVisible();
    await expect(diagramArrows(page).nth(3)).toHaveClass(/current/);
    await expect(diagramArrows(page).nth(4)).toHaveClass(/future/);
    await expect(
      page.getByRole('region', { name: 'Token inspector' }).getByRole('heading', { level: 2 }),
    ).toHaveText(/NegTokenResp accept-incomplete \+ NTLM CHALLENGE$/);
    // Clicking a message in the diagram opens its token.
    await diagram.locator('.message-text[data-step="4"]').first().click();
    await expect(page.getByText('Message 5 of 6')).toBeVisible();
    await expect(
      page.getByRole('tree').getByRole('treeitem', { name: /^.?\s*MIC\b/ }),
    ).toBeVisible();
    await screenshot(page, 'decode-exchange');
  });

  test('a sample exchange shipped with the site loads into the paste box', async ({ page }) => {
    await page
      .getByRole('combobox', { name: 'Load a sample' })
      .selectOption('http-kerberos-clock-skew.txt');
    await expect(page.getByRole('textbox', { name: 'Paste a token' })).toHaveValue(
      /Authorization: Negotiate/,
    );
    await expect(diagramArrows(page)).toHaveCount(3);
    await expect(
      page.getByRole('region', { name: 'Message sequence' }).locator('.message-text').nth(2),
    ).toContainText('NegTokenResp reject');
    await page.getByRole('button', { name: 'Next step' }).click();
    // The inspector of an analysed exchange is titled with the message's place and sender.
    await expect(
      page.getByRole('region', { name: 'Token inspector' }).getByRole('heading', { level: 2 }),
    ).toHaveText(
      /^Message 2 · Server → Client · NegTokenResp reject \+ Kerberos KRB-ERROR KRB_AP_ERR_SKEW$/,
    );
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
    await screenshot(page, 'decode-truncated');
  });

  test('a bad paste marks the offending byte in the hex pane', async ({ page }) => {
    // An NTLM CHALLENGE whose TargetInfo claims more bytes than the message holds.
    const challenge = Buffer.from(
      token('04-a2i-negTokenResp-accept-incomplete-NTLM-CHALLENGE'),
      'base64',
    ).subarray(17);
    const broken = Buffer.from(challenge);
    broken.writeUInt16LE(200, 40);
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(broken.toString('hex'));
    const banner = page.locator('.hex-error');
    await expect(banner).toContainText(/Decoding stopped at offset (\d+)/);
    const offset = Number(/offset (\d+)/.exec((await banner.textContent()) ?? '')![1]);
    await expect(page.locator(`.hex-byte[data-offset="${offset}"]`)).toHaveClass(/\berr\b/);
    // Everything before the error stays decoded.
    await expect(
      page.getByRole('tree').getByRole('treeitem', { name: /ServerChallenge/ }),
    ).toBeVisible();
    await screenshot(page, 'decode-bad-paste');
  });

  test('the token goes into the link only when the user asks', async ({ page }) => {
    const text = token('02-a2i-negTokenResp-request-mic-sup_ntlmssp');
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(text);
    await expect(page.getByRole('tree')).toBeVisible();
    expect(new URL(page.url()).hash).toBe('#view=decode');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
    const link = page.url();
    expect(new URL(link).hash).toMatch(/input=/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // The link opens the same token…
    const other = await page.context().newPage();
    await other.goto(link);
    await expect(other.getByRole('textbox', { name: 'Paste a token' })).toHaveValue(text);
    await expect(other.getByRole('tree').getByRole('treeitem', { name: /negState/ })).toBeVisible();
    await other.close();
    // …and a selected field travels in the link too.
    await page
      .getByRole('tree')
      .getByRole('treeitem', { name: /negState/ })
      .click();
    await expect.poll(() => new URL(page.url()).hash).toMatch(/field=/);
    const withField = await page.evaluate(() => window.location.href);
    const third = await page.context().newPage();
    await third.goto(withField);
    await expect(
      third.getByRole('tree').getByRole('treeitem', { name: /negState/, selected: true }),
    ).toBeVisible();
    await third.close();
    // …and editing the paste takes it out of the address bar again.
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(`${text} `);
    await expect.poll(() => new URL(page.url()).hash).toBe('#view=decode');
  });

  test('copy buttons give base64, hex, the HTTP header line and the selected field', async ({
    page,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const text = token('02-a2i-negTokenResp-request-mic-sup_ntlmssp');
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(text);
    const copy = page.getByRole('group', { name: 'Copy' });
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await copy.getByRole('button', { name: 'Base64' }).click();
    await expect.poll(clipboard).toBe(text);
    await copy.getByRole('button', { name: 'Hex' }).click();
    await expect.poll(clipboard).toBe(Buffer.from(text, 'base64').toString('hex'));
    await copy.getByRole('button', { name: 'HTTP header' }).click();
    await expect.poll(clipboard).toBe(`Authorization: Negotiate ${text}`);
    await expect(copy.getByRole('button', { name: 'Field bytes' })).toBeDisabled();
    await page
      .getByRole('tree')
      .getByRole('treeitem', { name: /negState/ })
      .click();
    await copy.getByRole('button', { name: 'Field bytes' }).click();
    await expect.poll(clipboard).toBe('a0030a0103');
  });
});

test.describe('Decode view, files', () => {
  const file = 'fixtures/vectors/public/jborean93-pyspnego/ntlm_challenge.bin';

  test('a binary file dropped on the paste box is decoded', async ({ page }) => {
    await page.goto('./#view=decode');
    const bytes = [...readFileSync(file)];
    const dataTransfer = await page.evaluateHandle((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'ntlm_challenge.bin'));
      return dt;
    }, bytes);
    await page.locator('.paste-box').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByRole('textbox', { name: 'Paste a token' })).toHaveValue(
      `(file ntlm_challenge.bin, ${bytes.length} bytes)`,
    );
    await expect(
      page.getByRole('region', { name: 'Token inspector' }).getByRole('heading', { level: 2 }),
    ).toHaveText('NTLM CHALLENGE');
  });

  test('a file can be opened with the file picker', async ({ page }) => {
    await page.goto('./#view=decode');
    await page.getByLabel('Open a file').setInputFiles(file);
    await expect(
      page.getByRole('tree').getByRole('treeitem', { name: /ServerChallenge/ }),
    ).toBeVisible();
  });
});

test.describe('Decode view, broken links', () => {
  const alert = (page: Page) =>
    page.getByRole('alert').filter({ hasText: 'This link could not be opened as written' });

  test('an unknown input format says so, and the paste is still read', async ({ page }) => {
    const token = realToken(FALLBACK, '01-i2a-negTokenInit-krb5-AP-REQ');
    const input = Buffer.from(token, 'utf8').toString('base64url');
    await page.goto(`./#view=decode&input=${input}&format=evil`);
    await expect(alert(page)).toContainText('there is no input format “evil”');
    await expect(
      page.getByRole('region', { name: 'Token inspector' }).getByRole('heading', { level: 2 }),
    ).toHaveText('NegTokenInit [Kerberos, NTLM] + Kerberos AP-REQ');
    await alert(page).getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert(page)).toHaveCount(0);
  });

  test('a damaged shared paste says so instead of an empty view', async ({ page }) => {
    await page.goto('./#view=decode&input=%E2%9C%97not-base64');
    await expect(page.getByRole('region', { name: 'Decode' })).toBeVisible();
    await expect(alert(page)).toContainText('its shared paste is damaged (not base64url text)');
    await expect(page.getByRole('textbox', { name: 'Paste a token' })).toHaveValue('');

    // A link that is fine opens without the alert.
    await page.goto('./#view=decode&format=hex');
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Paste a token' })).toBeVisible();
    await expect(alert(page)).toHaveCount(0);
  });
});
