import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { Issue, WorkflowGraph } from '@flowpress/shared';
import { NodeError, type StoredCredential } from '@flowpress/nodes';
import { credentialSiteProblem } from '@flowpress/nodes/runtime';
import type { AuthUser } from '../auth/auth-user.js';
import type { AppConfig } from '../config/config.js';
import { InjectConfig } from '../config/config.module.js';
import { ApiException, ValidationFailed, zodIssues } from '../http/index.js';
import { CredentialCipher, credentialAad, type Sealed } from './credential-cipher.js';
import {
  credentialDataSchemas,
  isCredentialType,
  type CreateCredentialBody,
  type CredentialDetailView,
  type CredentialType,
  type CredentialView,
  type UpdateCredentialBody,
} from './credential-types.js';
import { credentialUsage, type WorkflowRef } from './credential-usage.js';
import {
  bindingFailed,
  credentialBindingIssues,
  hostChangeForbidden,
} from './credential-binding.js';

interface CredentialRow {
  id: string;
  type: string;
  name: string;
  key_version: string;
  iv: Buffer;
  auth_tag: Buffer;
  ciphertext: Buffer;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, type, name, key_version, iv, auth_tag, ciphertext, created_by, created_at, updated_at`;

const notFound = () => new ApiException(HttpStatus.NOT_FOUND, 'Credential not found');

function sealedOf(row: CredentialRow): Sealed {
  return {
    keyVersion: row.key_version,
    iv: row.iv,
    authTag: row.auth_tag,
    ciphertext: row.ciphertext,
  };
}

function toView(row: CredentialRow, usedBy: number): CredentialView {
  return {
    id: row.id,
    type: row.type as CredentialType,
    name: row.name,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    usedBy,
  };
}

/**
 * The credentials vault: typed secrets sealed with AES-256-GCM (see credential-cipher.ts). The
 * API never answers nor logs `data`; only `read()` (for nodes, in the worker) opens it.
 */
@Injectable()
export class CredentialsService {
  private readonly logger = new Logger('Credentials');
  private readonly cipher: CredentialCipher;
  private readonly allowPrivateNetwork: boolean;

  constructor(
    private readonly db: DataSource,
    @InjectConfig() config: AppConfig,
  ) {
    this.cipher = new CredentialCipher(config.secretKey, config.previousSecretKeys);
    this.allowPrivateNetwork = config.allowPrivateNetwork;
  }

  async create(body: CreateCredentialBody, userId: string | null): Promise<CredentialDetailView> {
    this.assertSite(body.data);
    const id = randomUUID();
    const sealed = this.cipher.seal(body.data, credentialAad(id, body.type));
    const rows = await this.db.query<CredentialRow[]>(
      `INSERT INTO credentials (id, type, name, key_version, iv, auth_tag, ciphertext, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        id,
        body.type,
        body.name,
        sealed.keyVersion,
        sealed.iv,
        sealed.authTag,
        sealed.ciphertext,
        userId,
      ],
    );
    this.logger.log(`credential ${id} (${body.type}) created`);
    return { ...toView(rows[0]!, 0), workflows: [] };
  }

  async list(): Promise<CredentialView[]> {
    const rows = await this.db.query<CredentialRow[]>(
      `SELECT ${COLUMNS} FROM credentials ORDER BY created_at DESC`,
    );
    const usage = await credentialUsage(this.db);
    return rows.map((row) => toView(row, usage.get(row.id)?.length ?? 0));
  }

  async get(id: string): Promise<CredentialDetailView> {
    const row = await this.row(id);
    const workflows = (await credentialUsage(this.db, id)).get(id) ?? [];
    return { ...toView(row, workflows.length), workflows };
  }

  /**
   * New name and/or data. `data` is merged over the stored data (a key set to null is removed),
   * so a form can change a base URL without sending the secret again; the result is checked
   * against the type and sealed again under the current key. The site (`baseUrl`) is what the
   * secret is bound to: only an admin or the credential's creator may move it (403 otherwise).
   * Stored data that can no longer be opened (its key is gone) is never half-replaced: 409 unless
   * `data` is complete on its own.
   */
  async update(
    id: string,
    body: UpdateCredentialBody,
    user: Pick<AuthUser, 'id' | 'role'>,
  ): Promise<CredentialDetailView> {
    const row = await this.row(id);
    let sealed: Sealed | null = null;
    if (body.data !== undefined) {
      const stored = this.tryOpen(row);
      const merged = { ...stored, ...body.data };
      for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
      const parsed = this.schemaOf(row.type).safeParse(merged);
      if (!stored && !parsed.success) throw unreadable(row, this.cipher.currentVersion);
      if (!parsed.success) {
        throw new ValidationFailed(
          `Invalid ${row.type} credential`,
          zodIssues(parsed.error, 'data'),
        );
      }
      // An unreadable site counts as moved: nobody can tell where the secret was bound.
      const moved = !stored || siteOf(stored) !== siteOf(parsed.data);
      if (moved && user.role !== 'admin' && user.id !== row.created_by) {
        throw hostChangeForbidden();
      }
      this.assertSite(parsed.data);
      sealed = this.cipher.seal(parsed.data, credentialAad(id, row.type));
    } else if (row.key_version !== this.cipher.currentVersion) {
      const data = this.tryOpen(row);
      if (data) sealed = this.cipher.seal(data, credentialAad(id, row.type));
    }
    await this.db.query(
      `UPDATE credentials SET name = coalesce($2, name), key_version = coalesce($3, key_version),
              iv = coalesce($4, iv), auth_tag = coalesce($5, auth_tag),
              ciphertext = coalesce($6, ciphertext), updated_at = now()
        WHERE id = $1`,
      [
        id,
        body.name ?? null,
        sealed?.keyVersion ?? null,
        sealed?.iv ?? null,
        sealed?.authTag ?? null,
        sealed?.ciphertext ?? null,
      ],
    );
    if (sealed) this.logger.log(`credential ${id} (${row.type}) data updated`);
    return this.get(id);
  }

  /** 409 while any live workflow's current version references it. */
  async remove(id: string): Promise<void> {
    await this.row(id);
    const users = (await credentialUsage(this.db, id)).get(id) ?? [];
    if (users.length) throw inUse(users);
    await this.db.query(`DELETE FROM credentials WHERE id = $1`, [id]);
    this.logger.log(`credential ${id} deleted`);
  }

  /**
   * Seals every credential still under an older key with the current one. Those whose key is not
   * configured any more are listed (and left as they are).
   */
  async rotate(): Promise<{ keyVersion: string; rotated: number; unreadable: string[] }> {
    const rows = await this.db.query<CredentialRow[]>(
      `SELECT ${COLUMNS} FROM credentials WHERE key_version <> $1`,
      [this.cipher.currentVersion],
    );
    let rotated = 0;
    const unreadable: string[] = [];
    for (const row of rows) {
      const data = this.tryOpen(row);
      if (!data) {
        unreadable.push(row.id);
        continue;
      }
      const sealed = this.cipher.seal(data, credentialAad(row.id, row.type));
      await this.db.query(
        `UPDATE credentials SET key_version = $2, iv = $3, auth_tag = $4, ciphertext = $5 WHERE id = $1 AND key_version = $6`,
        [row.id, sealed.keyVersion, sealed.iv, sealed.authTag, sealed.ciphertext, row.key_version],
      );
      rotated += 1;
    }
    this.logger.log(
      `credential rotation: ${rotated} sealed again, ${unreadable.length} unreadable`,
    );
    return { keyVersion: this.cipher.currentVersion, rotated, unreadable };
  }

  /** The decrypted credential, for the node that references it (never for the HTTP API). */
  async read(id: string): Promise<StoredCredential> {
    const rows = await this.db.query<CredentialRow[]>(
      `SELECT ${COLUMNS} FROM credentials WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) {
      throw new NodeError(`no credential with id ${id} exists (was it deleted?)`, {
        code: 'credential_missing',
      });
    }
    try {
      return {
        type: row.type,
        data: this.cipher.open(sealedOf(row), credentialAad(row.id, row.type)),
      };
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : 'decryption failed';
      throw new NodeError(`credential "${row.name}" cannot be read: ${reason}`, {
        code: 'credential_unreadable',
      });
    }
  }

  /**
   * 400 listing every publish node of `graph` that points a credential at another site than the
   * credential's (or at http: while private networks are off); nothing is stored.
   */
  async assertGraphBound(graph: WorkflowGraph): Promise<void> {
    const issues: Issue[] = await credentialBindingIssues(
      graph,
      async (credentialId) => {
        const rows = await this.db.query<CredentialRow[]>(
          `SELECT ${COLUMNS} FROM credentials WHERE id = $1`,
          [credentialId],
        );
        // Missing or unreadable: the step fails with that reason when it runs.
        const row = rows[0];
        const data = row ? this.tryOpen(row) : null;
        return row && data ? { type: row.type, data } : null;
      },
      this.allowPrivateNetwork,
    );
    if (issues.length) throw bindingFailed(issues);
  }

  /** A credential's site must be https: unless private networks are allowed. */
  private assertSite(data: Record<string, unknown>): void {
    if (typeof data.baseUrl !== 'string') return;
    const problem = credentialSiteProblem(data.baseUrl, this.allowPrivateNetwork);
    if (problem) {
      throw new ValidationFailed('Invalid credential', [
        { path: 'data.baseUrl', message: problem },
      ]);
    }
  }

  private async row(id: string): Promise<CredentialRow> {
    const rows = await this.db.query<CredentialRow[]>(
      `SELECT ${COLUMNS} FROM credentials WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw notFound();
    return rows[0];
  }

  private tryOpen(row: CredentialRow): Record<string, unknown> | null {
    try {
      return this.cipher.open(sealedOf(row), credentialAad(row.id, row.type));
    } catch {
      return null;
    }
  }

  private schemaOf(type: string): z.ZodType<Record<string, unknown>> {
    if (!isCredentialType(type)) {
      throw new ApiException(
        HttpStatus.CONFLICT,
        `Credentials of type "${type}" can no longer be edited`,
      );
    }
    return credentialDataSchemas[type];
  }
}

/** The origin a credential's secret is bound to ('' when it names none). */
function siteOf(data: Record<string, unknown>): string {
  if (typeof data.baseUrl !== 'string') return '';
  try {
    return new URL(data.baseUrl).origin;
  } catch {
    return data.baseUrl;
  }
}

function unreadable(row: CredentialRow, currentVersion: string): ApiException {
  return new ApiException(
    HttpStatus.CONFLICT,
    `Credential "${row.name}" was sealed with key version ${row.key_version}, which this server cannot open (current key: ${currentVersion}): add that key to FLOWPRESS_SECRET_KEY_PREVIOUS, or send the complete data to replace it`,
    [{ path: 'data', message: 'the stored data cannot be read, so it cannot be partly changed' }],
  );
}

function inUse(workflows: WorkflowRef[]): ApiException {
  const names = workflows.map((w) => `"${w.name}"`).join(', ');
  return new ApiException(
    HttpStatus.CONFLICT,
    `This credential is used by ${workflows.length} workflow${workflows.length === 1 ? '' : 's'} (${names}): remove it from ${workflows.length === 1 ? 'that workflow' : 'them'} first`,
    workflows.map((w) => ({ path: `workflows.${w.id}`, message: `used by workflow "${w.name}"` })),
  );
}
