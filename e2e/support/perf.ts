import { expect, type Page } from '@playwright/test';

/**
 * In-page probes for canvas performance: a requestAnimationFrame counter that records frame
 * times while recording, and a watcher that notes when N canvas nodes are on screen and measured.
 */
export async function installFrameProbe(page: Page, expectNodes: number): Promise<void> {
  await page.addInitScript((expected) => {
    const probe = {
      recording: false,
      frames: [] as number[],
      longTasks: 0,
      renderedAt: null as number | null,
      expect: expected,
    };
    (window as unknown as { __fpPerf: typeof probe }).__fpPerf = probe;
    const tick = (t: number) => {
      if (probe.recording) probe.frames.push(t);
      if (probe.expect && probe.renderedAt === null) {
        const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
        if (nodes.length >= probe.expect) {
          // React Flow keeps a node hidden until it has measured it.
          let shown = 0;
          nodes.forEach((n) => {
            if (n.style.visibility !== 'hidden') shown++;
          });
          if (shown >= probe.expect) probe.renderedAt = performance.now();
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    try {
      new PerformanceObserver((list) => {
        if (probe.recording) probe.longTasks += list.getEntries().length;
      }).observe({ type: 'longtask', buffered: false });
    } catch {
      // Long-task timing is not available everywhere.
    }
  }, expectNodes);
}

interface Probe {
  recording: boolean;
  frames: number[];
  longTasks: number;
  renderedAt: number | null;
  expect: number;
}

/** Milliseconds from the start of navigation until `count` nodes were visible and measured. */
export async function waitForRendered(page: Page, timeout = 60_000): Promise<number> {
  await expect
    .poll(
      () => page.evaluate(() => (window as unknown as { __fpPerf: Probe }).__fpPerf.renderedAt),
      { timeout, intervals: [50] },
    )
    .not.toBeNull();
  return page.evaluate(() => (window as unknown as { __fpPerf: Probe }).__fpPerf.renderedAt ?? 0);
}

/** When the workflow and the node catalog had both arrived (ms since navigation start). */
export async function dataArrivedAt(page: Page): Promise<number> {
  return page.evaluate(() => {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const wanted = entries.filter(
      (e) =>
        /\/api\/workflows\/[^/?]+$/.test(new URL(e.name).pathname) ||
        e.name.includes('/api/node-types'),
    );
    return Math.max(0, ...wanted.map((e) => e.responseEnd));
  });
}

export interface FrameStats {
  fps: number;
  frames: number;
  durationMs: number;
  p95FrameMs: number;
  worstFrameMs: number;
  longTasks: number;
}

export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const p = (window as unknown as { __fpPerf: Probe }).__fpPerf;
    p.frames = [];
    p.longTasks = 0;
    p.recording = true;
  });
}

export async function stopFrames(page: Page): Promise<FrameStats> {
  const { frames, longTasks } = await page.evaluate(() => {
    const p = (window as unknown as { __fpPerf: Probe }).__fpPerf;
    p.recording = false;
    return { frames: p.frames, longTasks: p.longTasks };
  });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
  const sorted = [...gaps].sort((a, b) => a - b);
  const durationMs = frames.length > 1 ? frames[frames.length - 1]! - frames[0]! : 0;
  return {
    fps: durationMs > 0 ? ((frames.length - 1) * 1000) / durationMs : 0,
    frames: frames.length,
    durationMs,
    p95FrameMs: sorted.length
      ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!
      : 0,
    worstFrameMs: sorted.length ? sorted[sorted.length - 1]! : 0,
    longTasks,
  };
}

/** A point on the empty canvas (not on a node, edge or control), to grab the pane. */
export async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
    if (!pane) return null;
    for (let fy = 0.15; fy < 0.9; fy += 0.035) {
      for (let fx = 0.2; fx < 0.8; fx += 0.035) {
        const x = pane.left + pane.width * fx;
        const y = pane.top + pane.height * fy;
        const el = document.elementFromPoint(x, y);
        if (el?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  });
  expect(point, 'an empty spot on the canvas to drag').not.toBeNull();
  return point!;
}

/** Drags with the mouse back and forth for about `ms`, a few pixels per move, like a person panning. */
export async function dragFor(
  page: Page,
  from: { x: number; y: number },
  ms: number,
  span = 360,
): Promise<number> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const started = Date.now();
  let moves = 0;
  let offset = 0;
  let direction = 1;
  while (Date.now() - started < ms) {
    offset += 6 * direction;
    if (Math.abs(offset) >= span) direction = -direction;
    await page.mouse.move(from.x + offset, from.y + offset * 0.4);
    moves++;
  }
  await page.mouse.move(from.x, from.y);
  await page.mouse.up();
  return moves;
}
