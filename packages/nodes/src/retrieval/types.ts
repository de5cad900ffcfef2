/**
 * What the knowledge search service answers, shared by the `retrieval` step and the server's
 * `GET /api/knowledge-bases/:id/search` (the endpoint returns exactly what the step receives).
 */

import type { RetrievalMethod, RetrievedPassage } from '@flowpress/shared';

export type { ChunkPosition, RetrievalMethod, RetrievedPassage } from '@flowpress/shared';

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
