import { Badge, Tooltip } from '@mantine/core';
import type { KnowledgeBaseView } from '@flowpress/shared';

/** How this knowledge base is searched, said plainly: nothing pretends to be semantic. */
export function SearchModeNote({ search }: { search: KnowledgeBaseView['search'] }) {
  return search.vector ? (
    <Tooltip label={`Full-text search plus vector similarity (${search.embeddingModel})`}>
      <Badge variant="light" color="grape" tt="none" data-testid="search-mode">
        Words + meaning
      </Badge>
    </Tooltip>
  ) : (
    <Tooltip
      label={search.reason ? `Full-text search only: ${search.reason}` : 'Full-text search only'}
      multiline
      w={320}
    >
      <Badge variant="light" color="gray" tt="none" data-testid="search-mode">
        Full-text search
      </Badge>
    </Tooltip>
  );
}
