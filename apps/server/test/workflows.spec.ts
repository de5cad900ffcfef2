import type {
  WorkflowFile,
  WorkflowGraph,
  WorkflowVersionView,
  WorkflowView,
} from '@flowpress/shared';
import { WorkflowsService } from '../src/workflows/workflows.service.js';
import { DEMO_WORKFLOW_NAME } from '../src/workflows/demo-workflow.js';
import { startTestApp, testDatabases, type Client, type TestApp } from './harness.js';

const databases = await testDatabases();

/** input → template: the smallest useful graph. */
function graphWith(template: string): WorkflowGraph {
  return {
    version: 1,
    nodes: [
      {
        id: 'brief',
        type: 'input',
        position: { x: 0, y: 0 },
        data: { fields: [{ name: 'topic', type: 'text', required: true }] },
      },
      { id: 'out', type: 'template', position: { x: 300, y: 0 }, data: { template } },
    ],
    edges: [{ id: 'e1', source: 'brief', target: 'out' }],
  };
}

describe.each(databases)('workflows on %s', (database) => {
  let t: TestApp;
  let editor: Client;

  beforeAll(async () => {
    t = await startTestApp({ database });
    editor = await t.as('editor');
  });
  afterAll(() => t?.close());

  const create = async (
    name: string,
    graph = graphWith('Post about {{brief.topic}}'),
  ): Promise<WorkflowView> =>
    (await editor.post('/api/workflows').send({ name, description: 'test', graph }).expect(201))
      .body as WorkflowView;

  it('seeds the demo workflow on the first start, valid and laid out', async () => {
    const list = (await editor.get('/api/workflows').expect(200)).body as WorkflowView[];
    const demo = list.find((w) => w.name === DEMO_WORKFLOW_NAME);
    expect(demo).toBeDefined();
    expect(demo?.graph.nodes.map((n) => n.type).sort()).toEqual([
      'image',
      'input',
      'prompt',
      'publish',
      'retrieval',
      'review',
    ]);
    const xs = new Set(demo?.graph.nodes.map((n) => n.position.x));
    expect(xs.size).toBeGreaterThanOrEqual(3);
  });

  it('creates a workflow in the contract shape', async () => {
    const w = await create('Contract shape');
    expect(w).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Contract shape',
      description: 'test',
      graph: expect.objectContaining({
        version: 1,
        nodes: expect.any(Array),
        edges: expect.any(Array),
      }),
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await editor.get(`/api/workflows/${w.id}`).expect(200)).body).toEqual(w);
  });

  it('stores a new immutable version on every PUT, lists them, and restores an old one', async () => {
    const w = await create('Versioned', graphWith('v1 {{brief.topic}}'));
    const v2 = (
      await editor
        .put(`/api/workflows/${w.id}`)
        .send({ graph: graphWith('v2 {{brief.topic}}') })
        .expect(200)
    ).body;
    expect(v2.version).toBe(2);
    const v3 = (
      await editor.put(`/api/workflows/${w.id}`).send({ name: 'Versioned, renamed' }).expect(200)
    ).body;
    expect(v3).toMatchObject({ version: 3, name: 'Versioned, renamed' });
    expect(v3.graph.nodes[1].data.template).toBe('v2 {{brief.topic}}');

    const versions = (await editor.get(`/api/workflows/${w.id}/versions`).expect(200))
      .body as WorkflowVersionView[];
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const me = (await editor.get('/api/me')).body;
    expect(versions[0]).toEqual({ version: 3, createdAt: expect.any(String), createdBy: me.id });

    const v1 = (await editor.get(`/api/workflows/${w.id}/versions/1`).expect(200)).body;
    expect(v1).toMatchObject({ version: 1, name: 'Versioned' });
    expect(v1.graph.nodes[1].data.template).toBe('v1 {{brief.topic}}');

    const restored = (await editor.post(`/api/workflows/${w.id}/versions/1/restore`).expect(200))
      .body as WorkflowView;
    expect(restored.version).toBe(4);
    expect(restored.name).toBe('Versioned, renamed');
    expect(restored.graph.nodes[1]?.data['template']).toBe('v1 {{brief.topic}}');
    expect((await editor.get(`/api/workflows/${w.id}/versions`)).body).toHaveLength(4);
    // Old versions are untouched.
    const v2again = (await editor.get(`/api/workflows/${w.id}/versions/2`).expect(200)).body;
    expect(v2again.graph.nodes[1].data.template).toBe('v2 {{brief.topic}}');

    await editor.get(`/api/workflows/${w.id}/versions/99`).expect(404);
    await editor.post(`/api/workflows/${w.id}/versions/99/restore`).expect(404);
    await editor.get(`/api/workflows/${w.id}/versions/zero`).expect(400);
  });

  it('refuses a stale baseVersion with 409, so two editors never overwrite each other', async () => {
    const w = await create('Concurrent');
    await editor.put(`/api/workflows/${w.id}`).send({ name: 'Alice', baseVersion: 1 }).expect(200);
    const stale = await editor
      .put(`/api/workflows/${w.id}`)
      .send({ name: 'Bob', baseVersion: 1 })
      .expect(409);
    expect(stale.body).toEqual({
      statusCode: 409,
      message: expect.stringMatching(/now at version 2/),
    });
    expect((await editor.get(`/api/workflows/${w.id}`)).body).toMatchObject({
      name: 'Alice',
      version: 2,
    });
    await editor
      .post(`/api/workflows/${w.id}/versions/1/restore`)
      .send({ baseVersion: 1 })
      .expect(409);
    await editor.put(`/api/workflows/${w.id}`).send({ name: 'Bob', baseVersion: 2 }).expect(200);
  });

  it('refuses an invalid graph with 400 listing every issue, and stores nothing', async () => {
    const before = ((await editor.get('/api/workflows')).body as WorkflowView[]).length;
    const bad: WorkflowGraph = {
      version: 1,
      nodes: [
        {
          id: 'a',
          type: 'input',
          position: { x: 0, y: 0 },
          data: { fields: [{ name: 'topic', type: 'text' }] },
        },
        { id: 'a', type: 'template', position: { x: 1, y: 0 }, data: { template: 'x' } },
        { id: 'ghost', type: 'no-such-type', position: { x: 2, y: 0 }, data: {} },
        { id: 'p', type: 'prompt', position: { x: 3, y: 0 }, data: { template: '' } },
        {
          id: 't',
          type: 'template',
          position: { x: 4, y: 0 },
          data: { template: '{{nowhere.text}}' },
        },
      ],
      edges: [{ id: 'e1', source: 'a', target: 'missing' }],
    };
    const res = await editor
      .post('/api/workflows')
      .send({ name: 'Broken', graph: bad })
      .expect(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/graph is invalid \(\d+ issues\)/),
    });
    const issues = res.body.issues as { path: string; message: string; nodeId?: string }[];
    expect(issues.length).toBeGreaterThanOrEqual(5);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'graph.nodes[1].id',
          message: expect.stringMatching(/duplicate/),
          nodeId: 'a',
        }),
        expect.objectContaining({
          path: 'graph.nodes[2].type',
          message: expect.stringMatching(/unknown node type/),
          nodeId: 'ghost',
        }),
        expect.objectContaining({
          path: expect.stringMatching(/^graph\.nodes\[3\]\.data/),
          nodeId: 'p',
        }),
        expect.objectContaining({ path: 'graph.edges[0].target' }),
        expect.objectContaining({ path: 'graph.nodes[4].data.template', nodeId: 't' }),
      ]),
    );
    expect(((await editor.get('/api/workflows')).body as WorkflowView[]).length).toBe(before);

    // Same on update: the workflow keeps its version.
    const w = await create('Stays valid');
    await editor.put(`/api/workflows/${w.id}`).send({ graph: bad }).expect(400);
    expect((await editor.get(`/api/workflows/${w.id}`)).body.version).toBe(1);
    expect((await editor.get(`/api/workflows/${w.id}/versions`)).body).toHaveLength(1);
  });

  it('refuses a body that is not a workflow with 400 and paths', async () => {
    const res = await editor
      .post('/api/workflows')
      .send({ name: '', graph: { nodes: 'no' } })
      .expect(400);
    expect(res.body.message).toBe('Invalid request body');
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['name', 'graph.nodes', 'graph.edges']),
    );
  });

  it('answers 404 for a missing workflow, malformed ids included', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      `/api/workflows/${missing}`,
      `/api/workflows/${missing}/versions`,
      `/api/workflows/${missing}/export`,
      '/api/workflows/nope',
    ]) {
      const res = await editor.get(path).expect(404);
      expect(res.body).toEqual({ statusCode: 404, message: expect.any(String) });
    }
    await editor.put(`/api/workflows/${missing}`).send({ name: 'x' }).expect(404);
    await editor.delete(`/api/workflows/${missing}`).expect(404);
  });

  it('soft-deletes: gone from the API, its versions kept for the engine', async () => {
    const w = await create('Doomed');
    await editor.delete(`/api/workflows/${w.id}`).expect(204);
    await editor.get(`/api/workflows/${w.id}`).expect(404);
    await editor.delete(`/api/workflows/${w.id}`).expect(404);
    expect(
      ((await editor.get('/api/workflows')).body as WorkflowView[]).some((x) => x.id === w.id),
    ).toBe(false);
    const pinned = await t.app.get(WorkflowsService).getVersion(w.id, 1);
    expect(pinned).toMatchObject({ workflowId: w.id, version: 1, name: 'Doomed' });
    expect(pinned?.graph.nodes).toHaveLength(2);
    expect(await t.app.get(WorkflowsService).getVersion(w.id, 2)).toBeNull();
  });

  it('exports a workflow file as a download and imports it back as a new workflow', async () => {
    const w = await create('Round trip: émojis & "quotes"');
    const exported = await editor.get(`/api/workflows/${w.id}/export`).expect(200);
    expect(exported.headers['content-disposition']).toBe(
      'attachment; filename="round-trip-emojis-quotes.flowpress.json"',
    );
    const file = exported.body as WorkflowFile;
    expect(file).toEqual({ flowpress: 1, name: w.name, description: 'test', graph: w.graph });

    const imported = (await editor.post('/api/workflows/import').send(file).expect(201))
      .body as WorkflowView;
    expect(imported.id).not.toBe(w.id);
    expect(imported).toMatchObject({
      name: w.name,
      description: 'test',
      version: 1,
      graph: w.graph,
    });

    const bad = await editor
      .post('/api/workflows/import')
      .send({ flowpress: 2, name: 'x', graph: w.graph })
      .expect(400);
    expect(bad.body.issues[0].path).toBe('flowpress');
    const viewer = await t.as('viewer');
    await viewer.post('/api/workflows/import').send(file).expect(403);
    await viewer.get(`/api/workflows/${w.id}/export`).expect(200);
  });
});
