import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type {
  CreateWorkflowBody,
  UpdateWorkflowBody,
  WorkflowFile,
  WorkflowGraph,
  WorkflowVersionView,
  WorkflowView,
} from '@flowpress/shared';
import { ApiException } from '../http/api-error.js';
import { NodeTypesService } from '../node-types/node-types.service.js';
import { CredentialsService } from '../credentials/credentials.service.js';
import { assertValidGraph } from './graph-validation.js';
import { WorkflowEntity, WorkflowVersionEntity } from './workflow.entity.js';

/** One immutable saved state, as the engine pins it. */
export interface WorkflowVersionRecord {
  workflowId: string;
  version: number;
  name: string;
  graph: WorkflowGraph;
  createdAt: Date;
  createdBy: string | null;
}

export interface WorkflowVersionDetail extends WorkflowVersionView {
  name: string;
  graph: WorkflowGraph;
}

export function toWorkflowView(w: WorkflowEntity): WorkflowView {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    graph: w.graph,
    version: w.currentVersion,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

async function insertVersion(
  m: EntityManager,
  workflowId: string,
  version: number,
  graph: WorkflowGraph,
  name: string,
  userId: string | null,
): Promise<void> {
  await m.query(
    `INSERT INTO "workflow_versions" ("workflow_id", "version", "graph", "name", "created_by") VALUES ($1, $2, $3, $4, $5)`,
    [workflowId, version, JSON.stringify(graph), name, userId],
  );
}

const notFound = (id: string) => new ApiException(HttpStatus.NOT_FOUND, `Workflow ${id} not found`);

@Injectable()
export class WorkflowsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly nodeTypes: NodeTypesService,
    private readonly credentials: CredentialsService,
  ) {}

  async list(): Promise<WorkflowView[]> {
    const rows = await this.dataSource.getRepository(WorkflowEntity).find({
      where: { deletedAt: IsNull() },
      order: { updatedAt: 'DESC' },
    });
    return rows.map(toWorkflowView);
  }

  /** A live (not deleted) workflow; 404 otherwise. */
  async get(id: string): Promise<WorkflowView> {
    return toWorkflowView(await this.live(this.dataSource.manager, id));
  }

  /** Validates the graph (400 with every issue, nothing stored) and stores version 1. */
  async create(
    body: CreateWorkflowBody,
    userId: string | null,
    manager?: EntityManager,
  ): Promise<WorkflowView> {
    const graph = assertValidGraph(body.graph, this.nodeTypes.catalog);
    await this.credentials.assertGraphBound(graph);
    const work = async (m: EntityManager) => {
      const workflow = await m.getRepository(WorkflowEntity).save(
        m.getRepository(WorkflowEntity).create({
          name: body.name,
          description: body.description ?? null,
          currentVersion: 1,
          graph,
          createdBy: userId,
          deletedAt: null,
        }),
      );
      await insertVersion(m, workflow.id, 1, graph, workflow.name, userId);
      return toWorkflowView(workflow);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  /**
   * Stores a new immutable version. With `baseVersion`, refuses (409) when someone saved since,
   * so two editors never silently overwrite each other.
   */
  async update(
    id: string,
    body: UpdateWorkflowBody & { baseVersion?: number },
    userId: string | null,
  ): Promise<WorkflowView> {
    const graph =
      body.graph === undefined ? undefined : assertValidGraph(body.graph, this.nodeTypes.catalog);
    if (graph) await this.credentials.assertGraphBound(graph);
    return this.dataSource.transaction(async (m) => {
      const workflow = await this.live(m, id, true);
      this.checkBase(workflow, body.baseVersion);
      if (body.name !== undefined) workflow.name = body.name;
      if (body.description !== undefined) workflow.description = body.description;
      return this.saveNewVersion(m, workflow, graph ?? workflow.graph, userId);
    });
  }

  /** A new version whose graph is the one of `version`; the name and description stay. */
  async restore(
    id: string,
    version: number,
    userId: string | null,
    baseVersion?: number,
  ): Promise<WorkflowView> {
    return this.dataSource.transaction(async (m) => {
      const workflow = await this.live(m, id, true);
      this.checkBase(workflow, baseVersion);
      const old = await m
        .getRepository(WorkflowVersionEntity)
        .findOne({ where: { workflowId: id, version } });
      if (!old)
        throw new ApiException(HttpStatus.NOT_FOUND, `Workflow ${id} has no version ${version}`);
      // Node types may have changed since: a graph that is no longer valid is not restored.
      const graph = assertValidGraph(old.graph, this.nodeTypes.catalog);
      await this.credentials.assertGraphBound(graph);
      return this.saveNewVersion(m, workflow, graph, userId);
    });
  }

  /** Soft delete: hidden from the API; versions stay for the runs that pinned them. */
  async remove(id: string): Promise<void> {
    const result = await this.dataSource
      .getRepository(WorkflowEntity)
      .update({ id, deletedAt: IsNull() }, { deletedAt: new Date() });
    if (!result.affected) throw notFound(id);
  }

  async listVersions(id: string): Promise<WorkflowVersionView[]> {
    await this.live(this.dataSource.manager, id);
    const rows = await this.dataSource.getRepository(WorkflowVersionEntity).find({
      where: { workflowId: id },
      select: { workflowId: true, version: true, createdAt: true, createdBy: true },
      order: { version: 'DESC' },
    });
    return rows.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdBy,
    }));
  }

  async versionDetail(id: string, version: number): Promise<WorkflowVersionDetail> {
    await this.live(this.dataSource.manager, id);
    const v = await this.getVersion(id, version);
    if (!v)
      throw new ApiException(HttpStatus.NOT_FOUND, `Workflow ${id} has no version ${version}`);
    return {
      version: v.version,
      name: v.name,
      graph: v.graph,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdBy,
    };
  }

  /**
   * For the engine: one pinned version, also of a deleted workflow (its runs keep working), or
   * null when it does not exist.
   */
  async getVersion(workflowId: string, version: number): Promise<WorkflowVersionRecord | null> {
    const row = await this.dataSource
      .getRepository(WorkflowVersionEntity)
      .findOne({ where: { workflowId, version } });
    return row
      ? {
          workflowId,
          version,
          name: row.name,
          graph: row.graph,
          createdAt: row.createdAt,
          createdBy: row.createdBy,
        }
      : null;
  }

  async exportFile(id: string): Promise<WorkflowFile> {
    const w = await this.live(this.dataSource.manager, id);
    const file: WorkflowFile = { flowpress: 1, name: w.name, graph: w.graph };
    if (w.description !== null) file.description = w.description;
    return file;
  }

  importFile(file: WorkflowFile, userId: string | null): Promise<WorkflowView> {
    return this.create(
      { name: file.name, description: file.description, graph: file.graph },
      userId,
    );
  }

  /** How many workflows exist, deleted ones included. */
  count(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.getRepository(WorkflowEntity).count();
  }

  private async live(m: EntityManager, id: string, forUpdate = false): Promise<WorkflowEntity> {
    const workflow = await m.getRepository(WorkflowEntity).findOne({
      where: { id, deletedAt: IsNull() },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!workflow) throw notFound(id);
    return workflow;
  }

  private checkBase(workflow: WorkflowEntity, baseVersion: number | undefined): void {
    if (baseVersion !== undefined && baseVersion !== workflow.currentVersion) {
      throw new ApiException(
        HttpStatus.CONFLICT,
        `Workflow changed since version ${baseVersion}: it is now at version ${workflow.currentVersion}. Reload it and apply your changes again.`,
      );
    }
  }

  private async saveNewVersion(
    m: EntityManager,
    workflow: WorkflowEntity,
    graph: WorkflowGraph,
    userId: string | null,
  ): Promise<WorkflowView> {
    const version = workflow.currentVersion + 1;
    await insertVersion(m, workflow.id, version, graph, workflow.name, userId);
    workflow.currentVersion = version;
    workflow.graph = graph;
    workflow.updatedAt = new Date();
    await m.getRepository(WorkflowEntity).save(workflow);
    return toWorkflowView(workflow);
  }
}
