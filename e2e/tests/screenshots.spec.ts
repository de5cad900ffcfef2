import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { step } from '../support/canvas';
import { blogGraph, publishGraph } from '../support/graphs';
import { pendingReview, reviewGraph, startRun } from '../support/reviews';
import { briefAndPrompt, createWorkflow, signIn } from '../support/session';

// Pictures of the main screens for docs/screenshots (and for reviewing the design).
const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(350);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

test('login page', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in to Flowpress' })).toBeVisible();
  await shot(page, 'login');
});

test('workflow list, templates, editor and run viewer', async ({ page }) => {
  const token = await signIn(page);
  await createWorkflow(page.request, token, 'Weekly newsletter', briefAndPrompt());
  const wf = await createWorkflow(page.request, token, 'Launch blog post', blogGraph());
  await page.goto('/workflows');
  await expect(page.getByTestId('workflow-card').first()).toBeVisible();
  await shot(page, 'workflows');

  await page.getByTestId('new-workflow').click();
  await expect(page.getByText('Start from a template')).toBeVisible();
  await shot(page, 'templates');
  await page.keyboard.press('Escape');

  await page.goto(`/workflows/${wf.id}`);
  await expect(step(page, 'draft')).toBeVisible();
  await step(page, 'draft').getByText('Write the post', { exact: true }).click();
  await shot(page, 'editor');

  await page.getByTestId('run').click();
  await page.getByTestId('run-input-topic').fill('How AI helps small marketing teams');
  await page.getByTestId('start-run').click();
  await expect(step(page, 'draft').getByTestId('node-preview')).toContainText('Why it matters');
  await shot(page, 'run-streaming');

  await expect(step(page, 'assemble')).toHaveAttribute('data-status', 'succeeded', {
    timeout: 15_000,
  });
  await page.getByTestId('run-step-draft').click();
  await expect(page.getByTestId('node-output')).toBeVisible();
  await shot(page, 'run-viewer');

  // The input step's fields: an editable list generated from its JSON Schema.
  await page.getByTestId('toggle-runs').click();
  await step(page, 'brief').getByText('Brief', { exact: true }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByTestId('fields-item').first()).toBeVisible();
  await shot(page, 'editor-input-fields');

  // Dark mode.
  await page.getByRole('button', { name: 'Switch to dark mode' }).click();
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await shot(page, 'editor-dark');
  await page.getByRole('button', { name: 'Switch to light mode' }).click();
});

test('review queue and review screen', async ({ page }) => {
  const token = await signIn(page);
  const blog = await createWorkflow(
    page.request,
    token,
    'Launch blog post',
    reviewGraph({ dueInHours: 3, headline: true }),
  );
  const news = await createWorkflow(
    page.request,
    token,
    'Weekly newsletter',
    reviewGraph({ dueInHours: 0.5, headline: true }),
  );
  const runs = [
    await startRun(page.request, token, blog.id, 'How AI helps small marketing teams'),
    await startRun(page.request, token, news.id, 'Product news for March'),
    await startRun(page.request, token, blog.id, 'Five ways to reuse a webinar'),
  ];
  const first = await pendingReview(page.request, token, runs[0]!);
  for (const run of runs.slice(1)) await pendingReview(page.request, token, run);

  await page.goto('/reviews?who=all');
  // Other flows on the shared test server may have reviews waiting too: count this test's.
  await expect(
    page.getByTestId('review-row').filter({ hasText: /Launch blog post|Weekly newsletter/ }),
  ).toHaveCount(3);
  await shot(page, 'reviews-queue');

  await page.goto(`/reviews/${first.id}?who=all`);
  await expect(page.getByTestId('review-draft').getByTestId('asset-image')).toBeVisible();
  await shot(page, 'review-screen');

  await page.keyboard.press('e');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type(
    'A two-person team can publish twice a week without burning out. Here is how.',
  );
  // Down to the short "## Why it matters" heading (no wrapping there, so End is its end).
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.type(' for a small team');
  await page.keyboard.press('Escape');
  await page.getByTestId('review-comment').fill('Nice, tightened the intro.');
  await page
    .getByTestId('draft-tabs')
    .getByText(/Changes/)
    .click();
  await expect(page.getByTestId('diff-added').first()).toBeVisible();
  await shot(page, 'review-diff');

  await page.getByRole('button', { name: 'Switch to dark mode' }).click();
  await page.getByTestId('draft-tabs').getByText('Preview').click();
  await shot(page, 'review-screen-dark');
  await page.getByRole('button', { name: 'Switch to light mode' }).click();
});

test('library and credentials', async ({ page }) => {
  const token = await signIn(page);
  const auth = { Authorization: `Bearer ${token}` };
  for (const topic of ['Five ways to reuse a webinar', 'Our spring product launch']) {
    const wf = await createWorkflow(
      page.request,
      token,
      `Publish: ${topic}`,
      publishGraph(
        { target: 'library', tags: ['blog', 'launch'] },
        'What we learned, and what to do next.',
      ),
    );
    await page.request.post(`/api/workflows/${wf.id}/runs?wait=true`, {
      data: { inputs: { topic } },
      headers: auth,
    });
  }
  await page.request.post('/api/credentials', {
    data: {
      type: 'wordpress',
      name: 'Company blog (WordPress)',
      data: {
        username: 'flowpress',
        applicationPassword: 'abcd efgh ijkl mnop',
        baseUrl: 'https://blog.example.com',
      },
    },
    headers: auth,
  });
  await page.request.post('/api/credentials', {
    data: { type: 'openai', name: 'OpenAI (production)', data: { apiKey: 'sk-example-key' } },
    headers: auth,
  });
  await page.goto('/content');
  await expect(page.getByTestId('library-row').first()).toBeVisible();
  await shot(page, 'library');
  await page.goto('/credentials');
  await expect(page.getByTestId('credential-row').first()).toBeVisible();
  await page.getByTestId('new-credential').first().click();
  await page.getByTestId('credential-type').click();
  await page.getByRole('option', { name: 'WordPress' }).click();
  await shot(page, 'credentials');
});
