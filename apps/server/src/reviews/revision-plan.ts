import { lookupRef, renderTemplate } from '@flowpress/shared';
import type { CompiledWorkflow } from '../engine/compiled-workflow.js';

/**
 * "Request changes" sends back the review node and the generating nodes it depends on, plus
 * every node between those and the review (e.g. a template assembling the draft). Inputs and
 * retrieval above the generators keep their results.
 */
export function nodesToRevise(workflow: CompiledWorkflow, reviewNodeId: string): string[] {
  const review = workflow.graph.nodes.get(reviewNodeId);
  if (!review) return [reviewNodeId];
  const generating = new Set(
    [...review.upstream].filter((id) => workflow.nodes.get(id)?.definition.category === 'generate'),
  );
  const revise = [reviewNodeId];
  for (const id of review.upstream) {
    const node = workflow.graph.nodes.get(id)!;
    if (generating.has(id) || [...node.upstream].some((a) => generating.has(a))) revise.push(id);
  }
  return revise;
}

/** The prompts, as the model saw them, that produced what is under review. */
export function renderedPrompts(
  workflow: CompiledWorkflow,
  reviewNodeId: string,
  outputs: Record<string, Record<string, unknown>>,
  vars: Record<string, unknown>,
): { nodeId: string; system?: string; template: string }[] {
  const review = workflow.graph.nodes.get(reviewNodeId);
  if (!review) return [];
  const defaultPortOf = (id: string) => workflow.nodes.get(id)?.defaultOutput;
  const render = (template: Parameters<typeof renderTemplate>[0] | undefined) =>
    template === undefined ? undefined : renderTemplate(template, (ref) => lookupRef(ref, outputs, defaultPortOf, vars)).text;
  const prompts: { nodeId: string; system?: string; template: string }[] = [];
  for (const id of workflow.graph.order) {
    if (!review.upstream.has(id)) continue;
    const exec = workflow.nodes.get(id)!;
    const fields = exec.definition.chatPrompt;
    if (!fields) continue;
    const template = render(exec.templates.get(fields.template)) ?? '';
    const system = fields.system ? render(exec.templates.get(fields.system)) : undefined;
    prompts.push({ nodeId: id, template, ...(system ? { system } : {}) });
  }
  return prompts;
}
