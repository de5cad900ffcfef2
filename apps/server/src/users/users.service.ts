import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { CreateUserBody, UserView } from '@flowpress/shared';
import { ApiException } from '../http/api-error.js';
import { hashPassword } from '../auth/password.js';
import { toUserView, UserEntity } from './user.entity.js';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** Creates a user; 409 when the email is taken. */
  async create(body: CreateUserBody, manager?: EntityManager): Promise<UserView> {
    const repo = manager ? manager.getRepository(UserEntity) : this.users;
    const email = body.email.trim().toLowerCase();
    if (await repo.exists({ where: { email } })) {
      throw new ApiException(HttpStatus.CONFLICT, `A user with email ${email} already exists`);
    }
    const user = repo.create({
      email,
      name: body.name?.trim() || null,
      role: body.role,
      passwordHash: await hashPassword(body.password),
    });
    return toUserView(await repo.save(user));
  }

  async list(): Promise<UserView[]> {
    const users = await this.users.find({ order: { createdAt: 'ASC' } });
    return users.map(toUserView);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id } });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { email: email.trim().toLowerCase() } });
  }

  /**
   * Replaces a user's password hash with a rehash of the same password, only while the one it
   * was made from is still stored: a password change in between is never undone.
   */
  async rehashPassword(id: string, from: string, to: string): Promise<void> {
    await this.users.update({ id, passwordHash: from }, { passwordHash: to });
  }

  count(manager?: EntityManager): Promise<number> {
    return (manager ? manager.getRepository(UserEntity) : this.users).count();
  }
}
