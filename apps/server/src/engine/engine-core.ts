import os from 'node:os';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Issue } from '@flowpress/shared';
import type { NodeServices } from '@flowpress/nodes';
import type { EventBus } from '../realtime/event-bus.js';
import type { RunQueue } from '../queue/run-queue.js';
import { CompiledWorkflowCache, compileWorkflow, type CompiledWorkflow } from './compiled-workflow.js';
import type { NodeRuntime } from './node-runtime.js';
import { Orchestrator } from './orchestrator.js';
import type { EngineOptions } from './run-execution.js';
import { SqlReviewHooks } from './review-hooks.js';
import { RunStore, type Sql } from './run-store.js';
import type { WorkflowGraph } from '@flowpress/shared';

const ENGINE_LOG = new Logger('Engine');

export const DEFAULT_ENGINE_OPTIONS: Omit<EngineOptions, 'workerId'> = {
  leaseMs: 30_000,
  nodeConcurrency: 4,
  defaultTimeoutMs: 120_000,
  defaultMaxAttempts: 3,
  retryBaseMs: 500,
  retryMaxMs: 30_000,
};

export interface InputsCheck {
  ok: boolean;
  value: Record<string, unknown>;
  issues: Issue[];
}

/**
 * Everything about runs that is not HTTP: the store, compiled workflows, the orchestrator.
 * Framework-free so the benchmark and tests can build one without Nest.
 */
export class EngineCore {
  readonly store: RunStore;
  readonly workflows: CompiledWorkflowCache;
  readonly orchestrator: Orchestrator;

  constructor(
    sql: Sql,
    readonly runtime: NodeRuntime,
    readonly bus: EventBus,
    readonly queue: RunQueue,
    services: NodeServices,
    private readonly validateRunInputs: (
      config: Record<string, unknown>,
      inputs: Record<string, unknown>,
    ) => { ok: boolean; value: Record<string, unknown>; issues: Issue[] },
    options: Partial<EngineOptions> = {},
  ) {
    this.store = new RunStore(sql);
    this.workflows = new CompiledWorkflowCache(async (workflowId, version) => {
      const rows = await sql.query<{ graph: WorkflowGraph }>(
        `SELECT graph FROM workflow_versions WHERE workflow_id = $1 AND version = $2`,
        [workflowId, version],
      );
      if (!rows[0]) throw new Error(`workflow ${workflowId} has no version ${version}`);
      return compileWorkflow(workflowId, version, rows[0].graph, runtime);
    });
    const reviews = new SqlReviewHooks(sql, (review) =>
      bus.publishReview({
        type: 'review.created',
        reviewId: review.id,
        runId: review.runId,
        workflowId: review.workflowId,
        nodeId: review.nodeId,
        status: 'pending',
        at: new Date().toISOString(),
      }),
    );
    this.orchestrator = new Orchestrator({
      store: this.store,
      bus,
      queue,
      workflows: this.workflows,
      runtime,
      services,
      reviews,
      onError: (message) => ENGINE_LOG.error(message),
      options: {
        ...DEFAULT_ENGINE_OPTIONS,
        workerId: `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
        ...options,
      },
    });
  }

  /** Checks run inputs against every `input` node of the workflow (defaults applied). */
  validateInputs(workflow: CompiledWorkflow, inputs: Record<string, unknown>): InputsCheck {
    const value: Record<string, unknown> = { ...inputs };
    const issues: Issue[] = [];
    for (const exec of workflow.nodes.values()) {
      if (!exec.definition.providesRunInputs) continue;
      const checked = this.validateRunInputs(exec.node.data, inputs);
      Object.assign(value, checked.value);
      issues.push(...checked.issues);
    }
    return { ok: issues.length === 0, value, issues };
  }

  /** A run canceled before any worker held it: its open reviews close with it. */
  async onCanceledDirectly(runId: string): Promise<void> {
    await this.store.closeOpenReviews(runId, 'canceled');
  }
}
