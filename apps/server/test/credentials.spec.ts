import type { LoggerService } from '@nestjs/common';
import type { WorkflowGraph } from '@flowpress/shared';
import { DataSource } from 'typeorm';
import { CredentialsService } from '../src/credentials/credentials.service.js';
import { startTestApp, testDatabases, type Client, type TestApp } from './harness.js';

const SECRET = 'whsec-super-secret-value-0001';
const WP_PASSWORD = 'abcd EFGH 1234 ijkl MNOP 5678';

/** Every line the server logs, to prove secrets never reach the log. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private push(...parts: unknown[]): void {
    this.lines.push(parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
  }
  log = (...parts: unknown[]) => this.push(...parts);
  error = (...parts: unknown[]) => this.push(...parts);
  warn = (...parts: unknown[]) => this.push(...parts);
  debug = (...parts: unknown[]) => this.push(...parts);
  verbose = (...parts: unknown[]) => this.push(...parts);
}

const usingGraph = (credentialId: string): WorkflowGraph => ({
  version: 1,
  nodes: [
    {
      id: 'brief',
      type: 'input',
      position: { x: 0, y: 0 },
      data: { fields: [{ name: 'topic', type: 'text' }] },
    },
    {
      id: 'ship',
      type: 'publish',
      position: { x: 200, y: 0 },
      data: { target: 'webhook', url: 'https://example.com/hook', credentialId },
    },
  ],
  edges: [{ id: 'e1', source: 'brief', target: 'ship' }],
});

const databases = await testDatabases();

describe.each(databases)('credentials on %s', (database) => {
  let t: TestApp;
  let editor: Client;
  const logger = new CapturingLogger();
  const answers: string[] = [];

  /** Keeps every answer body, to check no secret ever left the server. */
  const seen = <T extends { text: string }>(res: T): T => {
    answers.push(res.text);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp({
      database,
      logger,
      env: { FLOWPRESS_SECRET_KEY: 'first-secret-key-0123456789' },
    });
    editor = await t.as('editor');
  });
  afterAll(async () => {
    // The capture works (the vault logs what it does) and holds no secret.
    expect(logger.lines.some((line) => line.includes('(webhook) created'))).toBe(true);
    expect(answers.join('\n')).not.toContain(SECRET);
    expect(answers.join('\n')).not.toContain(WP_PASSWORD);
    expect(logger.lines.join('\n')).not.toContain(SECRET);
    expect(logger.lines.join('\n')).not.toContain(WP_PASSWORD);
    await t?.close();
  });

  it('creates typed credentials and answers without their data', async () => {
    const res = seen(
      await editor
        .post('/api/credentials')
        .send({ type: 'webhook', name: 'Hook', data: { secret: SECRET } })
        .expect(201),
    );
    expect(res.body).toEqual({
      id: expect.any(String),
      type: 'webhook',
      name: 'Hook',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      usedBy: 0,
      workflows: [],
    });
    seen(
      await editor
        .post('/api/credentials')
        .send({
          type: 'wordpress',
          name: 'Blog',
          data: {
            username: 'ed',
            applicationPassword: WP_PASSWORD,
            baseUrl: 'https://blog.example.com',
          },
        })
        .expect(201),
    );
    seen(
      await editor
        .post('/api/credentials')
        .send({ type: 'ghost', name: 'Ghost', data: { adminApiKey: 'abc123:00ff00ff' } })
        .expect(201),
    );
    seen(
      await editor
        .post('/api/credentials')
        .send({ type: 'openai', name: 'OpenAI', data: { apiKey: 'sk-test-123' } })
        .expect(201),
    );
    const list = seen(await editor.get('/api/credentials').expect(200));
    expect(list.body.map((c: { type: string }) => c.type)).toEqual([
      'openai',
      'ghost',
      'wordpress',
      'webhook',
    ]);
    for (const item of list.body as Record<string, unknown>[]) {
      expect(Object.keys(item).sort()).toEqual([
        'createdAt',
        'id',
        'name',
        'type',
        'updatedAt',
        'usedBy',
      ]);
    }
  });

  it('validates data against the type, with paths', async () => {
    const short = seen(
      await editor
        .post('/api/credentials')
        .send({ type: 'webhook', name: 'x', data: { secret: 'short' } })
        .expect(400),
    );
    expect(short.body.issues).toEqual([
      { path: 'data.secret', message: 'a webhook secret needs at least 16 characters' },
    ]);
    const ghost = seen(
      await editor
        .post('/api/credentials')
        .send({ type: 'ghost', name: 'x', data: { adminApiKey: 'nocolon' } })
        .expect(400),
    );
    expect(ghost.body.issues[0].path).toBe('data.adminApiKey');
    const unknown = seen(
      await editor.post('/api/credentials').send({ type: 'ftp', name: 'x', data: {} }).expect(400),
    );
    expect(unknown.body.issues[0]).toMatchObject({
      path: 'type',
      message: expect.stringContaining('webhook'),
    });
    seen(
      await editor
        .post('/api/credentials')
        .send({ type: 'webhook', name: '', data: { secret: SECRET } })
        .expect(400),
    );
  });

  it('stores data encrypted: the raw row holds no plaintext', async () => {
    const rows = await t.app
      .get(DataSource)
      .query<Record<string, unknown>[]>(`SELECT * FROM credentials`);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const raw = JSON.stringify(
      rows.map((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v))),
    );
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toContain(WP_PASSWORD);
    expect(raw).not.toContain('sk-test-123');
    for (const row of rows) {
      expect((row['iv'] as Buffer).length).toBe(12);
      expect((row['auth_tag'] as Buffer).length).toBe(16);
      expect(row['key_version']).toMatch(/^v1:[0-9a-f]{16}$/);
    }
  });

  it('is for editors and admins only', async () => {
    seen(await (await t.as('viewer')).get('/api/credentials').expect(403));
    seen(
      await (
        await t.as('reviewer')
      )
        .post('/api/credentials')
        .send({ type: 'webhook', name: 'x', data: { secret: SECRET } })
        .expect(403),
    );
    seen(await t.request.get('/api/credentials').expect(401));
  });

  it('renames and merges new data (null removes a key), re-validating', async () => {
    const wp = (
      seen(await editor.get('/api/credentials').expect(200)).body as { id: string; type: string }[]
    ).find((c) => c.type === 'wordpress')!;
    const renamed = seen(
      await editor.patch(`/api/credentials/${wp.id}`).send({ name: 'Company blog' }).expect(200),
    );
    expect(renamed.body).toMatchObject({ id: wp.id, name: 'Company blog', type: 'wordpress' });
    expect(renamed.body).not.toHaveProperty('data');
    seen(
      await editor
        .patch(`/api/credentials/${wp.id}`)
        .send({ data: { baseUrl: null } })
        .expect(200),
    );
    const service = t.app.get(CredentialsService);
    expect(await service.read(wp.id)).toEqual({
      type: 'wordpress',
      data: { username: 'ed', applicationPassword: WP_PASSWORD },
    });
    const bad = seen(
      await editor
        .patch(`/api/credentials/${wp.id}`)
        .send({ data: { username: '' } })
        .expect(400),
    );
    expect(bad.body.issues[0].path).toBe('data.username');
    seen(await editor.patch(`/api/credentials/${wp.id}`).send({}).expect(400));
    seen(
      await editor
        .patch('/api/credentials/00000000-0000-4000-8000-000000000000')
        .send({ name: 'x' })
        .expect(404),
    );
  });

  it('refuses to delete a credential a live workflow uses (409, naming it), then deletes it', async () => {
    const cred = seen(
      await editor
        .post('/api/credentials')
        .send({
          type: 'webhook',
          name: 'Used',
          data: { secret: SECRET, baseUrl: 'https://example.com' },
        })
        .expect(201),
    ).body as { id: string };
    const wf = (
      await editor
        .post('/api/workflows')
        .send({ name: 'Newsletter', graph: usingGraph(cred.id) })
        .expect(201)
    ).body as { id: string };
    const detail = seen(await editor.get(`/api/credentials/${cred.id}`).expect(200));
    expect(detail.body).toMatchObject({
      usedBy: 1,
      workflows: [{ id: wf.id, name: 'Newsletter' }],
    });
    const list = seen(await editor.get('/api/credentials').expect(200)).body as {
      id: string;
      usedBy: number;
    }[];
    expect(list.find((c) => c.id === cred.id)!.usedBy).toBe(1);
    const refused = seen(await editor.delete(`/api/credentials/${cred.id}`).expect(409));
    expect(refused.body.message).toContain('"Newsletter"');
    expect(refused.body.issues).toEqual([
      { path: `workflows.${wf.id}`, message: 'used by workflow "Newsletter"' },
    ]);
    // A new version without it frees the credential (only the current graph counts).
    const graph = usingGraph(cred.id);
    graph.nodes[1]!.data = { target: 'webhook', url: 'https://example.com/hook' };
    await editor.put(`/api/workflows/${wf.id}`).send({ graph }).expect(200);
    seen(await editor.delete(`/api/credentials/${cred.id}`).expect(204));
    seen(await editor.get(`/api/credentials/${cred.id}`).expect(404));
  });

  it('a deleted workflow no longer holds its credential', async () => {
    const cred = seen(
      await editor
        .post('/api/credentials')
        .send({
          type: 'webhook',
          name: 'Held',
          data: { secret: SECRET, baseUrl: 'https://example.com' },
        })
        .expect(201),
    ).body as { id: string };
    const wf = (
      await editor
        .post('/api/workflows')
        .send({ name: 'Gone soon', graph: usingGraph(cred.id) })
        .expect(201)
    ).body as { id: string };
    seen(await editor.delete(`/api/credentials/${cred.id}`).expect(409));
    await editor.delete(`/api/workflows/${wf.id}`).expect(204);
    seen(await editor.delete(`/api/credentials/${cred.id}`).expect(204));
  });

  it('rotates FLOWPRESS_SECRET_KEY: old keys decrypt, PATCH and /rotate seal again under the new key', async () => {
    const hook = seen(
      await editor
        .post('/api/credentials')
        .send({ type: 'webhook', name: 'Rotating', data: { secret: SECRET } })
        .expect(201),
    ).body as { id: string };
    const db = () => t.app.get(DataSource);
    const versionOf = async (id: string) =>
      (
        await db().query<{ key_version: string }[]>(
          `SELECT key_version FROM credentials WHERE id = $1`,
          [id],
        )
      )[0]!.key_version;
    const before = await versionOf(hook.id);

    t = await t.restart({
      logger,
      env: {
        FLOWPRESS_SECRET_KEY: 'second-secret-key-0123456789',
        FLOWPRESS_SECRET_KEY_PREVIOUS: 'first-secret-key-0123456789',
      },
    });
    editor = await t.as('editor');
    expect(await t.app.get(CredentialsService).read(hook.id)).toEqual({
      type: 'webhook',
      data: { secret: SECRET },
    });
    seen(await editor.patch(`/api/credentials/${hook.id}`).send({ name: 'Rotated' }).expect(200));
    const after = await versionOf(hook.id);
    expect(after).not.toBe(before);

    seen(await (await t.as('editor')).post('/api/credentials/rotate').expect(403));
    const rotated = seen(await (await t.as('admin')).post('/api/credentials/rotate').expect(200));
    expect(rotated.body).toMatchObject({ keyVersion: after, unreadable: [] });
    expect(rotated.body.rotated).toBeGreaterThanOrEqual(4);

    t = await t.restart({ logger, env: { FLOWPRESS_SECRET_KEY: 'second-secret-key-0123456789' } });
    editor = await t.as('editor');
    expect(await t.app.get(CredentialsService).read(hook.id)).toEqual({
      type: 'webhook',
      data: { secret: SECRET },
    });
  }, 60_000);

  it('a credential sealed under a key that is gone fails clearly when read', async () => {
    const hook = seen(
      await editor
        .post('/api/credentials')
        .send({ type: 'webhook', name: 'Orphan', data: { secret: SECRET } })
        .expect(201),
    ).body as { id: string };
    const blog = seen(
      await editor
        .post('/api/credentials')
        .send({
          type: 'wordpress',
          name: 'Orphan blog',
          data: { username: 'ed', applicationPassword: WP_PASSWORD, baseUrl: 'https://b.example' },
        })
        .expect(201),
    ).body as { id: string };
    t = await t.restart({ logger, env: { FLOWPRESS_SECRET_KEY: 'third-secret-key-0123456789' } });
    editor = await t.as('editor');
    // New data merged over what cannot be read would half-replace the credential: a clear 409.
    const partial = seen(
      await editor
        .patch(`/api/credentials/${blog.id}`)
        .send({ data: { baseUrl: 'https://b.example/new' } })
        .expect(409),
    );
    expect(partial.body.message).toMatch(
      /^Credential "Orphan blog" was sealed with key version v1:[0-9a-f]+, which this server cannot open .*FLOWPRESS_SECRET_KEY_PREVIOUS, or send the complete data/,
    );
    await expect(t.app.get(CredentialsService).read(blog.id)).rejects.toThrow(/not configured/);
    await expect(t.app.get(CredentialsService).read(hook.id)).rejects.toThrow(
      /not configured.*FLOWPRESS_SECRET_KEY_PREVIOUS/,
    );
    // It can still be listed, renamed and given new data (which seals it under the new key).
    seen(
      await editor
        .patch(`/api/credentials/${hook.id}`)
        .send({ data: { secret: `${SECRET}-new` } })
        .expect(200),
    );
    expect(await t.app.get(CredentialsService).read(hook.id)).toEqual({
      type: 'webhook',
      data: { secret: `${SECRET}-new` },
    });
  }, 60_000);
});
