import { HttpStatus, Injectable } from '@nestjs/common';
import type { LoginAnswer } from '@flowpress/shared';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { looksLikeApiKey } from '../api-keys/api-key-format.js';
import type { AppConfig } from '../config/config.js';
import { InjectConfig } from '../config/config.module.js';
import { ApiException, RateLimited } from '../http/api-error.js';
import { toUserView, type UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { AuthUser } from './auth-user.js';
import { LoginLimiter } from './login-limiter.js';
import { hashPassword, verifyPassword } from './password.js';
import { TokenService } from './token.service.js';

/**
 * Verified tokens are remembered briefly: an API call otherwise costs two lookups (key, user)
 * before any work. A revocation in this process clears the cache at once; one made by another
 * instance, or a changed role, takes effect within the TTL.
 */
const VERIFIED_TTL_MS = 5_000;
const VERIFIED_MAX = 2_000;

@Injectable()
export class AuthService {
  private readonly limiter: LoginLimiter;
  private readonly verified = new Map<string, { user: AuthUser; until: number; generation: number }>();
  /** Compared against when the email is unknown, so timing does not reveal which emails exist. */
  private readonly dummyHash = hashPassword('flowpress-dummy-password');

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly tokens: TokenService,
  ) {
    this.limiter = new LoginLimiter(
      config.loginRateLimit.maxFailures,
      config.loginRateLimit.windowMs,
    );
  }

  get tokenTtlSeconds(): number {
    return this.tokens.ttl;
  }

  /** 401 on a wrong email or password (same message for both), 429 after too many failures. */
  async login(email: string, password: string, clientIp: string): Promise<LoginAnswer> {
    const key = `${clientIp}|${email.trim().toLowerCase()}`;
    const wait = this.limiter.retryAfter(key);
    if (wait > 0) throw new RateLimited(wait, `Too many failed logins: try again in ${wait} s`);
    const user = await this.users.findByEmail(email);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !ok) {
      this.limiter.fail(key);
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'Wrong email or password');
    }
    this.limiter.succeed(key);
    return { token: await this.tokens.sign(user.id), user: toUserView(user) };
  }

  /**
   * Who a bearer token (login JWT or `fp_` API key) belongs to, or null when it is invalid,
   * expired, revoked or its user is gone. Used by the HTTP guard and the Socket.IO handshake.
   */
  async verify(token: string | null | undefined): Promise<AuthUser | null> {
    if (!token) return null;
    const hit = this.verified.get(token);
    if (hit && hit.until > Date.now() && hit.generation === this.apiKeys.generation) return hit.user;
    const generation = this.apiKeys.generation;
    const user = await this.verifyUncached(token);
    if (user) {
      if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
      this.verified.set(token, { user, until: Date.now() + VERIFIED_TTL_MS, generation });
    } else {
      this.verified.delete(token);
    }
    return user;
  }

  private async verifyUncached(token: string): Promise<AuthUser | null> {
    if (looksLikeApiKey(token)) {
      const owner = await this.apiKeys.resolve(token);
      if (!owner) return null;
      const user = await this.users.findById(owner.userId);
      return user ? toAuthUser(user, owner.apiKeyId) : null;
    }
    const userId = await this.tokens.verify(token);
    if (!userId) return null;
    const user = await this.users.findById(userId);
    return user ? toAuthUser(user, null) : null;
  }
}

function toAuthUser(user: UserEntity, apiKeyId: string | null): AuthUser {
  return { ...toUserView(user), apiKeyId };
}
