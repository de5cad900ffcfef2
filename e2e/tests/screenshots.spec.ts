import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { step } from '../support/canvas';
import { blogGraph } from '../support/graphs';
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
