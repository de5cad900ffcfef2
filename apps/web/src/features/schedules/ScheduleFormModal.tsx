import {
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import type { CreateScheduleBody, ScheduleView } from '@flowpress/shared';
import { useSaveSchedule } from '../../api/useSaveSchedule';
import { useWorkflow } from '../../api/useWorkflow';
import { useWorkflows } from '../../api/useWorkflows';
import { CronEditor } from './CronEditor';
import { inputFieldsOfGraph } from './graphInputFields';
import { ScheduleInputs, inputsForSave } from './ScheduleInputs';

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
// The runtime's list leaves out aliases such as "UTC"; keep the viewer's own zone selectable.
const ZONES: string[] = (() => {
  let list: string[] = [];
  try {
    list = Intl.supportedValuesOf('timeZone');
  } catch {
    // very old runtimes: the two below still work
  }
  return [...new Set([viewerZone, 'UTC', ...list])];
})();

/** `datetime-local` text in the viewer's zone ↔ ISO instants. */
const toLocalInput = (iso: string | null) => {
  const d = iso ? new Date(iso) : new Date(Date.now() + 3_600_000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

interface Props {
  /** Editing this one; else creating. */
  schedule?: ScheduleView;
  /** Fixed workflow (the editor's panel); else picked in the form. */
  workflowId?: string;
  onClose(): void;
}

/** Create or change a schedule: when (cron presets or once), zone, inputs, policies. */
export function ScheduleFormModal({ schedule, workflowId: fixedWorkflow, onClose }: Props) {
  const workflows = useWorkflows();
  const [workflowId, setWorkflowId] = useState(schedule?.workflowId ?? fixedWorkflow ?? '');
  const workflow = useWorkflow(workflowId || undefined);
  const fields = useMemo(() => inputFieldsOfGraph(workflow.data?.graph), [workflow.data]);
  const [name, setName] = useState(schedule?.name ?? '');
  const [once, setOnce] = useState(Boolean(schedule?.runAt));
  const [cron, setCron] = useState(schedule?.cron ?? '0 8 * * 1-5');
  const [runAt, setRunAt] = useState(toLocalInput(schedule?.runAt ?? null));
  const [timezone, setTimezone] = useState(schedule?.timezone ?? viewerZone);
  const [inputs, setInputs] = useState<Record<string, unknown>>(schedule?.inputs ?? {});
  const [overlap, setOverlap] = useState(schedule?.overlap ?? 'skip');
  const [missed, setMissed] = useState(schedule?.missed ?? 'skip');
  const [enabled, setEnabled] = useState(schedule?.enabled ?? true);
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useSaveSchedule();

  const submit = () => {
    setLocalError(null);
    let body: CreateScheduleBody;
    try {
      body = {
        name: name.trim() || null,
        ...(once ? { runAt: new Date(runAt).toISOString(), cron: null } : { cron, runAt: null }),
        timezone,
        inputs: inputsForSave(fields, inputs),
        overlap,
        missed,
        enabled,
      };
    } catch {
      setLocalError('An input holds JSON that does not parse: fix it and save again.');
      return;
    }
    save.mutate(
      { ...(schedule ? { id: schedule.id } : {}), workflowId, body },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            title: schedule ? 'Schedule saved' : 'Schedule created',
            message: saved.description,
          });
          onClose();
        },
      },
    );
  };

  const error = localError ?? save.error?.message;
  return (
    <Modal
      opened
      onClose={onClose}
      title={schedule ? 'Edit schedule' : 'New schedule'}
      size="lg"
      centered
    >
      <Stack>
        {!fixedWorkflow && !schedule ? (
          <Select
            label="Workflow"
            placeholder="Pick the workflow to run"
            data={(workflows.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
            value={workflowId || null}
            onChange={(v) => setWorkflowId(v ?? '')}
            searchable
            data-testid="schedule-workflow"
          />
        ) : null}
        <TextInput
          label="Name"
          placeholder="Weekday newsletter"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="schedule-name"
        />
        <SegmentedControl
          data={[
            { value: 'repeat', label: 'Repeats' },
            { value: 'once', label: 'Once' },
          ]}
          value={once ? 'once' : 'repeat'}
          onChange={(v) => setOnce(v === 'once')}
          data-testid="schedule-kind"
        />
        <Select
          label="Time zone"
          data={ZONES}
          value={timezone}
          onChange={(v) => v && setTimezone(v)}
          searchable
          allowDeselect={false}
          data-testid="schedule-timezone"
        />
        {once ? (
          <TextInput
            type="datetime-local"
            label={`Runs once at (your time, ${viewerZone})`}
            value={runAt}
            onChange={(e) => setRunAt(e.currentTarget.value)}
            data-testid="schedule-run-at"
          />
        ) : (
          <CronEditor cron={cron} timezone={timezone} onChange={setCron} />
        )}
        <Divider label="Inputs for each run" labelPosition="left" />
        <ScheduleInputs fields={fields} values={inputs} onChange={setInputs} />
        <Divider label="When runs overlap or are missed" labelPosition="left" />
        <Group grow>
          <Select
            label="Previous run still going"
            data={[
              { value: 'skip', label: 'Skip this fire' },
              { value: 'queue', label: 'Run after it' },
              { value: 'allow', label: 'Run anyway' },
            ]}
            value={overlap}
            onChange={(v) => v && setOverlap(v as typeof overlap)}
            allowDeselect={false}
          />
          <Select
            label="Server was down at fire time"
            data={[
              { value: 'skip', label: 'Skip missed fires' },
              { value: 'run_once', label: 'Run once on start' },
            ]}
            value={missed}
            onChange={(v) => v && setMissed(v as typeof missed)}
            allowDeselect={false}
          />
        </Group>
        <Switch
          label="Enabled"
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
        />
        {error ? (
          <Alert
            color="red"
            variant="light"
            title="The schedule was not saved"
            data-testid="schedule-save-error"
          >
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={submit}
            loading={save.isPending}
            disabled={!workflowId}
            data-testid="save-schedule"
          >
            {schedule ? 'Save' : 'Create schedule'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
