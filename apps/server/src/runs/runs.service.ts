import { HttpStatus, Injectable } from '@nestjs/common';
import type { RunView } from '@flowpress/shared';
import { ApiException, ValidationFailed } from '../http/index.js';
import { EngineCore, type SubmitOptions, type SubmittedRun } from '../engine/engine-core.js';
import { EngineError } from '../engine/engine-errors.js';
import { Lifecycle } from '../http/lifecycle.js';

export type CreatedRun = SubmittedRun;

/** The engine's refusals as HTTP answers; anything else is a real failure and stays one. */
export function httpError(error: unknown): never {
  if (error instanceof EngineError) {
    if (error.kind === 'invalid') throw new ValidationFailed(error.message, error.issues);
    throw new ApiException(
      error.kind === 'not_found' ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT,
      error.message,
    );
  }
  throw error;
}

/** The API side of runs: a thin translation of HTTP calls to the engine, which owns the run's life. */
@Injectable()
export class RunsService {
  constructor(
    private readonly engine: EngineCore,
    private readonly lifecycle: Lifecycle,
  ) {}

  create(
    workflowId: string,
    inputs: Record<string, unknown>,
    options: SubmitOptions,
  ): Promise<CreatedRun> {
    return this.engine.submit(workflowId, inputs, options).catch(httpError);
  }

  /**
   * Creates a run and answers when it ends or waits for review (`done: true`), or with its state
   * so far at the timeout.
   */
  async createAndWait(
    workflowId: string,
    inputs: Record<string, unknown>,
    options: SubmitOptions & { timeoutMs: number },
  ): Promise<{ run: RunView; done: boolean }> {
    const { timeoutMs, ...submit } = options;
    return this.engine
      .submitAndWait(workflowId, inputs, submit, timeoutMs, this.lifecycle.signal)
      .catch(httpError);
  }

  get(runId: string): Promise<RunView> {
    return this.engine.getRun(runId).catch(httpError);
  }

  list(filter: Parameters<EngineCore['listRuns']>[0]): Promise<RunView[]> {
    return this.engine.listRuns(filter);
  }

  /** Cancels a run: at once when no worker holds it, else by asking its worker to abort. */
  cancel(runId: string): Promise<RunView> {
    return this.engine.cancel(runId).catch(httpError);
  }
}
