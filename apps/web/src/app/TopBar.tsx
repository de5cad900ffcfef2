import { Avatar, Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconSettings } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../api/useMe';
import { closeSocket } from '../realtime/socket';
import { useSessionStore } from '../stores/sessionStore';
import { ColorSchemeToggle } from '../ui/ColorSchemeToggle';
import { Logo } from '../ui/Logo';

const ROLE_LABEL: Record<string, string> = {
  admin: 'Admin',
  editor: 'Editor',
  reviewer: 'Reviewer',
  viewer: 'Viewer',
};

export function TopBar() {
  const me = useMe();
  const signOut = useSessionStore((s) => s.signOut);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const user = me.data;
  const name = user?.name || user?.email || '…';

  const logOut = () => {
    // The server also keeps a login cookie (used for images); clear it too.
    void fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    closeSocket();
    signOut();
    queryClient.clear();
    void navigate('/login');
  };

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <UnstyledButton component={Link} to="/workflows" aria-label="Flowpress home">
        <Logo />
      </UnstyledButton>
      <Group gap="sm" wrap="nowrap">
        <ColorSchemeToggle />
        <Menu position="bottom-end" width={220} shadow="md">
          <Menu.Target>
            <UnstyledButton data-testid="user-menu" px={6} py={4} style={{ borderRadius: 8 }}>
              <Group gap={10} wrap="nowrap">
                <Avatar size={32} radius="xl" color="brand" name={name} />
                <div style={{ lineHeight: 1.2 }}>
                  <Text size="sm" fw={600} lineClamp={1} maw={200}>
                    {name}
                  </Text>
                  {user ? (
                    <Badge
                      size="xs"
                      variant="light"
                      color="brand"
                      tt="none"
                      data-testid="user-role"
                    >
                      {ROLE_LABEL[user.role] ?? user.role}
                    </Badge>
                  ) : null}
                </div>
                <IconChevronDown size={14} />
              </Group>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{user?.email}</Menu.Label>
            <Menu.Item component={Link} to="/settings" leftSection={<IconSettings size={16} />}>
              Settings
            </Menu.Item>
            <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={logOut}>
              Log out
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Group>
  );
}
