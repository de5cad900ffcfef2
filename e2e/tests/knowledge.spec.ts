import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { step } from '../support/canvas';
import { pendingReview, runOf } from '../support/reviews';
import { signIn } from '../support/session';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function shot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  // Hover transitions end before the picture is taken (a state, not a fixed sleep).
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running'),
  );
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

async function createKnowledgeBase(
  request: APIRequestContext,
  token: string,
  name: string,
): Promise<string> {
  const res = await request.post('/api/knowledge-bases', {
    data: { name, description: 'Care guides and datasheets' },
    headers: auth(token),
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const CARE_GUIDE = `# Aurora kettle care

## Descaling
Descale the Aurora kettle every four weeks with citric acid, then rinse it twice.

## Warranty
The Aurora kettle has a two-year warranty covering the heating element.
`;

test('upload files with progress, see their passages, and find a passage through the search box', async ({
  page,
}) => {
  const token = await signIn(page);
  const id = await createKnowledgeBase(page.request, token, 'Kitchen products');
  await page.goto(`/knowledge/${id}`);
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await expect(page.getByTestId('search-mode')).toHaveText('Full-text search');

  await page.getByTestId('file-input').setInputFiles([
    { name: 'aurora-care.md', mimeType: 'text/markdown', buffer: Buffer.from(CARE_GUIDE) },
    {
      name: 'shipping.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Orders leave the Leipzig warehouse within two working days.'),
    },
    { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
  ]);
  const rows = page.getByTestId('upload-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'aurora-care.md' })).toHaveAttribute('data-stage', 'done');
  await expect(
    rows.filter({ hasText: 'aurora-care.md' }).getByTestId('upload-status'),
  ).toContainText('1 passage · searchable');
  await expect(rows.filter({ hasText: 'shipping.txt' })).toHaveAttribute('data-stage', 'done');
  await expect(rows.filter({ hasText: 'setup.exe' })).toHaveAttribute('data-stage', 'failed');
  await expect(rows.filter({ hasText: 'setup.exe' }).getByTestId('upload-status')).toContainText(
    'upload .md, .txt, .html, .pdf, .docx',
  );
  await expect(page.getByTestId('document-row')).toHaveCount(2);
  await expect(
    page.getByTestId('document-row').filter({ hasText: 'Aurora kettle care' }),
  ).toContainText('Markdown');

  await page.getByTestId('kb-search').fill('how often should I descale the kettle?');
  const first = page.getByTestId('passage').first();
  await expect(first).toContainText('[1] Aurora kettle care');
  await expect(first.locator('mark').first()).toBeVisible();
  await expect(first.getByTestId('passage-method')).toHaveText('Words');
  await shot(page, 'knowledge-base');

  await page.getByTestId('document-row').filter({ hasText: 'Aurora kettle care' }).click();
  await expect(page.getByTestId('chunk-list')).toContainText('two-year warranty');
  await shot(page, 'knowledge-document');
});

test('the demo: brief → knowledge search → cited draft → review with sources → published with its image', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const token = await signIn(page);
  const list = (await (
    await page.request.get('/api/workflows', { headers: auth(token) })
  ).json()) as { id: string; name: string }[];
  const demo = list.find((w) => w.name === 'Blog post (demo)');
  expect(demo, 'the demo workflow is seeded on first start').toBeTruthy();
  // Wait for server states, not for rows to appear or a fixed time: `?wait=true` answers once
  // the run has parked at its review, however slow the shared machine is.
  const started = await page.request.post(
    `/api/workflows/${demo!.id}/runs?wait=true&timeoutMs=90000`,
    {
      data: { inputs: { topic: 'cold brew at home' } },
      headers: auth(token),
      timeout: 100_000,
    },
  );
  expect(started.status(), await started.text()).toBe(200);
  const startedRun = (await started.json()) as { id: string; status: string };
  expect(startedRun.status).toBe('waiting_review');
  const runId = startedRun.id;
  const review = await pendingReview(page.request, token, runId);
  const facts = (await runOf(page.request, token, runId)).nodes.find((n) => n.nodeId === 'facts');
  expect((facts?.output?.['documents'] as { title: string }[])[0]?.title).toBe('Cold brew kit');

  const content = (
    (await (
      await page.request.get(`/api/reviews/${review.id}`, { headers: auth(token) })
    ).json()) as { content: Record<string, unknown> }
  ).content;
  expect(Object.keys(content)).toEqual(['text', 'images', 'sources']);
  await page.goto(`/reviews/${review.id}`);
  const sources = page.getByTestId('review-sources');
  await expect(sources).toContainText('Cold brew kit');
  await expect(page.getByTestId('draft-text').locator('sup.fp-cite').first()).toBeVisible();
  await sources.scrollIntoViewIfNeeded();
  await shot(page, 'review-sources');

  const decided = await page.request.post(`/api/reviews/${review.id}/decision`, {
    data: { action: 'approve' },
    headers: auth(token),
  });
  expect(decided.ok(), await decided.text()).toBeTruthy();
  // Until the run leaves its running states; then it must have succeeded (a failure says so at once).
  await expect
    .poll(async () => (await runOf(page.request, token, runId)).status, { timeout: 60_000 })
    .not.toMatch(/^(queued|running|waiting_review)$/);
  const finished = await runOf(page.request, token, runId);
  expect(finished.status).toBe('succeeded');
  // This run's own piece, by its receipt (the library may hold other tests' pieces).
  const receipt = finished.nodes.find((n) => n.nodeId === 'ship')?.output?.['receipt'] as {
    url: string;
  };
  await page.goto(new URL(receipt.url).pathname);
  await expect(page.locator('section.sources')).toContainText('Cold brew kit');
  // The hero image reaches the published page only once publish forwards approved images.
  await expect(page.locator('article figure img').first()).toBeVisible();
  await shot(page, 'library-sources');
});

test("the editor's knowledge search step: a knowledge-base picker and Try this query", async ({
  page,
}) => {
  const token = await signIn(page);
  const list = (await (
    await page.request.get('/api/workflows', { headers: auth(token) })
  ).json()) as { id: string; name: string }[];
  const demo = list.find((w) => w.name === 'Blog post (demo)')!;
  await page.goto(`/workflows/${demo.id}`);
  await step(page, 'facts').getByText('Product facts', { exact: true }).click();
  await expect(page.getByTestId('kb-picker')).toHaveValue(/Brightside Coffee \(demo\)/);
  await page.getByTestId('try-query-input').fill('cold brew');
  await page.getByTestId('try-query').click();
  await expect(page.getByTestId('passage').first()).toContainText('Cold brew kit');
  await shot(page, 'editor-retrieval');

  await page.goto('/knowledge');
  await expect(
    page.getByTestId('kb-card').filter({ hasText: 'Brightside Coffee (demo)' }),
  ).toContainText('4 documents');
  await shot(page, 'knowledge');
});
