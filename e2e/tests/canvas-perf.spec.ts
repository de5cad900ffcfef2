import { expect, test } from '@playwright/test';
import { bigGraph } from '../support/bigGraph';
import {
  dragFor,
  emptyPanePoint,
  installFrameProbe,
  startFrames,
  stopFrames,
  waitForRendered,
} from '../support/perf';
import { createWorkflow, signIn } from '../support/session';

// A small smoke of the canvas benchmark (`pnpm --dir e2e bench:canvas` runs the 300-node one):
// the probes work, a bigger flow renders and pans, and far zoom switches cards to blocks.
test('a 90-step flow renders, pans, and simplifies its cards when zoomed far out', async ({
  page,
}) => {
  const graph = bigGraph(90, 10);
  await installFrameProbe(page, graph.nodes.length);
  const token = await signIn(page);
  const wf = await createWorkflow(page.request, token, 'Canvas smoke', graph);
  await page.goto(`/workflows/${wf.id}`);
  expect(await waitForRendered(page)).toBeGreaterThan(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(graph.nodes.length);
  await expect(page.locator('.react-flow__edge')).toHaveCount(graph.edges.length);

  await startFrames(page);
  await dragFor(page, await emptyPanePoint(page), 600);
  const pan = await stopFrames(page);
  expect(pan.frames).toBeGreaterThan(5);

  // Opened to fit, 10 columns wide, the flow is far out: cards are blocks; zoomed in, text is back.
  const flow = page.locator('.react-flow');
  const title = page.getByTestId('step-n2_4').getByText('Draft 3.5', { exact: true });
  await expect(flow).toHaveAttribute('data-far', '');
  await expect(title).toHaveCount(1);
  await expect(title).toBeHidden();
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
  await expect(flow).not.toHaveAttribute('data-far');
  await expect(title).toBeVisible();
});
