import { z } from 'zod';

/** Knowledge bases (CONTRACT §2 `/api/knowledge-bases…`): bodies, answers and the socket event. */

/** Text-search configurations every Postgres ships (`pg_ts_config`); `simple` does no stemming. */
export const KNOWLEDGE_LANGUAGES = [
  'simple',
  'english',
  'german',
  'french',
  'spanish',
  'italian',
  'dutch',
  'portuguese',
  'swedish',
  'danish',
  'norwegian',
  'finnish',
  'russian',
] as const;
export type KnowledgeLanguage = (typeof KNOWLEDGE_LANGUAGES)[number];

/** What ingestion accepts, by file extension. */
export const KNOWLEDGE_FILE_TYPES = ['md', 'txt', 'html', 'pdf', 'docx'] as const;
export type KnowledgeFileType = (typeof KNOWLEDGE_FILE_TYPES)[number];
/** A document's format: a file type, or `text` for a JSON `{title, text}` body. */
export type KnowledgeDocumentType = KnowledgeFileType | 'text';

export const createKnowledgeBaseBodySchema = z
  .object({
    name: z.string().trim().min(1, 'name the knowledge base').max(200),
    description: z.string().trim().max(2000).default(''),
    language: z.enum(KNOWLEDGE_LANGUAGES).default('english'),
    /** Characters per chunk and the overlap between neighbours. */
    chunkSize: z.number().int().min(200).max(8000).default(1000),
    chunkOverlap: z.number().int().min(0).max(2000).default(150),
  })
  .refine((b) => b.chunkOverlap < b.chunkSize, {
    path: ['chunkOverlap'],
    message: 'the overlap must be smaller than the chunk size',
  });
export type CreateKnowledgeBaseBody = z.infer<typeof createKnowledgeBaseBodySchema>;

/** `POST …/documents` as JSON: pasted text, or a URL to fetch (through the outbound guard). */
export const addDocumentBodySchema = z.union([
  z.object({
    title: z.string().trim().min(1, 'give the document a title').max(300),
    text: z.string().min(1, 'the text is empty'),
    source: z.string().trim().max(2000).optional(),
  }),
  z.object({
    url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL' }),
    title: z.string().trim().min(1).max(300).optional(),
  }),
]);
export type AddDocumentBody = z.infer<typeof addDocumentBodySchema>;

export const knowledgeSearchQuerySchema = z.object({
  q: z.string().trim().min(1, 'q: say what to search for').max(2000),
  topK: z.coerce.number().int().min(1).max(50).default(4),
  minScore: z.coerce.number().min(0).max(1).optional(),
});
export type KnowledgeSearchQuery = z.infer<typeof knowledgeSearchQuerySchema>;

/** Which ranking found a passage: Postgres full text, vector similarity, or both (fused). */
export type RetrievalMethod = 'fulltext' | 'vector' | 'hybrid';

/** Where a passage sits in its document: character offsets and the headings above it. */
export interface ChunkPosition {
  start: number;
  end: number;
  headings: string[];
}

/** One ranked passage: what `GET …/search` answers and the retrieval step's `documents` hold. */
export interface RetrievedPassage {
  content: string;
  title: string;
  /** 0–1: reciprocal-rank fused, 1 for a passage every method ranked first. */
  score: number;
  documentId: string;
  chunkIndex: number;
  position: ChunkPosition;
  method: RetrievalMethod;
  /** The best fragments with the matching words in `<mark>` (full-text hits only). */
  highlight?: string;
}

export interface KnowledgeBaseView {
  id: string;
  name: string;
  description: string;
  language: KnowledgeLanguage;
  chunkSize: number;
  chunkOverlap: number;
  documentCount: number;
  chunkCount: number;
  /** How this knowledge base is searched: full text always; vectors when both an embedding model and the `vector` extension exist. */
  search: { fullText: true; vector: boolean; embeddingModel: string | null; reason: string | null };
  createdAt: string;
  updatedAt: string;
}

/** `ready`: searchable by full text (and by vectors when embedded); `embedding`: vectors being computed; `failed`: embedding failed (full text still works). */
export type KnowledgeDocumentStatus = 'ready' | 'embedding' | 'failed';

export interface KnowledgeDocumentView {
  id: string;
  knowledgeBaseId: string;
  title: string;
  source: string | null;
  type: KnowledgeDocumentType;
  sizeBytes: number;
  chunkCount: number;
  status: KnowledgeDocumentStatus;
  /** 0–1: the share of chunks embedded (1 without embeddings). */
  progress: number;
  error: string | null;
  /** True when this upload replaced a document with the same title or source. */
  replaced?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface KnowledgeChunkView {
  id: string;
  chunkIndex: number;
  content: string;
  position: { start: number; end: number; headings: string[] };
  embedded: boolean;
}

/** Socket event `knowledge.document`: a document's status or embedding progress changed. */
export interface KnowledgeDocumentEvent {
  type: 'knowledge.document';
  knowledgeBaseId: string;
  documentId: string;
  status: KnowledgeDocumentStatus | 'deleted';
  progress: number;
  chunkCount: number;
  error: string | null;
  at: string;
}
