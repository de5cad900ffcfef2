import { HttpStatus, Injectable } from '@nestjs/common';
import type { Issue } from '@flowpress/shared';
import { ApiException, ValidationFailed } from '../http/index.js';
import { RunsService, type CreatedRun } from '../runs/runs.service.js';
import type { ScheduleRow } from './schedule-store.js';

const formatIssues = (issues: Issue[]) => issues.map((i) => `${i.path}: ${i.message}`).join('; ');

/**
 * THE place schedules create runs (every fire, and "Run now"): one call into run creation, so
 * re-pointing it (e.g. at an engine `submit(...)`) is a one-line change.
 */
@Injectable()
export class ScheduleLauncher {
  constructor(private readonly runs: RunsService) {}

  /** A fire's run: the workflow's current version, the schedule's inputs, trigger `schedule`. */
  async launch(row: ScheduleRow, fireAt: Date): Promise<{ id: string }> {
    try {
      return await this.create(row, { createdBy: row.created_by, trigger: 'schedule', fireAt });
    } catch (error) {
      // The fire row keeps this message: say what to do about it.
      if (error instanceof ApiException && error.getStatus() === HttpStatus.NOT_FOUND) {
        throw new Error('The workflow was deleted: delete this schedule', { cause: error });
      }
      if (error instanceof ValidationFailed) {
        throw new Error(
          `${error.message}: ${formatIssues(error.issues ?? [])}. Edit the schedule's inputs`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  runNow(row: ScheduleRow, user: { id: string; apiKeyId?: string | null }): Promise<CreatedRun> {
    return this.create(row, {
      createdBy: user.id,
      trigger: user.apiKeyId ? 'api' : 'manual',
      fireAt: null,
    });
  }

  private create(
    row: ScheduleRow,
    o: { createdBy: string | null; trigger: 'schedule' | 'manual' | 'api'; fireAt: Date | null },
  ): Promise<CreatedRun> {
    return this.runs.create(row.workflow_id, row.inputs, {
      createdBy: o.createdBy,
      trigger: o.trigger,
      schedule: { id: row.id, fireAt: o.fireAt },
    });
  }
}
