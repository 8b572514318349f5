import { ActionIcon, Button, Card, Group, Stack, Tabs, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import type { Task } from '../../../contracts/tasks.ts';
import { api } from '../../api.ts';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { ExportTasksButton } from '../tasks/ExportTasksButton.tsx';
import { PlanTable } from './PlanTable.tsx';
import { agrKeys, type Section, useAgreementTasks, useSections } from './queries.ts';
import { TaskCreateModal } from './TaskForm.tsx';
import { TaskTable } from './TaskTable.tsx';

/** `list` with the item at `index` swapped with its neighbour `step` away. */
function swapped<T>(list: T[], index: number, step: -1 | 1): T[] {
  const next = [...list];
  const other = index + step;
  if (other < 0 || other >= next.length) return next;
  [next[index], next[other]] = [next[other] as T, next[index] as T];
  return next;
}

const numbered = (title: string, i: number) => (/^\d/.test(title) ? title : `${i + 1}. ${title}`);

/**
 * The agreement's tasks card: by section (with section and task editing for those who manage
 * the tasks) or as the filterable plan table; the Excel export of the same tasks.
 */
export function PlanTasks({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = agreement.id;
  const manage = agreement.abilities.manageTasks;
  const sections = useSections(id);
  const tasks = useAgreementTasks(id);
  const [adding, setAdding] = useState<{ sectionId?: number | null } | null>(null);

  const allTasks = tasks.data?.items ?? [];
  const bySection = new Map<number | null, Task[]>();
  for (const task of allTasks)
    bySection.set(task.sectionId, [...(bySection.get(task.sectionId) ?? []), task]);
  const sectionList = [...(sections.data ?? [])].sort((x, y) => x.position - y.position);
  const unsectioned = bySection.get(null) ?? [];
  const groups: Task[][] = [...sectionList.map((s) => bySection.get(s.id) ?? []), unsectioned];

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: agrKeys.tasks(id) });
    void qc.invalidateQueries({ queryKey: agrKeys.all });
  };

  // Tasks are numbered 1..n across the plan: send every task, in the order shown.
  const moveTask = useMutation({
    mutationFn: ({ task, step }: { task: Task; step: -1 | 1 }) => {
      const order = groups.flatMap((g) => {
        const i = g.findIndex((x) => x.id === task.id);
        return i < 0 ? g : swapped(g, i, step);
      });
      const listed = new Set(order.map((x) => x.id));
      order.push(...allTasks.filter((x) => !listed.has(x.id)));
      qc.setQueryData(agrKeys.tasks(id), { items: order, total: order.length });
      return api.post(`/api/agreements/${id}/tasks/reorder`, { ids: order.map((x) => x.id) });
    },
    onSuccess: () => notifySuccess(t('sectionsEdit.taskMoved')),
    onError: (e) => showApiError(e),
    onSettled: refresh,
  });

  const moveSection = useMutation({
    mutationFn: ({ index, step }: { index: number; step: -1 | 1 }) =>
      api.post(`/api/agreements/${id}/sections/reorder`, {
        ids: swapped(sectionList, index, step).map((s) => s.id),
      }),
    onSuccess: () => notifySuccess(t('sectionsEdit.moved')),
    onError: (e) => showApiError(e),
    onSettled: refresh,
  });

  if (!manage && allTasks.length === 0 && sectionList.length === 0) return null;
  const planTab = agreement.year !== null && allTasks.length > 0;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4">
          {t('agr.sections')}
        </Title>
        <Group gap="xs">
          {manage && (
            <Button size="xs" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding({})}>
              {t('tasks.add')}
            </Button>
          )}
          {allTasks.length > 0 && <ExportTasksButton filters={{ agreementId: id }} size="xs" />}
        </Group>
      </Group>
      <Tabs defaultValue="sections" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="sections">{t('agr.bySection')}</Tabs.Tab>
          {planTab && <Tabs.Tab value="plan">{t('plan.view')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="sections">
          <Stack gap="lg">
            {allTasks.length === 0 && sectionList.length === 0 && (
              <Text c="dimmed">{t('sectionsEdit.empty')}</Text>
            )}
            {sectionList.map((s, i) => (
              <section key={s.id} aria-label={s.title}>
                {manage ? (
                  <SectionHeading
                    agreementId={id}
                    section={s}
                    index={i}
                    count={sectionList.length}
                    taskCount={bySection.get(s.id)?.length ?? 0}
                    moving={moveSection.isPending}
                    onMove={(step) => moveSection.mutate({ index: i, step })}
                    onAddTask={() => setAdding({ sectionId: s.id })}
                  />
                ) : (
                  <Title order={3} size="h5" mb={6}>
                    {numbered(s.title, i)}
                  </Title>
                )}
                <TaskTable
                  tasks={bySection.get(s.id) ?? []}
                  onMove={manage ? (task, step) => moveTask.mutate({ task, step }) : undefined}
                  moving={moveTask.isPending}
                />
              </section>
            ))}
            {unsectioned.length > 0 && (
              <section aria-label={t('agr.noSection')}>
                {sectionList.length > 0 && (
                  <Title order={3} size="h5" mb={6}>
                    {t('agr.noSection')}
                  </Title>
                )}
                <TaskTable
                  tasks={unsectioned}
                  onMove={manage ? (task, step) => moveTask.mutate({ task, step }) : undefined}
                  moving={moveTask.isPending}
                />
              </section>
            )}
            {manage && <AddSection agreementId={id} />}
          </Stack>
        </Tabs.Panel>
        {planTab && agreement.year !== null && (
          <Tabs.Panel value="plan">
            <PlanTable tasks={allTasks} sections={sectionList} year={agreement.year} />
          </Tabs.Panel>
        )}
      </Tabs>
      {manage && (
        <TaskCreateModal
          agreementId={id}
          year={agreement.year}
          sections={sectionList}
          sectionId={adding?.sectionId}
          parties={agreement.partyDetails.map((p) => p.unit)}
          opened={adding !== null}
          onClose={() => setAdding(null)}
        />
      )}
    </Card>
  );
}

interface TitleFormProps {
  label: string;
  initial?: string;
  submitLabel: string;
  /** Saves the title; a rejection shows the server's message under the field. */
  onSave: (title: string) => Promise<unknown>;
  onCancel?: () => void;
}

/** One title field with its button (a new section, or renaming one). */
function TitleForm({ label, initial = '', submitLabel, onSave, onCancel }: TitleFormProps) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        if (!title.trim()) return setError(t('taskEdit.required'));
        setBusy(true);
        try {
          await onSave(title.trim());
          setTitle(initial);
        } catch (err) {
          showApiError(err, { setFieldError: (_p, m) => setError(m), getValues: () => ({ title }) });
        } finally {
          setBusy(false);
        }
      }}
    >
      <Group align="flex-end" gap="xs" mb={6} wrap="wrap">
        <TextInput
          label={label}
          value={title}
          error={error}
          onChange={(e) => setTitle(e.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
        />
        <Button type="submit" variant={onCancel ? 'filled' : 'light'} loading={busy}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
      </Group>
    </form>
  );
}

function AddSection({ agreementId }: { agreementId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <TitleForm
      label={t('sectionsEdit.newTitle')}
      submitLabel={t('sectionsEdit.add')}
      onSave={async (title) => {
        await api.post(`/api/agreements/${agreementId}/sections`, { title });
        notifySuccess(t('sectionsEdit.added'));
        await qc.invalidateQueries({ queryKey: agrKeys.sections(agreementId) });
      }}
    />
  );
}

interface HeadingProps {
  agreementId: number;
  section: Section;
  index: number;
  count: number;
  taskCount: number;
  moving: boolean;
  onMove: (step: -1 | 1) => void;
  onAddTask: () => void;
}

/** A section's title with rename, move, delete and "add a task here". */
function SectionHeading({
  agreementId,
  section,
  index,
  count,
  taskCount,
  moving,
  onMove,
  onAddTask,
}: HeadingProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: agrKeys.sections(agreementId) });
    void qc.invalidateQueries({ queryKey: agrKeys.tasks(agreementId) });
  };
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/sections/${section.id}`),
    onSuccess: () => {
      setDeleting(false);
      notifySuccess(t('sectionsEdit.deleted'));
      refresh();
    },
    onError: (e) => showApiError(e),
  });

  const icon = (label: string, onClick: () => void, child: React.ReactNode, disabled = false) => (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" size="lg" aria-label={label} disabled={disabled} onClick={onClick}>
        {child}
      </ActionIcon>
    </Tooltip>
  );

  if (editing) {
    return (
      <TitleForm
        label={t('sectionsEdit.title')}
        initial={section.title}
        submitLabel={t('common.save')}
        onCancel={() => setEditing(false)}
        onSave={async (title) => {
          try {
            await api.patch(`/api/sections/${section.id}`, { title, version: section.version });
          } finally {
            refresh();
          }
          setEditing(false);
          notifySuccess(t('sectionsEdit.renamed'));
        }}
      />
    );
  }
  return (
    <>
      <Group justify="space-between" align="center" gap={4} mb={6} wrap="wrap">
        <Title order={3} size="h5" style={{ flex: '1 1 220px' }}>
          {numbered(section.title, index)}
        </Title>
        <Group gap={2} wrap="wrap">
          {icon(
            t('sectionsEdit.moveUp'),
            () => onMove(-1),
            <IconArrowUp size={18} aria-hidden />,
            moving || index === 0,
          )}
          {icon(
            t('sectionsEdit.moveDown'),
            () => onMove(1),
            <IconArrowDown size={18} aria-hidden />,
            moving || index === count - 1,
          )}
          {icon(t('sectionsEdit.rename'), () => setEditing(true), <IconPencil size={18} aria-hidden />)}
          {icon(t('sectionsEdit.delete'), () => setDeleting(true), <IconTrash size={18} aria-hidden />)}
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={onAddTask}
          >
            {t('sectionsEdit.addTask')}
          </Button>
        </Group>
      </Group>
      <ConfirmDelete
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={t('sectionsEdit.deleteTitle')}
        question={t('sectionsEdit.confirmDelete', { title: section.title })}
        details={taskCount > 0 ? t('sectionsEdit.deleteKeepsTasks', { count: taskCount }) : undefined}
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </>
  );
}
