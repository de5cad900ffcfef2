import { NodeError, type NodeExecutor } from '../contract.js';
import type { RetrievalConfig } from './definition.js';
import type { RetrievedPassage } from './types.js';

/**
 * `[1] Title — passage`, one line per passage: what a prompt quotes and cites by number. Markdown
 * heading marks are dropped (the title says where it is from) and whitespace collapsed.
 */
export function numberedContext(passages: readonly RetrievedPassage[]): string {
  const plain = (content: string) =>
    content
      .replace(/^#{1,6}[ \t]+/gm, '')
      .replace(/\s+/g, ' ')
      .trim();
  return passages.map((p, i) => `[${i + 1}] ${p.title} — ${plain(p.content)}`).join('\n\n');
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join('\n');
  return '';
}

/**
 * Searches a knowledge base through `services.knowledge` (the server's search, the same one
 * `GET …/search` answers with) and hands on numbered passages plus the documents behind them.
 */
export const retrievalExecutor: NodeExecutor<RetrievalConfig> = {
  type: 'retrieval',
  async execute(ctx) {
    const { config } = ctx;
    const knowledge = ctx.services.knowledge;
    if (!knowledge) throw new NodeError('knowledge search is not available in this process');
    if (!config.knowledgeBaseId) {
      throw new NodeError('choose the knowledge base this step searches (knowledgeBaseId)', {
        code: 'invalid_config',
      });
    }
    const query = (config.query.trim() || textOf(ctx.inputs['in'])).trim();
    if (!query) {
      throw new NodeError(
        'the query is empty: write one or connect a step whose text to search for',
        {
          code: 'invalid_config',
        },
      );
    }
    const answer = await knowledge.search({
      knowledgeBaseId: config.knowledgeBaseId,
      query,
      topK: config.topK,
      ...(config.minScore !== undefined ? { minScore: config.minScore } : {}),
      signal: ctx.signal,
    });
    const documents = answer.passages;
    if (documents.length === 0) {
      const message = `No passage matched "${query.slice(0, 120)}"${config.minScore !== undefined ? ` with a score of at least ${config.minScore}` : ''}`;
      if (config.failOnEmpty) throw new NodeError(message, { code: 'no_results' });
      ctx.emit({ type: 'log', level: 'warn', message });
      return { output: { context: '', documents, warning: message } };
    }
    return { output: { context: numberedContext(documents), documents } };
  },
};
