import type { Issue } from '@flowpress/shared';

/** `nodes[2].data.fields[0].name` → `fields.0.name` (a path inside the step's config). */
export function configPath(issuePath: string): string | null {
  const at = issuePath.indexOf('.data');
  if (at < 0) return null;
  const rest = issuePath.slice(at + '.data'.length).replace(/^\./, '');
  return rest.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

export function serverErrorsFor(
  issues: readonly Issue[],
  nodeId: string,
): { byPath: Map<string, string>; general: string[] } {
  const byPath = new Map<string, string>();
  const general: string[] = [];
  for (const issue of issues) {
    if (issue.nodeId !== nodeId) continue;
    const path = configPath(issue.path);
    if (path && !byPath.has(path)) byPath.set(path, issue.message);
    else general.push(issue.message);
  }
  return { byPath, general };
}
