import { HttpException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WorkflowGraph } from '@flowpress/shared';
import { startTestApp, testDatabases, type TestApp } from '../../test/harness.js';
import { WorkflowsService } from './workflows.service.js';

const databases = await testDatabases();

const graph = (text: string): WorkflowGraph => ({
  version: 1,
  nodes: [{ id: 'out', type: 'template', position: { x: 0, y: 0 }, data: { template: text } }],
  edges: [],
});

async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    if (err instanceof HttpException) return err.getStatus();
    throw err;
  }
}

/** Against a real database: what only transactions and row locks can guarantee. */
describe.each(databases)('WorkflowsService on %s', (database) => {
  let t: TestApp;
  let service: WorkflowsService;

  beforeAll(async () => {
    t = await startTestApp({ database });
    service = t.app.get(WorkflowsService);
  });
  afterAll(() => t?.close());

  it('concurrent saves from the same base: exactly one wins, the other gets 409', async () => {
    const w = await service.create({ name: 'race', graph: graph('v1') }, null);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        statusOf(service.update(w.id, { graph: graph(`edit ${i}`), baseVersion: 1 }, null)),
      ),
    );
    expect(results.filter((s) => s === 200)).toHaveLength(1);
    expect(results.filter((s) => s === 409)).toHaveLength(4);
    expect((await service.get(w.id)).version).toBe(2);
  });

  it('concurrent saves without a base all land, as consecutive versions', async () => {
    const w = await service.create({ name: 'queue', graph: graph('v1') }, null);
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        service.update(w.id, { graph: graph(`edit ${i}`) }, null),
      ),
    );
    const versions = await service.listVersions(w.id);
    expect(versions.map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);
    const current = await service.get(w.id);
    const latest = await service.getVersion(w.id, 5);
    expect(current.graph).toEqual(latest?.graph);
  });

  it('getVersion serves pinned versions of deleted workflows; versions cannot be rewritten', async () => {
    const w = await service.create({ name: 'pinned', graph: graph('keep me') }, null);
    await service.remove(w.id);
    expect(await statusOf(service.get(w.id))).toBe(404);
    const v1 = await service.getVersion(w.id, 1);
    expect(v1?.graph.nodes[0]?.data['template']).toBe('keep me');
    expect(await service.getVersion(w.id, 2)).toBeNull();
    expect(await service.getVersion('00000000-0000-4000-8000-000000000000', 1)).toBeNull();
    // The database itself refuses to change a stored version.
    const ds = t.app.get(DataSource);
    await expect(
      ds.query(`UPDATE workflow_versions SET name = 'tampered' WHERE workflow_id = $1`, [w.id]),
    ).rejects.toThrow(/immutable/);
  });
});
