import { generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-format.js';

describe('API key format', () => {
  it('makes fp_ keys with a visible prefix and a sha256 hash', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^fp_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix).toHaveLength(11);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).toBe(hash);
    expect(looksLikeApiKey(key)).toBe(true);
  });

  it('never repeats and tells keys from JWTs', () => {
    expect(generateApiKey().key).not.toBe(generateApiKey().key);
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
    expect(looksLikeApiKey('fp_short')).toBe(false);
  });
});
