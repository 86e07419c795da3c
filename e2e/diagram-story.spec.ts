import { diagramArrows, diagramSvg, expect, screenshot, test } from './support';

/** The story drawn in the simulator's diagram and the state charts (issue 11). */
test.use({ viewport: { width: 1280, height: 720 } });

test.describe('The story in the diagram', () => {
  test('the fallback marks the discarded optimistic token, badges the MICs, draws the outcome', async ({
    page,
  }) => {
    await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback&step=6');
    const svg = diagramSvg(page);
    await expect(diagramArrows(page)).toHaveCount(6);
    // The note is wrapped over the server's lifeline: one text element per line.
    await expect(svg.locator('.noteText', { hasText: 'optimistic Kerberos token' })).toBeVisible();
    await expect(svg.locator('.noteText', { hasText: 'discarded unread' })).toBeVisible();
    await expect(svg.locator('.message-text', { hasText: 'mechListMIC ✓' })).toHaveCount(2);
    await expect(svg.locator('.message-status.status-ok', { hasText: 'HTTP 200 OK' })).toHaveCount(
      1,
    );
    await expect(
      svg.locator('.message-status.status-continue', { hasText: 'HTTP 401 Unauthorized' }),
    ).toHaveCount(2);
    const outcome = svg.locator('.noteText.diagram-outcome');
    await expect(outcome).toHaveText('established with NTLM');
    await expect(svg.locator('.note.diagram-outcome.outcome-ok')).toHaveCount(1);
    await screenshot(page, 'diagram-story-fallback', false);
  });

  test('the downgrade draws the attacker between them, with what the server received', async ({
    page,
  }) => {
    await page.goto('./#view=simulate&scenario=downgrade-attack&step=1');
    const svg = diagramSvg(page);
    await expect(svg.locator('text.actor', { hasText: 'Attacker' }).first()).toBeVisible();
    // Six steps, the first relayed: seven arrows, but six numbers.
    await expect(diagramArrows(page)).toHaveCount(7);
    await expect(svg.locator('.message-number')).toHaveCount(6);
    await expect(
      svg.locator('.message-text', { hasText: 'NegTokenInit [Kerberos, NTLM]' }),
    ).toHaveCount(1);
    await expect(svg.locator('.message-text', { hasText: 'NegTokenInit [NTLM]' })).toHaveCount(1);
    await expect(
      svg.locator('.noteText', { hasText: 'rewrites mechTypes to [NTLMSSP]' }),
    ).toBeVisible();
    // Both arrows of the relayed step are the current step.
    await expect(svg.locator('line.message-line.current')).toHaveCount(2);
    await expect(svg.locator('.message-text', { hasText: 'mechListMIC ✗' })).toHaveCount(1);
    await expect(svg.locator('.noteText.diagram-outcome').first()).toContainText(
      'rejected: mechListMIC verification failed',
    );
    await screenshot(page, 'diagram-story-downgrade', false);
    // A click on the Attacker's arrow selects the step.
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByText('Step 2 of 6')).toBeVisible();
    await svg.locator('.message-hit[data-step="0"]').click({ force: true });
    await expect(page.getByText('Step 1 of 6')).toBeVisible();
  });

  test('an SMB run draws the SMB2 statuses, the failure as the outcome', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=samba-smb-logon-failure&step=5');
    const svg = diagramSvg(page);
    await expect(diagramArrows(page)).toHaveCount(5);
    await expect(
      svg.locator('.message-status.status-ok', { hasText: 'STATUS_SUCCESS' }),
    ).toHaveCount(1);
    await expect(
      svg.locator('.message-status.status-continue', {
        hasText: 'STATUS_MORE_PROCESSING_REQUIRED',
      }),
    ).toHaveCount(1);
    await expect(
      svg.locator('.message-status.status-error', { hasText: 'STATUS_LOGON_FAILURE' }),
    ).toHaveCount(1);
    await expect(svg.locator('.note.diagram-outcome.outcome-error')).toHaveCount(1);
    await expect(svg.locator('.noteText.diagram-outcome').first()).toContainText(
      'rejected: NTProofStr does not match',
    );
    await screenshot(page, 'diagram-story-smb', false);
  });

  test('a Kerberos error is the outcome drawn at the end', async ({ page }) => {
    await page.goto('./#view=simulate&scenario=kerberos-error&step=1');
    const svg = diagramSvg(page);
    await expect(svg.locator('.noteText.diagram-outcome')).toHaveText([
      'rejected: KRB_AP_ERR_SKEW (37)',
      'clock skew too great',
    ]);
    // The outcome belongs to the last message: greyed until then, hidden with future steps.
    const note = svg.locator('g.diagram-note', { has: page.locator('rect.diagram-outcome') });
    await expect(note).toHaveClass(/future/);
    await page.getByRole('checkbox', { name: 'Hide future steps' }).check();
    await expect(note).toBeHidden();
    await page.getByRole('button', { name: 'Go to end' }).click();
    await expect(page.getByText('Step 3 of 3')).toBeVisible();
    await expect(note).toBeVisible();
    await expect(note).toHaveClass(/current/);
    await screenshot(page, 'diagram-story-kerberos-error', false);
    await page.getByRole('checkbox', { name: 'Hide future steps' }).uncheck();
  });
});

test.describe('State charts', () => {
  test("each side's states with their meaning, the current one lit", async ({ page }) => {
    await page.goto('./#view=simulate&scenario=kerberos-to-ntlm-fallback&step=1');
    const client = page.getByRole('list', { name: 'Client state chart' });
    const server = page.getByRole('list', { name: 'Server state chart' });
    await expect(client.getByRole('listitem')).toHaveCount(5);
    await expect(server.getByRole('listitem')).toHaveCount(6);
    await expect(client.locator('[aria-current="step"]')).toHaveCount(1);
    await expect(client.locator('[aria-current="step"] .chart-name')).toHaveText(
      'WAIT_FIRST_REPLY',
    );
    await expect(client.locator('.lit .chart-meaning')).toContainText('sent NegTokenInit');
    await expect(server.locator('.lit .chart-name')).toHaveText('IDLE');
    await screenshot(page, 'state-chart-step1', false);

    await page.getByRole('button', { name: 'Go to end' }).click();
    await expect(page.getByText('Step 6 of 6')).toBeVisible();
    await expect(client.locator('.lit .chart-name')).toHaveText('DONE');
    await expect(server.locator('.lit .chart-name')).toHaveText('DONE');
    await expect(client.locator('.visited .chart-name')).toHaveText([
      'START',
      'WAIT_FIRST_REPLY',
      'MECH_LOOP',
    ]);
    await screenshot(page, 'state-chart-end', false);
  });
});
