import { writeFileSync } from 'node:fs';
import { toBase64 } from '../src/bytes';
import { captureFile, conversation, httpMessage, type Host } from '../src/testing/capture-writer';
import { realTokens } from '../src/testing/fixtures';
import { expect, FALLBACK, fallbackExchange, screenshot, seriousViolations, test } from './support';

const SERVER: Host = { address: [10, 0, 0, 1], port: 80 };

/** One HTTP connection carrying a real exchange's tokens in Negotiate headers, in order. */
function connection(scenario: string, client: Host, body = ''): Uint8Array[] {
  const tokens = realTokens(scenario).filter((t) => !t.perMessage);
  const messages = tokens.map((t, i) => {
    const fromClient = t.direction === 'initiator';
    const header = `${fromClient ? 'Authorization' : 'WWW-Authenticate'}: Negotiate ${toBase64(t.bytes)}`;
    const last = i === tokens.length - 1;
    return {
      fromClient,
      bytes: httpMessage(fromClient, header, !fromClient && last ? { status: 200, body } : {}),
    };
  });
  return conversation({ client, server: SERVER, messages, segmentSize: 1460 });
}

const client = (i: number): Host => ({
  address: [10, 1, Math.floor(i / 250), (i % 250) + 1],
  port: 40000 + (i % 20000),
});

/** Three connections, three real exchanges: Kerberos → NTLM fallback, NTLM, Kerberos. */
const SCENARIOS = [FALLBACK, 'spnego-ntlm-01-ntlmv2', 'spnego-krb5-01-std-flags'];

test.describe('Captures in the Decode view', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('./#view=decode');
  });

  test('a capture of several connections is read, listed, and the chosen exchange shown', async ({
    page,
  }, info) => {
    const file = info.outputPath('three-connections.pcapng');
    writeFileSync(file, captureFile(SCENARIOS.flatMap((s, i) => connection(s, client(i)))));

    await page.getByLabel('Open a file or capture').setInputFiles(file);
    const capture = page.getByRole('region', { name: 'Capture' });
    await expect(capture.getByRole('status')).toContainText('3 exchanges');
    const list = page.getByRole('grid', { name: 'Exchanges in the capture' });
    const rows = list.getByRole('row');
    // The header row and one row per connection, with its endpoints and protocol.
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1)).toContainText('10.1.0.1:40000');
    await expect(rows.nth(1)).toContainText('10.0.0.1:80');
    await expect(rows.nth(1)).toContainText('HTTP');
    await expect(rows.nth(2)).toContainText('10.1.0.2:40001');
    // Nothing is chosen yet: no tokens shown.
    await expect(page.getByRole('tablist', { name: 'Tokens found' })).toHaveCount(0);

    // Chosen by keyboard: the first row takes Tab, the arrow moves, Enter chooses.
    await rows.nth(1).focus();
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(2)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
    const ntlm = realTokens('spnego-ntlm-01-ntlmv2').filter((t) => !t.perMessage);
    const tabs = page.getByRole('tablist', { name: 'Tokens found' }).getByRole('tab');
    await expect(tabs).toHaveCount(ntlm.length);
    await expect(tabs.first()).toContainText('Client → Server');
    const tree = page.getByRole('region', { name: 'Token inspector' }).getByRole('tree');
    await expect(tree.getByRole('treeitem', { name: /NegTokenInit/ }).first()).toBeVisible();
    await screenshot(page, 'capture-list-1280', false);
    expect(await seriousViolations(page)).toEqual([]);

    // Another row by click: its tokens replace the first's.
    await rows.nth(1).click();
    const fallback = realTokens(FALLBACK).filter((t) => !t.perMessage);
    await expect(tabs).toHaveCount(fallback.length);
    await tabs.nth(3).click();
    await expect(tree.getByRole('treeitem', { name: /CHALLENGE/ }).first()).toBeVisible();

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'capture-list-dark', false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'capture-list-375');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
  });

  test('a real capture of one exchange shows its tokens at once', async ({ page }) => {
    await page
      .getByLabel('Open a file or capture')
      .setInputFiles('fixtures/vectors/real/smb-01-ntlm/capture.pcapng');
    await expect(page.getByRole('region', { name: 'Capture' }).getByRole('status')).toContainText(
      '1 exchange',
    );
    const tabs = page.getByRole('tablist', { name: 'Tokens found' }).getByRole('tab');
    await expect(tabs).toHaveCount(5);
    // SMB2 carries the acceptor's NegTokenInit2 first (in the NEGOTIATE response).
    await expect(tabs.first()).toContainText('Server → Client');
    await expect(page.getByRole('grid', { name: 'Exchanges in the capture' })).toHaveCount(0);
  });

  test('reading a large capture shows progress and can be cancelled, keeping nothing', async ({
    page,
  }, info) => {
    test.setTimeout(240_000);
    // ≈ 30 MB: 3 000 connections, each padded to about 10 KB by its last response's body.
    const packets: Uint8Array[] = [];
    for (let i = 0; i < 3000; i++)
      packets.push(...connection(FALLBACK, client(i), 'x'.repeat(6800)));
    const file = info.outputPath('large.pcap');
    writeFileSync(file, captureFile(packets, { format: 'pcap' }));

    // A paste first: the capture replaces it in view, closing the capture brings it back.
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(fallbackExchange());
    await expect(page.getByText('Message 1 of 6')).toBeVisible();
    await page.getByLabel('Open a file or capture').setInputFiles(file);
    const progress = page.getByRole('progressbar');
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('aria-valuenow', /\d+/);
    await screenshot(page, 'capture-progress', false);
    await page.getByRole('button', { name: 'Cancel' }).click();
    const capture = page.getByRole('region', { name: 'Capture' });
    await expect(capture.getByRole('status')).toContainText(
      /Cancelled at \d+(\.\d)? MB: nothing of the capture was kept/,
    );
    await expect(progress).toHaveCount(0);
    await expect(page.getByRole('grid', { name: 'Exchanges in the capture' })).toHaveCount(0);
    await expect(page.getByRole('tablist', { name: 'Tokens found' })).toHaveCount(0);

    // Closed, the view is the paste's again.
    await page.getByRole('button', { name: 'Close the capture' }).click();
    await expect(capture).toHaveCount(0);
    await expect(page.getByRole('tablist', { name: 'Tokens found' }).getByRole('tab')).toHaveCount(
      6,
    );
    await expect(page.getByText('Message 1 of 6')).toBeVisible();
  });

  test('a capture pasted where a token was expected offers to open it as a capture', async ({
    page,
  }) => {
    const pcap = captureFile(connection('spnego-krb5-01-std-flags', client(7)), {
      format: 'pcap',
    });
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(toBase64(pcap));
    await expect(page.getByRole('alert').first()).toContainText('This is a capture (pcap)');
    await page.getByRole('button', { name: 'Open as capture' }).click();
    await expect(page.getByRole('region', { name: 'Capture' }).getByRole('status')).toContainText(
      '1 exchange',
    );
    const tabs = page.getByRole('tablist', { name: 'Tokens found' }).getByRole('tab');
    await expect(tabs).toHaveCount(2);

    // The same capture pasted as characters, one per byte.
    await page.getByRole('button', { name: 'Close the capture' }).click();
    await page
      .getByRole('textbox', { name: 'Paste a token' })
      .fill(Array.from(pcap, (b) => String.fromCharCode(b)).join(''));
    await expect(page.getByRole('button', { name: 'Open as capture' })).toBeVisible();
  });

  test('a 5 MB paste is decoded in the worker; its thousands of tokens are reached by number', async ({
    page,
  }) => {
    const tokens = realTokens(FALLBACK).filter((t) => !t.perMessage);
    const lines: string[] = [];
    for (let size = 0, i = 0; size < 5_000_000; i++) {
      const line = toBase64(tokens[i % tokens.length].bytes);
      lines.push(line);
      size += line.length + 1;
    }
    // Pasted as the clipboard does, in one input event (fill() types it in pieces: minutes).
    await page.getByRole('textbox', { name: 'Paste a token' }).evaluate((area, text) => {
      const value = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!;
      value.set!.call(area, text);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, lines.join('\n'));
    // While the worker decodes, the page answers: the Secrets panel opens.
    const secrets = page.getByRole('region', { name: 'Secrets' });
    await secrets.locator('summary').click();
    await expect(secrets.getByLabel('Password ([user=]password)')).toBeVisible();
    const jump = page.getByRole('spinbutton', { name: 'Token' });
    await expect(jump).toHaveValue('1');
    await expect(page.getByText(`of ${lines.length.toLocaleString('en')}`)).toBeVisible();
    const tabs = page.getByRole('tablist', { name: 'Tokens found' }).getByRole('tab');
    await expect(tabs).toHaveCount(40);
    await jump.fill('2000');
    await expect(
      page.getByRole('tablist', { name: 'Tokens found' }).getByRole('tab', { selected: true }),
    ).toContainText('2000.');
    // Its tree arrives from the worker.
    await expect(page.getByText(/^Token 2000:/)).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Token inspector' }).getByRole('treeitem').first(),
    ).toBeVisible();
    // The paste is too long to be one exchange: said once, and the tokens are all there.
    await expect(page.getByText(/tokens are more than one exchange holds/)).toBeVisible();
  });
});
