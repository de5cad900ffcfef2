import {
  lookupRef,
  renderTemplate,
  type NodeOutput,
  type RunEventInput,
  type Usage,
} from '@flowpress/shared';
import type { NodeContext, NodeServices, ResumeState } from '@flowpress/nodes';
import type { CompiledWorkflow, ExecutableNode } from './compiled-workflow.js';
import type { ClaimedRun } from './run-store.js';

/** A node's settings that no longer parse once their templates are filled in. */
export class ConfigError extends Error {}

export interface NodeContextInput {
  run: ClaimedRun;
  workflow: CompiledWorkflow;
  outputs: Record<string, NodeOutput>;
  exec: ExecutableNode;
  attempt: number;
  /** The attempt's bound: its signal is made only if the step reads `ctx.signal`. */
  bound: { readonly signal: AbortSignal };
  reportUsage: (u: Partial<Usage>) => void;
  services: NodeServices;
  emit: (event: RunEventInput) => void;
  /** Where the node's tokens go: the run's coalescer, which hands them to `emit` a tick later. */
  tokens: TokenCoalescer;
  resume?: ResumeState;
}

/**
 * Turns a run's tokens that are ready together into one `node.token` per node. A streamed answer
 * often delivers several chunks in one network read (and some model clients yield one chunk per
 * SSE event of it); each event costs a seq, a bus message and a socket frame per subscriber, so
 * they go out as one event whose text is the chunks concatenated (CONTRACT §3: `data.text` is
 * the chunk, seq is assigned when the event is emitted, so it stays gapless).
 *
 * Flushed on the next turn of the event loop (setImmediate), never on a timer: a lone token still
 * goes out at once, and tokens read in one I/O callback are all buffered before the check phase
 * runs. The run's other events call `flush()` first, so a node's tokens always precede its
 * `node.completed` / `node.failed` / `node.log`, and the run's end counts their seqs.
 */
export class TokenCoalescer {
  /** Text waiting per node, in the order the nodes first spoke (a Map keeps insertion order). */
  private readonly pending = new Map<string, string>();
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly emit: (event: RunEventInput) => void) {}

  add(nodeId: string, text: string): void {
    if (!text) return;
    this.pending.set(nodeId, (this.pending.get(nodeId) ?? '') + text);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Emits what is waiting, now. Safe to call at any time; a no-op when nothing waits. */
  flush(): void {
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.scheduled = undefined;
    }
    if (!this.pending.size) return;
    const ready = [...this.pending];
    this.pending.clear();
    for (const [nodeId, text] of ready) this.emit({ type: 'node.token', nodeId, data: { text } });
  }
}

/** What an executor gets for one attempt: rendered, parsed config, its inputs, and the run's facts. */
export function nodeContext(input: NodeContextInput): NodeContext {
  const { run, workflow, outputs, exec } = input;
  const vars = {
    feedback: run.vars['feedback'] ?? '',
    run: { id: run.id, workflowId: run.workflowId, inputs: run.inputs },
  };
  const defaultPortOf = (nodeId: string) => workflow.nodes.get(nodeId)?.defaultOutput;
  const rendered: Record<string, string> = {};
  for (const [field, template] of exec.templates) {
    rendered[field] = renderTemplate(template, (ref) =>
      lookupRef(ref, outputs, defaultPortOf, vars),
    ).text;
  }
  const parsed = exec.config(rendered);
  if (!parsed.ok) {
    const detail = parsed.issues.map((i) => `${i.path || 'config'}: ${i.message}`).join('; ');
    throw new ConfigError(`The node's settings are invalid after filling in templates: ${detail}`);
  }
  const nodeId = exec.node.id;
  return {
    runId: run.id,
    workflowId: run.workflowId,
    nodeId,
    config: parsed.config,
    inputs: inputsOf(exec, outputs),
    runInputs: run.inputs,
    vars,
    attempt: input.attempt,
    idempotencyKey: `${run.id}:${nodeId}`,
    get signal() {
      return input.bound.signal;
    },
    emit: (e) => {
      if (e.type === 'token') input.tokens.add(nodeId, e.text);
      else input.emit({ type: 'node.log', nodeId, data: { level: e.level, message: e.message } });
    },
    reportUsage: input.reportUsage,
    services: input.services,
    ...(input.resume ? { resume: input.resume } : {}),
  };
}

/** Values on live incoming edges, by target port (a list on ports that take several). */
function inputsOf(
  exec: ExecutableNode,
  outputs: Record<string, NodeOutput>,
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const edge of exec.node.incoming) {
    const output = outputs[edge.source];
    if (!output || !(edge.sourcePort in output)) continue;
    const value = output[edge.sourcePort];
    const spec = exec.node.ports.inputs.find((p) => p.name === edge.targetPort);
    if (spec?.multiple) {
      const list = (inputs[edge.targetPort] as unknown[] | undefined) ?? [];
      list.push(value);
      inputs[edge.targetPort] = list;
    } else {
      inputs[edge.targetPort] = value;
    }
  }
  return inputs;
}
