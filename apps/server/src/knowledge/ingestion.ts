/**
 * One document into a knowledge base, all or nothing: extract → chunk (outside the transaction)
 * → in one transaction, replace the document with the same title or source (its old chunks go)
 * or insert a new one, and write every chunk. A failure anywhere rolls back, so nothing is left
 * half-ingested.
 */
import { HttpStatus } from '@nestjs/common';
import type { KnowledgeDocumentType } from '@flowpress/shared';
import { ApiException } from '../http/index.js';
import type { Sql } from '../engine/run-store.js';
import { chunkText } from './chunking.js';

export interface IngestRequest {
  knowledgeBaseId: string;
  title: string;
  source: string | null;
  type: KnowledgeDocumentType;
  sizeBytes: number;
  text: string;
  markdown: boolean;
  userId: string | null;
  /** Embeddings will be computed: the document starts as `embedding`. */
  willEmbed: boolean;
}

export interface KnowledgeBaseSettings {
  id: string;
  language: string;
  chunk_size: number;
  chunk_overlap: number;
}

/** Rows per INSERT: keeps each statement's parameter count well under Postgres' 65,535. */
const INSERT_BATCH = 500;

export async function prepareChunks(kb: KnowledgeBaseSettings, text: string, markdown: boolean) {
  const normalised = text.replace(/\r\n?/g, '\n').replaceAll('\u0000', '');
  if (!normalised.trim()) {
    throw new ApiException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'The document has no readable text (a scanned PDF or an empty file?)',
    );
  }
  const chunks = await chunkText(normalised, {
    chunkSize: kb.chunk_size,
    chunkOverlap: kb.chunk_overlap,
    markdown,
  });
  return { text: normalised, chunks };
}

export async function writeDocument(
  sql: Sql,
  kb: KnowledgeBaseSettings,
  request: IngestRequest,
  chunks: Awaited<ReturnType<typeof prepareChunks>>['chunks'],
): Promise<{ id: string; replaced: boolean }> {
  const status = request.willEmbed && chunks.length > 0 ? 'embedding' : 'ready';
  const progress = status === 'embedding' ? 0 : 1;
  const existing = await sql.query<{ id: string }>(
    `SELECT id FROM documents WHERE knowledge_base_id = $1 AND (lower(title) = lower($2) OR ($3::text IS NOT NULL AND source = $3))
      ORDER BY (source IS NOT DISTINCT FROM $3) DESC FOR UPDATE`,
    [kb.id, request.title, request.source],
  );
  let id: string;
  if (existing[0]) {
    id = existing[0].id;
    // A title matching one document and a source matching another: both describe this one now.
    const others = existing.slice(1).map((r) => r.id);
    if (others.length)
      await sql.query(`DELETE FROM documents WHERE id = ANY($1::uuid[])`, [others]);
    await sql.query(`DELETE FROM chunks WHERE document_id = $1`, [id]);
    await sql.query(
      `UPDATE documents SET title = $2, source = $3, type = $4, size_bytes = $5, chunk_count = $6, status = $7,
              progress = $8, error = NULL, created_by = COALESCE($9, created_by), updated_at = now()
        WHERE id = $1`,
      [
        id,
        request.title,
        request.source,
        request.type,
        request.sizeBytes,
        chunks.length,
        status,
        progress,
        request.userId,
      ],
    );
  } else {
    const rows = await sql.query<{ id: string }>(
      `INSERT INTO documents (knowledge_base_id, title, source, type, size_bytes, chunk_count, status, progress, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        kb.id,
        request.title,
        request.source,
        request.type,
        request.sizeBytes,
        chunks.length,
        status,
        progress,
        request.userId,
      ],
    );
    id = rows[0]!.id;
  }
  for (let i = 0; i < chunks.length; i += INSERT_BATCH) {
    const batch = chunks.slice(i, i + INSERT_BATCH);
    await sql.query(
      `INSERT INTO chunks (document_id, knowledge_base_id, chunk_index, title, content, headings, heading_text, start_offset, end_offset, language)
       SELECT $1, $2, u.idx, $3, u.content, COALESCE((SELECT array_agg(h) FROM jsonb_array_elements_text(u.headings) h), '{}'),
              u.heading_text, u.s, u.e, $4::regconfig
         FROM unnest($5::int[], $6::text[], $7::jsonb[], $8::text[], $9::int[], $10::int[]) AS u(idx, content, headings, heading_text, s, e)`,
      [
        id,
        kb.id,
        request.title,
        kb.language,
        batch.map((c) => c.chunkIndex),
        batch.map((c) => c.content),
        batch.map((c) => JSON.stringify(c.headings)),
        batch.map((c) => c.headings.join(' › ')),
        batch.map((c) => c.start),
        batch.map((c) => c.end),
      ],
    );
  }
  await sql.query(`UPDATE knowledge_bases SET updated_at = now() WHERE id = $1`, [kb.id]);
  return { id, replaced: existing.length > 0 };
}
