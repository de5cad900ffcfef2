import {
  Badge,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
  useMantineColorScheme,
} from '@mantine/core';
import { useMe } from '../../api/useMe';
import { PageHeader } from '../../ui/PageHeader';
import { SystemStatus } from './SystemStatus';

export function SettingsPage() {
  const me = useMe();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <>
      <PageHeader title="Settings" description="Your account and how Flowpress looks for you." />
      <Stack maw={640}>
        <Paper withBorder radius="lg" p="lg">
          <Title order={4} mb="sm">
            Your account
          </Title>
          <Group justify="space-between">
            <div>
              <Text fw={600}>{me.data?.name || me.data?.email}</Text>
              <Text size="sm" c="dimmed">
                {me.data?.email}
              </Text>
            </div>
            <Badge variant="light">{me.data?.role}</Badge>
          </Group>
        </Paper>
        <Paper withBorder radius="lg" p="lg">
          <Title order={4} mb="sm">
            Appearance
          </Title>
          <SegmentedControl
            value={colorScheme}
            onChange={(v) => setColorScheme(v as 'light' | 'dark' | 'auto')}
            data={[
              { label: 'Light', value: 'light' },
              { label: 'Dark', value: 'dark' },
              { label: 'Match my system', value: 'auto' },
            ]}
          />
        </Paper>
        <SystemStatus />
        <Paper withBorder radius="lg" p="lg">
          <Title order={4} mb={4}>
            Users and API keys
          </Title>
          <Text size="sm" c="dimmed">
            Inviting teammates and creating API keys for integrations will live here. Until then an
            admin can use the API (POST /api/users, POST /api/api-keys).
          </Text>
        </Paper>
      </Stack>
    </>
  );
}
