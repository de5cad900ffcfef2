import {
  validateGraph,
  type GraphCatalog,
  type Issue,
  type WorkflowGraph,
} from '@flowpress/shared';
import { ValidationFailed } from '../http/api-error.js';

/**
 * The graph as it will be stored, or a 400 listing every issue (paths under `graph.`, as in the
 * request body; `nodeId`/`edgeId` kept so the editor can pin each issue on its card).
 */
export function assertValidGraph(graph: unknown, catalog: GraphCatalog): WorkflowGraph {
  const result = validateGraph(graph, catalog);
  if (result.ok && result.graph) return result.graph;
  const issues: Issue[] = result.issues.map((issue) => ({
    ...issue,
    path: issue.path
      ? issue.path.startsWith('[')
        ? `graph${issue.path}`
        : `graph.${issue.path}`
      : 'graph',
  }));
  const n = issues.length;
  throw new ValidationFailed(
    `The workflow graph is invalid (${n} ${n === 1 ? 'issue' : 'issues'})`,
    issues,
  );
}
