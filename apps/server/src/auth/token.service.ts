import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import type { AppConfig } from '../config/config.js';
import { InjectConfig } from '../config/config.module.js';
import { deriveKey } from '../config/secrets.js';

const ISSUER = 'flowpress';

export interface TokenClaims {
  userId: string;
  /** The login session (sessions table); a token without one is refused. */
  sessionId: string;
}

/**
 * Login tokens: short-lived HS256 JWTs (FLOWPRESS_ACCESS_TOKEN_TTL) under a key derived from
 * FLOWPRESS_SECRET_KEY, each naming its session (`sid`), which lasts FLOWPRESS_JWT_TTL.
 */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  private readonly accessTtlSeconds: number;
  private readonly sessionTtlSeconds: number;

  constructor(@InjectConfig() config: AppConfig) {
    this.key = new Uint8Array(deriveKey(config.secretKey, 'jwt'));
    this.accessTtlSeconds = config.accessTokenTtlSeconds;
    this.sessionTtlSeconds = config.jwtTtlSeconds;
  }

  /** Lifetime of one token, in seconds. */
  get ttl(): number {
    return this.accessTtlSeconds;
  }

  /** Lifetime of a login session, in seconds (tokens are refreshed within it). */
  get sessionTtl(): number {
    return this.sessionTtlSeconds;
  }

  /** A token for the session, never outliving it. */
  sign(userId: string, sessionId: string, sessionExpiresAt: Date): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const exp = Math.min(
      now + this.accessTtlSeconds,
      Math.floor(sessionExpiresAt.getTime() / 1000),
    );
    return new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setSubject(userId)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(this.key);
  }

  /**
   * The claims of a valid, unexpired token; null for anything else. `allowExpired`: for the
   * refresh endpoint, which accepts a token past its expiry as long as its session still lives
   * (the caller checks that).
   */
  async verify(
    token: string,
    options: { allowExpired?: boolean } = {},
  ): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        ...(options.allowExpired ? { clockTolerance: this.sessionTtlSeconds } : {}),
      });
      const sid = (payload as { sid?: unknown }).sid;
      if (typeof payload.sub !== 'string' || typeof sid !== 'string') return null;
      return { userId: payload.sub, sessionId: sid };
    } catch {
      return null;
    }
  }
}
