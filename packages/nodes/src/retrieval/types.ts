/**
 * What the knowledge search service answers, shared by the `retrieval` step and the server's
 * `GET /api/knowledge-bases/:id/search` (the endpoint returns exactly what the step receives).
 */

/** Which ranking found a passage: Postgres full text, vector similarity, or both (fused). */
export type RetrievalMethod = 'fulltext' | 'vector' | 'hybrid';

/** Where a passage sits in its document: character offsets and the headings above it. */
export interface ChunkPosition {
  start: number;
  end: number;
  headings: string[];
}

export interface RetrievedPassage {
  content: string;
  title: string;
  /** 0–1, relative within one answer (reciprocal-rank fused, normalised to the best hit). */
  score: number;
  documentId: string;
  chunkIndex: number;
  position: ChunkPosition;
  method: RetrievalMethod;
  /** The passage with the matching words wrapped in `<mark>` (full-text hits only). */
  highlight?: string;
}

export interface KnowledgeSearchRequest {
  knowledgeBaseId: string;
  query: string;
  topK: number;
  minScore?: number;
  signal?: AbortSignal;
}

export interface KnowledgeSearchAnswer {
  passages: RetrievedPassage[];
  /** The methods this knowledge base could use for this query (no vectors: `['fulltext']`). */
  methods: RetrievalMethod[];
}

/** The server's knowledge search, handed to nodes through `NodeServices.knowledge`. */
export interface KnowledgeSearch {
  search(request: KnowledgeSearchRequest): Promise<KnowledgeSearchAnswer>;
}
