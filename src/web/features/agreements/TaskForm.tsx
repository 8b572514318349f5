import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECURRENCES, TIMEFRAME_KINDS, type Timeframe } from '../../../contracts/tasks.ts';
import { api } from '../../api.ts';
import { UnitMultiSelect, UnitSelect } from '../../components/UnitSelect.tsx';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { agrKeys, type Section, type TaskDetail, useAgreement, useSections } from './queries.ts';

/** A unit offered besides the user's own tree (the tree holds only the user's scope). */
export type UnitRef = { id: number; name: string };

interface TaskValues {
  sectionId: string | null;
  title: string;
  description: string;
  expectedOutput: string;
  kind: Timeframe['kind'];
  year: number | string;
  period: string;
  recurrence: string;
  start: string;
  due: string;
  lead: number | null;
  cooperating: number[];
  implementing: number[];
  version: number;
}

function valuesOf(task: TaskDetail | null, year: number | null, sectionId: number | null): TaskValues {
  const tf = task?.timeframe;
  const section = task ? task.sectionId : sectionId;
  return {
    sectionId: section === null ? null : String(section),
    title: task?.title ?? '',
    description: task?.description ?? '',
    expectedOutput: task?.expectedOutput ?? '',
    kind: tf?.kind ?? 'year',
    year: tf && 'year' in tf ? tf.year : (year ?? new Date().getFullYear()),
    period: String(tf?.kind === 'quarter' ? tf.quarter : tf?.kind === 'half' ? tf.half : 1),
    recurrence: tf?.kind === 'recurring' ? tf.recurrence : 'ongoing',
    start: tf?.kind === 'range' ? tf.start : '',
    due: tf?.kind === 'range' || tf?.kind === 'date' ? tf.due : '',
    lead: task?.lead.id ?? null,
    cooperating: task?.cooperating.map((u) => u.id) ?? [],
    implementing: task?.implementing.map((u) => u.id) ?? [],
    version: task?.version ?? 0,
  };
}

function timeframeOf(v: TaskValues): Timeframe {
  const year = Number(v.year);
  switch (v.kind) {
    case 'date':
      return { kind: 'date', due: v.due };
    case 'range':
      return { kind: 'range', start: v.start, due: v.due };
    case 'quarter':
      return { kind: 'quarter', year, quarter: Number(v.period) };
    case 'half':
      return { kind: 'half', year, half: Number(v.period) };
    case 'recurring':
      return { kind: 'recurring', year, recurrence: v.recurrence as (typeof RECURRENCES)[number] };
    default:
      return { kind: 'year', year };
  }
}

/** The server's field paths → the form's fields. */
const FIELD_OF: Record<string, keyof TaskValues> = {
  sectionId: 'sectionId',
  title: 'title',
  description: 'description',
  expectedOutput: 'expectedOutput',
  timeframe: 'kind',
  'timeframe.due': 'due',
  'timeframe.start': 'start',
  'timeframe.year': 'year',
  'timeframe.quarter': 'period',
  'timeframe.half': 'period',
  leadUnitId: 'lead',
  cooperatingUnitIds: 'cooperating',
  implementingUnitIds: 'implementing',
};

/**
 * "Someone else saved first": the user's values stay in the form; the reload button takes the
 * latest version (and, in forms that merge, the other person's values for untouched fields).
 */
export function ConflictNotice({ reloaded, onReload }: { reloaded: boolean; onReload: () => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  // The notice sits at the top of a long form: bring it into view when it appears.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  // A dark title and a default button: orange text fails 4.5:1 on the alert's light background.
  return (
    <Alert
      ref={ref}
      color="orange"
      role="alert"
      title={t('taskEdit.conflictTitle')}
      styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}
    >
      <Text size="sm">{reloaded ? t('taskEdit.conflictReloaded') : t('taskEdit.conflictBody')}</Text>
      {!reloaded && (
        <Button
          mt="xs"
          size="xs"
          variant="default"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onReload();
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('taskEdit.reloadLatest')}
        </Button>
      )}
    </Alert>
  );
}

interface FormProps {
  agreementId: number;
  year: number | null;
  sections: Section[];
  /** Editing this task; creating when absent. */
  task: TaskDetail | null;
  /** The section a new task goes into. */
  sectionId: number | null;
  /** The agreement's parties and the task's units. */
  extraUnits: readonly UnitRef[];
  onClose: () => void;
}

function TaskFormBody({ agreementId, year, sections, task, sectionId, extraUnits, onClose }: FormProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<TaskValues>({
    initialValues: valuesOf(task, year, sectionId),
    validate: {
      title: (v) => (v.trim() ? null : t('taskEdit.required')),
      lead: (v) => (v === null ? t('taskEdit.required') : null),
      due: (v, all) => ((all.kind === 'date' || all.kind === 'range') && !v ? t('taskEdit.required') : null),
      start: (v, all) => (all.kind === 'range' && !v ? t('taskEdit.required') : null),
    },
  });
  const [busy, setBusy] = useState(false);
  const [needsConfirm, setNeedsConfirm] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [conflict, setConflict] = useState<'no' | 'yes' | 'reloaded'>('no');
  const v = form.getValues();

  const fieldsForm = {
    setFieldError: (path: string, message: string) => {
      form.setFieldError(FIELD_OF[path] ?? FIELD_OF[path.split('.')[0] ?? ''] ?? path, message);
      if (path === 'leadUnitId' && !task) setNeedsConfirm(true);
    },
    getValues: () => FIELD_OF,
  };

  /** The latest task; fields the user changed keep the typed values, the others take the new ones. */
  const reload = async () => {
    if (!task) return;
    const latest = await api.get<TaskDetail>(`/api/tasks/${task.id}`).catch((e: unknown) => {
      showApiError(e);
      return null;
    });
    if (!latest) return;
    qc.setQueryData(agrKeys.task(task.id), latest);
    const fresh = valuesOf(latest, year, sectionId);
    const current = form.getValues();
    const merged = { ...fresh };
    for (const key of Object.keys(fresh) as Array<keyof TaskValues>) {
      if (key !== 'version' && form.isDirty(key)) Object.assign(merged, { [key]: current[key] });
    }
    form.setInitialValues(fresh);
    form.setValues(merged);
    setConflict('reloaded');
  };

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    const common = {
      sectionId: values.sectionId ? Number(values.sectionId) : null,
      title: values.title,
      description: values.description,
      expectedOutput: values.expectedOutput,
      timeframe: timeframeOf(values),
      cooperatingUnitIds: values.cooperating,
      implementingUnitIds: values.implementing,
    };
    try {
      if (task) {
        const saved = await api.patch<TaskDetail>(`/api/tasks/${task.id}`, {
          ...common,
          version: values.version,
        });
        qc.setQueryData(agrKeys.task(task.id), saved);
        notifySuccess(t('taskEdit.saved'));
      } else {
        await api.post(`/api/agreements/${agreementId}/tasks`, {
          ...common,
          description: values.description || undefined,
          expectedOutput: values.expectedOutput || undefined,
          leadUnitId: values.lead,
          confirmDelegatedLead: confirmed || undefined,
        });
        notifySuccess(t('tasks.created'));
      }
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: agrKeys.all });
      onClose();
    } catch (e) {
      if (isConflict(e)) setConflict('yes');
      else showApiError(e, fieldsForm);
    } finally {
      setBusy(false);
    }
  });

  const sectionOptions = sections.map((s) => ({ value: String(s.id), label: s.title }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {conflict !== 'no' && <ConflictNotice reloaded={conflict === 'reloaded'} onReload={reload} />}
        {sections.length > 0 && (
          <Select
            label={t('tasks.section')}
            clearable
            data={sectionOptions}
            {...form.getInputProps('sectionId')}
          />
        )}
        <Textarea label={t('tasks.title')} required autosize {...form.getInputProps('title')} />
        <Textarea label={t('tasks.description')} autosize {...form.getInputProps('description')} />
        <TextInput label={t('tasks.expectedOutput')} {...form.getInputProps('expectedOutput')} />
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('tasks.timeframe')}
            allowDeselect={false}
            data={TIMEFRAME_KINDS.map((k) => ({ value: k, label: t(`tasks.tfKinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          {v.kind === 'range' && (
            <TextInput type="date" label={t('tasks.start')} required {...form.getInputProps('start')} />
          )}
          {(v.kind === 'range' || v.kind === 'date') && (
            <TextInput type="date" label={t('tasks.due')} required {...form.getInputProps('due')} />
          )}
          {v.kind !== 'range' && v.kind !== 'date' && (
            <NumberInput label={t('tasks.year')} min={1990} max={2100} {...form.getInputProps('year')} />
          )}
          {(v.kind === 'quarter' || v.kind === 'half') && (
            <Select
              label={v.kind === 'quarter' ? t('tasks.quarter') : t('tasks.half')}
              allowDeselect={false}
              data={v.kind === 'quarter' ? ['1', '2', '3', '4'] : ['1', '2']}
              {...form.getInputProps('period')}
            />
          )}
          {v.kind === 'recurring' && (
            <Select
              label={t('tasks.recurrence')}
              allowDeselect={false}
              data={RECURRENCES.map((r) => ({ value: r, label: t(`tasks.recurrences.${r}`) }))}
              {...form.getInputProps('recurrence')}
            />
          )}
        </Group>
        {task ? (
          <Text size="sm">
            <b>{t('tasks.lead')}:</b> {task.lead.name}{' '}
            <Text span size="xs" c="dimmed">
              ({t('taskEdit.leadViaReassign')})
            </Text>
          </Text>
        ) : (
          <>
            <UnitSelect
              label={t('tasks.lead')}
              required
              value={v.lead}
              onChange={(lead) => form.setFieldValue('lead', lead)}
              directory
              extraUnits={extraUnits}
              error={form.errors.lead}
            />
            {needsConfirm && (
              <Checkbox
                label={t('tasks.confirmDelegatedLead')}
                checked={confirmed}
                onChange={(e) => setConfirmed(e.currentTarget.checked)}
              />
            )}
          </>
        )}
        <UnitMultiSelect
          label={t('tasks.cooperating')}
          value={v.cooperating}
          onChange={(ids) => form.setFieldValue('cooperating', ids)}
          directory
          extraUnits={extraUnits}
          error={form.errors.cooperating}
        />
        <UnitMultiSelect
          label={t('tasks.implementing')}
          value={v.implementing}
          onChange={(ids) => form.setFieldValue('implementing', ids)}
          directory
          extraUnits={extraUnits}
          error={form.errors.implementing}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {task ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface CreateProps {
  agreementId: number;
  year: number | null;
  sections: Section[];
  /** Pre-selects this section (the "add task" button of a section). */
  sectionId?: number | null;
  /** The agreement's parties (often the lead or a cooperating unit, outside the user's tree). */
  parties: readonly UnitRef[];
  opened: boolean;
  onClose: () => void;
}

/** New task: time frame as written in plans; a non-party lead needs an explicit confirmation. */
export function TaskCreateModal({
  agreementId,
  year,
  sections,
  sectionId,
  parties,
  opened,
  onClose,
}: CreateProps) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('tasks.add')} size="lg" fullScreen={narrow}>
      {opened && (
        <TaskFormBody
          agreementId={agreementId}
          year={year}
          sections={sections}
          task={null}
          sectionId={sectionId === undefined ? (sections[0]?.id ?? null) : sectionId}
          extraUnits={parties}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

/** The units a task's forms offer besides the user's tree: the agreement's parties and the task's units. */
export function useTaskUnits(task: TaskDetail) {
  const agreement = useAgreement(task.agreementId);
  const units = useMemo(
    () => [
      ...(agreement.data?.partyDetails.map((p) => p.unit) ?? []),
      task.lead,
      ...task.cooperating,
      ...task.implementing,
    ],
    [agreement.data, task],
  );
  return { units, year: agreement.data?.year ?? null };
}

/** Edits a task's fields with its version: a stale version shows the conflict notice, the typed values kept. */
export function TaskEditModal({
  task,
  opened,
  onClose,
}: {
  task: TaskDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  const sections = useSections(task.agreementId);
  const { units, year } = useTaskUnits(task);
  return (
    <Modal opened={opened} onClose={onClose} title={t('taskEdit.title')} size="lg" fullScreen={narrow}>
      {opened && (
        <TaskFormBody
          agreementId={task.agreementId}
          year={year}
          sections={[...(sections.data ?? [])].sort((a, b) => a.position - b.position)}
          task={task}
          sectionId={task.sectionId}
          extraUnits={units}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}
