/**
 * Embeddings in the background: after a document's chunks are committed (searchable by full
 * text at once), its chunks without a vector are embedded in batches, progress is written to the
 * document row and announced on the socket. One document at a time per process; on start-up,
 * documents left `embedding` (a restart mid-way) are taken up again where they stopped.
 */
import type { Embeddings } from '@langchain/core/embeddings';
import type { KnowledgeDocumentEvent, KnowledgeDocumentStatus } from '@flowpress/shared';
import type { Sql } from '../engine/run-store.js';

export const EMBED_BATCH = 64;

export interface EmbeddingModel {
  /** Stored with each vector: rows are compared within one model only. */
  name: string;
  /** Built (and LangChain imported) on the first call; the same instance after that. */
  embeddings(): Promise<Embeddings>;
}

export type DocumentEventSink = (event: KnowledgeDocumentEvent) => void;

export class KnowledgeEmbedder {
  private chain: Promise<void> = Promise.resolve();
  private readonly queued = new Set<string>();
  private stopped = false;

  constructor(
    private readonly sql: Sql,
    private readonly model: EmbeddingModel,
    private readonly announce: DocumentEventSink,
    private readonly onError: (message: string) => void,
  ) {}

  /** Queues a document; a document already queued is not queued twice. */
  enqueue(documentId: string): void {
    if (this.queued.has(documentId) || this.stopped) return;
    this.queued.add(documentId);
    this.chain = this.chain
      .then(() => this.embedDocument(documentId))
      .finally(() => this.queued.delete(documentId));
  }

  /** Documents left half-embedded by an earlier process. */
  async resumePending(): Promise<number> {
    const rows = await this.sql.query<{ id: string }>(
      `SELECT id FROM documents WHERE status = 'embedding' ORDER BY created_at`,
    );
    for (const row of rows) this.enqueue(row.id);
    return rows.length;
  }

  /** Resolves when everything queued so far is done (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.chain;
  }

  private async embedDocument(documentId: string): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) return;
        const batch = await this.sql.query<{
          id: string;
          knowledge_base_id: string;
          title: string;
          heading_text: string;
          content: string;
        }>(
          `SELECT c.id, c.knowledge_base_id, c.title, c.heading_text, c.content
             FROM chunks c LEFT JOIN chunk_embeddings e ON e.chunk_id = c.id AND e.model = $2
            WHERE c.document_id = $1 AND e.chunk_id IS NULL
            ORDER BY c.chunk_index LIMIT $3`,
          [documentId, this.model.name, EMBED_BATCH],
        );
        if (batch.length === 0) break;
        // The title and headings go in too: a passage means more with what it is under.
        const embeddings = await this.model.embeddings();
        const vectors = await embeddings.embedDocuments(
          batch.map((c) => [c.title, c.heading_text, c.content].filter(Boolean).join('\n')),
        );
        if (vectors.length !== batch.length)
          throw new Error(
            `the embedding model answered ${vectors.length} vectors for ${batch.length} passages`,
          );
        await this.sql.query(
          `INSERT INTO chunk_embeddings (chunk_id, knowledge_base_id, model, embedding)
           SELECT u.id, $2, $3, u.v::vector FROM unnest($1::uuid[], $4::text[]) AS u(id, v)
           ON CONFLICT (chunk_id) DO UPDATE SET model = EXCLUDED.model, embedding = EXCLUDED.embedding`,
          [
            batch.map((c) => c.id),
            batch[0]!.knowledge_base_id,
            this.model.name,
            vectors.map((v) => `[${v.join(',')}]`),
          ],
        );
        await this.report(documentId, 'embedding', null);
      }
      await this.report(documentId, 'ready', null);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.onError(`embedding document ${documentId} failed: ${message}`);
      await this.report(
        documentId,
        'failed',
        `Embedding failed (${message}); full-text search still finds this document. Upload it again to retry.`,
      ).catch((e: unknown) =>
        this.onError(`recording the failure of ${documentId} failed too: ${String(e)}`),
      );
    }
  }

  /** Writes status and progress (embedded / all chunks) and announces them. */
  private async report(
    documentId: string,
    status: KnowledgeDocumentStatus,
    error: string | null,
  ): Promise<void> {
    const rows = await this.sql.query<{
      knowledge_base_id: string;
      chunk_count: number;
      progress: number;
    }>(
      `UPDATE documents d SET status = $2, error = $3, updated_at = now(),
              progress = CASE WHEN d.chunk_count = 0 THEN 1 ELSE
                (SELECT count(*) FROM chunk_embeddings e JOIN chunks c ON c.id = e.chunk_id
                  WHERE c.document_id = d.id AND e.model = $4)::real / d.chunk_count END
        WHERE d.id = $1
        RETURNING d.knowledge_base_id, d.chunk_count, d.progress`,
      [documentId, status, error, this.model.name],
    );
    const row = rows[0];
    if (!row) return; // deleted meanwhile: its chunks went with it
    this.announce({
      type: 'knowledge.document',
      knowledgeBaseId: row.knowledge_base_id,
      documentId,
      status,
      progress: Number(row.progress),
      chunkCount: row.chunk_count,
      error,
      at: new Date().toISOString(),
    });
  }
}
