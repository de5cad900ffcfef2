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

  /** Replaces a user's stored password hash (a rehash with today's parameters). */
  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }

  count(manager?: EntityManager): Promise<number> {
    return (manager ? manager.getRepository(UserEntity) : this.users).count();
  }
}
