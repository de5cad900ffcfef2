import { Badge, NavLink, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import {
  IconBooks,
  IconCalendarMonth,
  IconCalendarTime,
  IconChecklist,
  IconDatabase,
  IconHistory,
  IconKey,
  IconSettings,
  IconTopologyStar3,
  type Icon,
} from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { ROLE_RANK, type Role } from '@flowpress/shared';
import { useMe } from '../api/useMe';
import { usePendingReviews } from '../api/usePendingReviews';
import classes from './NavBar.module.css';

interface Item {
  to: string;
  label: string;
  icon: Icon;
  hint: string;
  /** Hidden from roles below this one. */
  minRole?: Role;
}

const ITEMS: Item[] = [
  {
    to: '/workflows',
    label: 'Workflows',
    icon: IconTopologyStar3,
    hint: 'Build and edit your content flows',
  },
  { to: '/runs', label: 'Runs', icon: IconHistory, hint: 'Every run and what it produced' },
  {
    to: '/reviews',
    label: 'Reviews',
    icon: IconChecklist,
    hint: 'Drafts waiting for your decision',
  },
  { to: '/content', label: 'Library', icon: IconBooks, hint: 'Published pieces' },
  {
    to: '/knowledge',
    label: 'Knowledge',
    icon: IconDatabase,
    hint: 'Documents your drafts can quote',
  },
  {
    to: '/schedules',
    label: 'Schedules',
    icon: IconCalendarTime,
    hint: 'Workflows that run on time',
  },
  {
    to: '/calendar',
    label: 'Calendar',
    icon: IconCalendarMonth,
    hint: 'What is planned and what went out',
  },
  {
    to: '/credentials',
    label: 'Credentials',
    icon: IconKey,
    hint: 'Keys for models and publishing targets',
    minRole: 'editor',
  },
  { to: '/settings', label: 'Settings', icon: IconSettings, hint: 'Your account and workspace' },
];

function PendingBadge({ count }: { count: number | null | undefined }) {
  if (!count) return null;
  return (
    <Badge
      size="sm"
      circle={count < 10}
      color="red"
      variant="filled"
      aria-label={`${count} pending reviews`}
      data-testid="pending-reviews-badge"
    >
      {count > 99 ? '99+' : count}
    </Badge>
  );
}

export function NavBar({ compact }: { compact: boolean }) {
  const { pathname } = useLocation();
  const me = useMe();
  const mayReview = me.data ? ROLE_RANK[me.data.role] >= ROLE_RANK.reviewer : false;
  const reviews = usePendingReviews(mayReview);
  const pending = reviews.data ? reviews.data.length : null;

  return (
    <Stack gap={4} p={compact ? 8 : 'sm'} pt="md" h="100%">
      {!compact ? (
        <Text
          size="xs"
          fw={600}
          c="dimmed"
          tt="uppercase"
          px="sm"
          pb={4}
          style={{ letterSpacing: '0.04em' }}
        >
          Workspace
        </Text>
      ) : null}
      {ITEMS.filter(
        (item) => !item.minRole || (me.data && ROLE_RANK[me.data.role] >= ROLE_RANK[item.minRole]),
      ).map((item) => {
        const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
        const count = item.to === '/reviews' ? pending : null;
        if (compact) {
          return (
            <Tooltip key={item.to} label={item.label} position="right">
              <UnstyledButton
                component={Link}
                to={item.to}
                className={classes.rail}
                data-active={active || undefined}
                aria-label={item.label}
              >
                <item.icon size={20} stroke={1.7} />
                {count ? (
                  <span
                    className={classes.dot}
                    aria-label={`${count} pending reviews`}
                    data-testid="pending-reviews-dot"
                  />
                ) : null}
              </UnstyledButton>
            </Tooltip>
          );
        }
        return (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            title={item.hint}
            active={active}
            leftSection={<item.icon size={19} stroke={1.7} />}
            rightSection={<PendingBadge count={count} />}
            className={classes.link}
          />
        );
      })}
    </Stack>
  );
}
