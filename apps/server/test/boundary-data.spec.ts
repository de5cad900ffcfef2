/**
 * Hardening at the data boundary (issue 9, items 3, 9, 11): the embedded database is reachable by
 * this process's user only, the data dir is private, deep JSON is a 400, responses carry the
 * security headers.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readlinkSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { startTestApp, testDatabases, type Client, type TestApp } from './harness.js';

const databases = await testDatabases();
/** Starting PGlite (or initdb) takes seconds, far more on a loaded machine. */
const START_TIMEOUT_MS = 120_000;

const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
/** The same as JSON text (the test client's own serializer recurses and overflows at 7,000). */
const nestedJson = (depth: number): string => `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`;

/** TCP ports a process (default: this one) listens on (IPv4 and IPv6), from its socket fds. */
function listeningTcpPorts(pid: number | 'self' = 'self'): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m?.[1]) inodes.add(m[1]);
    } catch {
      // the fd closed while we looked
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // cols: sl local_address rem_address st ... inode(9)
      if (cols[3] === '0A' && cols[9] && inodes.has(cols[9])) {
        ports.push(parseInt(cols[1]!.split(':')[1]!, 16));
      }
    }
  }
  return ports;
}

/** Every file and directory under `dir` with its permission bits. */
function modes(dir: string): { file: string; mode: number; dir: boolean }[] {
  const out: { file: string; mode: number; dir: boolean }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    out.push({ file: full, mode: statSync(full).mode & 0o777, dir: entry.isDirectory() });
    if (entry.isDirectory()) out.push(...modes(full));
  }
  return out;
}

describe('the embedded database and the data dir (pglite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database: 'pglite' });
    await t.as('editor'); // some writes, so the database has flushed files
  }, START_TIMEOUT_MS);
  afterAll(() => t?.close());

  it('listens on no TCP port besides the HTTP one', () => {
    const http = (t.app.getHttpServer().address() as AddressInfo).port;
    expect(listeningTcpPorts()).toEqual([http]);
  });

  it('serves the database on a 0600 Unix socket in a 0700 directory', () => {
    const socket = path.join(t.dataDir, 'run', '.s.PGSQL.5432');
    const st = statSync(socket);
    expect(st.isSocket()).toBe(true);
    expect(st.mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
  });

  it('refuses a connection from another local user', () => {
    if (process.getuid?.() !== 0) {
      console.warn('not root: cannot switch users to try the socket as someone else');
      return;
    }
    const socket = path.join(t.dataDir, 'run', '.s.PGSQL.5432');
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `require('node:net').connect(${JSON.stringify(socket)})
          .on('connect', () => { console.log('connected'); process.exit(0); })
          .on('error', (e) => { console.log(e.code); process.exit(0); });`,
      ],
      { uid: 65534, gid: 65534, encoding: 'utf8', cwd: '/' },
    );
    expect(probe.stdout.trim()).toBe('EACCES');
  });

  it('keeps the data dir 0700 and every file in it 0600 (secret key included)', () => {
    expect(statSync(t.dataDir).mode & 0o777).toBe(0o700);
    const all = modes(t.dataDir);
    expect(
      all.some((e) => e.file.endsWith('secret.key') || e.file.includes(`${path.sep}db${path.sep}`)),
    ).toBe(true);
    const loose = all.filter((e) => (e.dir ? e.mode !== 0o700 : (e.mode & 0o077) !== 0));
    expect(loose).toEqual([]);
  });
});

describe('the embedded native Postgres and the data dir', () => {
  let t: TestApp;
  const asRoot = process.getuid?.() === 0;
  beforeAll(async () => {
    t = await startTestApp({ database: 'embedded' });
    await t.as('editor');
  }, START_TIMEOUT_MS);
  afterAll(() => t?.close());
  const socket = () => path.join(t.dataDir, 'run', '.s.PGSQL.5432');
  const postmaster = () => Number(readFileSync(path.join(t.dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const sql = async (query: string) => {
    const client = new pg.Client({ host: path.dirname(socket()), port: 5432, user: 'postgres', database: 'postgres' });
    await client.connect();
    try {
      return (await client.query(query)).rows as Record<string, string>[];
    } finally {
      await client.end();
    }
  };

  it('listens on no TCP port: neither the server (besides HTTP) nor Postgres', async () => {
    const http = (t.app.getHttpServer().address() as AddressInfo).port;
    expect(listeningTcpPorts()).toEqual([http]);
    expect(listeningTcpPorts(postmaster())).toEqual([]);
    expect((await sql('SHOW listen_addresses'))[0]!['listen_addresses']).toBe('');
  });

  it('serves the database on a Unix socket in a 0700 directory of the database user', () => {
    const st = statSync(socket());
    expect(st.isSocket()).toBe(true);
    expect(st.mode & 0o077).toBe(0);
    const dir = statSync(path.dirname(socket()));
    expect(dir.mode & 0o777).toBe(0o700);
    expect(dir.uid).toBe(statSync(path.join(t.dataDir, 'pg')).uid);
  });

  it('accepts local connections only (pg_hba), and keeps fsync and synchronous_commit on', async () => {
    const hba = readFileSync(path.join(t.dataDir, 'pg', 'pg_hba.conf'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(hba).toEqual(['local all all trust']);
    const settings = await sql(
      "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')",
    );
    expect(Object.fromEntries(settings.map((r) => [r['name'], r['setting']]))).toEqual({
      fsync: 'on',
      synchronous_commit: 'on',
      full_page_writes: 'on',
    });
  });

  it('refuses a connection from another local user', () => {
    if (!asRoot) {
      console.warn('not root: cannot switch users to try the socket as someone else');
      return;
    }
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `require('node:net').connect(${JSON.stringify(socket())})
          .on('connect', () => { console.log('connected'); process.exit(0); })
          .on('error', (e) => { console.log(e.code); process.exit(0); });`,
      ],
      { uid: 65534, gid: 65534, encoding: 'utf8', cwd: '/' },
    );
    expect(probe.stdout.trim()).toBe('EACCES');
  });

  it('keeps the data dir private (0700; as root 0710 for the database user\'s group only) and every file in it 0600', () => {
    const top = statSync(t.dataDir);
    if (asRoot) {
      // The database runs as flowpress-db and must pass through; its group is that user's alone.
      expect(top.mode & 0o777).toBe(0o710);
      expect(top.gid).toBe(statSync(path.join(t.dataDir, 'pg')).gid);
      expect(top.gid).not.toBe(0);
    } else {
      expect(top.mode & 0o777).toBe(0o700);
    }
    const all = modes(t.dataDir);
    expect(all.some((e) => e.file.includes(`${path.sep}pg${path.sep}base${path.sep}`))).toBe(true);
    expect(all.some((e) => e.file.endsWith('secret.key'))).toBe(true);
    const loose = all.filter((e) => (e.dir ? e.mode !== 0o700 : (e.mode & 0o077) !== 0));
    expect(loose).toEqual([]);
  });
});

describe.each(databases)('request boundary on %s', (database) => {
  let t: TestApp;
  let editor: Client;
  beforeAll(async () => {
    t = await startTestApp({ database });
    editor = await t.as('editor');
  }, START_TIMEOUT_MS);
  afterAll(() => t?.close());

  it('answers 400 for node data nested 4,000 levels and stores nothing', async () => {
    const before = (await editor.get('/api/workflows').expect(200)).body as unknown[];
    const graph = {
      version: 1,
      nodes: [
        {
          id: 'out',
          type: 'template',
          position: { x: 0, y: 0 },
          data: { template: 'x', deep: nested(4000) },
        },
      ],
      edges: [],
    };
    const res = await editor.post('/api/workflows').send({ name: 'Deep', graph });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/nested more than 64 levels/);
    expect((await editor.get('/api/workflows').expect(200)).body).toHaveLength(before.length);
  });

  it('answers 400 for run inputs nested 7,000 levels', async () => {
    const graph = {
      version: 1,
      nodes: [{ id: 'out', type: 'template', position: { x: 0, y: 0 }, data: { template: 'x' } }],
      edges: [],
    };
    const w = (await editor.post('/api/workflows').send({ name: 'Shallow', graph }).expect(201))
      .body as { id: string };
    const res = await editor
      .post(`/api/workflows/${w.id}/runs`)
      .set('Content-Type', 'application/json')
      .send(`{"inputs":{"deep":${nestedJson(7000)}}}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/FLOWPRESS_MAX_JSON_DEPTH/),
    });
    expect((await editor.get(`/api/runs?workflowId=${w.id}`).expect(200)).body).toEqual([]);
  });

  it('accepts JSON nested up to the limit, brackets inside strings do not count', async () => {
    const graph = {
      version: 1,
      nodes: [
        {
          id: 'out',
          type: 'template',
          position: { x: 0, y: 0 },
          data: { template: 'x', note: '[[[[{{{{'.repeat(200), deep: nested(50) },
        },
      ],
      edges: [],
    };
    const res = await editor.post('/api/workflows').send({ name: 'Fine', graph });
    expect(res.body).toMatchObject({ name: 'Fine' });
    expect(res.status).toBe(201);
  });

  it('sends CSP, frame, referrer and nosniff headers on the API and the web app', async () => {
    for (const p of ['/api/health', '/', '/some/spa/route']) {
      const res = await t.request.get(p);
      const csp = res.headers['content-security-policy'] ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('keeps the public library pages on their own stricter CSP, with the other headers', async () => {
    const res = await t.request.get('/library');
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
