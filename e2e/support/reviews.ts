import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { GraphJson } from './session';

/** brief → draft + hero image → review → final text: a flow that stops for a person. */
export function reviewGraph(
  opts: { maxRevisions?: number; dueInHours?: number; headline?: boolean } = {},
): GraphJson {
  return {
    version: 1,
    nodes: [
      {
        id: 'brief',
        type: 'input',
        label: 'Brief',
        position: { x: 0, y: 100 },
        data: { fields: [{ name: 'topic', type: 'text', required: true }] },
      },
      {
        id: 'draft',
        type: 'prompt',
        label: 'Write the post',
        position: { x: 340, y: 0 },
        data: {
          template: `${opts.headline ? 'Headline: {{brief.topic}}\n' : ''}Write a short post about {{brief.topic}}.`,
          temperature: 0.7,
        },
      },
      {
        id: 'hero',
        type: 'image',
        label: 'Hero image',
        position: { x: 340, y: 260 },
        data: { prompt: 'An illustration about {{brief.topic}}', size: '1024x1024' },
      },
      {
        id: 'check',
        type: 'review',
        label: 'Editor approval',
        position: { x: 680, y: 100 },
        data: {
          instructions: 'Check the facts and the tone about {{brief.topic}}.',
          maxRevisions: opts.maxRevisions ?? 2,
          ...(opts.dueInHours ? { dueInHours: opts.dueInHours } : {}),
        },
      },
      {
        id: 'final',
        type: 'template',
        label: 'Final post',
        position: { x: 1020, y: 100 },
        data: { template: '{{check.text}}' },
      },
    ],
    edges: [
      {
        id: 'e1',
        source: 'brief',
        target: 'draft',
        sourceHandle: 'topic',
        targetHandle: 'context',
      },
      { id: 'e2', source: 'brief', target: 'hero', sourceHandle: 'topic', targetHandle: 'prompt' },
      { id: 'e3', source: 'draft', target: 'check', sourceHandle: 'text', targetHandle: 'content' },
      {
        id: 'e4',
        source: 'hero',
        target: 'check',
        sourceHandle: 'images',
        targetHandle: 'content',
      },
      { id: 'e5', source: 'check', target: 'final', sourceHandle: 'text', targetHandle: 'in' },
    ],
  };
}

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A new user with a role, made by the admin; returns the credentials. */
export async function createUser(
  request: APIRequestContext,
  adminToken: string,
  role: 'reviewer' | 'editor' | 'viewer',
): Promise<{ email: string; password: string }> {
  const user = {
    email: `${role}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@flowpress.test`,
    password: 'e2e-user-password',
  };
  const res = await request.post('/api/users', {
    data: { ...user, role },
    headers: auth(adminToken),
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  return user;
}

export async function loginToken(
  request: APIRequestContext,
  user: { email: string; password: string },
): Promise<string> {
  const res = await request.post('/api/auth/login', { data: user });
  expect(res.ok()).toBeTruthy();
  return ((await res.json()) as { token: string }).token;
}

/** Signs the page in as this user without the form. */
export async function signInAs(page: Page, token: string): Promise<void> {
  await page.addInitScript((t) => {
    if (!localStorage.getItem('flowpress.token')) localStorage.setItem('flowpress.token', t);
  }, token);
}

export async function startRun(
  request: APIRequestContext,
  token: string,
  workflowId: string,
  topic: string,
): Promise<string> {
  const res = await request.post(`/api/workflows/${workflowId}/runs`, {
    data: { inputs: { topic } },
    headers: auth(token),
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

export interface ReviewJson {
  id: string;
  runId: string;
  status: string;
  round: number;
}

export async function reviewsOf(
  request: APIRequestContext,
  token: string,
  query: string,
): Promise<ReviewJson[]> {
  const res = await request.get(`/api/reviews?${query}`, { headers: auth(token) });
  expect(res.ok()).toBeTruthy();
  return (await res.json()) as ReviewJson[];
}

/** Waits until the run's review step has opened a review (round `round`), and returns it. */
export async function pendingReview(
  request: APIRequestContext,
  token: string,
  runId: string,
  round = 1,
): Promise<ReviewJson> {
  let found: ReviewJson | undefined;
  await expect
    .poll(
      async () => {
        const list = await reviewsOf(request, token, `runId=${runId}&status=pending`);
        found = list.find((r) => r.round === round);
        return Boolean(found);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return found as ReviewJson;
}

export async function runOf(
  request: APIRequestContext,
  token: string,
  runId: string,
): Promise<{
  status: string;
  nodes: { nodeId: string; status: string; output: Record<string, unknown> | null }[];
}> {
  const res = await request.get(`/api/runs/${runId}`, { headers: auth(token) });
  expect(res.ok()).toBeTruthy();
  return (await res.json()) as {
    status: string;
    nodes: { nodeId: string; status: string; output: Record<string, unknown> | null }[];
  };
}
