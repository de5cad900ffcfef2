/**
 * Ghost Admin API tokens: a JWT (HS256) signed with the hex-decoded secret of an Admin API key
 * `id:secret`, header `kid` = id, payload `aud: "/admin/"`, valid for 5 minutes.
 */
import { createHmac } from 'node:crypto';
import { NodeError } from '../contract.js';

export interface GhostAdminKey {
  id: string;
  secret: Buffer;
}

export function parseGhostAdminKey(key: string): GhostAdminKey {
  const [id, secret, ...rest] = key.trim().split(':');
  if (
    !id ||
    !secret ||
    rest.length > 0 ||
    !/^[0-9a-fA-F]+$/.test(secret) ||
    secret.length % 2 !== 0
  ) {
    throw new NodeError(
      'the Ghost Admin API key must look like "<id>:<hex secret>" (Ghost → Settings → Integrations → Admin API key)',
      { code: 'bad_credential' },
    );
  }
  return { id, secret: Buffer.from(secret, 'hex') };
}

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/** A fresh Admin API token (make one per request: they expire after 5 minutes). */
export function ghostAdminToken(key: string, nowMs: number = Date.now()): string {
  const { id, secret } = parseGhostAdminKey(key);
  const iat = Math.floor(nowMs / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: id }));
  const payload = base64url(JSON.stringify({ iat, exp: iat + 5 * 60, aud: '/admin/' }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
