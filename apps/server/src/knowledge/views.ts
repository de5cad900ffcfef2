import type {
  KnowledgeBaseView,
  KnowledgeChunkView,
  KnowledgeDocumentView,
  KnowledgeLanguage,
} from '@flowpress/shared';

export interface KnowledgeBaseRow {
  id: string;
  name: string;
  description: string;
  language: string;
  chunk_size: number;
  chunk_overlap: number;
  document_count: number;
  chunk_count: number;
  created_at: Date;
  updated_at: Date;
}

export interface DocumentRow {
  id: string;
  knowledge_base_id: string;
  title: string;
  source: string | null;
  type: KnowledgeDocumentView['type'];
  size_bytes: number;
  chunk_count: number;
  status: KnowledgeDocumentView['status'];
  progress: number;
  error: string | null;
  created_at: Date;
  updated_at: Date;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toKnowledgeBaseView(
  row: KnowledgeBaseRow,
  search: KnowledgeBaseView['search'],
): KnowledgeBaseView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    language: row.language as KnowledgeLanguage,
    chunkSize: row.chunk_size,
    chunkOverlap: row.chunk_overlap,
    documentCount: row.document_count,
    chunkCount: row.chunk_count,
    search,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function toDocumentView(row: DocumentRow): KnowledgeDocumentView {
  return {
    id: row.id,
    knowledgeBaseId: row.knowledge_base_id,
    title: row.title,
    source: row.source,
    type: row.type,
    sizeBytes: row.size_bytes,
    chunkCount: row.chunk_count,
    status: row.status,
    progress: Math.round(Number(row.progress) * 1000) / 1000,
    error: row.error,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function toChunkView(row: {
  id: string;
  chunk_index: number;
  content: string;
  start_offset: number;
  end_offset: number;
  headings: string[];
  embedded: boolean;
}): KnowledgeChunkView {
  return {
    id: row.id,
    chunkIndex: row.chunk_index,
    content: row.content,
    position: { start: row.start_offset, end: row.end_offset, headings: row.headings },
    embedded: row.embedded,
  };
}
