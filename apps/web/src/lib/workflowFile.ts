import {
  workflowFileSchema,
  workflowGraphSchema,
  type WorkflowFile,
  type WorkflowGraph,
} from '@flowpress/shared';
import { downloadText, slugify } from './download';

/** The export format: `{ flowpress: 1, name, description, graph }`. */
export function toWorkflowFile(workflow: {
  name: string;
  description?: string | null;
  graph: WorkflowGraph;
}): WorkflowFile {
  return {
    flowpress: 1,
    name: workflow.name,
    ...(workflow.description ? { description: workflow.description } : {}),
    graph: workflow.graph,
  };
}

export function exportWorkflowFile(workflow: {
  name: string;
  description?: string | null;
  graph: WorkflowGraph;
}): void {
  const file = toWorkflowFile(workflow);
  downloadText(`${slugify(workflow.name)}.flowpress.json`, `${JSON.stringify(file, null, 2)}\n`);
}

export type ParsedFile = { ok: true; file: WorkflowFile } | { ok: false; message: string };

/**
 * Reads an exported workflow. Also accepts a bare graph (`{ nodes, edges }`) or a workflow as the
 * API returns it, so files from scripts import too.
 */
export function parseWorkflowFile(text: string, fallbackName: string): ParsedFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: 'This file is not valid JSON. Choose a file exported from Flowpress.',
    };
  }
  const asFile = workflowFileSchema.safeParse(json);
  if (asFile.success) return { ok: true, file: asFile.data };
  if (json && typeof json === 'object') {
    const record = json as Record<string, unknown>;
    const graphSource = 'graph' in record ? record.graph : json;
    const graph = workflowGraphSchema.safeParse(graphSource);
    if (graph.success) {
      const name =
        typeof record.name === 'string' && record.name.trim() ? record.name.trim() : fallbackName;
      const description = typeof record.description === 'string' ? record.description : undefined;
      return {
        ok: true,
        file: { flowpress: 1, name, ...(description ? { description } : {}), graph: graph.data },
      };
    }
    const first = graph.error.issues[0];
    return {
      ok: false,
      message: `This file does not contain a Flowpress workflow${first ? ` (${first.path.join('.') || 'graph'}: ${first.message})` : ''}.`,
    };
  }
  return { ok: false, message: 'This file does not contain a Flowpress workflow.' };
}

export function readFileText(file: File): Promise<string> {
  return file.text();
}
