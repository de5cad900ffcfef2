import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { step } from '../support/canvas';
import { blogGraph } from '../support/graphs';
import { pendingReview, reviewGraph, startRun } from '../support/reviews';
import { createWorkflow, signIn } from '../support/session';

/**
 * An axe-core scan (WCAG 2 A and AA) of every page: no serious or critical violation. Fixes go
 * in the theme (apps/web/src/app/theme.ts, global.css), not page by page.
 *
 * ROUTES is the one list of signed-in pages: a new page adds one line here (path, and a test id
 * or heading that says it has loaded).
 */
const ROUTES: { path: string; ready: (page: Page) => Promise<void> }[] = [
  { path: '/workflows', ready: heading('Workflows') },
  { path: '/runs', ready: heading('Runs') },
  { path: '/reviews?who=all', ready: heading('Reviews') },
  { path: '/content', ready: heading('Library') },
  { path: '/knowledge', ready: heading('Knowledge') },
  { path: '/schedules', ready: heading('Schedules') },
  { path: '/calendar', ready: heading('Calendar') },
  { path: '/credentials', ready: heading('Credentials') },
  { path: '/settings', ready: heading('Settings') },
  { path: '/no-such-page', ready: shows('This page does not exist') },
];

function heading(name: string) {
  return async (page: Page) => {
    await expect(page.getByRole('heading', { name, exact: true }).first()).toBeVisible();
  };
}

function shows(text: string) {
  return async (page: Page) => {
    await expect(page.getByText(text, { exact: true })).toBeVisible();
  };
}

/** Mantine reads the scheme from local storage before the first paint. */
async function withScheme(page: Page, scheme: 'light' | 'dark') {
  await page.addInitScript((s) => localStorage.setItem('mantine-color-scheme-value', s), scheme);
}

/** Serious and critical violations, each with the rule, the help text and where it was found. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Let entry transitions settle, so colours are measured at their final opacity.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`,
      ),
    );
}

test('the sign-in page has no serious accessibility violation', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in to Flowpress' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    for (const route of ROUTES) {
      test(`${route.path} has no serious accessibility violation`, async ({ page }) => {
        await signIn(page);
        await withScheme(page, scheme);
        await page.goto(route.path);
        await route.ready(page);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }

    test('the open editor and its run panel have no serious accessibility violation', async ({
      page,
    }) => {
      test.slow(); // two scans of a large page around a whole run
      const token = await signIn(page);
      await withScheme(page, scheme);
      const wf = await createWorkflow(
        page.request,
        token,
        `A11y blog post (${scheme})`,
        blogGraph(),
      );
      await page.goto(`/workflows/${wf.id}`);
      await expect(step(page, 'draft')).toBeVisible();
      await step(page, 'draft').getByText('Write the post', { exact: true }).click();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByTestId('run').click();
      await page.getByTestId('run-input-topic').fill('How AI helps small marketing teams');
      await page.getByTestId('start-run').click();
      await expect(step(page, 'assemble')).toHaveAttribute('data-status', 'succeeded', {
        timeout: 15_000,
      });
      await page.getByTestId('run-step-draft').click();
      await expect(page.getByTestId('node-output')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the review screen has no serious accessibility violation', async ({ page }) => {
      const token = await signIn(page);
      await withScheme(page, scheme);
      const wf = await createWorkflow(
        page.request,
        token,
        `A11y review (${scheme})`,
        reviewGraph({ dueInHours: 3 }),
      );
      const run = await startRun(page.request, token, wf.id, 'Five ways to reuse a webinar');
      const review = await pendingReview(page.request, token, run);
      await page.goto(`/reviews/${review.id}?who=all`);
      await expect(page.getByTestId('review-draft')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
