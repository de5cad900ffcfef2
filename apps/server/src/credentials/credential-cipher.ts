import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { deriveKey } from '../config/secrets.js';

/** What is stored for one credential's data. */
export interface Sealed {
  /** Which key sealed it: a fingerprint of the derived key (never the key). */
  keyVersion: string;
  iv: Buffer;
  authTag: Buffer;
  ciphertext: Buffer;
}

interface Key {
  version: string;
  key: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class CredentialKeyMissing extends Error {
  constructor(readonly keyVersion: string) {
    super(
      `this credential was encrypted with a key that is not configured (key ${keyVersion}); ` +
        'set FLOWPRESS_SECRET_KEY_PREVIOUS to the old FLOWPRESS_SECRET_KEY, or save the credential again',
    );
    this.name = 'CredentialKeyMissing';
  }
}

function keyFrom(secret: string): Key {
  const key = deriveKey(secret, 'credentials');
  const fingerprint = createHash('sha256')
    .update(deriveKey(secret, 'credentials-key-id'))
    .digest('hex')
    .slice(0, 16);
  return { version: `v1:${fingerprint}`, key };
}

/**
 * AES-256-GCM under a key derived (HKDF) from FLOWPRESS_SECRET_KEY. Each row records which key
 * sealed it, so FLOWPRESS_SECRET_KEY can rotate: older keys (FLOWPRESS_SECRET_KEY_PREVIOUS) still
 * open what they sealed, and everything is sealed again under the current key when saved or
 * rotated. The associated data binds a ciphertext to its row (id and type): copying it onto
 * another row makes it undecryptable.
 */
export class CredentialCipher {
  private readonly current: Key;
  private readonly byVersion = new Map<string, Key>();

  constructor(currentSecret: string, previousSecrets: readonly string[] = []) {
    this.current = keyFrom(currentSecret);
    for (const secret of [currentSecret, ...previousSecrets]) {
      const key = keyFrom(secret);
      if (!this.byVersion.has(key.version)) this.byVersion.set(key.version, key);
    }
  }

  get currentVersion(): string {
    return this.current.version;
  }

  seal(data: Record<string, unknown>, aad: string): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
    return { keyVersion: this.current.version, iv, authTag: cipher.getAuthTag(), ciphertext };
  }

  open(sealed: Sealed, aad: string): Record<string, unknown> {
    const key = this.byVersion.get(sealed.keyVersion);
    if (!key) throw new CredentialKeyMissing(sealed.keyVersion);
    const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.authTag);
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    } catch {
      throw new Error(
        'the credential could not be decrypted: its data was altered or belongs to another row',
      );
    }
    return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
  }
}

/** The associated data of a credential row. */
export function credentialAad(id: string, type: string): string {
  return `flowpress-credential:${id}:${type}`;
}
