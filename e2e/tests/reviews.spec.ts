import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { step } from '../support/canvas';
import {
  createUser,
  loginToken,
  pendingReview,
  reviewGraph,
  reviewsOf,
  runOf,
  signInAs,
  startRun,
} from '../support/reviews';
import { apiToken, createWorkflow } from '../support/session';

const EDIT = 'Edited by the reviewer. ';

/**
 * The navigation badge agrees with the server's pending list for this reviewer. Compared with
 * the server rather than a remembered number: other flows on the shared test server may open or
 * close reviews meanwhile.
 */
async function expectBadgeInSync(
  page: Page,
  request: APIRequestContext,
  token: string,
): Promise<void> {
  await expect
    .poll(
      async () => {
        const pending = (await reviewsOf(request, token, 'status=pending&assignee=me')).length;
        return (await badgeCount(page)) === pending;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

async function badgeCount(page: Page): Promise<number> {
  const badge = page.getByTestId('pending-reviews-badge');
  if ((await badge.count()) === 0) return 0;
  return Number((await badge.textContent()) ?? '0');
}

/** A reviewer signed in, with two runs of a new review workflow waiting for them. */
async function twoWaitingReviews(page: Page, name: string) {
  const admin = await apiToken(page.request);
  const reviewer = await createUser(page.request, admin, 'reviewer');
  const token = await loginToken(page.request, reviewer);
  await signInAs(page, token);
  const wf = await createWorkflow(page.request, admin, name, reviewGraph());
  const runs = [
    await startRun(page.request, admin, wf.id, 'First topic'),
    await startRun(page.request, admin, wf.id, 'Second topic'),
  ];
  const reviews = [
    await pendingReview(page.request, token, runs[0]!),
    await pendingReview(page.request, token, runs[1]!),
  ];
  return { admin, token, wf, runs, reviews };
}

test.describe('review queue', () => {
  test('a reviewer sees a draft arrive live, edits it, approves it, and the run finishes', async ({
    page,
  }) => {
    const admin = await apiToken(page.request);
    const reviewer = await createUser(page.request, admin, 'reviewer');
    const wf = await createWorkflow(
      page.request,
      admin,
      'Reviewed post',
      reviewGraph({ dueInHours: 4 }),
    );

    // The reviewer signs in with the form and opens the (empty) queue for this workflow.
    await page.goto('/login');
    await page.getByLabel('Email').fill(reviewer.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(reviewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('user-role')).toHaveText('Reviewer');
    await page.goto(`/reviews?workflow=${wf.id}`);
    await expect(page.getByTestId('reviews-empty')).toBeVisible();
    const reviewerToken = await loginToken(page.request, reviewer);
    await expectBadgeInSync(page, page.request, reviewerToken);

    // A run reaches the review step: the item and the navigation count appear without a reload.
    const runId = await startRun(page.request, admin, wf.id, 'Our spring launch');
    const row = page.getByTestId('review-row');
    await expect(row).toHaveCount(1, { timeout: 20_000 });
    await expect(row).toContainText('A fresh take on your brief');
    await expect(row).toContainText('Reviewed post · Editor approval');
    await expect(row.getByTestId('review-due')).toContainText(/Due in (3|4) h/);
    await expectBadgeInSync(page, page.request, reviewerToken);
    expect(await badgeCount(page)).toBeGreaterThanOrEqual(1);

    // The review screen: the draft as markdown with its image, and the decision panel.
    await row.click();
    await expect(page.getByTestId('review-heading')).toHaveText('A fresh take on your brief');
    const draft = page.getByTestId('review-draft');
    await expect(draft.getByTestId('draft-text').locator('h2').first()).toHaveText(
      'Why it matters',
    );
    await expect(draft.getByTestId('review-images').getByTestId('asset-image')).toBeVisible();
    await expect(page.getByTestId('review-round')).toHaveText('First draft');
    await expect(page.getByTestId('review-instructions')).toContainText('Our spring launch');
    await expect(page.getByTestId('review-run')).toContainText('Waiting for review');

    // Edit: a change shows as a diff against the original.
    await page.getByTestId('edit-draft').click();
    const editor = page.getByTestId('draft-editor');
    await expect(editor).toBeFocused();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type(EDIT);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('edit-summary')).toHaveText(/4 words added/);
    await page
      .getByTestId('draft-tabs')
      .getByText(/Changes/)
      .click();
    await expect(page.getByTestId('diff-added')).toHaveText(EDIT);
    await expect(page.getByTestId('approve')).toHaveText(/Approve with edits/);

    await page.getByTestId('approve').click();
    await expect(page.getByTestId('review-status-badge')).toHaveText('Approved');
    await expect(page.getByTestId('review-outcome')).toHaveText('Approved with edits');
    await expect(page.getByTestId('review-decision')).toContainText(reviewer.email);
    await expect(page.getByTestId('review-run')).toHaveAttribute('data-status', 'succeeded', {
      timeout: 15_000,
    });
    await expectBadgeInSync(page, page.request, reviewerToken);
    const stillPending = await reviewsOf(
      page.request,
      reviewerToken,
      `status=pending&runId=${runId}`,
    );
    expect(stillPending).toHaveLength(0);

    // The run view shows the run finished, and the edit flowed downstream.
    await page.getByTestId('open-run').click();
    await expect(page.getByTestId('run-panel')).toContainText('Succeeded');
    await expect(step(page, 'check')).toHaveAttribute('data-status', 'succeeded');
    await expect(step(page, 'final')).toHaveAttribute('data-status', 'succeeded');
    const run = await runOf(page.request, admin, runId);
    const final = run.nodes.find((n) => n.nodeId === 'final');
    expect(String(final?.output?.text)).toContain(EDIT.trim());

    // Decided reviews stay as read-only history.
    await page.goto(`/reviews?workflow=${wf.id}&status=approved`);
    await expect(page.getByTestId('review-row')).toHaveCount(1);
    await expect(page.getByTestId('review-row')).toContainText(reviewer.email);
    await page.getByTestId('review-row').click();
    await expect(page.getByTestId('approve')).toHaveCount(0);
    await expect(page.getByTestId('diff-added')).toHaveCount(0);
    await page
      .getByTestId('draft-tabs')
      .getByText(/Changes/)
      .click();
    await expect(page.getByTestId('diff-added')).toHaveText(EDIT);
  });

  test('request changes sends the draft back with the comment and a second round appears', async ({
    page,
  }) => {
    const admin = await apiToken(page.request);
    const reviewer = await createUser(page.request, admin, 'reviewer');
    const token = await loginToken(page.request, reviewer);
    await signInAs(page, token);
    const wf = await createWorkflow(
      page.request,
      admin,
      'Two rounds',
      reviewGraph({ maxRevisions: 1 }),
    );
    const runId = await startRun(page.request, admin, wf.id, 'Pricing update');
    const first = await pendingReview(page.request, token, runId);

    await page.goto(`/reviews/${first.id}?workflow=${wf.id}`);
    await expect(page.getByTestId('review-round')).toHaveText('First draft');
    await expect(page.getByTestId('request-changes')).toBeEnabled();

    // `r` without a comment asks for one instead of sending.
    await page.keyboard.press('r');
    const comment = page.getByTestId('review-comment');
    await expect(comment).toBeFocused();
    await expect(page.getByTestId('decision-panel')).toContainText('Say what should change');
    await comment.fill('Make it shorter and mention the new price.');
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    await expect(page.getByTestId('review-status-badge')).toHaveText('Changes requested');
    await expect(page.getByTestId('review-decision-comment')).toContainText(
      'mention the new price',
    );

    // The writing step runs again; the new round shows up here live.
    await expect(page.getByTestId('newer-round')).toContainText('The revised draft is ready', {
      timeout: 20_000,
    });
    await page.getByTestId('newer-round').getByRole('link', { name: 'Open round 2' }).click();
    await expect(page.getByTestId('review-round')).toHaveText('Revision 1 of 1');
    await expect(page.getByTestId('review-status-badge')).toHaveText('Waiting for review');
    const rounds = page.getByTestId('review-rounds');
    await expect(rounds.getByTestId('review-round-1')).toContainText('Changes requested');
    await expect(rounds.getByTestId('review-round-1')).toContainText(reviewer.email);
    await expect(rounds.getByTestId('review-round-1')).toContainText('mention the new price');

    // No revisions left: only approve or reject remain.
    await expect(page.getByTestId('decision-panel')).toContainText('No revisions left');
    await expect(page.getByTestId('request-changes')).toBeDisabled();
    await page.getByTestId('reject').click();
    await page.getByTestId('reject-reason').fill('Off brand.');
    await page.getByTestId('confirm-reject').click();
    await expect(page.getByTestId('review-status-badge')).toHaveText('Rejected');
    await expect(page.getByTestId('review-run')).toHaveAttribute('data-status', 'failed', {
      timeout: 15_000,
    });
    const run = await runOf(page.request, admin, runId);
    expect(run.nodes.find((n) => n.nodeId === 'final')?.status).toBe('skipped');
  });

  test('keyboard: j and k work while the review is still loading', async ({ page }) => {
    const { wf, reviews } = await twoWaitingReviews(page, 'Keyboard while loading');
    // Each review's own request answers only when the test says so: the queue is known, the
    // draft is not, which is the moment a key pressed right after opening a review lands in.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/reviews\/[^/?]+$/, async (route) => {
      await held;
      await route.continue();
    });

    await page.goto(`/reviews/${reviews[0]!.id}?workflow=${wf.id}`);
    const nav = page.getByTestId('queue-nav');
    await expect(nav).toContainText(/[12] of 2/);
    await expect(page.getByTestId('review-status-badge')).toHaveCount(0);
    const atFirst = (await nav.textContent())?.includes('1 of 2');
    await page.keyboard.press(atFirst ? 'j' : 'k');
    await expect(nav).toContainText(atFirst ? '2 of 2' : '1 of 2');
    await expect(page).toHaveURL(new RegExp(`/reviews/${reviews[1]!.id}`));

    release();
    await expect(page.getByTestId('review-status-badge')).toHaveText('Waiting for review');
  });

  test('keyboard: j and k move through the queue, e edits, a approves and opens the next', async ({
    page,
  }) => {
    const { admin, token, wf, runs, reviews } = await twoWaitingReviews(page, 'Keyboard queue');

    await page.goto(`/reviews?workflow=${wf.id}`);
    await expect(page.getByTestId('review-row')).toHaveCount(2);
    // In the queue: j moves the cursor, Enter opens.
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    const nav = page.getByTestId('queue-nav');
    // The review is on screen (its badge renders with the draft, never from the previous review):
    // the draft's own keys (e, a) are live from here on.
    const reviewShown = () =>
      expect(page.getByTestId('review-status-badge')).toHaveText('Waiting for review');
    await expect(nav).toContainText('1 of 2');
    await reviewShown();
    const firstUrl = page.url();

    await page.keyboard.press('j');
    await expect(nav).toContainText('2 of 2');
    await expect(page).not.toHaveURL(firstUrl);
    await reviewShown();
    await page.keyboard.press('k');
    await expect(nav).toContainText('1 of 2');
    await expect(page).toHaveURL(firstUrl);
    await reviewShown();
    const current = reviews.find((r) => firstUrl.includes(r.id));
    expect(current).toBeTruthy();

    await page.keyboard.press('e');
    await expect(page.getByTestId('draft-editor')).toBeFocused();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nApproved from the keyboard.');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('approve')).toHaveText(/Approve with edits/);
    await page.keyboard.press('a');

    // The decision is saved and the next waiting draft opens.
    await expect(page.getByRole('alert').filter({ hasText: 'Approved' })).toBeVisible();
    await expect(page).not.toHaveURL(firstUrl);
    await expect(page.getByTestId('review-status-badge')).toHaveText('Waiting for review');
    await expect
      .poll(
        async () => (await reviewsOf(page.request, token, `runId=${current!.runId}`))[0]?.status,
      )
      .toBe('approved');
    await page.keyboard.press('a');
    await expect(page.getByTestId('review-status-badge')).toHaveText('Approved');
    for (const runId of runs) {
      await expect
        .poll(async () => (await runOf(page.request, admin, runId)).status, { timeout: 15_000 })
        .toBe('succeeded');
    }
  });
});
