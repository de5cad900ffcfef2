import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, type Repository } from 'typeorm';
import { SessionEntity } from './session.entity.js';

/** Login sessions: created at login, checked on every token, ended by logout. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {}

  async create(userId: string, ttlSeconds: number): Promise<SessionEntity> {
    return this.sessions.save(
      this.sessions.create({ userId, expiresAt: new Date(Date.now() + ttlSeconds * 1000) }),
    );
  }

  /** The session when it belongs to the user, is not revoked and has not expired; else null. */
  async live(sessionId: string, userId: string): Promise<SessionEntity | null> {
    return this.sessions.findOne({
      where: { id: sessionId, userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
    });
  }

  /** True when a live session was ended by this call. */
  async revoke(sessionId: string): Promise<boolean> {
    const result = await this.sessions.update(
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }
}
