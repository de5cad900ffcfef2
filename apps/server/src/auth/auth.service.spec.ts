import { randomBytes, scryptSync } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import type { ApiKeysService } from '../api-keys/api-keys.service.js';
import { loadConfig } from '../config/config.js';
import { RateLimited } from '../http/api-error.js';
import type { UserEntity } from '../users/user.entity.js';
import type { UsersService } from '../users/users.service.js';
import { AuthService } from './auth.service.js';
import { hashPassword } from './password.js';
import { TokenService } from './token.service.js';
import type { SessionEntity } from './session.entity.js';
import type { SessionsService } from './sessions.service.js';

const config = loadConfig({
  FLOWPRESS_SECRET_KEY: 'unit-test-secret-key-123',
  FLOWPRESS_DATA_DIR: '/nonexistent-unused',
});

async function setup() {
  const user: UserEntity = {
    id: '11111111-1111-4111-8111-111111111111',
    email: 'ed@example.com',
    name: 'Ed',
    role: 'editor',
    passwordHash: await hashPassword('right-password'),
    createdAt: new Date('2026-01-01T00:00:00Z'),
  };
  const users = {
    findByEmail: async (email: string) => (email.trim().toLowerCase() === user.email ? user : null),
    findById: async (id: string) => (id === user.id ? user : null),
    rehashPassword: async (id: string, from: string, to: string) => {
      if (id === user.id && user.passwordHash === from) user.passwordHash = to;
    },
  } as unknown as UsersService;
  const apiKeys = {
    onRevoke: () => () => undefined,
    resolve: async (token: string) =>
      token === `fp_${'k'.repeat(43)}` ? { apiKeyId: 'key-1', userId: user.id } : null,
  } as unknown as ApiKeysService;
  const tokens = new TokenService(config);
  const live = new Map<string, SessionEntity>();
  let next = 0;
  const sessions = {
    create: async (userId: string, ttl: number) => {
      const s: SessionEntity = {
        id: `session-${++next}`,
        userId,
        createdAt: new Date(),
        expiresAt: new Date(Date.now() + ttl * 1000),
        revokedAt: null,
      };
      live.set(s.id, s);
      return s;
    },
    live: async (id: string, userId: string) => {
      const s = live.get(id);
      return s && s.userId === userId ? s : null;
    },
    revoke: async (id: string) => live.delete(id),
  } as unknown as SessionsService;
  return { user, tokens, auth: new AuthService(config, users, apiKeys, tokens, sessions) };
}

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    if (err instanceof HttpException) return err.getStatus();
    throw err;
  }
}

describe('AuthService', () => {
  it('logs in with the right password (email case-insensitive) and the token verifies', async () => {
    const { auth } = await setup();
    const answer = await auth.login('ED@Example.com', 'right-password', '10.0.0.1');
    expect(answer.user).toEqual({
      id: expect.any(String),
      email: 'ed@example.com',
      name: 'Ed',
      role: 'editor',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    await expect(auth.verify(answer.token)).resolves.toMatchObject({
      email: 'ed@example.com',
      role: 'editor',
      apiKeyId: null,
    });
  });

  it('rehashes a password stored with the earlier scrypt parameters at its next login', async () => {
    const { auth, user } = await setup();
    const salt = randomBytes(16);
    const key = scryptSync('right-password', salt, 64, { N: 16_384, r: 8, p: 1 });
    user.passwordHash = `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    await auth.login('ed@example.com', 'right-password', '10.0.0.9');
    expect(user.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const upgraded = user.passwordHash;
    // The new hash logs in, and is left alone from then on.
    await auth.login('ed@example.com', 'right-password', '10.0.0.9');
    expect(user.passwordHash).toBe(upgraded);
    expect(await status(auth.login('ed@example.com', 'wrong', '10.0.0.9'))).toBe(401);
  });

  it('answers 401 for a wrong password and for an unknown email alike', async () => {
    const { auth } = await setup();
    expect(await status(auth.login('ed@example.com', 'wrong', '10.0.0.1'))).toBe(401);
    expect(await status(auth.login('nobody@example.com', 'wrong', '10.0.0.1'))).toBe(401);
  });

  it('locks an address+email after 10 failures, even for the right password; other addresses still log in', async () => {
    const { auth } = await setup();
    for (let i = 0; i < 10; i++)
      expect(await status(auth.login('ed@example.com', 'wrong', '10.0.0.2'))).toBe(401);
    const locked = auth.login('ed@example.com', 'right-password', '10.0.0.2');
    await expect(locked).rejects.toBeInstanceOf(RateLimited);
    expect(await status(auth.login('ed@example.com', 'right-password', '10.0.0.3'))).toBe(200);
  });

  it('logout ends the session: its token no longer verifies and cannot be refreshed', async () => {
    const { auth } = await setup();
    const { token } = await auth.login('ed@example.com', 'right-password', '10.0.0.4');
    const refreshed = await auth.refresh(token);
    await expect(auth.verify(refreshed.token)).resolves.toMatchObject({ role: 'editor' });
    await auth.logout(token);
    await expect(auth.verify(token)).resolves.toBeNull();
    await expect(auth.verify(refreshed.token)).resolves.toBeNull();
    expect(await status(auth.refresh(refreshed.token))).toBe(401);
  });

  it('refuses an address that fails against many accounts (spraying), not one that mistypes its own', async () => {
    const { auth } = await setup();
    for (let i = 0; i < 9; i++)
      expect(await status(auth.login('ed@example.com', 'wrong', '10.0.0.5'))).toBe(401);
    expect(await status(auth.login('ed@example.com', 'right-password', '10.0.0.5'))).toBe(200);
    for (let i = 0; i < 10; i++)
      expect(await status(auth.login(`user${i}@example.com`, 'wrong', '10.0.0.6'))).toBe(401);
    expect(await status(auth.login('ed@example.com', 'right-password', '10.0.0.6'))).toBe(429);
    expect(await status(auth.login('ed@example.com', 'right-password', '10.0.0.7'))).toBe(200);
  });

  it('verifies API keys as their owner, and refuses unknown tokens', async () => {
    const { auth, tokens } = await setup();
    await expect(auth.verify(`fp_${'k'.repeat(43)}`)).resolves.toMatchObject({
      role: 'editor',
      apiKeyId: 'key-1',
    });
    await expect(auth.verify(`fp_${'z'.repeat(43)}`)).resolves.toBeNull();
    await expect(auth.verify('nonsense')).resolves.toBeNull();
    await expect(auth.verify(null)).resolves.toBeNull();
    // A valid token for a user that no longer exists.
    await expect(
      auth.verify(
        await tokens.sign(
          '22222222-2222-4222-8222-222222222222',
          'session-x',
          new Date(Date.now() + 60_000),
        ),
      ),
    ).resolves.toBeNull();
  });
});
