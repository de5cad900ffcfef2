/**
 * From a node's config to an adapter's settings: credentials fetched and checked, defaults filled.
 */
import type { z } from 'zod';
import { NodeError } from '../contract.js';
import { credentialBindingProblem } from './binding.js';
import {
  publishCredentialSchemas,
  type PublishConfig,
  type PublishCredentialType,
} from './definition.js';
import type { PublishServices, PublishStatus, PublishTarget, SettingsByTarget } from './types.js';

export type ResolvedTarget = {
  [T in PublishTarget]: { target: T; settings: SettingsByTarget[T] };
}[PublishTarget];

async function readCredential<T extends PublishCredentialType>(
  services: PublishServices,
  id: string,
  type: T,
): Promise<z.output<(typeof publishCredentialSchemas)[T]>> {
  let stored;
  try {
    stored = await services.credentials.get(id);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new NodeError(`credential ${id} could not be read: ${reason}`, {
      code: 'credential_missing',
      cause,
    });
  }
  if (stored.type !== type) {
    throw new NodeError(
      `credential ${id} is a "${stored.type}" credential; the ${type} target needs a "${type}" credential`,
      {
        code: 'credential_type',
      },
    );
  }
  const parsed = publishCredentialSchemas[type].safeParse(stored.data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => i.message).join('; ');
    throw new NodeError(`credential ${id} is incomplete: ${problems}`, {
      code: 'credential_invalid',
    });
  }
  return parsed.data as z.output<(typeof publishCredentialSchemas)[T]>;
}

function baseUrlOf(
  configured: string | undefined,
  fromCredential: string | undefined,
  target: string,
): string {
  const baseUrl = configured ?? fromCredential;
  if (!baseUrl) {
    throw new NodeError(`the ${target} target needs a baseUrl, in the node or in its credential`, {
      code: 'not_configured',
    });
  }
  return baseUrl;
}

function statusOr(status: PublishStatus | undefined, fallback: PublishStatus): PublishStatus {
  return status ?? fallback;
}

/** The save-time binding check again: the credential's site may have changed since the save. */
function assertBound(
  config: PublishConfig,
  data: Record<string, unknown>,
  services: PublishServices,
): void {
  const problem = credentialBindingProblem(config, data, {
    allowPrivateNetwork: services.allowPrivateNetwork,
  });
  if (problem)
    throw new NodeError(`${problem.path}: ${problem.message}`, { code: 'credential_host' });
}

export async function resolveTarget(
  config: PublishConfig,
  services: PublishServices,
): Promise<ResolvedTarget> {
  switch (config.target) {
    case 'library':
      return { target: 'library', settings: { status: statusOr(config.status, 'publish') } };
    case 'file':
      return {
        target: 'file',
        settings: { folder: config.folder ?? '', status: statusOr(config.status, 'publish') },
      };
    case 'webhook': {
      let secret: string | undefined;
      if (config.credentialId) {
        const cred = await readCredential(services, config.credentialId, 'webhook');
        assertBound(config, cred, services);
        secret = cred.secret;
      }
      return {
        target: 'webhook',
        settings: secret ? { url: config.url, secret } : { url: config.url },
      };
    }
    case 'wordpress': {
      const cred = await readCredential(services, config.credentialId, 'wordpress');
      assertBound(config, cred, services);
      return {
        target: 'wordpress',
        settings: {
          baseUrl: baseUrlOf(config.baseUrl, cred.baseUrl, 'WordPress'),
          username: cred.username,
          applicationPassword: cred.applicationPassword,
          status: statusOr(config.status, 'draft'),
          tags: config.tags ?? [],
          categories: config.categories ?? [],
        },
      };
    }
    case 'ghost': {
      const cred = await readCredential(services, config.credentialId, 'ghost');
      assertBound(config, cred, services);
      return {
        target: 'ghost',
        settings: {
          baseUrl: baseUrlOf(config.baseUrl, cred.baseUrl, 'Ghost'),
          adminApiKey: cred.adminApiKey,
          status: statusOr(config.status, 'draft'),
          tags: config.tags ?? [],
        },
      };
    }
  }
}
