import { randomBytes, scryptSync } from 'node:crypto';
import {
  derivations,
  generatePassword,
  hashPassword,
  needsRehash,
  unmatchableHash,
  verifyPassword,
} from './password.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    await expect(verifyPassword('correct horse battery staple', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapl', hash)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
  });

  it('refuses malformed or hostile hash strings without throwing', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$1$2$3',
      'bcrypt$1$2$3$4$5',
      'scrypt$99999999$8$1$AA$AA',
      'scrypt$16384$8$1$$',
      'scrypt$3$8$1$AA$AA',
    ]) {
      await expect(verifyPassword('x', stored)).resolves.toBe(false);
    }
  });

  it('makes an unmatchable hash in the stored format: a full check that never succeeds', async () => {
    const dummy = unmatchableHash();
    const real = await hashPassword('flowpress-dummy-password');
    // Same parameters and lengths as a real hash, so checking against it costs the same.
    const shape = (h: string) => h.split('$').map((part, i) => (i >= 4 ? part.length : part));
    expect(shape(dummy)).toEqual(shape(real));
    expect(unmatchableHash()).not.toBe(dummy);
    for (const guess of ['', 'flowpress-dummy-password', 'password'])
      await expect(verifyPassword(guess, dummy)).resolves.toBe(false);
  });

  it('still verifies a hash made with the earlier parameters, and asks for a rehash of it', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('old password', salt, 64, { N: 16_384, r: 8, p: 1 });
    const old = `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    await expect(verifyPassword('old password', old)).resolves.toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('new password'))).toBe(false);
    expect(needsRehash(unmatchableHash())).toBe(false);
  });

  it('checks an older, cheaper hash as many times as makes the work of a check with today’s', () => {
    // Work is proportional to N·r·p: two 2^14 derivations are one 2^15 derivation, so a wrong
    // password for an account not rehashed yet takes as long as one for an unknown email.
    const today = { N: 32_768, r: 8, p: 1 };
    expect(derivations(today)).toBe(1);
    expect(derivations({ N: 16_384, r: 8, p: 1 })).toBe(2);
    expect(derivations({ N: 16_384, r: 8, p: 1 }) * 16_384).toBe(today.N);
    expect(derivations({ N: 65_536, r: 8, p: 1 })).toBe(1);
    expect(derivations({ N: 2, r: 1, p: 1 })).toBe(8);
  });

  it('generates long random passwords', () => {
    const a = generatePassword();
    expect(a).toHaveLength(24);
    expect(a).not.toBe(generatePassword());
  });
});
