import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN } from './admin';

export interface GraphJson {
  version: 1;
  nodes: {
    id: string;
    type: string;
    position: { x: number; y: number };
    data: Record<string, unknown>;
    label?: string;
  }[];
  edges: {
    id: string;
    source: string;
    target: string;
    sourceHandle?: string;
    targetHandle?: string;
  }[];
}

export async function apiToken(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/auth/login', { data: ADMIN });
  expect(res.ok()).toBeTruthy();
  return ((await res.json()) as { token: string }).token;
}

/** Signs the page in without the form (the login test covers the form). */
export async function signIn(page: Page): Promise<string> {
  const token = await apiToken(page.request);
  await page.addInitScript((t) => {
    if (!localStorage.getItem('flowpress.token')) localStorage.setItem('flowpress.token', t);
  }, token);
  return token;
}

export async function createWorkflow(
  request: APIRequestContext,
  token: string,
  name: string,
  graph: GraphJson,
): Promise<{ id: string; version: number }> {
  const res = await request.post('/api/workflows', {
    data: { name, graph },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  return (await res.json()) as { id: string; version: number };
}

export async function getWorkflow(
  request: APIRequestContext,
  token: string,
  id: string,
): Promise<{ version: number; graph: GraphJson; name: string }> {
  const res = await request.get(`/api/workflows/${id}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.ok()).toBeTruthy();
  return (await res.json()) as { version: number; graph: GraphJson; name: string };
}

/** A small flow: an input asking for a topic, feeding a prompt. */
export function briefAndPrompt(): GraphJson {
  return {
    version: 1,
    nodes: [
      {
        id: 'brief',
        type: 'input',
        position: { x: 0, y: 0 },
        label: 'Brief',
        data: { fields: [{ name: 'topic', type: 'text', required: true }] },
      },
      {
        id: 'draft',
        type: 'prompt',
        position: { x: 360, y: 0 },
        label: 'Draft',
        data: { template: 'Write a short post about {{brief.topic}}.', temperature: 0.7 },
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
    ],
  };
}
