import type { CanvasNode } from '../state/types';
import { isStep } from '../state/types';

export interface InputField {
  name: string;
  type: 'text' | 'number' | 'boolean' | 'json';
  required: boolean;
  label?: string;
  description?: string;
  default?: unknown;
}

const TYPES = new Set(['text', 'number', 'boolean', 'json']);

/** The fields a run asks for: those of the workflow's input steps (CONTRACT §1 `input`). */
export function inputFieldsOf(nodes: readonly CanvasNode[]): InputField[] {
  const seen = new Set<string>();
  const out: InputField[] = [];
  for (const n of nodes) {
    if (!isStep(n) || n.data.kind !== 'input') continue;
    const fields = Array.isArray(n.data.config.fields) ? n.data.config.fields : [];
    for (const raw of fields) {
      if (!raw || typeof raw !== 'object') continue;
      const f = raw as Record<string, unknown>;
      if (typeof f.name !== 'string' || !f.name || seen.has(f.name)) continue;
      seen.add(f.name);
      out.push({
        name: f.name,
        type:
          typeof f.type === 'string' && TYPES.has(f.type) ? (f.type as InputField['type']) : 'text',
        required: f.required === true,
        ...(typeof f.label === 'string' && f.label ? { label: f.label } : {}),
        ...(typeof f.description === 'string' && f.description
          ? { description: f.description }
          : {}),
        ...(f.default !== undefined ? { default: f.default } : {}),
      });
    }
  }
  return out;
}

const KEY = (workflowId: string) => `flowpress.lastInputs.${workflowId}`;

export function rememberInputs(workflowId: string, inputs: Record<string, unknown>): void {
  try {
    localStorage.setItem(KEY(workflowId), JSON.stringify(inputs));
  } catch {
    // Not remembering is fine.
  }
}

export function recallInputs(workflowId: string): Record<string, unknown> {
  try {
    const value = JSON.parse(localStorage.getItem(KEY(workflowId)) ?? '{}') as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
