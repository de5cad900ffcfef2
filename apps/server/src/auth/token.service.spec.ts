import { SignJWT } from 'jose';
import { loadConfig } from '../config/config.js';
import { deriveKey } from '../config/secrets.js';
import { TokenService } from './token.service.js';

const config = (secret: string, ttl = '1h') =>
  loadConfig({
    FLOWPRESS_SECRET_KEY: secret,
    FLOWPRESS_JWT_TTL: ttl,
    FLOWPRESS_DATA_DIR: '/nonexistent-unused',
  });

describe('TokenService', () => {
  const service = new TokenService(config('one-secret-that-is-long'));

  it('signs tokens it verifies back to the user id', async () => {
    const token = await service.sign('user-1');
    expect(token.split('.')).toHaveLength(3);
    await expect(service.verify(token)).resolves.toBe('user-1');
  });

  it('refuses tokens signed under another secret, tampered, or garbage', async () => {
    const other = new TokenService(config('another-secret-that-is-long'));
    await expect(service.verify(await other.sign('user-1'))).resolves.toBeNull();
    const token = await service.sign('user-1');
    await expect(service.verify(`${token.slice(0, -2)}xx`)).resolves.toBeNull();
    await expect(service.verify('garbage')).resolves.toBeNull();
    await expect(service.verify('')).resolves.toBeNull();
  });

  it('refuses expired tokens and tokens with another algorithm', async () => {
    const key = new Uint8Array(deriveKey('one-secret-that-is-long', 'jwt'));
    const past = Math.floor(Date.now() / 1000) - 10;
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('flowpress')
      .setSubject('u')
      .setExpirationTime(past)
      .sign(key);
    await expect(service.verify(expired)).resolves.toBeNull();
    const hs512 = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setIssuer('flowpress')
      .setSubject('u')
      .setExpirationTime('1h')
      .sign(key);
    await expect(service.verify(hs512)).resolves.toBeNull();
    const alien = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('someone-else')
      .setSubject('u')
      .setExpirationTime('1h')
      .sign(key);
    await expect(service.verify(alien)).resolves.toBeNull();
  });

  it('uses the configured lifetime', () => {
    expect(new TokenService(config('one-secret-that-is-long', '12h')).ttl).toBe(12 * 3600);
  });
});
