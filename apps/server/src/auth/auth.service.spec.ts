import { HttpException } from '@nestjs/common';
import type { ApiKeysService } from '../api-keys/api-keys.service.js';
import { loadConfig } from '../config/config.js';
import { RateLimited } from '../http/api-error.js';
import type { UserEntity } from '../users/user.entity.js';
import type { UsersService } from '../users/users.service.js';
import { AuthService } from './auth.service.js';
import { hashPassword } from './password.js';
import { TokenService } from './token.service.js';

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
  } as unknown as UsersService;
  const apiKeys = {
    resolve: async (token: string) =>
      token === `fp_${'k'.repeat(43)}` ? { apiKeyId: 'key-1', userId: user.id } : null,
  } as unknown as ApiKeysService;
  const tokens = new TokenService(config);
  return { user, tokens, auth: new AuthService(config, users, apiKeys, tokens) };
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
      auth.verify(await tokens.sign('22222222-2222-4222-8222-222222222222')),
    ).resolves.toBeNull();
  });
});
