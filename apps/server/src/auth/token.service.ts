import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import type { AppConfig } from '../config/config.js';
import { InjectConfig } from '../config/config.module.js';
import { deriveKey } from '../config/secrets.js';

const ISSUER = 'flowpress';

/** Login tokens: HS256 JWTs under a key derived from FLOWPRESS_SECRET_KEY. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  private readonly ttlSeconds: number;

  constructor(@InjectConfig() config: AppConfig) {
    this.key = new Uint8Array(deriveKey(config.secretKey, 'jwt'));
    this.ttlSeconds = config.jwtTtlSeconds;
  }

  get ttl(): number {
    return this.ttlSeconds;
  }

  sign(userId: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setSubject(userId)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(this.key);
  }

  /** The user id inside a valid, unexpired token; null for anything else. */
  async verify(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
      });
      return typeof payload.sub === 'string' ? payload.sub : null;
    } catch {
      return null;
    }
  }
}
