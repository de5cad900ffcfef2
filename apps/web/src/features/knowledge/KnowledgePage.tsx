import { Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconBooks, IconPlus } from '@tabler/icons-react';
import { ROLE_RANK, type KnowledgeBaseView } from '@flowpress/shared';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useKnowledgeBases } from '../../api/useKnowledgeBases';
import { useMe } from '../../api/useMe';
import { relativeTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { NewKnowledgeBaseModal } from './NewKnowledgeBaseModal';
import { SearchModeNote } from './SearchModeNote';

function KnowledgeBaseCard({ kb }: { kb: KnowledgeBaseView }) {
  return (
    <Card
      withBorder
      radius="lg"
      padding="lg"
      component={Link}
      to={`/knowledge/${kb.id}`}
      data-testid="kb-card"
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} truncate>
            {kb.name}
          </Text>
          <SearchModeNote search={kb.search} />
        </Group>
        <Text size="sm" c="dimmed" lineClamp={2} mih={40}>
          {kb.description || 'No description'}
        </Text>
        <Text size="xs" c="dimmed">
          {kb.documentCount} document{kb.documentCount === 1 ? '' : 's'} · {kb.chunkCount} passages
          · updated {relativeTime(kb.updatedAt)}
        </Text>
      </Stack>
    </Card>
  );
}

/** `/knowledge`: the team's own material that retrieval steps search. */
export function KnowledgePage() {
  const me = useMe();
  const canWrite = me.data ? ROLE_RANK[me.data.role] >= ROLE_RANK.editor : false;
  const bases = useKnowledgeBases();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const add = canWrite ? (
    <Button
      leftSection={<IconPlus size={16} />}
      onClick={() => setCreating(true)}
      data-testid="new-kb"
    >
      New knowledge base
    </Button>
  ) : null;
  return (
    <>
      <PageHeader
        title="Knowledge"
        description="Product sheets, guides and past posts your drafts can quote. A knowledge-search step finds the passages; reviewers see them as sources."
        actions={add}
      />
      <QueryState
        query={bases}
        what="Knowledge bases"
        empty={{
          icon: <IconBooks size={28} />,
          title: 'No knowledge bases yet',
          description: 'Create one and drop in your documents (Markdown, text, HTML, PDF or Word).',
          action: add ?? undefined,
        }}
      >
        {(list) => (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {list.map((kb) => (
              <KnowledgeBaseCard key={kb.id} kb={kb} />
            ))}
          </SimpleGrid>
        )}
      </QueryState>
      {creating ? (
        <NewKnowledgeBaseModal
          onClose={(id) => {
            setCreating(false);
            if (id) void navigate(`/knowledge/${id}`);
          }}
        />
      ) : null}
    </>
  );
}
