import { z } from 'zod';
import type { NodeDefinition } from '../contract.js';
import { MAX_TEMPLATE_CHARS } from '../util/limits.js';
import { PUBLISH_TARGETS } from './types.js';

const status = z
  .enum(['draft', 'publish'], { error: 'status must be "draft" or "publish"' })
  .optional()
  .describe(
    'draft or publish; default draft for WordPress and Ghost, publish for the library and files',
  );

/** Settings every target shares. `title` and `content` are templates the engine renders. */
const common = {
  title: z
    .string()
    .max(2_000)
    .optional()
    .describe('Template; default: the first heading or line of the content'),
  content: z
    .string()
    .max(MAX_TEMPLATE_CHARS)
    .optional()
    .describe('Template (markdown); default: the upstream text'),
  tags: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'tags must not be empty')
        .max(100, 'a tag is at most 100 characters'),
    )
    .max(50, 'at most 50 tags')
    .optional(),
  disclosure: z.boolean().optional().describe('Append an "AI-assisted" line to the piece'),
  status,
};

const httpUrl = (field: string, required: string) =>
  z.url({
    protocol: /^https?$/,
    error: (issue) => (issue.input === undefined ? required : `${field} must be an http(s) URL`),
  });

const credential = (required: string | null) =>
  z
    .uuid({
      error: (issue) =>
        issue.input === undefined && required
          ? required
          : 'credentialId must be the id of a saved credential',
    })
    .meta({ 'x-widget': 'credential' });

function folderStaysInside(folder: string): boolean {
  if (/^([\\/]|[A-Za-z]:)/.test(folder)) return false;
  return !folder.split(/[\\/]+/).includes('..');
}

export const libraryTargetSchema = z.object({ target: z.literal('library'), ...common });

export const webhookTargetSchema = z.object({
  target: z.literal('webhook'),
  ...common,
  url: httpUrl('url', 'a webhook target needs a url'),
  credentialId: credential(null)
    .optional()
    .describe(
      "A webhook credential whose secret signs each request; the url must be on the credential's site",
    ),
});

export const wordpressTargetSchema = z.object({
  target: z.literal('wordpress'),
  ...common,
  credentialId: credential(
    'a WordPress target needs credentialId: a WordPress credential (username + application password)',
  ),
  baseUrl: httpUrl('baseUrl', 'baseUrl is required')
    .optional()
    .describe(
      "Optional: a page of the credential's site (default: its Site URL). A credential is bound to its site: this cannot point it at another host",
    ),
  categories: z
    .array(z.number().int().positive('category ids are positive integers'))
    .max(50)
    .optional(),
});

export const ghostTargetSchema = z.object({
  target: z.literal('ghost'),
  ...common,
  credentialId: credential('a Ghost target needs credentialId: a Ghost credential (Admin API key)'),
  baseUrl: httpUrl('baseUrl', 'baseUrl is required')
    .optional()
    .describe(
      "Optional: a page of the credential's site (default: its Site URL). A credential is bound to its site: this cannot point it at another host",
    ),
});

export const fileTargetSchema = z.object({
  target: z.literal('file'),
  ...common,
  folder: z
    .string()
    .max(500)
    .refine(
      folderStaysInside,
      'folder must stay inside the export directory: no "..", no absolute path',
    )
    .optional()
    .describe('Subfolder of the export directory; default: the export directory itself'),
});

export const publishConfigSchema = z.discriminatedUnion(
  'target',
  [
    libraryTargetSchema,
    webhookTargetSchema,
    wordpressTargetSchema,
    ghostTargetSchema,
    fileTargetSchema,
  ],
  { error: `target must be one of ${PUBLISH_TARGETS.join(', ')}` },
);
export type PublishConfig = z.output<typeof publishConfigSchema>;

export const publishDefinition: NodeDefinition<typeof publishConfigSchema> = {
  type: 'publish',
  version: 1,
  label: 'Publish',
  description:
    'Sends the approved piece to the content library, a signed webhook, WordPress, Ghost or a markdown file; never twice for one run.',
  category: 'publish',
  icon: 'send',
  config: publishConfigSchema,
  inputs: [{ name: 'content', type: 'any', label: 'Content', multiple: true }],
  outputs: [{ name: 'receipt', type: 'json', label: 'Receipt' }],
  templateFields: ['title', 'content'],
  defaults: { target: 'library' },
  sideEffects: true,
};

/** What a credential of each type must hold (the server can check them when they are saved). */
export const publishCredentialSchemas = {
  webhook: z.object({
    secret: z.string().min(16, 'a webhook secret needs at least 16 characters'),
    // Optional for credentials stored before the binding; a node refuses a credential without it.
    baseUrl: httpUrl('baseUrl', 'baseUrl is required')
      .optional()
      .describe("The receiver's site: the secret signs requests to this origin only"),
  }),
  wordpress: z.object({
    username: z.string().min(1, 'username is required'),
    applicationPassword: z
      .string()
      .min(1, 'applicationPassword is required (Users → Profile → Application Passwords)'),
    baseUrl: httpUrl('baseUrl', 'baseUrl is required').optional(),
  }),
  ghost: z.object({
    adminApiKey: z
      .string()
      .regex(
        /^[^:\s]+:[0-9a-fA-F]+$/,
        'adminApiKey must look like "<id>:<hex secret>" (Ghost → Settings → Integrations)',
      ),
    baseUrl: httpUrl('baseUrl', 'baseUrl is required').optional(),
  }),
} as const;
export type PublishCredentialType = keyof typeof publishCredentialSchemas;
