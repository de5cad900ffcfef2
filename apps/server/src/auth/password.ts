import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords: scrypt with a random salt; the parameters travel inside the stored string
 * (`scrypt$N$r$p$salt$hash`, base64url) so they can be raised later without breaking old hashes.
 *
 * N = 2^15, r = 8: 32 MiB and ≈ 90 ms a hash. At 2^14 (until 2026-12-02) the 16 MiB block sat
 * under glibc's largest mmap threshold: once one was freed, later ones came from the arena of the
 * libuv thread that hashed and stayed resident there, 16 MiB per thread (idle 94 → 112 → 132 MiB
 * after 1, 2, 3 logins; BENCHMARKS.md). A block over 32 MiB is always mapped and given back.
 * Stronger too: OWASP asks for 2^17. Older hashes are upgraded at their next login (`needsRehash`).
 */
const PARAMS = { N: 32_768, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;

function derive(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      keyLength,
      { ...options, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

const encode = (salt: Buffer, key: Buffer) =>
  [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return encode(salt, await derive(password, salt, KEY_LENGTH, PARAMS));
}

/**
 * A stored string in today's format that no password matches: a random key, not one derived.
 * Checking a password against it costs what checking a real one costs (for an unknown email,
 * so timing does not tell which emails exist), and making it costs no scrypt: hashing a dummy
 * password at start-up took ≈ 45 ms and left the 16 MiB scrypt buffer's mark on the allocator
 * (≈ 5 MiB more idle memory, BENCHMARKS.md).
 */
export function unmatchableHash(): string {
  return encode(randomBytes(16), randomBytes(KEY_LENGTH));
}

/** A stored hash made with other parameters than today's: rehash at the next successful login. */
export function needsRehash(hash: string): boolean {
  const [scheme, N, r, p] = hash.split('$');
  return (
    scheme !== 'scrypt' ||
    Number(N) !== PARAMS.N ||
    Number(r) !== PARAMS.r ||
    Number(p) !== PARAMS.p
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  if (N < 2 || N > 1 << 20 || (N & (N - 1)) !== 0 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (!salt.length || !expected.length) return false;
  try {
    const actual = await derive(password, salt, expected.length, { N, r, p });
    // A hash made with weaker parameters is checked as many times as makes the work of one
    // check with today's: a wrong password for an account not yet rehashed must take as long as
    // one for an unknown email (compared against `unmatchableHash()`, today's parameters).
    for (let extra = derivations({ N, r, p }) - 1; extra > 0; extra--)
      await derive(password, salt, expected.length, { N, r, p });
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/**
 * How many scrypt derivations a check against a hash with these parameters makes: the work of
 * one derivation is proportional to N·r·p, so a 2^14 hash takes 2 to match one 2^15 check.
 * At most 8: every hash this server wrote is 2^14 or today's.
 */
export function derivations({ N, r, p }: { N: number; r: number; p: number }): number {
  const today = PARAMS.N * PARAMS.r * PARAMS.p;
  return Math.min(8, Math.max(1, Math.round(today / (N * r * p))));
}

/** A password for a generated account: 24 characters of base64url (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
