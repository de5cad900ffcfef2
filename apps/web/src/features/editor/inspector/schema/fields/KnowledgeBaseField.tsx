import { Anchor, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useKnowledgeBases } from '../../../../../api/useKnowledgeBases';
import { useKnowledgeSearch } from '../../../../../api/useKnowledgeSearch';
import { PassageList } from '../../../../../ui/PassageList';
import { QueryState } from '../../../../../ui/QueryState';
import type { FieldProps } from '../fieldProps';
import { useFormContext } from '../FormContext';

/** The step's query with its `{{…}}` references left out: a starting point for a sample search. */
const sampleOf = (query: unknown) =>
  typeof query === 'string'
    ? query
        .replace(/\{\{[^}]*\}\}/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    : '';

/** "Try this query": the passages the step would get, for a sample query typed here. */
function TryQuery({ knowledgeBaseId }: { knowledgeBaseId: string }) {
  const { config } = useFormContext();
  const topK = typeof config.topK === 'number' ? config.topK : 4;
  const [draft, setDraft] = useState(() => sampleOf(config.query));
  const [asked, setAsked] = useState('');
  const results = useKnowledgeSearch(knowledgeBaseId, asked, topK);
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput
          size="xs"
          style={{ flex: 1 }}
          label="Try this query"
          placeholder="A sample topic, e.g. cold brew"
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setAsked(draft);
          }}
          data-testid="try-query-input"
        />
        <Button
          size="xs"
          variant="light"
          leftSection={<IconSearch size={14} />}
          onClick={() => setAsked(draft)}
          disabled={!draft.trim()}
          data-testid="try-query"
        >
          Try
        </Button>
      </Group>
      {asked.trim() ? (
        <QueryState
          query={results}
          what="Passages"
          skeletonHeight={80}
          empty={{
            icon: <IconSearch size={20} />,
            title: 'Nothing matches',
            description: 'The step would warn and pass on no context.',
          }}
        >
          {(list) => <PassageList passages={list} compact />}
        </QueryState>
      ) : null}
    </Stack>
  );
}

/** `x-widget: knowledge-base`: a choice of the knowledge bases, and a way to try the query. */
export function KnowledgeBaseField({
  path,
  schema,
  value,
  required,
  label,
  onChange,
  compact,
}: FieldProps) {
  const { errors } = useFormContext();
  const bases = useKnowledgeBases();
  const current = typeof value === 'string' ? value : null;
  const data = (bases.data ?? []).map((kb) => ({
    value: kb.id,
    label: `${kb.name} (${kb.documentCount} docs)`,
  }));
  if (current && !data.some((d) => d.value === current))
    data.push({ value: current, label: 'A knowledge base that is gone' });
  return (
    <Stack gap="xs">
      <Select
        label={label}
        description={
          compact ? undefined : (
            <>
              {schema.description ?? 'Where the step looks for passages.'}{' '}
              <Anchor component={Link} to="/knowledge" size="xs">
                Manage knowledge
              </Anchor>
            </>
          )
        }
        withAsterisk={required}
        error={
          errors.get(path) ?? (bases.isError ? 'Knowledge bases could not be loaded.' : undefined)
        }
        placeholder={data.length ? 'Choose a knowledge base' : 'No knowledge base yet'}
        data={data}
        value={current}
        onChange={(v) => onChange(v ?? undefined)}
        nothingFoundMessage={<Text size="xs">No knowledge base</Text>}
        size={compact ? 'xs' : 'sm'}
        comboboxProps={{ withinPortal: true }}
        data-field={path}
        data-testid="kb-picker"
      />
      {current && !compact ? <TryQuery knowledgeBaseId={current} /> : null}
    </Stack>
  );
}
