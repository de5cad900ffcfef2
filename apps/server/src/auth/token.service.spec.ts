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

  const later = () => new Date(Date.now() + 86_400_000);

  it('signs tokens it verifies back to the user and session', async () => {
    const token = await service.sign('user-1', 'session-1', later());
    expect(token.split('.')).toHaveLength(3);
    await expect(service.verify(token)).resolves.toEqual({
      userId: 'user-1',
      sessionId: 'session-1',
    });
  });

  it('never lets a token outlive its session; refresh may read an expired one', async () => {
    const soon = new Date(Date.now() - 5_000);
    const token = await service.sign('user-1', 'session-1', soon);
    await expect(service.verify(token)).resolves.toBeNull();
    await expect(service.verify(token, { allowExpired: true })).resolves.toEqual({
      userId: 'user-1',
      sessionId: 'session-1',
    });
  });

  it('refuses a token without a session (issued before sessions existed)', async () => {
    const key = new Uint8Array(deriveKey('one-secret-that-is-long', 'jwt'));
    const legacy = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('flowpress')
      .setSubject('u')
      .setExpirationTime('1h')
      .sign(key);
    await expect(service.verify(legacy)).resolves.toBeNull();
  });

  it('refuses tokens signed under another secret, tampered, or garbage', async () => {
    const other = new TokenService(config('another-secret-that-is-long'));
    await expect(service.verify(await other.sign('user-1', 's', later()))).resolves.toBeNull();
    const token = await service.sign('user-1', 's', later());
    // One character inside the signature changed. Not its last: that one carries only 4 of its 6
    // bits, so "…xx" for the last two decoded to the same signature once in ≈ 1,000 runs (a CI flake).
    const at = token.length - 10;
    const tampered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(tampered).not.toBe(token);
    await expect(service.verify(tampered)).resolves.toBeNull();
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

  it('uses the configured lifetimes: access token at most the session', () => {
    const s12 = new TokenService(config('one-secret-that-is-long', '12h'));
    expect(s12.sessionTtl).toBe(12 * 3600);
    expect(s12.ttl).toBe(3600);
    expect(new TokenService(config('one-secret-that-is-long', '10m')).ttl).toBe(600);
  });
});
