import { expect, test } from '@playwright/test';
import { step } from '../support/canvas';
import { briefAndPrompt, createWorkflow, signIn } from '../support/session';

test.describe('running a workflow', () => {
  test('asks for the inputs, streams tokens into the prompt step and shows its output', async ({
    page,
  }) => {
    const token = await signIn(page);
    const wf = await createWorkflow(page.request, token, 'Live run', briefAndPrompt());
    await page.goto(`/workflows/${wf.id}`);
    await expect(step(page, 'draft')).toBeVisible();

    await page.getByTestId('run').click();
    await page.getByTestId('run-input-topic').fill('Our spring product launch');
    await page.getByTestId('start-run').click();

    // The prompt step lights up and its preview fills while the step is still running.
    const draft = step(page, 'draft');
    await expect(draft).toHaveAttribute('data-status', 'running');
    await expect(draft.getByTestId('node-preview')).toContainText('You asked');
    await expect(draft).toHaveAttribute('data-status', 'running');
    await expect(draft).toHaveAttribute('data-status', 'succeeded', { timeout: 15_000 });
    await expect(step(page, 'brief')).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByTestId('run-panel')).toContainText('Succeeded');

    // The output inspector renders the answer as markdown.
    await draft.getByText('Draft', { exact: true }).click();
    await expect(page.getByTestId('output-tab')).toHaveAttribute('aria-selected', 'true');
    const output = page.getByTestId('node-output');
    await expect(output.getByTestId('output-markdown').locator('h1')).toHaveText(
      'A fresh take on your brief',
    );
    await expect(output).toContainText('Our spring product launch');
    await expect(page.getByTestId('node-run-details')).toContainText('Tokens');

    // The run is in the history and on the Runs page.
    await expect(page.getByTestId('run-history')).toContainText('Succeeded');
    await page.goto('/runs');
    await expect(page.getByTestId('runs-table')).toContainText('Live run');
  });

  test('cancels a run and runs it again with the same inputs', async ({ page }) => {
    const token = await signIn(page);
    const wf = await createWorkflow(page.request, token, 'Cancel me', briefAndPrompt());
    await page.goto(`/workflows/${wf.id}`);
    await page.getByTestId('run').click();
    await page.getByTestId('run-input-topic').fill('A run to stop');
    await page.getByTestId('start-run').click();
    await expect(step(page, 'draft')).toHaveAttribute('data-status', 'running');
    await page.getByTestId('cancel-run').click();
    await expect(page.getByTestId('run-panel')).toContainText('Canceled');

    await page.getByTestId('rerun').click();
    await expect(step(page, 'draft')).toHaveAttribute('data-status', 'succeeded', {
      timeout: 15_000,
    });
    await expect(page.getByTestId('run-history')).toContainText('Run #2');
  });
});
