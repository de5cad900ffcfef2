/** Query keys in one place so mutations invalidate exactly what they change. */
export const queryKeys = {
  me: ['me'] as const,
  nodeTypes: ['node-types'] as const,
  workflows: ['workflows'] as const,
  workflow: (id: string) => ['workflows', id] as const,
  versions: (id: string) => ['workflows', id, 'versions'] as const,
  runs: (filter: { workflowId?: string; status?: string } = {}) => ['runs', filter] as const,
  allRuns: ['runs'] as const,
  allReviews: ['reviews'] as const,
  pendingReviews: ['reviews', 'pending'] as const,
  reviews: (filter: object) => ['reviews', 'list', filter] as const,
  review: (id: string) => ['reviews', 'item', id] as const,
  runReviews: (runId: string) => ['reviews', 'run', runId] as const,
  asset: (id: string) => ['asset', id] as const,
  library: ['library'] as const,
  credentials: ['credentials'] as const,
  knowledgeBases: ['knowledge'] as const,
  knowledgeBase: (id: string) => ['knowledge', id] as const,
  knowledgeDocuments: (id: string) => ['knowledge', id, 'documents'] as const,
  knowledgeChunks: (id: string, documentId: string) =>
    ['knowledge', id, 'documents', documentId, 'chunks'] as const,
  knowledgeSearch: (id: string, q: string, topK: number) =>
    ['knowledge', id, 'search', q, topK] as const,
};
