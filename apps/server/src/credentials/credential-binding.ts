import { HttpStatus } from '@nestjs/common';
import type { Issue, WorkflowGraph } from '@flowpress/shared';
import { credentialBindingProblem, publishConfigSchema } from '@flowpress/nodes/runtime';
import { ApiException, ValidationFailed } from '../http/index.js';

/** Opens a credential; null when no credential has that id or its data cannot be read. */
export type OpenCredential = (
  id: string,
) => Promise<{ type: string; data: Record<string, unknown> } | null>;

/**
 * Save-time half of the credential binding (packages/nodes/src/publish/binding.ts): every publish
 * node of `graph` that uses a credential must send it to the credential's own site only. A missing
 * credential, or one of another type, is left to the run: it fails there before sending anything.
 */
export async function credentialBindingIssues(
  graph: WorkflowGraph,
  open: OpenCredential,
  allowPrivateNetwork: boolean,
): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const [i, node] of graph.nodes.entries()) {
    if (node.type !== 'publish') continue;
    const parsed = publishConfigSchema.safeParse(node.data);
    if (!parsed.success) continue; // graph validation reported it already
    const config = parsed.data;
    const credentialId = 'credentialId' in config ? config.credentialId : undefined;
    if (!credentialId) continue;
    const credential = await open(credentialId);
    if (!credential || credential.type !== config.target) continue;
    const problem = credentialBindingProblem(config, credential.data, { allowPrivateNetwork });
    if (problem) {
      issues.push({
        path: `graph.nodes[${i}].data.${problem.path}`,
        message: problem.message,
        nodeId: node.id,
      });
    }
  }
  return issues;
}

export function bindingFailed(issues: Issue[]): ValidationFailed {
  const n = issues.length;
  return new ValidationFailed(
    `A publish node may not send a credential to another host (${n} ${n === 1 ? 'issue' : 'issues'})`,
    issues,
  );
}

/** 403 for an editor who tries to move someone else's credential to another site. */
export function hostChangeForbidden(): ApiException {
  return new ApiException(
    HttpStatus.FORBIDDEN,
    "Only an admin or the credential's creator may change its baseUrl: the site is what the secret is bound to",
    [{ path: 'data.baseUrl', message: "only an admin or the credential's creator may change it" }],
  );
}
