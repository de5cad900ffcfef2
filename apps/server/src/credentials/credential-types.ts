import { z } from 'zod';
import { publishCredentialSchemas } from '@flowpress/nodes';

/**
 * What a credential of each type must hold. Publish targets' types come from the nodes package
 * (one place for each fact); `openai` is for model providers.
 */
export const credentialDataSchemas = {
  openai: z.object({
    apiKey: z.string().trim().min(1, 'apiKey is required'),
    baseUrl: z.url({ protocol: /^https?$/, error: 'baseUrl must be an http(s) URL' }).optional(),
  }),
  ...publishCredentialSchemas,
} as const;

export type CredentialType = keyof typeof credentialDataSchemas;
export const CREDENTIAL_TYPES = Object.keys(credentialDataSchemas) as CredentialType[];

export function isCredentialType(type: string): type is CredentialType {
  return Object.prototype.hasOwnProperty.call(credentialDataSchemas, type);
}

const name = z.string().trim().min(1, 'name is required').max(200);

const createBranch = <T extends CredentialType>(type: T) =>
  z.object({ type: z.literal(type), name, data: credentialDataSchemas[type] });

/** `POST /api/credentials`: `{type, name, data}`, data checked against its type. */
export const createCredentialBodySchema = z.discriminatedUnion(
  'type',
  [
    createBranch('openai'),
    createBranch('webhook'),
    createBranch('wordpress'),
    createBranch('ghost'),
  ],
  { error: `type must be one of ${CREDENTIAL_TYPES.join(', ')}` },
);
export type CreateCredentialBody = z.output<typeof createCredentialBodySchema>;

/** `PATCH /api/credentials/:id`: a new name and/or new data (checked against the stored type). */
export const updateCredentialBodySchema = z
  .object({ name: name.optional(), data: z.record(z.string(), z.unknown()).optional() })
  .refine((b) => b.name !== undefined || b.data !== undefined, 'send name and/or data');
export type UpdateCredentialBody = z.output<typeof updateCredentialBodySchema>;

/** A credential as the API answers it: never its data. */
export interface CredentialView {
  id: string;
  type: CredentialType;
  name: string;
  createdAt: string;
  updatedAt: string;
  /** Live workflows whose current version references it (`credentialId`). */
  usedBy: number;
}

export interface CredentialDetailView extends CredentialView {
  workflows: { id: string; name: string }[];
}
