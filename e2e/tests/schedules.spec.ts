import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createWorkflow, signIn, type GraphJson } from '../support/session';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');

const graph: GraphJson = {
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
      data: { template: 'Newsletter about {{brief.topic}}' },
    },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'draft', sourceHandle: 'topic', targetHandle: 'in' },
  ],
};

test('schedules: create one with the cron editor, see its next fires, the calendar and its run', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const token = await signIn(page);
  const wf = await createWorkflow(page.request, token, 'Morning newsletter', graph);
  await page.goto('/schedules');
  await page.getByTestId('new-schedule').first().click();
  await page.getByTestId('schedule-workflow').click();
  await page.getByRole('option', { name: 'Morning newsletter' }).click();
  await page.getByTestId('schedule-name').fill('Newsletter draft');

  // A preset writes the cron; the server describes it and lists the next fires.
  await page.getByTestId('cron-preset').click();
  await page.getByRole('option', { name: 'Every day at' }).click();
  await page.getByTestId('cron-time').fill('09:30');
  await expect(page.getByTestId('cron-input')).toHaveValue('30 9 * * *');
  await expect(page.getByTestId('cron-description')).toContainText('At 09:30');
  await expect(page.getByTestId('cron-fire')).toHaveCount(5);
  await page.getByTestId('schedule-input-topic').fill('oat milk');
  await page.screenshot({ path: path.join(OUT, 'schedule-form.png') });

  // A bad cron says what is wrong; a seconds-level one fires during the test.
  await page.getByTestId('cron-input').fill('61 * * * *');
  await expect(page.getByTestId('cron-error')).toContainText('minute');
  await page.getByTestId('cron-input').fill('*/2 * * * * *');
  await expect(page.getByTestId('cron-description')).toContainText('Every 2 seconds');
  await expect(page.getByTestId('cron-fire')).toHaveCount(5);
  await page.getByTestId('save-schedule').click();

  const card = page.getByTestId('schedule-card').filter({ hasText: 'Newsletter draft' });
  await expect(card).toContainText('Every 2 seconds');
  await expect(card.getByTestId('schedule-next')).toContainText(/in /);
  await expect(card.getByTestId('schedule-last-outcome')).toHaveText('started', {
    timeout: 20_000,
  });
  await card.getByTestId('schedule-show-runs').click();
  await expect(card.getByTestId('schedule-run').first()).toBeVisible();
  await expect(card.getByTestId('schedule-run').first()).toContainText('Fire of');
  await page.screenshot({ path: path.join(OUT, 'schedules.png') });

  // On the calendar, today, in the viewer's zone.
  await page.goto('/calendar');
  await expect(page.getByTestId('calendar-zone')).toContainText('Times in');
  // The week view lists every item of a day (the month view shows four and "+N more"; the
  // shared test server has many runs today).
  await page.getByText('Week', { exact: true }).click();
  await expect(
    page.getByTestId('calendar-item').filter({ hasText: 'Newsletter draft' }).first(),
  ).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'calendar.png') });

  // The editor's schedules panel lists the workflow's schedules.
  await page.goto(`/workflows/${wf.id}`);
  await page.getByTestId('open-schedules').click();
  await expect(page.getByRole('dialog').getByTestId('schedule-card')).toContainText(
    'Newsletter draft',
  );
  await page.screenshot({ path: path.join(OUT, 'editor-schedules.png') });

  // Turned off, it stops.
  await page.goto('/schedules');
  await card.getByTestId('schedule-enabled').click({ force: true });
  await expect(card.getByTestId('schedule-next')).toHaveText('Off');
});

test('calendar: dragging a one-off run to another day moves it', async ({ page }) => {
  const token = await signIn(page);
  const wf = await createWorkflow(page.request, token, 'Launch post', graph);
  const at = new Date();
  at.setDate(at.getDate() + 1);
  at.setHours(10, 0, 0, 0);
  const created = await page.request.post(`/api/workflows/${wf.id}/schedules`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { runAt: at.toISOString(), inputs: { topic: 'launch' }, name: 'Launch day post' },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await page.goto('/calendar');
  const ymd = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  // The month view shows at least 5 weeks from the month's first Monday: two days ahead is on it.
  const target = new Date(at);
  target.setDate(at.getDate() + 1);
  const item = page.getByTestId('calendar-item').filter({ hasText: 'Launch day post' });
  await expect(page.locator(`[data-testid="calendar-day"][data-day="${ymd(at)}"]`)).toContainText(
    'Launch day post',
  );
  await item.dragTo(page.locator(`[data-testid="calendar-day"][data-day="${ymd(target)}"]`));
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/schedules/${id}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return ((await res.json()) as { runAt: string }).runAt;
    })
    .toBe(new Date(target.getFullYear(), target.getMonth(), target.getDate(), 10).toISOString());
});
