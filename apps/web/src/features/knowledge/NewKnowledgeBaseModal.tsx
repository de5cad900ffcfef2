import { Alert, Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { KNOWLEDGE_LANGUAGES, type KnowledgeLanguage } from '@flowpress/shared';
import { useState } from 'react';
import { useCreateKnowledgeBase } from '../../api/useCreateKnowledgeBase';

const label = (l: string) => l.charAt(0).toUpperCase() + l.slice(1);

/** Name, what it holds, and the language its words are stemmed in. */
export function NewKnowledgeBaseModal({ onClose }: { onClose(createdId?: string): void }) {
  const create = useCreateKnowledgeBase();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [language, setLanguage] = useState<KnowledgeLanguage>('english');
  return (
    <Modal opened onClose={() => onClose()} title="New knowledge base" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, description, language }, { onSuccess: (kb) => onClose(kb.id) });
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            placeholder="Product sheets"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
            data-testid="kb-name"
          />
          <Textarea
            label="What it holds"
            placeholder="Datasheets and FAQs for the spring range"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Select
            label="Language"
            description="Words are matched in this language (plural and singular alike)."
            data={KNOWLEDGE_LANGUAGES.map((l) => ({
              value: l,
              label: l === 'simple' ? 'Any (no stemming)' : label(l),
            }))}
            value={language}
            onChange={(v) => v && setLanguage(v as KnowledgeLanguage)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          {create.error ? (
            <Alert color="red" variant="light" title="Not created">
              {create.error.message}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={!name.trim()}
              data-testid="create-kb"
            >
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
