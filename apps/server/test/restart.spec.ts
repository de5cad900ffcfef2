import type { WorkflowView } from '@flowpress/shared';
import { roleEmail, rolePassword, startTestApp, testDatabases, type TestApp } from './harness.js';

const databases = await testDatabases();

describe.each(databases)('restart on %s', (database) => {
  let t: TestApp | undefined;
  afterAll(() => t?.close());

  it('keeps users, workflows, versions and API keys across a restart on the same data', async () => {
    t = await startTestApp({ database });
    const editor = await t.as('editor');
    const graph = {
      version: 1,
      nodes: [
        { id: 'out', type: 'template', position: { x: 0, y: 0 }, data: { template: 'hello' } },
      ],
      edges: [],
    };
    const w = (await editor.post('/api/workflows').send({ name: 'Survivor', graph }).expect(201))
      .body as WorkflowView;
    await editor.put(`/api/workflows/${w.id}`).send({ name: 'Survivor v2' }).expect(200);
    const key = (await editor.post('/api/api-keys').send({ name: 'keeps' }).expect(201)).body as {
      key: string;
    };
    const oldToken = await t.loginAs('editor');
    const workflowCount = ((await editor.get('/api/workflows')).body as WorkflowView[]).length;

    t = await t.restart();

    // Log in again with the same password: the user and its hash survived.
    const login = await t.request
      .post('/api/auth/login')
      .send({ email: roleEmail('editor'), password: rolePassword('editor') })
      .expect(200);
    const again = t.withToken(login.body.token);
    const list = (await again.get('/api/workflows').expect(200)).body as WorkflowView[];
    expect(list).toHaveLength(workflowCount); // the demo is not seeded twice
    expect(list.find((x) => x.id === w.id)).toMatchObject({ name: 'Survivor v2', version: 2 });
    expect((await again.get(`/api/workflows/${w.id}/versions`)).body).toHaveLength(2);
    // Tokens and keys issued before the restart still work (same secret key).
    await t.withToken(oldToken).get('/api/me').expect(200);
    await t.withToken(key.key).get('/api/me').expect(200);
    await t.request
      .post('/api/auth/login')
      .send({ email: t.admin.email, password: t.admin.password })
      .expect(200);
  });
});
