import { hkdfSync } from 'node:crypto';

/**
 * Derives an independent key for one purpose (`jwt`, `credentials`, …) from FLOWPRESS_SECRET_KEY,
 * so no two features ever share key material.
 */
export function deriveKey(secretKey: string, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, 'flowpress', purpose, length));
}
