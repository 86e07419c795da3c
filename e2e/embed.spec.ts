import {
  diagramArrows,
  diagramSvg,
  expect,
  FALLBACK,
  fallbackExchange,
  realToken,
  screenshot,
  test,
} from './support';

interface Posted {
  data: unknown;
  origin: string;
  frame: number;
}

test.describe('Embedding', () => {
  test('embed.html shows the diagram, controls and inspector without the app around them', async ({
    page,
  }) => {
    await page.goto('./embed.html#scenario=kerberos-to-ntlm-fallback&step=3');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Fallback from Kerberos to NTLM',
    );
    await expect(diagramArrows(page)).toHaveCount(6);
    await expect(page.getByText('Step 3 of 6')).toBeVisible();
    await expect(diagramArrows(page).nth(2)).toHaveClass(/current/);
    const inspector = page.getByRole('region', { name: 'Token inspector' });
    await expect(
      inspector.getByRole('treeitem', { name: /^.?\s*NEGOTIATE_MESSAGE/ }).first(),
    ).toBeVisible();
    // None of the app's own frame: no header, view tabs, scenario list, configuration, exports.
    await expect(page.getByRole('banner')).toHaveCount(0);
    await expect(page.getByRole('tablist', { name: 'Views' })).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Configure' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Export SVG' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByText('Step 4 of 6')).toBeVisible();
    // "Open in SPNEGO Lab" opens the whole app at the same step, in a new tab.
    const open = page.getByRole('link', { name: 'Open in SPNEGO Lab' });
    await expect(open).toHaveAttribute('target', '_blank');
    const [app] = await Promise.all([page.context().waitForEvent('page'), open.click()]);
    await expect(app.getByRole('combobox', { name: 'Scenario' })).toHaveValue(
      'kerberos-to-ntlm-fallback',
    );
    await expect(app.getByText('Step 4 of 6')).toBeVisible();
    await app.close();
  });

  test('the example page shows two scenarios side by side, each frame sized from its messages', async ({
    page,
  }) => {
    // Every message the example page receives, with the frame that sent it.
    await page.addInitScript(() => {
      if (window.parent !== window) return;
      const w = window as unknown as { posted: Posted[] };
      w.posted = [];
      window.addEventListener('message', (e) => {
        const frames = [...document.querySelectorAll('iframe')];
        w.posted.push({
          data: e.data,
          origin: e.origin,
          frame: frames.findIndex((f) => f.contentWindow === e.source),
        });
      });
    });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto('./embed-example.html');
    const frames = page.locator('iframe');
    await expect(frames).toHaveCount(2);
    const left = frames.nth(0).contentFrame();
    const right = frames.nth(1).contentFrame();
    await expect(left.locator('.sequence-canvas svg')).toBeVisible();
    await expect(right.locator('.sequence-canvas svg')).toBeVisible();
    await expect(left.getByText('Step 1 of 2')).toBeVisible();
    await expect(right.getByText('Step 3 of 6')).toBeVisible();
    await expect(left.getByRole('region', { name: 'Token inspector' })).toBeVisible();
    await expect(right.getByRole('region', { name: 'Token inspector' })).toBeVisible();

    // Side by side: the same row, one beside the other.
    const [a, b] = [await frames.nth(0).boundingBox(), await frames.nth(1).boundingBox()];
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
    expect(b!.x).toBeGreaterThanOrEqual(a!.x + a!.width);

    // Each frame is as tall as its content says (so nothing inside scrolls or is cut off).
    const contentHeight = (i: number) =>
      frames
        .nth(i)
        .contentFrame()
        .locator('main.embed')
        .evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
    // The frame's inside (its border aside), where the embedded page lays out.
    const frameHeight = (i: number) => frames.nth(i).evaluate((el) => el.clientHeight);
    // Both read again at each try: the content may still be growing (the inspector joins late).
    const mismatch = async (i: number) => (await frameHeight(i)) - (await contentHeight(i));
    for (const i of [0, 1]) await expect.poll(() => mismatch(i)).toBe(0);
    const posted = await page.evaluate(() => (window as unknown as { posted: Posted[] }).posted);
    const origin = new URL(page.url()).origin;
    for (const message of posted) {
      expect(message.origin).toBe(origin);
      expect(message.data).toEqual({ type: 'spnego-lab:height', height: expect.any(Number) });
    }
    expect(new Set(posted.map((m) => m.frame))).toEqual(new Set([0, 1]));
    await screenshot(page, 'embed-example');

    // The content changes height (the token's tree folds up): a new message, a new frame height.
    const before = await frameHeight(1);
    await right
      .getByRole('treeitem', { name: /^.?\s*NegTokenResp/ })
      .first()
      .click();
    await right
      .getByRole('treeitem', { name: /^.?\s*NegTokenResp/ })
      .first()
      .press('ArrowLeft');
    await expect.poll(() => frameHeight(1)).toBeLessThan(before);
    await expect.poll(() => mismatch(1)).toBe(0);
  });

  test('the simulator offers an iframe snippet for what it shows', async ({ page, context }) => {
    await page.goto('./#view=simulate&scenario=ntlm&step=2');
    await expect(diagramArrows(page)).toHaveCount(4);
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('button', { name: 'Embed' }).click();
    const panel = page.getByRole('region', { name: 'Embed this view' });
    const code = panel.getByRole('textbox');
    const origin = new URL(page.url()).origin;
    await expect(code).toHaveValue(
      new RegExp(
        `^<iframe src="${origin}/embed\\.html#view=simulate&amp;scenario=ntlm&amp;step=3" title="SPNEGO Lab: NTLM only \\(no Kerberos ticket\\)"`,
      ),
    );
    await expect(code).toHaveValue(/addEventListener\('message'/);
    // It follows the view: another step, another snippet.
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(code).toHaveValue(/step=4"/);

    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await panel.getByRole('button', { name: 'Copy snippet' }).click();
    await expect(panel.getByRole('status')).toHaveText('Snippet copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await code.inputValue());

    // The frame's address opens that very view.
    const src = /src="([^"]+)"/.exec(copied)![1].replace(/&amp;/g, '&');
    const frame = await context.newPage();
    await frame.goto(src);
    await expect(frame.getByText('Step 4 of 4')).toBeVisible();
    await expect(diagramSvg(frame)).toBeVisible();
    await frame.close();
  });

  test('a pasted token is offered for embedding only once it is shared', async ({
    page,
    context,
  }) => {
    await page.goto('./#view=decode');
    await page.getByRole('textbox', { name: 'Paste a token' }).fill(fallbackExchange());
    await expect(diagramSvg(page)).toBeVisible();
    const embed = page.getByRole('button', { name: 'Embed' });
    await expect(embed).toBeDisabled();
    await expect(embed).toHaveAccessibleDescription(/Press “Share link” first/);
    await expect(page.getByRole('region', { name: 'Embed this view' })).toHaveCount(0);

    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect(embed).toBeEnabled();
    await embed.click();
    const code = await page.getByRole('region', { name: 'Embed this view' }).getByRole('textbox');
    await expect(code).toHaveValue(/embed\.html#view=decode&amp;input=/);
    const src = /src="([^"]+)"/.exec(await code.inputValue())![1].replace(/&amp;/g, '&');
    const frame = await context.newPage();
    await frame.goto(src);
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Decoded tokens');
    await expect(diagramArrows(frame)).toHaveCount(6);
    await expect(
      frame.getByRole('region', { name: 'Token inspector' }).getByRole('heading', { level: 2 }),
    ).toHaveText('NegTokenInit [Kerberos, NTLM] + Kerberos AP-REQ');
    await frame.close();

    // Editing the paste makes it private again: no more snippet.
    await page
      .getByRole('textbox', { name: 'Paste a token' })
      .fill(realToken(FALLBACK, '02-a2i-negTokenResp-request-mic-sup_ntlmssp'));
    await expect(embed).toBeDisabled();
    await expect(page.getByRole('region', { name: 'Embed this view' })).toHaveCount(0);
  });

  test('hash options: the narrative and outcome, no inspector, a compact frame', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./embed.html#scenario=kerberos-to-ntlm-fallback&step=6&narrative&inspector=0');
    await expect(page.getByText('Step 6 of 6')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Narrative' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Outcome' })).toContainText(
      'Context established with NTLM',
    );
    await expect(page.getByRole('region', { name: 'Token inspector' })).toHaveCount(0);
    // The outcome belongs to the last step only.
    await page.getByRole('button', { name: 'Previous step' }).click();
    await expect(page.getByText('Step 5 of 6')).toBeVisible();
    await expect(page.getByRole('status', { name: 'Outcome' })).toHaveCount(0);
    await screenshot(page, 'embed-narrative-no-inspector');

    // By default: the inspector, no narrative.
    // (A frame reads its options when it loads: a new hash alone does not reload it.)
    await page.goto('about:blank');
    await page.goto('./embed.html#scenario=kerberos-to-ntlm-fallback&step=3');
    await expect(page.getByRole('region', { name: 'Token inspector' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Narrative' })).toHaveCount(0);
    const full = await page.locator('main.embed').evaluate((e) => e.getBoundingClientRect().height);

    // Compact: the same frame in less height.
    await page.goto('about:blank');
    await page.goto('./embed.html#scenario=kerberos-to-ntlm-fallback&step=3&compact');
    await expect(page.getByRole('region', { name: 'Token inspector' })).toBeVisible();
    await expect(page.locator('main.embed')).toHaveClass(/embed-compact/);
    const compact = await page
      .locator('main.embed')
      .evaluate((e) => e.getBoundingClientRect().height);
    expect(compact).toBeLessThan(full);
    await screenshot(page, 'embed-compact');
  });

  test('the options survive the frame rewriting its address as it steps: a reload keeps them', async ({
    page,
  }) => {
    await page.goto('./embed.html#scenario=kerberos-to-ntlm-fallback&step=5&narrative&inspector=0');
    await expect(page.getByText('Step 5 of 6')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Narrative' })).toBeVisible();
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByText('Step 6 of 6')).toBeVisible();
    // The frame wrote the step into its address, and its options with it.
    await expect(page).toHaveURL(
      /#view=simulate&scenario=kerberos-to-ntlm-fallback&step=6&narrative&inspector=0$/,
    );

    await page.reload();
    await expect(page.getByText('Step 6 of 6')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Narrative' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Outcome' })).toContainText(
      'Context established with NTLM',
    );
    await expect(page.getByRole('region', { name: 'Token inspector' })).toHaveCount(0);
  });
});
