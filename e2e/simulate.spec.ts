import { readFileSync } from 'node:fs';
import { diagramArrows, expect, playToEnd, screenshot, stopClock, test } from './support';
import { SCENARIOS } from '../src/protocol/scenarios';

/** How each named scenario must end, as its description says. */
const OUTCOMES: Record<string, string> = {
  kerberos: 'Context established with Kerberos',
  'kerberos-to-ntlm-fallback': 'Context established with NTLM',
  ntlm: 'Context established with NTLM',
  'ntlm-preferred': 'Context established with NTLM',
  'kerberos-no-mutual': 'Context established with Kerberos',
  reject: 'Negotiation rejected',
  'server-initiated': 'Context established with Kerberos',
  'kerberos-error': 'Negotiation rejected',
  'ntlm-wrong-password': 'Negotiation rejected',
  'downgrade-attack': 'Negotiation rejected',
  'keytab-lacks-service-key': 'Negotiation rejected',
  'kvno-mismatch': 'Negotiation rejected',
  'rc4-ticket': 'Context established with Kerberos',
  'channel-binding-mismatch': 'Negotiation rejected',
  'kerberos-replay': 'Negotiation rejected',
  'kerberos-modified-ticket': 'Negotiation rejected',
  'pac-tampered': 'Negotiation rejected',
  'spn-unknown-to-kdc': 'Context established with NTLM',
  'kerberos-dce-style': 'Context established with Kerberos',
  'delegation-non-forwardable-tgt': 'Context established with Kerberos',
  'ntlmv1-no-mic': 'Context established with NTLM',
  'ntlm-lm-compat-0': 'Context established with NTLM',
  'ntlmv1-refused': 'Negotiation rejected',
  'ntlm-anonymous': 'Context established with NTLM',
  'ntlm-channel-binding-mismatch': 'Negotiation rejected',
  negoex: 'Context established with NEGOEX',
  'negoex-ignored': 'Context established with Kerberos',
  'heimdal-acceptor': 'Negotiation rejected',
  'windows-smb': 'Context established with Kerberos',
  'ntlm-scheme': 'Context established with NTLM',
  'samba-smb-ntlm': 'Context established with NTLM',
  'samba-smb-logon-failure': 'Negotiation rejected',
  'bare-kerberos': 'Context established with Kerberos',
  'curl-negotiate': 'Context established with NTLM',
};

test.describe('Simulator', () => {
  test('every named scenario plays to its end', async ({ page }) => {
    test.setTimeout(300_000);
    expect(Object.keys(OUTCOMES).sort()).toEqual(SCENARIOS.map((s) => s.id).sort());
    await page.clock.install();
    await page.goto('./');
    const diagram = page.getByRole('region', { name: 'Message sequence' });
    for (const { id, title } of SCENARIOS) {
      await page.getByRole('combobox', { name: 'Scenario' }).selectOption(id);
      // The diagram is redrawn for the new run (mermaid titles it with the scenario).
      await expect(diagram.locator('svg > title')).toHaveText(title);
      await expect(diagramArrows(page).first()).toHaveClass(/current/);
      // One number per step (a man in the middle's relay adds an arrow, not a step).
      const count = await diagram.locator('.message-number').count();
      await expect(page.getByText(`Step 1 of ${count}`)).toBeVisible();
      await playToEnd(page, count);
      await expect(diagramArrows(page).last()).toHaveClass(/current/);
      await expect(page.locator('.outcome-title')).toHaveText(OUTCOMES[id]);
      await screenshot(page, `scenario-${id}`, false);
    }
  });

  test('the fallback shows request-mic, the NTLM legs and the mechListMIC', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback');
    const diagram = page.getByRole('region', { name: 'Message sequence' });
    await expect(diagramArrows(page)).toHaveCount(6);
    const labels = await diagram.locator('.message-text').allTextContents();
    expect(labels.join(' | ')).toBe(
      [
        'NegTokenInit [Kerberos, NTLM]',
        '+ Kerberos AP-REQ',
        'NegTokenResp request-mic, supportedMech NTLM',
        'HTTP 401 Unauthorized',
        'NegTokenResp accept-incomplete',
        '+ NTLM NEGOTIATE',
        'NegTokenResp accept-incomplete',
        '+ NTLM CHALLENGE',
        'HTTP 401 Unauthorized',
        'NegTokenResp accept-incomplete',
        '+ NTLM AUTHENTICATE + mechListMIC ✓',
        'NegTokenResp accept-completed',
        '+ mechListMIC ✓',
        'HTTP 200 OK',
      ].join(' | '),
    );

    await page.getByRole('button', { name: 'Next step' }).click();
    const narrative = page.getByRole('region', { name: 'Narrative' });
    await expect(narrative.getByRole('heading')).toContainText(
      'NegTokenResp request-mic, supportedMech NTLM',
    );
    await expect(narrative).toContainText('MIC exchange is mandatory');
    await expect(narrative.getByRole('link', { name: 'RFC 4178 §4.2.2' })).toBeVisible();
    const server = page.getByRole('region', { name: 'Server state' });
    await expect(server.locator('.holding', { hasText: 'MIC required' })).toContainText('yes');
    await expect(server.locator('.holding', { hasText: 'Chosen mechanism' })).toContainText('NTLM');
    const tree = page.getByRole('region', { name: 'Token inspector' }).getByRole('tree');
    await expect(tree.getByRole('treeitem', { name: /negState.*request-mic/ })).toBeVisible();
    await screenshot(page, 'fallback-request-mic');

    await page.getByRole('button', { name: 'Go to end' }).click();
    await expect(page.getByText('Step 6 of 6')).toBeVisible();
    const client = page.getByRole('region', { name: 'Client state' });
    await expect(client.locator('.state-pill')).toHaveText('DONE');
    await expect(client.locator('.holding', { hasText: 'mechListMIC received' })).toContainText(
      'yes',
    );
    await expect(tree.getByRole('treeitem', { name: /^.?\s*mechListMIC/ })).toBeVisible();
  });

  test('tree and hex are linked both ways for a simulated token', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=ntlm&step=2');
    const inspector = page.getByRole('region', { name: 'Token inspector' });
    const tree = inspector.getByRole('tree');
    await tree.getByRole('treeitem', { name: /ServerChallenge/ }).click();
    const offset = Number(
      /offset (\d+)/.exec(
        (await page.getByRole('region', { name: 'Selected field' }).textContent()) ?? '',
      )![1],
    );
    await expect(inspector.locator(`.hex-byte[data-offset="${offset}"]`)).toHaveClass(
      /sel-content/,
    );
    await expect(inspector.locator(`.hex-byte[data-offset="${offset + 7}"]`)).toHaveClass(
      /sel-content/,
    );
    await inspector.locator('.hex-byte[data-offset="0"]').click();
    await expect(tree.getByRole('treeitem', { selected: true })).toContainText('NegTokenResp');
    await inspector.locator('.hex-byte[data-offset="6"]').click();
    await expect(tree.getByRole('treeitem', { selected: true })).toContainText('negState');
  });

  test('a deep link opens exactly that step, and stepping updates the link', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback&step=4');
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue(
      'kerberos-to-ntlm-fallback',
    );
    await expect(page.getByText('Step 4 of 6')).toBeVisible();
    await expect(diagramArrows(page).nth(3)).toHaveClass(/current/);
    await expect(
      page.getByRole('region', { name: 'Token inspector' }).getByRole('treeitem', {
        name: /^.?\s*CHALLENGE_MESSAGE/,
      }),
    ).toBeVisible();
    // The selected field goes into the link, and the link selects it again.
    const inspector = page.getByRole('region', { name: 'Token inspector' });
    await inspector.getByRole('treeitem', { name: /ServerChallenge/ }).click();
    await expect.poll(() => new URL(page.url()).hash).toMatch(/field=[\d.]+/);
    const withField = await page.evaluate(() => window.location.href);
    const other = await page.context().newPage();
    await other.goto(withField);
    await expect(
      other
        .getByRole('region', { name: 'Token inspector' })
        .getByRole('treeitem', { name: /ServerChallenge/, selected: true }),
    ).toBeVisible();
    await other.close();
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(() => new URL(page.url()).hash).toContain('step=5');

    // A configuration in the link changes the run: without a keytab, Kerberos falls back.
    await page.goto(
      `./#view=simulate&scenario=kerberos&step=2&config=${encodeURIComponent('{"acceptor":{"kerberosKey":false}}')}`,
    );
    await expect(page.getByText('modified', { exact: true })).toBeVisible();
    await expect(diagramArrows(page)).toHaveCount(6);
    await expect(page.getByText('Step 2 of 6')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Narrative' })).toContainText('request-mic');
  });

  test('switching views keeps each view where it was', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback&step=3');
    await expect(page.getByText('Step 3 of 6')).toBeVisible();
    await page.getByRole('tab', { name: 'Decode' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#view=decode');
    await page.getByRole('textbox', { name: 'Paste a token' }).fill('oQcwBaADCgEC');
    await expect(page.getByRole('tree')).toContainText('reject');
    // The arrow keys move between the view tabs.
    await page.getByRole('tab', { name: 'Decode' }).press('ArrowLeft');
    await expect(page.getByRole('tab', { name: 'Simulate' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.getByText('Step 3 of 6')).toBeVisible();
    await expect.poll(() => new URL(page.url()).hash).toContain('step=3');
    await page.getByRole('tab', { name: 'Decode' }).click();
    await expect(page.getByRole('textbox', { name: 'Paste a token' })).toHaveValue('oQcwBaADCgEC');
  });

  test('the keyboard plays, pauses and steps', async ({ page }) => {
    await page.clock.install();
    await page.goto('./#view=simulate&scenario=ntlm');
    await expect(diagramArrows(page)).toHaveCount(4);
    // Time stands still: a play started here stays at its step until the test pauses it.
    await stopClock(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect(page.getByText('Step 2 of 4')).toBeVisible();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByText('Step 1 of 4')).toBeVisible();
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

    // Every control is reachable with Tab and shows where the focus is.
    const play = page.getByRole('button', { name: 'Play' });
    for (let i = 0; i < 30 && !(await play.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await expect(play).toBeFocused();
    expect(await play.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  });

  test('changing the configuration recomputes the run and redraws the diagram', async ({
    page,
  }) => {
    await page.goto('./#view=simulate&scenario=kerberos');
    await expect(diagramArrows(page)).toHaveCount(2);
    await page.getByRole('button', { name: 'Configure' }).click();
    const config = page.getByRole('region', { name: 'Configuration' });
    await config.getByRole('checkbox', { name: 'Holds the service key (keytab)' }).uncheck();
    await expect(diagramArrows(page)).toHaveCount(6);
    await expect(page.getByText('modified', { exact: true })).toBeVisible();
    await expect.poll(() => new URL(page.url()).hash).toContain('kerberosKey');

    // Reordering the client's list: NTLM first, so NTLM runs without request-mic.
    await config.getByRole('button', { name: 'Move NTLM up in the client list' }).click();
    await expect(
      page.getByRole('region', { name: 'Message sequence' }).locator('.message-text').first(),
    ).toHaveText('NegTokenInit [NTLM, Kerberos]');
    await screenshot(page, 'simulate-configured');
    await config.getByRole('button', { name: 'Reset to the scenario' }).click();
    await expect(diagramArrows(page)).toHaveCount(2);
    await expect(page.getByText('modified', { exact: true })).toHaveCount(0);
  });

  test('a configuration where nobody can speak says why', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=ntlm');
    await expect(diagramArrows(page)).toHaveCount(4);
    await page.getByRole('button', { name: 'Configure' }).click();
    await page.getByRole('checkbox', { name: 'Knows an NTLM password' }).uncheck();
    const narrative = page.getByRole('region', { name: 'Narrative' });
    await expect(narrative.getByRole('heading')).toHaveText('No message was sent');
    await expect(narrative.locator('.outcome-title')).toHaveText('Negotiation failed');
    await expect(narrative).toContainText('no credentials for any mechanism');
    await expect(page.getByRole('region', { name: 'Message sequence' })).toHaveCount(0);
  });

  test('the diagram exports as SVG and PNG', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback');
    await expect(diagramArrows(page)).toHaveCount(6);
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export SVG' }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe('spnego-kerberos-to-ntlm-fallback.svg');
    const svgText = readFileSync(await svg.path(), 'utf8');
    expect(svgText).toMatch(/^<svg/);
    expect(svgText).toContain('request-mic, supportedMech NTLM');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('spnego-kerberos-to-ntlm-fallback.png');
    const pngBytes = readFileSync(await png.path());
    expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
    expect(pngBytes.length).toBeGreaterThan(10_000);
  });

  test('a man in the middle is shown, with the bytes the server received', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=downgrade-attack');
    const narrative = page.getByRole('region', { name: 'Narrative' });
    await expect(narrative).toContainText('A man in the middle changed this message');
    const tree = page.getByRole('region', { name: 'Token inspector' }).getByRole('tree');
    await expect(tree.getByRole('treeitem', { name: /MechType.*Kerberos/ })).toBeVisible();
    await narrative.getByRole('button', { name: 'Inspect the bytes received' }).click();
    await expect(tree.getByRole('treeitem', { name: /MechType.*NTLMSSP/ })).toBeVisible();
    await expect(tree.getByRole('treeitem', { name: /MechType.*Kerberos/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Go to end' }).click();
    await expect(page.locator('.outcome-title')).toHaveText('Negotiation rejected');
  });
});
