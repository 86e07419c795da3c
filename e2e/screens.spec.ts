import type { Locator, Page } from '@playwright/test';
import { SCENARIOS } from '../src/protocol/scenarios';
import { expect, realToken, seriousViolations, test } from './support';

/**
 * The teaching views (issue 11) on the screens people use, light and dark: the simulator at the
 * end of a run with its state charts, the inspector on an NTLM AUTHENTICATE, the Lesson, presenter
 * mode. Each is checked for what must be seen, for sideways overflow and by axe-core, and saved
 * to test-results/screens/ (not committed) to be looked at. One page per screen and theme: the
 * views are reached by changing the hash of the page already open, as a link followed would.
 */
const DIR = 'test-results/screens';
const FALLBACK = 'kerberos-to-ntlm-fallback';
const FALLBACK_TITLE = SCENARIOS.find((s) => s.id === FALLBACK)!.title;
const AUTHENTICATE = realToken('raw-ntlm-01-ntlmv2', '03-i2a-NTLM-AUTHENTICATE');

const diagram = (page: Page) => page.getByRole('region', { name: 'Message sequence' });
const narrative = (page: Page) => page.getByRole('region', { name: 'Narrative' });
const outcome = (page: Page) => page.getByRole('status', { name: 'Outcome' });

/** Follows a link in the page already open (the app applies a hash it is given). */
async function follow(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
}

/** The element lies wholly inside the viewport: seen without scrolling. */
async function expectOnScreen(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
}

/** The page does not scroll sideways (only boxes of their own, like the hex pane, may). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [
    document.scrollingElement!.scrollWidth,
    window.innerWidth,
  ]);
  expect.soft(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(innerWidth);
}

/** Every note drawn in the diagram lies inside the diagram's box (none runs past its edge). */
async function expectNotesInside(page: Page): Promise<void> {
  const frame = (await diagram(page).boundingBox())!;
  const notes = diagram(page).locator('.sequence-canvas svg .noteText');
  expect(await notes.count()).toBeGreaterThan(0);
  for (const note of await notes.all()) {
    const box = (await note.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(frame.x);
    expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${DIR}/${name}.png`, animations: 'disabled' });
}

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 375, height: 800 },
];

for (const scheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    const tag = `${size.width}-${scheme}`;
    test(`teaching views at ${size.width}×${size.height}, ${scheme}`, async ({ page }) => {
      test.setTimeout(300_000);
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: scheme });

      // (a) The simulator at the last step of the fallback, the state charts showing the end.
      await page.goto(`./#view=simulate&scenario=${FALLBACK}&step=6`);
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await expect(page.getByText('Step 6 of 6')).toBeVisible();
      await expect(diagram(page).locator('svg > title')).toHaveText(FALLBACK_TITLE);
      await expect(outcome(page)).toContainText('Context established with NTLM');
      const client = page.getByRole('list', { name: 'Client state chart' });
      const server = page.getByRole('list', { name: 'Server state chart' });
      await expect(client.locator('.lit .chart-name')).toHaveText('DONE');
      await expect(server.locator('.lit .chart-name')).toHaveText('DONE');
      await expect(page.getByRole('region', { name: 'Token inspector' })).toBeVisible();
      await expectNotesInside(page);
      await expectNoSidewaysScroll(page);
      await shoot(page, `simulate-${tag}`);
      await client.evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await expect(client).toBeInViewport();
      await shoot(page, `simulate-charts-${tag}`);
      expect.soft(await seriousViolations(page)).toEqual([]);

      // (b) The inspector on an NTLM AUTHENTICATE (a shared paste's link): the user, domain and
      // workstation shown without unfolding anything.
      const input = Buffer.from(AUTHENTICATE, 'utf8').toString('base64url');
      await follow(page, `#view=decode&input=${input}`);
      const inspector = page.getByRole('region', { name: 'Token inspector' });
      await expect(inspector.getByRole('heading', { level: 2 })).toHaveText('NTLM AUTHENTICATE');
      const tree = inspector.getByRole('tree');
      for (const name of [/^UserName(?!Fields)/, /^DomainName(?!Fields)/, /^Workstation(?!Fields)/])
        await expect(tree.getByRole('treeitem', { name })).toBeVisible();
      await expect(tree.getByRole('treeitem', { name: /^UserNameFields/ })).toHaveAttribute(
        'aria-expanded',
        'false',
      );
      await tree
        .getByRole('treeitem', { name: /^UserName(?!Fields)/ })
        .evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await expectNoSidewaysScroll(page);
      await shoot(page, `inspector-${tag}`);
      expect.soft(await seriousViolations(page)).toEqual([]);

      // (c) The Lesson of the fallback: its first step, then how it ended.
      await follow(page, `#view=lesson&scenario=${FALLBACK}`);
      await expect(page.getByRole('tab', { name: 'Lesson' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      const steps = page.locator('article.lesson-step');
      await expect(steps).toHaveCount(6);
      await expect(steps.first().getByRole('heading', { level: 3 })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2 })).toContainText(FALLBACK_TITLE);
      // Its top: the title, the table of steps and the first step.
      await page.evaluate(() => window.scrollTo(0, 0));
      await expect(page.getByRole('heading', { level: 2 })).toBeInViewport();
      await expectNoSidewaysScroll(page);
      await shoot(page, `lesson-${tag}`);
      const ended = page.getByRole('region', { name: 'How it ended' });
      await ended.evaluate((e) => e.scrollIntoView({ block: 'end' }));
      await expect(ended).toBeInViewport();
      await expect(ended).toHaveClass(/lesson-outcome-established/);
      await shoot(page, `lesson-end-${tag}`);
      expect.soft(await seriousViolations(page)).toEqual([]);

      // (d) Presenter mode at the last step: diagram, narrative and outcome on one screen (on a
      // phone, one under the other), the note on the discarded token inside the diagram.
      await follow(page, `#view=simulate&scenario=${FALLBACK}&presenter=1&step=6`);
      await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      await expect(page.getByText('Step 6 of 6')).toBeVisible();
      await expect(diagram(page).locator('svg > title')).toHaveText(FALLBACK_TITLE);
      await expect(outcome(page)).toContainText('Context established with NTLM');
      await expect(narrative(page)).toBeVisible();
      await page.evaluate(() => window.scrollTo(0, 0));
      if (size.width > 980) {
        await expectOnScreen(page, diagram(page));
        await expectOnScreen(page, narrative(page).getByRole('heading'));
        await expectOnScreen(page, outcome(page).locator('.outcome-title'));
      }
      await expectNotesInside(page);
      await expectNoSidewaysScroll(page);
      await shoot(page, `presenter-${tag}`);
      expect.soft(await seriousViolations(page)).toEqual([]);
    });
  }
}
