import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { LoginAnswer } from '@flowpress/shared';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { looksLikeApiKey } from '../api-keys/api-key-format.js';
import type { AppConfig } from '../config/config.js';
import { InjectConfig } from '../config/config.module.js';
import { ApiException, RateLimited } from '../http/api-error.js';
import { toUserView, type UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { AuthUser } from './auth-user.js';
import { HashLimiter } from './hash-limiter.js';
import { LoginThrottle } from './login-limiter.js';
import { hashPassword, needsRehash, unmatchableHash, verifyPassword } from './password.js';
import { SessionsService } from './sessions.service.js';
import { TokenService } from './token.service.js';

/**
 * Verified tokens are remembered briefly: an API call otherwise costs lookups (key or session,
 * user) before any work. A revocation in this process (API key, logout) clears the cache at
 * once; one made by another instance, or a changed role, takes effect within the TTL.
 */
const VERIFIED_TTL_MS = 5_000;
const VERIFIED_MAX = 2_000;

@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;
  private readonly hashing: HashLimiter;
  private readonly verified = new Map<
    string,
    { user: AuthUser; until: number; generation: string }
  >();
  /** Bumped by every logout in this process (with the API keys' generation: the cache key). */
  private sessionGeneration = 0;
  private readonly accessListeners = new Set<() => void>();
  /** Compared against when the email is unknown, so timing does not reveal which emails exist. */
  private readonly dummyHash = unmatchableHash();
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
  ) {
    this.throttle = new LoginThrottle(config.loginRateLimit);
    this.hashing = new HashLimiter(
      config.loginRateLimit.hashConcurrency,
      config.loginRateLimit.hashQueue,
    );
    // An API key revoked in this process ends what it opened (sockets) right away.
    this.apiKeys.onRevoke(() => this.accessChanged());
  }

  /** Lifetime of one login token, in seconds. */
  get tokenTtlSeconds(): number {
    return this.tokens.ttl;
  }

  /** Lifetime of a login session (the cookie), in seconds. */
  get sessionTtlSeconds(): number {
    return this.tokens.sessionTtl;
  }

  /**
   * 401 on a wrong email or password (same message for both), 429 after too many failures (per
   * address+account, per account, or many accounts from one address), 503 when too many
   * passwords are being checked at once.
   */
  async login(email: string, password: string, clientIp: string): Promise<LoginAnswer> {
    const account = email.trim().toLowerCase();
    const wait = this.throttle.retryAfter(clientIp, account);
    if (wait > 0) throw new RateLimited(wait, `Too many failed logins: try again in ${wait} s`);
    const user = await this.users.findByEmail(email);
    const hash = user?.passwordHash ?? this.dummyHash;
    const ok = await this.hashing.run(() => verifyPassword(password, hash));
    if (!user || !ok) {
      this.throttle.fail(clientIp, account);
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'Wrong email or password');
    }
    this.throttle.succeed(clientIp, account);
    if (needsRehash(hash)) await this.rehash(user.id, hash, password);
    const session = await this.sessions.create(user.id, this.tokens.sessionTtl);
    const token = await this.tokens.sign(user.id, session.id, session.expiresAt);
    return { token, user: toUserView(user) };
  }

  /**
   * Stores the password hashed with today's parameters (password.ts says why they changed). A
   * failure leaves the old hash, which still verifies: the login goes on, and the next one retries.
   */
  private async rehash(userId: string, from: string, password: string): Promise<void> {
    try {
      const hash = await this.hashing.run(() => hashPassword(password));
      await this.users.rehashPassword(userId, from, hash);
    } catch (err) {
      this.logger.warn(`Could not rehash the password of user ${userId}: ${String(err)}`);
    }
  }

  /**
   * A new token for the same session, from a login token that may have expired: 401 when the
   * session was ended (logout), ran out, or its user is gone.
   */
  async refresh(token: string | null): Promise<LoginAnswer> {
    const claims = token ? await this.tokens.verify(token, { allowExpired: true }) : null;
    const session = claims ? await this.sessions.live(claims.sessionId, claims.userId) : null;
    const user = session ? await this.users.findById(session.userId) : null;
    if (!session || !user)
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'Your session has ended: log in again');
    return {
      token: await this.tokens.sign(user.id, session.id, session.expiresAt),
      user: toUserView(user),
    };
  }

  /** Ends the login session behind a token (a no-op for API keys and invalid tokens). */
  async logout(token: string | null): Promise<void> {
    if (!token || looksLikeApiKey(token)) return;
    const claims = await this.tokens.verify(token, { allowExpired: true });
    if (!claims) return;
    if (await this.sessions.revoke(claims.sessionId)) {
      this.sessionGeneration++;
      this.accessChanged();
    }
  }

  /** Called after anything in this process that may end someone's access (revocations). */
  onAccessChanged(listener: () => void): () => void {
    this.accessListeners.add(listener);
    return () => this.accessListeners.delete(listener);
  }

  /**
   * Who a bearer token (login JWT or `fp_` API key) belongs to, or null when it is invalid,
   * expired, revoked, its session ended or its user is gone. Used by the HTTP guard and sockets.
   */
  async verify(token: string | null | undefined): Promise<AuthUser | null> {
    if (!token) return null;
    const generation = `${this.apiKeys.generation}:${this.sessionGeneration}`;
    const hit = this.verified.get(token);
    if (hit && hit.until > Date.now() && hit.generation === generation) return hit.user;
    const user = await this.verifyUncached(token);
    if (user) {
      if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
      this.verified.set(token, { user, until: Date.now() + VERIFIED_TTL_MS, generation });
    } else {
      this.verified.delete(token);
    }
    return user;
  }

  /**
   * For open sockets: like `verify`, but a login token past its (short) expiry still counts while
   * its session lives — the client refreshes its token, the socket need not drop every hour.
   * Null once the key is revoked, the session ended or ran out, or the user is gone.
   */
  async verifyAccess(token: string | null | undefined): Promise<AuthUser | null> {
    const user = await this.verify(token);
    if (user || !token || looksLikeApiKey(token)) return user;
    const claims = await this.tokens.verify(token, { allowExpired: true });
    if (!claims || !(await this.sessions.live(claims.sessionId, claims.userId))) return null;
    const found = await this.users.findById(claims.userId);
    return found ? toAuthUser(found, null) : null;
  }

  private async verifyUncached(token: string): Promise<AuthUser | null> {
    if (looksLikeApiKey(token)) {
      const owner = await this.apiKeys.resolve(token);
      if (!owner) return null;
      const user = await this.users.findById(owner.userId);
      return user ? toAuthUser(user, owner.apiKeyId) : null;
    }
    const claims = await this.tokens.verify(token);
    if (!claims) return null;
    if (!(await this.sessions.live(claims.sessionId, claims.userId))) return null;
    const user = await this.users.findById(claims.userId);
    return user ? toAuthUser(user, null) : null;
  }

  private accessChanged(): void {
    for (const listener of this.accessListeners) listener();
  }
}

function toAuthUser(user: UserEntity, apiKeyId: string | null): AuthUser {
  return { ...toUserView(user), apiKeyId };
}
