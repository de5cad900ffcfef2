import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn } from '../support/session';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');

test('settings shows the run queue as the server reports it', async ({ page }) => {
  const token = await signIn(page);
  const health = await (
    await page.request.get('/api/health', { headers: { authorization: `Bearer ${token}` } })
  ).json();
  await page.goto('/settings');
  const panel = page.getByTestId('system-status');
  await expect(panel.getByText('System')).toBeVisible();
  await expect(page.getByTestId('system-waiting-runs')).toHaveText(String(health.queueStats.depth));
  await expect(page.getByTestId('system-workers-seen')).toContainText(
    health.queue === 'bullmq' ? /\d/ : '1 (this server)',
  );
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(OUT, 'settings.png') });
});
