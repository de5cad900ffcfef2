/**
 * A credential is bound to its site. The credential's `baseUrl` names the only origin its secret
 * (WordPress application password, Ghost Admin key, webhook signing secret) may be sent to; a
 * node may repeat that origin (any path on it) but never point the credential elsewhere — else an
 * editor could send an admin's password to a host they control. Checked when a workflow is saved
 * (the server reads the credential) and again when the step runs.
 */
import type { PublishConfig } from './definition.js';

export interface BindingIssue {
  /** The node `data` key the issue belongs to: `baseUrl`, `url` or `credentialId`. */
  path: 'baseUrl' | 'url' | 'credentialId';
  message: string;
}

const HTTPS_HINT =
  'a target that uses a credential must use https: (FLOWPRESS_ALLOW_PRIVATE_NETWORK=true allows http for tests and intranets)';

function originOf(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Whether `url` must be refused as a credential's site: not https while private networks are off. */
export function credentialSiteProblem(url: string, allowPrivateNetwork: boolean): string | null {
  const parsed = originOf(url);
  if (!parsed) return `"${url}" is not a valid URL`;
  if (parsed.protocol !== 'https:' && !allowPrivateNetwork) return HTTPS_HINT;
  return null;
}

/**
 * Why this publish node may not use this credential's data for its destination, or null. Targets
 * without a credential (library, file, an unsigned webhook) are never bound.
 */
export function credentialBindingProblem(
  config: PublishConfig,
  credentialData: Record<string, unknown>,
  options: { allowPrivateNetwork: boolean },
): BindingIssue | null {
  if (config.target === 'library' || config.target === 'file') return null;
  if (config.target === 'webhook' && !config.credentialId) return null;
  const site = typeof credentialData.baseUrl === 'string' ? credentialData.baseUrl : undefined;
  const key = config.target === 'webhook' ? 'url' : 'baseUrl';
  const configured = config.target === 'webhook' ? config.url : config.baseUrl;
  if (!site) {
    if (config.target !== 'webhook' && !configured) return null; // "needs a baseUrl" comes later
    return {
      path: configured && config.target !== 'webhook' ? 'baseUrl' : 'credentialId',
      message:
        config.target === 'webhook'
          ? "the webhook credential has no baseUrl: its secret signs requests only to the credential's site, so set the receiver's URL on the credential (an admin or the credential's creator can)"
          : "the credential has no baseUrl: the site is part of the credential, so set it there (an admin or the credential's creator can) and leave the node's baseUrl empty",
    };
  }
  const bound = originOf(site);
  if (!bound)
    return {
      path: 'credentialId',
      message: `the credential's baseUrl "${site}" is not a valid URL`,
    };
  const destination = configured ? originOf(configured) : bound;
  if (!destination) return { path: key, message: `${key} is not a valid URL` };
  if (destination.origin !== bound.origin) {
    return {
      path: key,
      message: `${key} must stay on ${bound.origin}, the credential's site: a node may not send a credential to another host`,
    };
  }
  const https = credentialSiteProblem(destination.href, options.allowPrivateNetwork);
  return https ? { path: configured ? key : 'credentialId', message: https } : null;
}
