import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fastify, { type FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { mountWebApp } from './web-app.js';

describe('mountWebApp', () => {
  let webDir: string;
  const apps: FastifyInstance[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  async function appServing(dir: string) {
    const app = fastify();
    apps.push(app);
    mountWebApp(app, dir);
    // What Nest would answer for anything the web app lets through.
    app.setNotFoundHandler((_req, reply) =>
      reply.status(404).send({ statusCode: 404, message: 'not the web app' }),
    );
    await app.ready();
    return supertest(app.server);
  }

  beforeAll(() => {
    webDir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><title>Flowpress app</title><div id="root"></div>',
    );
    writeFileSync(path.join(webDir, 'assets', 'app-1234.js'), 'console.log("app")');
    // Files that happen to sit under the API's, the sockets' or the library's paths in a build.
    for (const dir of ['api', 'socket.io', 'library']) {
      mkdirSync(path.join(webDir, dir));
      writeFileSync(path.join(webDir, dir, 'stray.json'), '{"stray":true}');
    }
  });
  afterAll(() => rmSync(webDir, { recursive: true, force: true }));

  it('serves index.html at / and for client routes (SPA fallback), hashed assets with long caching', async () => {
    const request = await appServing(webDir);
    for (const p of ['/', '/workflows/abc/edit', '/reviews']) {
      const res = await request.get(p).expect(200);
      expect(res.text).toContain('Flowpress app');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    const asset = await request.get('/assets/app-1234.js').expect(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect(asset.text).toBe('console.log("app")');
    const head = await request.head('/assets/app-1234.js').expect(200);
    expect(head.headers['content-length']).toBe(String('console.log("app")'.length));
    // Not in this build: the API's 404, not the app.
    const missing = await request.get('/favicon.svg?v=2').expect(404);
    expect(missing.body).toEqual({ statusCode: 404, message: 'Cannot GET /favicon.svg' });
    await request.get('/assets/missing.js').expect(404);
  });

  it('never answers /api, /socket.io or /library, nor non-GET requests', async () => {
    const request = await appServing(webDir);
    for (const p of [
      '/api',
      '/api/whatever',
      '/API/Whatever',
      '/library/feed.xml',
      '/socket.io/',
      '/socket.io/x',
    ]) {
      const res = await request.get(p).expect(404);
      expect(res.body.message).toBe('not the web app');
    }
    await request.post('/workflows').expect(404);
    await request.post('/assets/app-1234.js').expect(404);
    // Those paths never reach the file system, whatever the build holds.
    for (const p of ['/api/stray.json', '/socket.io/stray.json', '/library/stray.json']) {
      const res = await request.get(p).expect(404);
      expect(res.body.message).toBe('not the web app');
    }
    // …but a client route that merely starts with those letters is the app's.
    await request.get('/apis-and-more').expect(200);
  });

  it('without a build, explains how to make one', async () => {
    const res = await (await appServing(path.join(webDir, 'does-not-exist'))).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/pnpm build/);
  });
});
