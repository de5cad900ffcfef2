/** The token the engine's NODE_SERVICES factory injects as `services.knowledge` (KnowledgeService). */
export const KNOWLEDGE_SEARCH = Symbol('KNOWLEDGE_SEARCH');
