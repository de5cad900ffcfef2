import { Alert, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useSchedulePreview } from '../../api/useSchedulePreview';
import {
  PRESET_LABELS,
  WEEKDAYS,
  cronToPreset,
  presetToCron,
  switchPreset,
  type Preset,
} from './cronPresets';

interface Props {
  cron: string;
  timezone: string;
  onChange(cron: string): void;
}

/** Presets (hourly, daily at, weekdays at, weekly on, monthly on) or a raw cron, with its preview. */
export function CronEditor({ cron, timezone, onChange }: Props) {
  const preset = cronToPreset(cron);
  const set = (p: Preset) => onChange(presetToCron(p));
  const time = (p: Extract<Preset, { time: string }>) => (
    <TextInput
      type="time"
      label="At"
      value={p.time}
      onChange={(e) => set({ ...p, time: e.currentTarget.value || '00:00' })}
      w={130}
      data-testid="cron-time"
    />
  );
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm">
        <Select
          label="Repeats"
          data={Object.entries(PRESET_LABELS).map(([value, label]) => ({ value, label }))}
          value={preset.kind}
          onChange={(kind) => kind && set(switchPreset(preset, kind as Preset['kind']))}
          allowDeselect={false}
          w={180}
          data-testid="cron-preset"
        />
        {preset.kind === 'hourly' ? (
          <NumberInput
            label="Minute past the hour"
            min={0}
            max={59}
            value={preset.minute}
            onChange={(v) => set({ ...preset, minute: Math.min(59, Math.max(0, Number(v) || 0)) })}
            w={170}
          />
        ) : null}
        {preset.kind === 'weekly' ? (
          <Select
            label="Day"
            data={WEEKDAYS.map((label, i) => ({ value: String(i), label }))}
            value={String(preset.weekday)}
            onChange={(v) => v && set({ ...preset, weekday: Number(v) })}
            allowDeselect={false}
            w={150}
          />
        ) : null}
        {preset.kind === 'monthly' ? (
          <NumberInput
            label="Day of the month"
            min={1}
            max={31}
            value={preset.day}
            onChange={(v) => set({ ...preset, day: Math.min(31, Math.max(1, Number(v) || 1)) })}
            w={150}
          />
        ) : null}
        {'time' in preset ? time(preset) : null}
      </Group>
      <TextInput
        label="Cron"
        description="5 fields (minute hour day month weekday), or 6 with seconds first"
        value={cron}
        onChange={(e) => onChange(e.currentTarget.value)}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        data-testid="cron-input"
      />
      <CronPreview cron={cron} timezone={timezone} />
    </Stack>
  );
}

/** The schedule as a sentence and its next 5 fires, from the server (the same code that fires). */
function CronPreview({ cron, timezone }: { cron: string; timezone: string }) {
  const [debounced] = useDebouncedValue(cron, 300);
  const preview = useSchedulePreview(debounced, timezone);
  if (preview.isError) {
    return (
      <Alert color="red" variant="light" title="This cron does not work" data-testid="cron-error">
        {preview.error.message}
      </Alert>
    );
  }
  if (!preview.data) return null;
  return (
    <Stack gap={4} data-testid="cron-preview">
      <Text fw={600} size="sm" data-testid="cron-description">
        {preview.data.description}, {preview.data.timezone}
      </Text>
      <Text size="xs" c="dimmed">
        Next fires
      </Text>
      {preview.data.fires.map((f) => (
        <Group key={f.at} gap="xs" data-testid="cron-fire">
          <Text size="sm" ff="monospace">
            {f.local}
          </Text>
          <Text size="xs" c="dimmed">
            {inFuture(f.at)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** "in 3 h", "in 2 days": relative times for the future. */
export function inFuture(iso: string, now = Date.now()): string {
  const s = Math.round((new Date(iso).getTime() - now) / 1000);
  if (s < 60) return s <= 1 ? 'in a moment' : `in ${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `in ${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return `in ${h} h`;
  return `in ${Math.round(h / 24)} days`;
}
