import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { toHex } from '../src/bytes';
import { readKeytab } from '../src/codec/keytab';
import { expect, fallbackExchange, screenshot, seriousViolations, test } from './support';

const SECRETS = 'fixtures/vectors/real/secrets';
const KEYTAB = `${SECRETS}/all-keys.keytab`;
const PASSWORD = (
  JSON.parse(readFileSync(`${SECRETS}/passwords.json`, 'utf8')) as {
    ntlm: { users: Record<string, string> };
  }
).ntlm.users.alice;
const NT_HASH = '8846f7eaee8fb117ad06bdd830b7586c';

/** Everything the page could have kept or put in its address, as one string. */
async function everythingStored(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump = (s: Storage) =>
      Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i)!)}`).join('\n');
    const databases = (await indexedDB.databases()).map((d) => d.name ?? '').join('\n');
    return [
      dump(localStorage),
      dump(sessionStorage),
      databases,
      document.cookie,
      location.href,
      decodeURIComponent(location.href),
    ].join('\n');
  });
}

async function openSecrets(page: Page) {
  const panel = page.getByRole('region', { name: 'Secrets' });
  await panel.locator('summary').click();
  return panel;
}

test.describe('Secrets panel', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('./#view=decode');
  });

  test('a password, an NT hash and a keytab are taken, listed and never kept or put in the link', async ({
    page,
  }) => {
    const panel = await openSecrets(page);
    await expect(panel).toContainText(
      'Secrets stay in this tab: they are never stored, never sent, never put in a link, and are forgotten when you reload.',
    );

    // Bad input is refused at its field, with the reason.
    const hash = panel.getByLabel('NT hash ([user=]32 hex digits)');
    await hash.fill('alice=12ab');
    await panel.getByRole('button', { name: 'Add' }).nth(1).click();
    await expect(hash).toHaveAttribute('aria-invalid', 'true');
    await expect(panel.getByRole('alert')).toContainText('an NT hash is 32 hex digits');
    await hash.fill(`alice=${NT_HASH}`);
    await panel.getByRole('button', { name: 'Add' }).nth(1).click();
    await expect(hash).toHaveAttribute('aria-invalid', 'false');

    const key = panel.getByLabel('Kerberos key (hex)');
    await panel.getByLabel('Encryption type of the key').selectOption('18');
    await key.fill('00112233');
    await key.press('Enter');
    await expect(panel.getByRole('alert')).toContainText('32 bytes (64 hex digits)');

    await panel.getByLabel('Password ([user=]password)').fill(`alice=${PASSWORD}`);
    await panel.getByLabel('Password ([user=]password)').press('Enter');

    await panel.getByLabel('Keytab file (MIT format)').setInputFiles(KEYTAB);
    const entries = readKeytab(readFileSync(KEYTAB)).value.entries;
    const listed = panel.getByRole('table', { name: 'Keys in all-keys.keytab' });
    await expect(listed.getByRole('row')).toHaveCount(entries.length + 1);
    await expect(listed).toContainText('HTTP/aes256-sha1.example.test@EXAMPLE.TEST');
    await expect(listed).toContainText('aes256-cts-hmac-sha1-96');

    const loaded = panel.getByRole('list', { name: 'Secrets loaded' });
    await expect(loaded).toContainText('password of alice');
    await expect(loaded).toContainText('NT hash of alice');
    await expect(loaded).toContainText(`keytab all-keys.keytab (${entries.length} keys)`);
    // The values themselves are not shown.
    await expect(page.locator('body')).not.toContainText(PASSWORD);
    await screenshot(page, 'secrets-1280', false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'secrets-375');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);

    // Nothing of them anywhere the page could keep or share.
    const stored = await everythingStored(page);
    const keyHexes = entries.map((e) => toHex(e.key));
    for (const secret of [PASSWORD, NT_HASH, ...keyHexes]) expect(stored).not.toContain(secret);
    expect(stored).not.toContain('alice=');

    // A reload forgets them.
    await page.reload();
    const again = await openSecrets(page);
    await expect(again.getByRole('list', { name: 'Secrets loaded' })).toHaveCount(0);
    await expect(again.getByRole('button', { name: 'Forget secrets' })).toBeDisabled();
  });

  test('a file that is no keytab is refused at its field; Forget secrets empties the list', async ({
    page,
  }) => {
    const panel = await openSecrets(page);
    const keytab = panel.getByLabel('Keytab file (MIT format)');
    await keytab.setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a keytab at all'),
    });
    await expect(keytab).toHaveAttribute('aria-invalid', 'true');
    await expect(panel.getByRole('alert')).toContainText('notes.txt is not a keytab');

    await keytab.setInputFiles(`${SECRETS}/acceptor.keytab`);
    await expect(panel.getByRole('table', { name: 'Keys in acceptor.keytab' })).toBeVisible();
    await panel.getByRole('button', { name: 'Forget secrets' }).click();
    await expect(panel.getByRole('list', { name: 'Secrets loaded' })).toHaveCount(0);
  });

  test('a keytab given after a capture was opened decrypts its ticket into the tree', async ({
    page,
  }) => {
    await page
      .getByLabel('Open a file or capture')
      .setInputFiles('fixtures/vectors/real/http-curl-01-krb5/capture.pcapng');
    const tree = page.getByRole('region', { name: 'Token inspector' }).getByRole('tree');
    await expect(tree.getByRole('treeitem', { name: /NegTokenInit/ }).first()).toBeVisible();
    await expect(tree.getByRole('treeitem', { name: /EncTicketPart/ })).toHaveCount(0);

    const panel = await openSecrets(page);
    await panel.getByLabel('Keytab file (MIT format)').setInputFiles(KEYTAB);
    // The chosen exchange is analysed again with the keytab: the ticket's plaintext appears
    // under its ciphertext, with the authenticator's.
    await expect(tree.getByRole('treeitem', { name: /EncTicketPart/ }).first()).toBeVisible();
    await expect(tree.getByRole('treeitem', { name: /Authenticator/ }).first()).toBeVisible();
    await screenshot(page, 'secrets-decrypted', false);

    // Forgotten, the tree is the ciphertext's again.
    await panel.getByRole('button', { name: 'Forget secrets' }).click();
    await expect(tree.getByRole('treeitem', { name: /EncTicketPart/ })).toHaveCount(0);
  });

  test('a shared link carries the paste and its step, never the secrets', async ({
    page,
    context,
  }) => {
    const panel = await openSecrets(page);
    await panel.getByLabel('Password ([user=]password)').fill(`alice=${PASSWORD}`);
    await panel.getByLabel('Password ([user=]password)').press('Enter');
    await panel.getByLabel('NT hash ([user=]32 hex digits)').fill(NT_HASH);
    await panel.getByLabel('NT hash ([user=]32 hex digits)').press('Enter');
    await expect(panel.getByRole('list', { name: 'Secrets loaded' })).toContainText('an NT hash');

    await page.getByRole('textbox', { name: 'Paste a token' }).fill(fallbackExchange());
    await expect(page.getByText('Message 1 of 6')).toBeVisible();
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByText('Message 3 of 6')).toBeVisible();
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect(page).toHaveURL(/input=.*step=3/);
    const link = page.url();
    const stored = await everythingStored(page);
    for (const secret of [PASSWORD, NT_HASH]) expect(stored).not.toContain(secret);

    // Opened elsewhere: the same paste at the same step, and no secrets.
    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByText('Message 3 of 6')).toBeVisible();
    const secrets = other.getByRole('region', { name: 'Secrets' });
    await secrets.locator('summary').click();
    await expect(secrets.getByRole('list', { name: 'Secrets loaded' })).toHaveCount(0);
  });
});
