import { Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useKnowledgeSearch } from '../../api/useKnowledgeSearch';
import { QueryState } from '../../ui/QueryState';
import { PassageList } from '../../ui/PassageList';

/** Ask the knowledge base: the answer is exactly what a retrieval step with this query would get. */
export function SearchPanel({ knowledgeBaseId }: { knowledgeBaseId: string }) {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const results = useKnowledgeSearch(knowledgeBaseId, debounced, 6);
  return (
    <Paper withBorder radius="lg" p="md">
      <Stack>
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder="Ask something a draft would need, e.g. how long does cold brew steep?"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          aria-label="Search this knowledge base"
          data-testid="kb-search"
        />
        {debounced.trim() ? (
          <QueryState
            query={results}
            what="Search results"
            skeletonHeight={120}
            empty={{
              icon: <IconSearch size={24} />,
              title: 'No passage matches',
              description: 'Try other words, or add the document that would answer it.',
            }}
          >
            {(list) => <PassageList passages={list} />}
          </QueryState>
        ) : (
          <Text size="sm" c="dimmed">
            The passages a knowledge-search step would pass to the draft, best first, with the
            matching words highlighted.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
