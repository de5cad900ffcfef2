import { randomBytes, scryptSync } from 'node:crypto';
import { DataSource } from 'typeorm';
import { unmatchableHash } from '../src/auth/password.js';
import { UsersService } from '../src/users/users.service.js';
import type { ApiKeyView, LoginAnswer, UserView } from '@flowpress/shared';
import { roleEmail, rolePassword, startTestApp, testDatabases, type TestApp } from './harness.js';

const databases = await testDatabases();

const graph = { version: 1, nodes: [], edges: [] };

describe.each(databases)('auth, users and API keys on %s', (database) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t?.close());

  describe('login', () => {
    it('answers {token, user} and sets an httpOnly SameSite=Lax cookie', async () => {
      const res = await t.request
        .post('/api/auth/login')
        .send({ email: t.admin.email.toUpperCase(), password: t.admin.password })
        .expect(200);
      const body = res.body as LoginAnswer;
      expect(body.token).toEqual(expect.any(String));
      expect(body.user).toMatchObject({ email: t.admin.email, role: 'admin' });
      expect(body.user).not.toHaveProperty('passwordHash');
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/flowpress_token=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);

      // The cookie alone authenticates (the web app's way)…
      const token = /flowpress_token=([^;]+)/.exec(cookie)?.[1];
      await t.request.get('/api/me').set('Cookie', `flowpress_token=${token}`).expect(200);
      // …and logout clears it.
      const out = await t.request.post('/api/auth/logout').expect(200);
      expect(String(out.headers['set-cookie'])).toMatch(
        /flowpress_token=;.*Expires=Thu, 01 Jan 1970/i,
      );
    });

    it('refuses a wrong password or unknown email with the same 401', async () => {
      const wrong = await t.request
        .post('/api/auth/login')
        .send({ email: t.admin.email, password: 'nope-nope' })
        .expect(401);
      const unknown = await t.request
        .post('/api/auth/login')
        .send({ email: 'ghost@flowpress.test', password: 'nope-nope' })
        .expect(401);
      expect(wrong.body).toEqual({ statusCode: 401, message: 'Wrong email or password' });
      expect(unknown.body).toEqual(wrong.body);
    });

    it('upgrades a password hash stored with the earlier scrypt parameters at the next login', async () => {
      const email = 'legacy-hash@flowpress.test';
      await t.request
        .post('/api/users')
        .set('Authorization', `Bearer ${await t.loginAs('admin')}`)
        .send({ email, password: 'legacy-password-1', role: 'viewer' })
        .expect(201);
      // As a user made before 2026-12-02 has it: N = 2^14.
      const salt = randomBytes(16);
      const key = scryptSync('legacy-password-1', salt, 64, { N: 16_384, r: 8, p: 1 });
      const legacy = `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
      const db = t.app.get(DataSource);
      const stored = async () =>
        (
          (await db.query(`SELECT password_hash AS h FROM users WHERE email = $1`, [email])) as [
            { h: string },
          ]
        )[0].h;
      await db.query(`UPDATE users SET password_hash = $1 WHERE email = $2`, [legacy, email]);
      await t.request
        .post('/api/auth/login')
        .send({ email, password: 'legacy-password-1' })
        .expect(200);
      const upgraded = await stored();
      expect(upgraded).toMatch(/^scrypt\$32768\$8\$1\$/);
      await t.request
        .post('/api/auth/login')
        .send({ email, password: 'legacy-password-1' })
        .expect(200);
      expect(await stored()).toBe(upgraded);
      // A rehash made from a hash that is no longer stored (the password changed meanwhile) is dropped.
      const [{ id }] = (await db.query(`SELECT id FROM users WHERE email = $1`, [email])) as [
        { id: string },
      ];
      await t.app.get(UsersService).rehashPassword(id, legacy, unmatchableHash());
      expect(await stored()).toBe(upgraded);
    });

    it('refuses a malformed login body with 400 and issues', async () => {
      const res = await t.request
        .post('/api/auth/login')
        .send({ email: 'not-an-email' })
        .expect(400);
      expect(res.body.issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'email' }),
          expect.objectContaining({ path: 'password' }),
        ]),
      );
    });

    it('rate-limits failed logins per address and email: 429 with Retry-After, even with the right password', async () => {
      const email = 'target@flowpress.test';
      const admin = await t.as('admin');
      await admin
        .post('/api/users')
        .send({ email, password: 'right-password-1', role: 'viewer' })
        .expect(201);
      for (let i = 0; i < 10; i++) {
        await t.request
          .post('/api/auth/login')
          .send({ email, password: `wrong-${i}` })
          .expect(401);
      }
      const res = await t.request
        .post('/api/auth/login')
        .send({ email, password: 'right-password-1' })
        .expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body).toMatchObject({
        statusCode: 429,
        message: expect.stringMatching(/try again/),
      });
      // Another account from the same address is not affected.
      await t.request
        .post('/api/auth/login')
        .send({ email: t.admin.email, password: t.admin.password })
        .expect(200);
    });
  });

  describe('authentication', () => {
    it('answers 401 without a token, with a bad token or a malformed header', async () => {
      for (const path of [
        '/api/me',
        '/api/workflows',
        '/api/node-types',
        '/api/users',
        '/api/api-keys',
      ]) {
        const res = await t.request.get(path).expect(401);
        expect(res.body).toEqual({
          statusCode: 401,
          message: expect.stringMatching(/Authentication required/),
        });
      }
      await t.request.get('/api/me').set('Authorization', 'Bearer not-a-token').expect(401);
      await t.request.get('/api/me').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
      await t.request
        .get('/api/me')
        .set('Authorization', `Bearer fp_${'x'.repeat(43)}`)
        .expect(401);
      // A token signed with another secret is refused.
      const forged =
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJmbG93cHJlc3MiLCJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAifQ.' +
        'c2lnbmF0dXJlLXRoYXQtZG9lcy1ub3QtbWF0Y2g';
      const res = await t.request
        .get('/api/me')
        .set('Authorization', `Bearer ${forged}`)
        .expect(401);
      expect(res.body.message).toMatch(/Invalid or expired token/);
    });

    it('GET /api/me answers the user behind the token', async () => {
      const editor = await t.as('editor');
      const res = await editor.get('/api/me').expect(200);
      expect(res.body).toMatchObject({
        email: roleEmail('editor'),
        role: 'editor',
        id: expect.any(String),
      });
    });

    it('keeps health public', async () => {
      await t.request.get('/api/health').expect(200);
    });
  });

  describe('roles', () => {
    it('viewers read but may not create workflows', async () => {
      const viewer = await t.as('viewer');
      await viewer.get('/api/workflows').expect(200);
      const res = await viewer.post('/api/workflows').send({ name: 'x', graph }).expect(403);
      expect(res.body).toEqual({
        statusCode: 403,
        message: 'This action needs the editor role or higher (you are viewer)',
      });
    });

    it('reviewers read workflows but may not update them', async () => {
      const editor = await t.as('editor');
      const created = await editor
        .post('/api/workflows')
        .send({ name: 'Roles', graph })
        .expect(201);
      const reviewer = await t.as('reviewer');
      await reviewer.get(`/api/workflows/${created.body.id}`).expect(200);
      await reviewer
        .put(`/api/workflows/${created.body.id}`)
        .send({ name: 'Mine now' })
        .expect(403);
      await reviewer.delete(`/api/workflows/${created.body.id}`).expect(403);
    });

    it('editors may not manage users; admins may', async () => {
      const editor = await t.as('editor');
      await editor
        .post('/api/users')
        .send({ email: 'new@flowpress.test', password: 'password-123', role: 'admin' })
        .expect(403);
      await editor.get('/api/users').expect(403);

      const admin = await t.as('admin');
      const created = await admin
        .post('/api/users')
        .send({
          email: 'New.Person@Flowpress.test',
          password: 'password-123',
          role: 'reviewer',
          name: 'New Person',
        })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        email: 'new.person@flowpress.test',
        name: 'New Person',
        role: 'reviewer',
        createdAt: expect.any(String),
      } satisfies Record<keyof UserView, unknown>);
      const list = await admin.get('/api/users').expect(200);
      expect((list.body as UserView[]).map((u) => u.email)).toContain('new.person@flowpress.test');
      await t.request
        .post('/api/auth/login')
        .send({ email: 'new.person@flowpress.test', password: 'password-123' })
        .expect(200);
    });

    it('refuses a duplicate email with 409 and a bad user body with 400', async () => {
      const admin = await t.as('admin');
      const dup = await admin
        .post('/api/users')
        .send({ email: roleEmail('editor'), password: rolePassword('editor'), role: 'editor' });
      expect(dup.status).toBe(409);
      const bad = await admin
        .post('/api/users')
        .send({ email: 'x@example.com', password: 'short', role: 'owner' })
        .expect(400);
      expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
        'password',
        'role',
      ]);
    });
  });

  describe('API keys', () => {
    it('are shown once, work as bearer tokens with the creator role, and stop working when deleted', async () => {
      const editor = await t.as('editor');
      const created = await editor.post('/api/api-keys').send({ name: 'CI' }).expect(201);
      const key = created.body as ApiKeyView & { key: string };
      expect(key.key).toMatch(/^fp_[\w-]{43}$/);
      expect(key.key.startsWith(key.prefix)).toBe(true);

      const list = await editor.get('/api/api-keys').expect(200);
      expect(list.body).toEqual([
        expect.objectContaining({ id: key.id, name: 'CI', prefix: key.prefix }),
      ]);
      expect(list.body[0]).not.toHaveProperty('key');

      const byKey = t.withToken(key.key);
      const me = await byKey.get('/api/me').expect(200);
      expect(me.body).toMatchObject({ email: roleEmail('editor'), role: 'editor' });
      await byKey.post('/api/workflows').send({ name: 'By API key', graph }).expect(201);
      await byKey.get('/api/users').expect(403);

      const used = await editor.get('/api/api-keys').expect(200);
      expect(used.body[0].lastUsedAt).toEqual(expect.any(String));

      await editor.delete(`/api/api-keys/${key.id}`).expect(204);
      await byKey.get('/api/me').expect(401);
      await editor.delete(`/api/api-keys/${key.id}`).expect(404);
      expect((await editor.get('/api/api-keys').expect(200)).body).toEqual([]);
    });

    it("a viewer's key is a viewer; others cannot delete it, an admin can", async () => {
      const viewer = await t.as('viewer');
      const created = await viewer.post('/api/api-keys').send({ name: 'read-only' }).expect(201);
      await t
        .withToken(created.body.key)
        .post('/api/workflows')
        .send({ name: 'x', graph })
        .expect(403);
      const editor = await t.as('editor');
      await editor.delete(`/api/api-keys/${created.body.id}`).expect(404);
      const admin = await t.as('admin');
      await admin.delete(`/api/api-keys/${created.body.id}`).expect(204);
      await t.withToken(created.body.key).get('/api/me').expect(401);
    });

    it('refuses a nameless key and a malformed id', async () => {
      const editor = await t.as('editor');
      const res = await editor.post('/api/api-keys').send({ name: '  ' }).expect(400);
      expect(res.body.issues[0].path).toBe('name');
      await editor.delete('/api/api-keys/not-a-uuid').expect(404);
    });
  });
});
