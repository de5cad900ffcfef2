/**
 * How each credential type is asked for. The server checks the data against its own schema
 * (the type list comes from the nodes package there) and answers field-level issues
 * (`data.<field>`), which the form shows under the field; this only adds labels and help.
 */
export interface CredentialField {
  name: string;
  label: string;
  /** Secrets are write-only: typed once, never shown again. */
  secret: boolean;
  required: boolean;
  placeholder?: string;
  description?: string;
}

export interface CredentialKind {
  type: string;
  label: string;
  description: string;
  fields: CredentialField[];
}

/** Issue #9: a credential's secret goes to its own site only (the server enforces it). */
const BOUND_TO_SITE =
  'The site is part of the credential: Publish steps send it nowhere else, and only an admin or whoever created it can change it later. https unless private networks are allowed.';

export const CREDENTIAL_KINDS: CredentialKind[] = [
  {
    type: 'openai',
    label: 'OpenAI-compatible model',
    description: 'An API key for OpenAI, Azure OpenAI, Ollama, vLLM or LM Studio.',
    fields: [
      { name: 'apiKey', label: 'API key', secret: true, required: true, placeholder: 'sk-…' },
      {
        name: 'baseUrl',
        label: 'Base URL',
        secret: false,
        required: false,
        placeholder: 'https://api.openai.com/v1',
        description: 'Leave empty for OpenAI itself.',
      },
    ],
  },
  {
    type: 'webhook',
    label: 'Webhook signing secret',
    description:
      'Signs each request a Publish step sends to your webhook, so the receiver can trust it.',
    fields: [
      {
        name: 'secret',
        label: 'Signing secret',
        secret: true,
        required: true,
        description: 'At least 16 characters. Give the same secret to the receiving system.',
      },
      {
        name: 'baseUrl',
        label: 'Receiver site',
        secret: false,
        required: true,
        placeholder: 'https://hooks.example.com',
        description: BOUND_TO_SITE,
      },
    ],
  },
  {
    type: 'wordpress',
    label: 'WordPress',
    description: 'Publish posts to a WordPress site with an application password.',
    fields: [
      { name: 'username', label: 'Username', secret: false, required: true },
      {
        name: 'applicationPassword',
        label: 'Application password',
        secret: true,
        required: true,
        description: 'WordPress → Users → Profile → Application Passwords.',
      },
      {
        name: 'baseUrl',
        label: 'Site URL',
        secret: false,
        required: true,
        placeholder: 'https://blog.example.com',
        description: BOUND_TO_SITE,
      },
    ],
  },
  {
    type: 'ghost',
    label: 'Ghost',
    description: 'Publish posts to a Ghost site with an Admin API key.',
    fields: [
      {
        name: 'adminApiKey',
        label: 'Admin API key',
        secret: true,
        required: true,
        placeholder: '<id>:<secret>',
        description: 'Ghost → Settings → Integrations → Add custom integration.',
      },
      {
        name: 'baseUrl',
        label: 'Site URL',
        secret: false,
        required: true,
        placeholder: 'https://example.ghost.io',
        description: BOUND_TO_SITE,
      },
    ],
  },
];

export function kindOf(type: string): CredentialKind | undefined {
  return CREDENTIAL_KINDS.find((k) => k.type === type);
}

/** Only filled fields are sent; the server says what is missing. */
export function credentialData(kind: CredentialKind, values: Record<string, string>) {
  const data: Record<string, string> = {};
  for (const f of kind.fields) {
    const v = (values[f.name] ?? '').trim();
    if (v) data[f.name] = v;
  }
  return data;
}
