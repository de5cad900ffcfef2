import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { briefAndPrompt, createWorkflow, signIn } from '../support/session';

test.describe('the workflows list', () => {
  let token = '';
  test.beforeEach(async ({ page }) => {
    token = await signIn(page);
  });

  test('creates a workflow from a template', async ({ page }) => {
    await page.goto('/workflows');
    await page.getByTestId('new-workflow').click();
    await page
      .getByTestId('template-product-descriptions')
      .getByRole('button', { name: 'Use this template' })
      .click();
    await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}/);
    await expect(page.getByTestId('workflow-name')).toHaveValue('Product description variants');
    await expect(page.locator('.react-flow__node-step')).toHaveCount(5);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(6);
  });

  test('exports a workflow to a file and imports it back', async ({ page }) => {
    await createWorkflow(page.request, token, 'Round trip', briefAndPrompt());
    await page.goto('/workflows');
    const card = page.getByTestId('workflow-card').filter({ hasText: 'Round trip' });
    await card.getByRole('button', { name: 'Actions for Round trip' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Export as file' }).click();
    const download = await downloading;
    const file = await download.path();
    const json = JSON.parse(await readFile(file, 'utf8')) as {
      flowpress: number;
      name: string;
      graph: { nodes: unknown[] };
    };
    expect(json.flowpress).toBe(1);
    expect(json.name).toBe('Round trip');
    expect(json.graph.nodes).toHaveLength(2);

    await page
      .getByTestId('import-workflow')
      .locator('..')
      .locator('input[type=file]')
      .setInputFiles(file);
    await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}/);
    await expect(page.getByTestId('workflow-name')).toHaveValue('Round trip');
    await expect(page.getByTestId('step-draft')).toBeVisible();
    await expect(page.getByTestId('step-brief')).toBeVisible();
  });

  test('deletes a workflow after confirmation', async ({ page }) => {
    await createWorkflow(page.request, token, 'Short lived', briefAndPrompt());
    await page.goto('/workflows');
    const card = page.getByTestId('workflow-card').filter({ hasText: 'Short lived' });
    await card.getByRole('button', { name: 'Actions for Short lived' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByTestId('confirm-delete').click();
    await expect(card).toHaveCount(0);
  });
});
