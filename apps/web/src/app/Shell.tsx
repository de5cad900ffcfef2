import { AppShell } from '@mantine/core';
import { ROLE_RANK } from '@flowpress/shared';
import { Outlet, useLocation } from 'react-router';
import { useMe } from '../api/useMe';
import { useReviewEvents } from '../realtime/useReviewEvents';
import { NavBar } from './NavBar';
import { TopBar } from './TopBar';

/** The frame around every signed-in page: top bar, left navigation, content. */
export function Shell() {
  const { pathname } = useLocation();
  const me = useMe();
  // Review counts and queues stay live for everyone who may decide reviews.
  useReviewEvents(me.data ? ROLE_RANK[me.data.role] >= ROLE_RANK.reviewer : false);
  // The editor needs the room: the navigation shrinks to icons and the page fills the frame.
  const compact = /^\/workflows\/[^/]+/.test(pathname);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: compact ? 64 : 232, breakpoint: 0 }}
      padding={0}
    >
      <AppShell.Header>
        <TopBar />
      </AppShell.Header>
      <AppShell.Navbar>
        <NavBar compact={compact} />
      </AppShell.Navbar>
      <AppShell.Main
        style={{
          height: compact ? '100dvh' : undefined,
          minHeight: '100dvh',
          background: compact
            ? undefined
            : 'light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))',
        }}
      >
        {compact ? (
          <div style={{ height: 'calc(100dvh - 56px)' }}>
            <Outlet />
          </div>
        ) : (
          <div style={{ maxWidth: 1200, margin: '0 auto', padding: '32px 32px 64px' }}>
            <Outlet />
          </div>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
