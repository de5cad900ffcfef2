/**
 * Webhook URLs are often secrets themselves (Slack, Zapier and Make put the token in the path), so
 * people who cannot edit workflows (reviewers, viewers) see them masked: the origin stays, so one
 * can tell where a step publishes, the path and query become "…". Editors and admins see them
 * whole, since they edit them.
 */
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Role } from '@flowpress/shared';
import { map, type Observable } from 'rxjs';
import type { AuthUser } from '../auth/auth-user.js';

const SEES_WEBHOOK_URLS: readonly Role[] = ['admin', 'editor'];

/** `https://hooks.example.com/T0/B1/secret?x=1` → `https://hooks.example.com/…`. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}/…`;
  } catch {
    return '…';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `graph` with every webhook publish node's `url` masked; other values unchanged. */
export function maskGraphWebhooks(graph: unknown): unknown {
  if (!isRecord(graph) || !Array.isArray(graph.nodes)) return graph;
  return {
    ...graph,
    nodes: graph.nodes.map((node: unknown) => {
      if (!isRecord(node) || node.type !== 'publish' || !isRecord(node.data)) return node;
      const data = node.data;
      if (data.target !== 'webhook' || typeof data.url !== 'string') return node;
      return { ...node, data: { ...data, url: maskUrl(data.url) } };
    }),
  };
}

/** Masks `graph` in a workflow, a version, a workflow file, or a list of them. */
export function maskWebhooksIn(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(maskWebhooksIn);
  if (isRecord(body) && 'graph' in body) return { ...body, graph: maskGraphWebhooks(body.graph) };
  return body;
}

/** On the workflow read routes: masks webhook URLs for callers who cannot edit workflows. */
@Injectable()
export class MaskWebhookUrlsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    const masked = !user || !SEES_WEBHOOK_URLS.includes(user.role);
    return next.handle().pipe(map((body: unknown) => (masked ? maskWebhooksIn(body) : body)));
  }
}
