import { expect, test } from '@playwright/test';
import { connect, dragFromPalette, edgeCount, step } from '../support/canvas';
import { briefAndPrompt, createWorkflow, getWorkflow, signIn } from '../support/session';

test.describe('the canvas editor', () => {
  let token = '';
  test.beforeEach(async ({ page }) => {
    token = await signIn(page);
  });

  test('builds a three-step flow by dragging and connecting, edits it, saves and reloads it intact', async ({
    page,
  }) => {
    const wf = await createWorkflow(page.request, token, 'Drag and drop', {
      version: 1,
      nodes: [],
      edges: [],
    });
    await page.goto(`/workflows/${wf.id}`);
    await expect(page.getByText('Add your first step')).toBeVisible();

    await dragFromPalette(page, 'input', { x: 160, y: 120 });
    await dragFromPalette(page, 'prompt', { x: 470, y: 300 });
    await dragFromPalette(page, 'template', { x: 160, y: 480 });
    await expect(page.locator('.react-flow__node-step')).toHaveCount(3);
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(400);

    await connect(page, { node: 'input', port: 'topic' }, { node: 'prompt', port: 'context' });
    await connect(page, { node: 'prompt', port: 'text' }, { node: 'template', port: 'in' });
    await expect.poll(() => edgeCount(page)).toBe(2);

    // Edit the template step in the inspector; upstream references are suggested.
    await step(page, 'template').click();
    const field = page.getByTestId('inspector').locator('textarea[data-field="template"]');
    await field.click();
    await field.pressSequentially('Final: {{pro');
    await expect(page.getByTestId('ref-suggestions')).toContainText('{{prompt.text}}');
    await page.keyboard.press('Enter');
    await expect(field).toHaveValue('Final: {{prompt.text}}');
    await expect(page.getByTestId('ref-ok')).toHaveText('{{prompt.text}}');
    await page.getByTestId('inspector').getByLabel('Name on the canvas').fill('Assemble');
    await expect(step(page, 'template')).toContainText('Assemble');
    await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');

    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
    await expect(page.getByTestId('version-badge')).toHaveText('v2');

    const saved = await getWorkflow(page.request, token, wf.id);
    expect(saved.graph.nodes.map((n) => n.type).sort()).toEqual(['input', 'prompt', 'template']);
    expect(saved.graph.edges).toHaveLength(2);

    await page.reload();
    await expect(page.locator('.react-flow__node-step')).toHaveCount(3);
    await expect.poll(() => edgeCount(page)).toBe(2);
    await expect(step(page, 'template')).toContainText('Assemble');
    await expect(step(page, 'template').getByTestId('node-summary')).toContainText(
      'Final: {{prompt.text}}',
    );
  });

  test('refuses an incompatible connection and says why', async ({ page }) => {
    const wf = await createWorkflow(page.request, token, 'Refused', {
      version: 1,
      nodes: [
        {
          id: 'hero',
          type: 'image',
          position: { x: 0, y: 0 },
          data: { prompt: 'A hero image', size: '1024x1024', count: 1 },
        },
        {
          id: 'second',
          type: 'image',
          position: { x: 380, y: 0 },
          data: { prompt: 'Another image', size: '1024x1024', count: 1 },
        },
      ],
      edges: [],
    });
    await page.goto(`/workflows/${wf.id}`);
    await expect(step(page, 'second')).toBeVisible();
    await connect(page, { node: 'hero', port: 'images' }, { node: 'second', port: 'prompt' });
    const notice = page
      .locator('.mantine-Notification-root')
      .filter({ hasText: 'These ports cannot be connected' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('cannot feed a text input');
    expect(await edgeCount(page)).toBe(0);
  });

  test('pans by dragging the empty canvas; Shift-drag still draws a selection box', async ({
    page,
  }) => {
    const wf = await createWorkflow(page.request, token, 'Pan and select', briefAndPrompt());
    await page.goto(`/workflows/${wf.id}`);
    const draft = step(page, 'draft');
    await expect(draft).toBeVisible();
    const pane = await page.locator('.react-flow__pane').boundingBox();
    const before = await draft.boundingBox();
    expect(pane && before).toBeTruthy();

    // The pane captures the pointer while it is held (see usePanCapture): the pan still follows it.
    await page.mouse.move(pane!.x + 40, pane!.y + 80);
    await page.mouse.down();
    await page.mouse.move(pane!.x + 160, pane!.y + 140, { steps: 10 });
    await page.mouse.up();
    await expect
      .poll(async () => {
        const b = await draft.boundingBox();
        return b ? [Math.round(b.x - before!.x), Math.round(b.y - before!.y)] : null;
      })
      .toEqual([120, 60]);

    const boxes = await Promise.all([step(page, 'brief').boundingBox(), draft.boundingBox()]);
    const left = Math.min(...boxes.map((b) => b!.x)) - 30;
    const top = Math.min(...boxes.map((b) => b!.y)) - 30;
    const right = Math.max(...boxes.map((b) => b!.x + b!.width)) + 30;
    const bottom = Math.max(...boxes.map((b) => b!.y + b!.height)) + 30;
    await page.keyboard.down('Shift');
    await page.mouse.move(left, top);
    await page.mouse.down();
    await page.mouse.move(right, bottom, { steps: 10 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);

    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);
  });

  test('undoes and redoes changes', async ({ page }) => {
    const wf = await createWorkflow(page.request, token, 'History', briefAndPrompt());
    await page.goto(`/workflows/${wf.id}`);
    await expect(step(page, 'draft')).toBeVisible();

    await page.getByTestId('palette-template').click();
    await expect(page.locator('.react-flow__node-step')).toHaveCount(3);
    await step(page, 'draft').click();
    const temperature = page.getByTestId('inspector').getByLabel('Creativity (temperature)');
    await temperature.fill('1.2');
    await expect(step(page, 'draft').getByTestId('node-summary')).toHaveText('Default model · 1.2');

    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect(step(page, 'draft').getByTestId('node-summary')).toHaveText('Default model · 0.7');
    await page.keyboard.press('Control+z');
    await expect(page.locator('.react-flow__node-step')).toHaveCount(2);
    await page.keyboard.press('Control+Shift+z');
    await expect(page.locator('.react-flow__node-step')).toHaveCount(3);
    await page.getByTestId('redo').click();
    await expect(step(page, 'draft').getByTestId('node-summary')).toHaveText('Default model · 1.2');
  });

  test('shows the server’s validation issues on the step they concern', async ({ page }) => {
    const wf = await createWorkflow(page.request, token, 'Issues', briefAndPrompt());
    await page.goto(`/workflows/${wf.id}`);
    await step(page, 'draft').click();
    const prompt = page.getByTestId('inspector').locator('textarea[data-field="template"]');
    await prompt.fill('About {{nowhere.text}}');
    await expect(page.getByTestId('ref-unknown')).toHaveText('{{nowhere.text}}');
    await page.getByTestId('save').click();
    await expect(step(page, 'draft').getByTestId('node-issues')).toBeVisible();
    await expect(page.getByTestId('save-state')).toContainText('to fix');
  });

  test('copies a step into another workflow, duplicates and deletes', async ({ page }) => {
    const a = await createWorkflow(page.request, token, 'Source', briefAndPrompt());
    const b = await createWorkflow(page.request, token, 'Target', {
      version: 1,
      nodes: [],
      edges: [],
    });
    await page.goto(`/workflows/${a.id}`);
    await step(page, 'draft').click();
    await page.keyboard.press('Control+d');
    await expect(page.locator('.react-flow__node-step')).toHaveCount(3);
    await page.keyboard.press('Delete');
    await expect(page.locator('.react-flow__node-step')).toHaveCount(2);
    await step(page, 'draft').click();
    await page.keyboard.press('Control+c');
    await page.getByTestId('save').click();
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved');

    await page.goto(`/workflows/${b.id}`);
    await expect(page.getByText('Add your first step')).toBeVisible();
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+v');
    await expect(page.locator('.react-flow__node-step')).toHaveCount(1);
    await expect(step(page, 'draft')).toContainText('Draft');
  });

  test('opens the keyboard shortcuts help with ?', async ({ page }) => {
    const wf = await createWorkflow(page.request, token, 'Help', briefAndPrompt());
    await page.goto(`/workflows/${wf.id}`);
    await expect(step(page, 'draft')).toBeVisible();
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts-dialog')).toContainText('Duplicate the selection');
  });

  test('restores an old version from the history drawer', async ({ page }) => {
    const wf = await createWorkflow(page.request, token, 'Versions', briefAndPrompt());
    await page.goto(`/workflows/${wf.id}`);
    await step(page, 'draft').getByText('Draft', { exact: true }).click();
    await page.getByTestId('inspector').getByLabel('Creativity (temperature)').fill('1.5');
    await page.getByTestId('save').click();
    await expect(page.getByTestId('version-badge')).toHaveText('v2');

    await page.getByTestId('open-versions').click();
    await page.getByTestId('version-1').getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByTestId('version-badge')).toHaveText('v3');
    await expect(step(page, 'draft').getByTestId('node-summary')).toHaveText('Default model · 0.7');
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  });

  test('asks before leaving with unsaved changes', async ({ page }) => {
    const wf = await createWorkflow(page.request, token, 'Guarded', briefAndPrompt());
    await page.goto(`/workflows/${wf.id}`);
    await page.getByTestId('palette-template').click();
    await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
    await page.getByRole('link', { name: 'Back to workflows' }).click();
    await expect(page.getByText('Leave without saving?')).toBeVisible();
    await page.getByRole('button', { name: 'Stay here' }).click();
    await expect(page).toHaveURL(new RegExp(`/workflows/${wf.id}`));
    await page.getByRole('link', { name: 'Back to workflows' }).click();
    await page.getByTestId('discard-and-leave').click();
    await expect(page).toHaveURL(/\/workflows$/);
  });

  test('adds a sticky note and tidies the layout, both kept after a reload', async ({ page }) => {
    const wf = await createWorkflow(page.request, token, 'Notes', briefAndPrompt());
    await page.goto(`/workflows/${wf.id}`);
    await page.getByTestId('add-note').click();
    const note = page.getByTestId('sticky-note');
    await note.dblclick();
    await note.locator('textarea').fill('Check the tone with Sam');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.getByTestId('auto-layout').click();
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
    await page.reload();
    await expect(page.getByTestId('sticky-note')).toContainText('Check the tone with Sam');
    const saved = await getWorkflow(page.request, token, wf.id);
    expect(saved.graph.nodes.find((n) => n.id === 'draft')?.position.x).toBeGreaterThan(
      saved.graph.nodes.find((n) => n.id === 'brief')?.position.x ?? 0,
    );
  });
});
