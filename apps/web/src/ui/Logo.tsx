import { Group, Text } from '@mantine/core';

export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <defs>
        <linearGradient id="fp-logo" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#6971dc" />
          <stop offset="1" stopColor="#303aaa" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#fp-logo)" />
      <path d="M9 10h8M9 16h14M9 22h10" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      <circle cx="22" cy="10" r="2.5" fill="#fff" />
    </svg>
  );
}

export function Logo({ label = 'Flowpress' }: { label?: string }) {
  return (
    <Group gap={10} wrap="nowrap">
      <LogoMark />
      <Text fw={700} size="lg" style={{ letterSpacing: '-0.01em' }}>
        {label}
      </Text>
    </Group>
  );
}
