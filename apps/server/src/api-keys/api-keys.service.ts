import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { ApiKeyView } from '@flowpress/shared';
import { ApiException } from '../http/api-error.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-format.js';

/** How stale `last_used_at` may get before a request writes it again (keeps the hot path read-only). */
const LAST_USED_RESOLUTION_MS = 60_000;

function toView(key: ApiKeyEntity): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt ? key.lastUsedAt.toISOString() : null,
  };
}

@Injectable()
export class ApiKeysService {
  /** Bumped by every revocation, so caches of verified tokens in this process drop at once. */
  generation = 0;
  private readonly revokeListeners = new Set<() => void>();

  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  /** The answer carries `key`: the only time it is ever shown. */
  async create(userId: string, name: string): Promise<ApiKeyView & { key: string }> {
    const generated = generateApiKey();
    const row = await this.keys.save(
      this.keys.create({
        userId,
        name: name.trim(),
        prefix: generated.prefix,
        keyHash: generated.hash,
      }),
    );
    return { ...toView(row), key: generated.key };
  }

  async list(userId: string): Promise<ApiKeyView[]> {
    const rows = await this.keys.find({
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    return rows.map(toView);
  }

  /** Revokes one of the caller's keys (admins: anyone's). 404 when there is no such live key. */
  async revoke(caller: AuthUser, id: string): Promise<void> {
    const key = await this.keys.findOne({ where: { id, revokedAt: IsNull() } });
    if (!key || (key.userId !== caller.id && caller.role !== 'admin')) {
      throw new ApiException(HttpStatus.NOT_FOUND, 'API key not found');
    }
    await this.keys.update({ id }, { revokedAt: new Date() });
    this.generation++;
    for (const listener of this.revokeListeners) listener();
  }

  /** Called after every revocation (open sockets re-check their key at once). */
  onRevoke(listener: () => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  /** The owner of a live key, or null. */
  async resolve(token: string): Promise<{ apiKeyId: string; userId: string } | null> {
    if (!looksLikeApiKey(token)) return null;
    const key = await this.keys.findOne({
      where: { keyHash: hashApiKey(token), revokedAt: IsNull() },
    });
    if (!key) return null;
    const now = Date.now();
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.keys.update({ id: key.id }, { lastUsedAt: new Date(now) });
    }
    return { apiKeyId: key.id, userId: key.userId };
  }
}
