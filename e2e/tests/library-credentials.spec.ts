import { expect, test } from '@playwright/test';
import { publishGraph } from '../support/graphs';
import { apiToken, createWorkflow, signIn } from '../support/session';

test('credentials: a secret is saved write-only, and one in use cannot be deleted', async ({
  page,
}) => {
  const token = await signIn(page);
  await page.goto('/credentials');
  await page.getByTestId('new-credential').first().click();
  await page.getByTestId('credential-type').click();
  await page.getByRole('option', { name: 'Webhook signing secret' }).click();
  await page.getByTestId('credential-name').fill('Partner hook');
  // The secret signs requests to this site only (a workflow cannot send it elsewhere).
  await page.getByTestId('credential-field-baseUrl').fill('http://127.0.0.1:9');
  await page.getByTestId('credential-field-secret').fill('too-short');
  await page.getByTestId('save-credential').click();
  await expect(page.getByRole('dialog')).toContainText('at least 16 characters');
  await page.getByTestId('credential-field-secret').fill('a-long-enough-signing-secret');
  await page.getByTestId('save-credential').click();
  const row = page.getByTestId('credential-row').filter({ hasText: 'Partner hook' });
  await expect(row).toContainText('Webhook signing secret');
  await expect(page.getByTestId('credentials-table')).not.toContainText('a-long-enough');

  // Used by a workflow's publish step: deleting says which workflow.
  const list = await page.request.get('/api/credentials', {
    headers: { Authorization: `Bearer ${token}` },
  });
  const credential = ((await list.json()) as { id: string; name: string }[]).find(
    (c) => c.name === 'Partner hook',
  )!;
  await createWorkflow(
    page.request,
    token,
    'Signed webhook',
    publishGraph({
      target: 'webhook',
      url: 'http://127.0.0.1:9/hook',
      credentialId: credential.id,
    }),
  );
  await page.reload();
  await expect(row).toContainText('1 workflow');
  await row.getByTestId('delete-credential').click();
  await page.getByTestId('confirm-delete-credential').click();
  await expect(page.getByTestId('delete-error')).toContainText('Signed webhook');
});

test('library: a published piece links to its page and feeds, and can be unpublished', async ({
  page,
}) => {
  const token = await apiToken(page.request);
  await signIn(page);
  const wf = await createWorkflow(
    page.request,
    token,
    'Library post',
    publishGraph({ target: 'library' }),
  );
  const run = await page.request.post(`/api/workflows/${wf.id}/runs?wait=true`, {
    data: { inputs: { topic: 'Notes from the spring launch' } },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(((await run.json()) as { status: string }).status).toBe('succeeded');

  await page.goto('/content');
  const row = page.getByTestId('library-row').filter({ hasText: 'Notes from the spring launch' });
  await expect(row.getByTestId('library-status')).toHaveText('Published');
  const href = await row.getByTestId('library-title').getAttribute('href');
  expect(href).toMatch(/\/library\/notes-from-the-spring-launch/);
  expect((await page.request.get(href!)).status()).toBe(200);
  await expect(page.getByTestId('feed-rss')).toHaveAttribute('data-url', /\/library\/feed\.xml$/);
  await expect(page.getByTestId('feed-atom')).toHaveAttribute('data-url', /\/library\/atom\.xml$/);

  await row.getByTestId('library-toggle').click();
  await expect(row.getByTestId('library-status')).toHaveText('Unpublished');
  await row.getByTestId('library-toggle').click();
  await expect(row.getByTestId('library-status')).toHaveText('Published');
});
