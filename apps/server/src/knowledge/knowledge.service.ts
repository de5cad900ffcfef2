import {
  HttpStatus,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  AddDocumentBody,
  CreateKnowledgeBaseBody,
  KnowledgeBaseView,
  KnowledgeChunkView,
  KnowledgeDocumentEvent,
  KnowledgeDocumentView,
  KnowledgeFileType,
  KnowledgeSearchQuery,
} from '@flowpress/shared';
import type {
  KnowledgeSearch,
  KnowledgeSearchAnswer,
  KnowledgeSearchRequest,
  RetrievalMethod,
} from '@flowpress/nodes';
import { OutboundError, safeFetch } from '@flowpress/nodes/runtime';
import type { AppConfig } from '../config/config.js';
import { InjectConfig } from '../config/config.module.js';
import { ApiException } from '../http/index.js';
import { inTransaction, poolSql } from '../engine/sql.js';
import type { Sql } from '../engine/run-store.js';
import { KnowledgeEmbedder, type EmbeddingModel } from './embedder.js';
import { embeddingModelFor } from './embedding-model.js';
import { extract, fileTypeOf, htmlToText } from './extract.js';
import { prepareChunks, writeDocument, type KnowledgeBaseSettings } from './ingestion.js';
import { fullTextCandidates, fuse, vectorCandidates } from './search.js';
import {
  toChunkView,
  toDocumentView,
  toKnowledgeBaseView,
  type DocumentRow,
  type KnowledgeBaseRow,
} from './views.js';
import { KnowledgeEvents } from './knowledge.events.js';

export interface UploadedFile {
  /** As the browser sent it (UTF-8), decoded by @fastify/multipart. */
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

const URL_TIMEOUT_MS = 20_000;

/** Knowledge bases, their documents, ingestion and search: the one place the retrieval step asks. */
@Injectable()
export class KnowledgeService implements KnowledgeSearch, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Knowledge');
  private readonly sql: Sql;
  private readonly model: EmbeddingModel | null;
  private vectorReason: string | null;
  private embedder: KnowledgeEmbedder | null = null;

  constructor(
    private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly events: KnowledgeEvents,
  ) {
    this.sql = poolSql(db);
    const chosen = embeddingModelFor(config);
    this.model = chosen.model;
    this.vectorReason = chosen.reason;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.model) return;
    const table = await this.sql.query<{ ok: boolean }>(
      `SELECT to_regclass('chunk_embeddings') IS NOT NULL AS ok`,
    );
    if (!table[0]?.ok) {
      this.vectorReason =
        'the database has no vector extension (install pgvector); searching by full text only';
      this.logger.warn(`FLOWPRESS_EMBEDDING_MODEL is set but ${this.vectorReason}`);
      return;
    }
    this.embedder = new KnowledgeEmbedder(
      this.sql,
      this.model,
      (e) => this.events.publish(e),
      (m) => this.logger.error(m),
    );
    const resumed = await this.embedder.resumePending();
    if (resumed) this.logger.log(`resuming embeddings of ${resumed} document(s)`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.embedder?.stop();
  }

  /** Resolves when background embedding has caught up (tests). */
  async embeddingIdle(): Promise<void> {
    await this.embedder?.idle();
  }

  private searchInfo(): KnowledgeBaseView['search'] {
    return {
      fullText: true,
      vector: this.embedder !== null,
      embeddingModel: this.embedder ? this.model!.name : null,
      reason: this.embedder ? null : this.vectorReason,
    };
  }

  async create(body: CreateKnowledgeBaseBody, userId: string | null): Promise<KnowledgeBaseView> {
    const rows = await this.sql.query<{ id: string }>(
      `INSERT INTO knowledge_bases (name, description, language, chunk_size, chunk_overlap, created_by)
       VALUES ($1, $2, $3::regconfig, $4, $5, $6) RETURNING id`,
      [body.name, body.description, body.language, body.chunkSize, body.chunkOverlap, userId],
    );
    return this.get(rows[0]!.id);
  }

  async list(): Promise<KnowledgeBaseView[]> {
    const rows = await this.sql.query<KnowledgeBaseRow>(
      `${KB_SELECT} GROUP BY kb.id ORDER BY kb.name, kb.created_at`,
    );
    return rows.map((r) => toKnowledgeBaseView(r, this.searchInfo()));
  }

  async get(id: string): Promise<KnowledgeBaseView> {
    const rows = await this.sql.query<KnowledgeBaseRow>(
      `${KB_SELECT} WHERE kb.id = $1 GROUP BY kb.id`,
      [id],
    );
    if (!rows[0]) throw notFound('Knowledge base');
    return toKnowledgeBaseView(rows[0], this.searchInfo());
  }

  async remove(id: string): Promise<void> {
    const rows = await this.sql.query(`DELETE FROM knowledge_bases WHERE id = $1 RETURNING id`, [
      id,
    ]);
    if (!rows.length) throw notFound('Knowledge base');
  }

  private async settings(id: string): Promise<KnowledgeBaseSettings> {
    const rows = await this.sql.query<KnowledgeBaseSettings>(
      `SELECT id, language::text AS language, chunk_size, chunk_overlap FROM knowledge_bases WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw notFound('Knowledge base');
    return rows[0];
  }

  /** A file from a multipart upload (type by extension, then MIME type; 415 otherwise). */
  async addFile(
    knowledgeBaseId: string,
    file: UploadedFile,
    title: string | undefined,
    userId: string,
  ): Promise<KnowledgeDocumentView> {
    const kb = await this.settings(knowledgeBaseId);
    const name = file.originalname;
    const type: KnowledgeFileType = fileTypeOf(name, file.mimetype);
    const extracted = await extract(type, file.buffer);
    const fallbackTitle =
      name
        .replace(/\.[a-z0-9]+$/i, '')
        .replace(/[-_]+/g, ' ')
        .trim() || name;
    return this.ingest(kb, {
      title: title?.trim() || extracted.title || fallbackTitle,
      source: name,
      type,
      sizeBytes: file.size,
      text: extracted.text,
      markdown: extracted.markdown,
      userId,
    });
  }

  /** JSON: pasted `{title, text}`, or `{url}` fetched through the outbound guard. */
  async addJson(
    knowledgeBaseId: string,
    body: AddDocumentBody,
    userId: string | null,
  ): Promise<KnowledgeDocumentView> {
    const kb = await this.settings(knowledgeBaseId);
    if ('text' in body) {
      return this.ingest(kb, {
        title: body.title,
        source: body.source ?? null,
        type: 'text',
        sizeBytes: Buffer.byteLength(body.text),
        text: body.text,
        markdown: /^#{1,6}\s/m.test(body.text),
        userId,
      });
    }
    const fetched = await this.fetchUrl(body.url);
    return this.ingest(kb, {
      ...fetched,
      title: body.title ?? fetched.title,
      source: body.url,
      userId,
    });
  }

  private async fetchUrl(url: string) {
    let response;
    try {
      response = await safeFetch(
        url,
        {
          headers: {
            accept: 'text/html, text/markdown, text/plain, application/pdf;q=0.9, */*;q=0.5',
          },
        },
        {
          allowPrivateNetwork: this.config.allowPrivateNetwork,
          timeoutMs: URL_TIMEOUT_MS,
          maxResponseBytes: this.config.uploadLimitBytes,
        },
      );
    } catch (err) {
      if (err instanceof OutboundError) {
        const status =
          err.code === 'too_large'
            ? HttpStatus.PAYLOAD_TOO_LARGE
            : err.code === 'blocked_address' ||
                err.code === 'blocked_scheme' ||
                err.code === 'invalid_url'
              ? HttpStatus.BAD_REQUEST
              : HttpStatus.BAD_GATEWAY;
        throw new ApiException(status, `Could not import ${url}: ${err.message}`, [
          { path: 'url', message: err.message },
        ]);
      }
      throw err;
    }
    if (!response.ok) {
      throw new ApiException(
        HttpStatus.BAD_GATEWAY,
        `Could not import ${url}: the site answered ${response.status} ${response.statusText}`,
      );
    }
    const pathName = new URL(response.url).pathname;
    const mime = response.headers.get('content-type') ?? undefined;
    // A page's path rarely ends in .html: trust the content type first for URLs.
    const type: KnowledgeFileType = mime?.includes('html')
      ? 'html'
      : fileTypeOf(pathName.endsWith('/') ? 'page.html' : pathName, mime);
    const extracted =
      type === 'html'
        ? await htmlToText(response.body.toString('utf8'))
        : await extract(type, response.body);
    return {
      title: extracted.title ?? new URL(response.url).hostname + pathName,
      type,
      sizeBytes: response.body.length,
      text: extracted.text,
      markdown: extracted.markdown,
    };
  }

  private async ingest(
    kb: KnowledgeBaseSettings,
    doc: {
      title: string;
      source: string | null;
      type: KnowledgeDocumentView['type'];
      sizeBytes: number;
      text: string;
      markdown: boolean;
      userId: string | null;
    },
  ): Promise<KnowledgeDocumentView> {
    const title = doc.title.slice(0, 300);
    const { text, chunks } = await prepareChunks(kb, doc.text, doc.markdown);
    const written = await inTransaction(this.db, (sql) =>
      writeDocument(
        sql,
        kb,
        { ...doc, title, text, knowledgeBaseId: kb.id, willEmbed: this.embedder !== null },
        chunks,
      ),
    );
    const view = {
      ...(await this.document(kb.id, written.id)),
      ...(written.replaced ? { replaced: true } : {}),
    };
    this.announce(view);
    if (this.embedder && view.status === 'embedding') this.embedder.enqueue(view.id);
    return view;
  }

  private announce(
    doc:
      | KnowledgeDocumentView
      | (Pick<KnowledgeDocumentView, 'id' | 'knowledgeBaseId'> & { deleted: true }),
  ): void {
    const event: KnowledgeDocumentEvent =
      'deleted' in doc
        ? {
            type: 'knowledge.document',
            knowledgeBaseId: doc.knowledgeBaseId,
            documentId: doc.id,
            status: 'deleted',
            progress: 1,
            chunkCount: 0,
            error: null,
            at: new Date().toISOString(),
          }
        : {
            type: 'knowledge.document',
            knowledgeBaseId: doc.knowledgeBaseId,
            documentId: doc.id,
            status: doc.status,
            progress: doc.progress,
            chunkCount: doc.chunkCount,
            error: doc.error,
            at: new Date().toISOString(),
          };
    this.events.publish(event);
  }

  async documents(knowledgeBaseId: string): Promise<KnowledgeDocumentView[]> {
    await this.settings(knowledgeBaseId);
    const rows = await this.sql.query<DocumentRow>(
      `SELECT * FROM documents WHERE knowledge_base_id = $1 ORDER BY lower(title)`,
      [knowledgeBaseId],
    );
    return rows.map(toDocumentView);
  }

  async document(knowledgeBaseId: string, id: string): Promise<KnowledgeDocumentView> {
    const rows = await this.sql.query<DocumentRow>(
      `SELECT * FROM documents WHERE knowledge_base_id = $1 AND id = $2`,
      [knowledgeBaseId, id],
    );
    if (!rows[0]) throw notFound('Document');
    return toDocumentView(rows[0]);
  }

  async removeDocument(knowledgeBaseId: string, id: string): Promise<void> {
    const rows = await this.sql.query(
      `DELETE FROM documents WHERE knowledge_base_id = $1 AND id = $2 RETURNING id`,
      [knowledgeBaseId, id],
    );
    if (!rows.length) throw notFound('Document');
    this.announce({ id, knowledgeBaseId, deleted: true });
  }

  async chunks(knowledgeBaseId: string, documentId: string): Promise<KnowledgeChunkView[]> {
    await this.document(knowledgeBaseId, documentId);
    const embedded = this.embedder
      ? `EXISTS (SELECT 1 FROM chunk_embeddings e WHERE e.chunk_id = c.id AND e.model = $2)`
      : 'false';
    const rows = await this.sql.query<Parameters<typeof toChunkView>[0]>(
      `SELECT c.id, c.chunk_index, c.content, c.start_offset, c.end_offset, c.headings, ${embedded} AS embedded
         FROM chunks c WHERE c.document_id = $1 ORDER BY c.chunk_index`,
      this.embedder ? [documentId, this.model!.name] : [documentId],
    );
    return rows.map(toChunkView);
  }

  /** `GET …/search`: exactly what the retrieval step receives. */
  async searchQuery(knowledgeBaseId: string, query: KnowledgeSearchQuery) {
    await this.settings(knowledgeBaseId);
    const answer = await this.search({
      knowledgeBaseId,
      query: query.q,
      topK: query.topK,
      ...(query.minScore !== undefined ? { minScore: query.minScore } : {}),
    });
    return answer.passages;
  }

  /** The retrieval step's service (NodeServices.knowledge). */
  async search(request: KnowledgeSearchRequest): Promise<KnowledgeSearchAnswer> {
    const lists: Parameters<typeof fuse>[0] = [
      {
        method: 'fulltext',
        rows: await fullTextCandidates(this.sql, request.knowledgeBaseId, request.query),
      },
    ];
    const methods: RetrievalMethod[] = ['fulltext'];
    if (this.embedder && this.model) {
      const vector = await (await this.model.embeddings()).embedQuery(request.query);
      lists.push({
        method: 'vector',
        rows: await vectorCandidates(this.sql, request.knowledgeBaseId, this.model.name, vector),
      });
      methods.push('vector');
    }
    return { passages: fuse(lists, request.topK, request.minScore), methods };
  }
}

const KB_SELECT = `
  SELECT kb.id, kb.name, kb.description, kb.language::text AS language, kb.chunk_size, kb.chunk_overlap,
         kb.created_at, kb.updated_at, count(d.id)::int AS document_count, COALESCE(sum(d.chunk_count), 0)::int AS chunk_count
    FROM knowledge_bases kb LEFT JOIN documents d ON d.knowledge_base_id = kb.id`;

const notFound = (what: string) => new ApiException(HttpStatus.NOT_FOUND, `${what} not found`);
