import { CredentialCipher, CredentialKeyMissing, credentialAad } from './credential-cipher.js';

const OLD = 'old-secret-key-0123456789';
const NEW = 'new-secret-key-9876543210';
const aad = credentialAad('6e29d5bc-5950-48e6-8750-7071777e31b7', 'webhook');

describe('CredentialCipher', () => {
  it('seals with a random IV and opens what it sealed', () => {
    const cipher = new CredentialCipher(NEW);
    const a = cipher.seal({ secret: 'hunter2-hunter2-hunter2' }, aad);
    const b = cipher.seal({ secret: 'hunter2-hunter2-hunter2' }, aad);
    expect(a.iv).toHaveLength(12);
    expect(a.authTag).toHaveLength(16);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.toString('utf8')).not.toContain('hunter2');
    expect(a.keyVersion).toMatch(/^v1:[0-9a-f]{16}$/);
    expect(cipher.open(a, aad)).toEqual({ secret: 'hunter2-hunter2-hunter2' });
  });

  it('refuses altered data and ciphertexts moved to another row', () => {
    const cipher = new CredentialCipher(NEW);
    const sealed = cipher.seal({ apiKey: 'sk-1' }, aad);
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => cipher.open({ ...sealed, ciphertext: flipped }, aad)).toThrow(/altered/);
    expect(() =>
      cipher.open(sealed, credentialAad('00000000-0000-4000-8000-000000000000', 'webhook')),
    ).toThrow(/altered/);
  });

  it('opens rows sealed under a previous key and names a key it does not have', () => {
    const before = new CredentialCipher(OLD);
    const sealed = before.seal({ secret: 'x'.repeat(20) }, aad);
    const rotated = new CredentialCipher(NEW, [OLD]);
    expect(rotated.currentVersion).not.toBe(sealed.keyVersion);
    expect(rotated.open(sealed, aad)).toEqual({ secret: 'x'.repeat(20) });
    expect(rotated.seal({ a: 1 }, aad).keyVersion).toBe(rotated.currentVersion);
    const forgotten = new CredentialCipher(NEW);
    expect(() => forgotten.open(sealed, aad)).toThrow(CredentialKeyMissing);
    expect(() => forgotten.open(sealed, aad)).toThrow(/FLOWPRESS_SECRET_KEY_PREVIOUS/);
  });
});
