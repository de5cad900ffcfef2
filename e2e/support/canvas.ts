import { expect, type Locator, type Page } from '@playwright/test';

export function step(page: Page, id: string): Locator {
  return page.getByTestId(`step-${id}`);
}

/** Drags a palette item onto the canvas at a point relative to the canvas' top-left corner. */
export async function dragFromPalette(
  page: Page,
  type: string,
  at: { x: number; y: number },
): Promise<void> {
  const canvas = page.locator('.react-flow__pane');
  await page.getByTestId(`palette-${type}`).dragTo(canvas, { targetPosition: at });
}

/** Drags from an output handle of one step to an input handle of another with the mouse. */
export async function connect(
  page: Page,
  from: { node: string; port: string },
  to: { node: string; port: string },
): Promise<void> {
  const source = step(page, from.node).getByTestId(`handle-out-${from.port}`);
  const target = step(page, to.node).getByTestId(`handle-in-${to.port}`);
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  expect(a && b).toBeTruthy();
  if (!a || !b) return;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

export async function edgeCount(page: Page): Promise<number> {
  return page.locator('.react-flow__edge').count();
}
