import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { runOf } from '../support/reviews';
import { signIn } from '../support/session';

/**
 * The demo, for citations: its draft cites the knowledge search's passages; the review screen
 * shows them beside the draft and links each `[n]` to its passage both ways; the published page
 * lists the cited passages under the same numbers, below the hero image.
 *
 * Every wait is for a server state (the run parked at its review, the run finished) or for what
 * the page shows, never a count of rows or a sleep: the machine is shared and slow under load.
 */
const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function shot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running'),
  );
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

test('the demo: sources beside the draft, [n] highlights its passage, the published page lists them numbered', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const token = await signIn(page);
  const list = (await (
    await page.request.get('/api/workflows', { headers: auth(token) })
  ).json()) as { id: string; name: string }[];
  const demo = list.find((w) => w.name === 'Blog post (demo)');
  expect(demo, 'the demo workflow is seeded on first start').toBeTruthy();

  // The server answers once the run has parked at its review (or ended): no polling for rows.
  const started = await page.request.post(
    `/api/workflows/${demo!.id}/runs?wait=true&timeoutMs=90000`,
    {
      data: { inputs: { topic: 'cold brew at home' } },
      headers: auth(token),
      timeout: 100_000,
    },
  );
  expect(started.status(), await started.text()).toBe(200);
  const run = (await started.json()) as { id: string; status: string };
  expect(run.status).toBe('waiting_review');
  const reviews = (await (
    await page.request.get(`/api/reviews?runId=${run.id}&status=pending`, { headers: auth(token) })
  ).json()) as { id: string }[];
  expect(reviews).toHaveLength(1);
  const reviewId = reviews[0]!.id;

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/reviews/${reviewId}`);
  const draft = page.getByTestId('review-draft');
  const sources = page.getByTestId('review-sources');
  await expect(sources).toBeVisible();
  const cards = sources.getByTestId('source-card');
  await expect(cards.first()).toContainText('Cold brew kit');

  // Beside the draft on a wide screen.
  const draftBox = (await draft.boundingBox())!;
  const sourcesBox = (await sources.boundingBox())!;
  expect(sourcesBox.x).toBeGreaterThanOrEqual(draftBox.x + draftBox.width - 1);
  expect(sourcesBox.y).toBeLessThan(draftBox.y + 40);

  // Focus on [1] (the keyboard's way in) highlights passage 1 and only it.
  const marker1 = page.getByTestId('draft-text').locator('a[data-cite="1"]').first();
  await expect(marker1).toBeVisible();
  await marker1.focus();
  await expect(cards.nth(0)).toHaveAttribute('data-active', 'true');
  await expect(sources.locator('[data-testid="source-card"][data-active]')).toHaveCount(1);
  // Enter follows the marker to its card.
  await page.keyboard.press('Enter');
  await expect(cards.nth(0)).toBeFocused();
  // Leaving the card (the keyboard moves on) drops the highlight.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expect(cards.nth(0)).not.toHaveAttribute('data-active');

  // Hover over a card highlights the markers that cite it.
  await cards.nth(0).hover();
  await expect(marker1).toHaveAttribute('data-active', '');
  await page.mouse.move(0, 0);
  await expect(marker1).not.toHaveAttribute('data-active', '');

  // Hover over [1] highlights its passage.
  await marker1.hover();
  await expect(cards.nth(0)).toHaveAttribute('data-active', 'true');
  await expect(cards.nth(0).getByTestId('source-cited')).toContainText('cited');
  await shot(page, 'review-citations');
  await page.mouse.move(0, 0);

  expect(await seriousViolations(page)).toEqual([]);
  // …and in the dark scheme (Mantine reads it from local storage before the first paint).
  await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'dark'));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(cards.first()).toBeVisible();
  await marker1.focus();
  await expect(cards.nth(0)).toHaveAttribute('data-active', 'true');
  expect(await seriousViolations(page)).toEqual([]);
  await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'light'));
  await page.reload();
  await expect(cards.first()).toBeVisible();

  // Editing: the marks the text cites sit under the editor; one with no passage is flagged.
  await page.getByTestId('edit-draft').click();
  const editor = page.getByTestId('draft-editor');
  await expect(editor).toBeFocused();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n\nSee also [9].');
  const chips = page.getByTestId('editor-citations');
  await expect(chips.locator('[data-cite-chip="9"]')).toHaveText('[9] ?');
  await chips.locator('[data-cite-chip="1"]').hover();
  await expect(cards.nth(0)).toHaveAttribute('data-active', 'true');
  await page.mouse.move(0, 0);
  await page.keyboard.press('Escape');
  await page.getByTestId('draft-tabs').getByText('Preview').click();
  await expect(page.getByTestId('draft-text').locator('.fp-cite-missing')).toHaveText('[9]');
  await expect(page.getByTestId('unresolved-citations')).toContainText('[9]');
  await shot(page, 'review-citation-unresolved');
  expect(await seriousViolations(page)).toEqual([]);

  // Stacked below the draft when the screen is narrow.
  await page.setViewportSize({ width: 900, height: 1000 });
  await expect
    .poll(async () => (await sources.boundingBox())!.y)
    .toBeGreaterThan((await draft.boundingBox())!.y + 100);
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByTestId('approve').click();
  // The run ends on the server; wait for that state, however long the machine takes.
  await expect
    .poll(async () => (await runOf(page.request, token, run.id)).status, { timeout: 60_000 })
    .not.toMatch(/^(queued|running|waiting_review)$/);
  const finished = await runOf(page.request, token, run.id);
  expect(finished.status).toBe('succeeded');
  const receipt = finished.nodes.find((n) => n.nodeId === 'ship')?.output?.['receipt'] as {
    url: string;
  };
  const cited = (
    (await (
      await page.request.get(`/api/reviews/${reviewId}`, { headers: auth(token) })
    ).json()) as { content: { sources: { title: string }[] } }
  ).content.sources;

  await page.goto(new URL(receipt.url).pathname);
  // The hero image reaches the page.
  const hero = page.locator('article figure img').first();
  await expect(hero).toBeVisible();
  expect(await hero.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  // The numbered list: item n is passage n, and [1] in the body links to it.
  const first = page.locator('section.sources li[value="1"]');
  await expect(first).toContainText(cited[0]!.title);
  await expect(first).toHaveAttribute('id', 'source-1');
  await expect(page.locator('section.sources li[value="9"]')).toHaveCount(0);
  await expect(page.locator('article .content')).toContainText('See also [9].');
  const link = page.locator('article .content a[href="#source-1"]').first();
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/#source-1$/);
  // The feed item for this piece carries the hero image (enclosure) and the same numbered list.
  const feed = await (await page.request.get('/library/feed.xml')).text();
  const feedItem = feed.split('<item>').find((chunk) => chunk.includes(receipt.url)) ?? '';
  expect(feedItem).toMatch(/<enclosure [^>]*type="image\//);
  expect(feedItem).toContain('<li value="1">');
  expect(feedItem).toContain(cited[0]!.title);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.setViewportSize({ width: 1000, height: 1800 });
  await shot(page, 'library-citations');
});
