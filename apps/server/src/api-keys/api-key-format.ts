import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'fp_';

/** `fp_` + 32 random bytes in base64url: 256 bits, so a plain sha256 is a safe way to store it. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 8), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX) && /^fp_[A-Za-z0-9_-]{43}$/.test(token);
}
