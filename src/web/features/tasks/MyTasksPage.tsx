import { Alert, Anchor, Badge, Button, Card, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, TASK_UNIT_ROLES, type Task } from '../../../contracts/tasks.ts';
import { api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TaskProgress, TaskStatusBadge, unitName } from '../agreements/bits.tsx';
import { agrKeys } from '../agreements/queries.ts';
import { UpcomingMeetings } from '../meetings/UpcomingMeetings.tsx';
import { ExportTasksButton } from './ExportTasksButton.tsx';

const GROUPS = ['overdue', 'month', 'quarter', 'later', 'none', 'recurring', 'done', 'cancelled'] as const;
type DueGroup = (typeof GROUPS)[number];

const endOfQuarter = (d: Dayjs) => d.month(Math.floor(d.month() / 3) * 3 + 2).endOf('month');

/** Overdue first, then by due date (this month, this quarter, later), open-ended, recurring; finished last. */
export function groupOf(task: Task, today = dayjs()): DueGroup {
  if (task.overdue) return 'overdue';
  if (task.status === 'done' || task.status === 'done_late') return 'done';
  if (task.status === 'cancelled') return 'cancelled';
  if (task.timeframe.kind === 'recurring') return 'recurring';
  if (!task.dueDate) return 'none';
  const due = dayjs(task.dueDate);
  if (!due.isAfter(today.endOf('month'))) return 'month';
  if (!due.isAfter(endOfQuarter(today))) return 'quarter';
  return 'later';
}

const STATUS_FILTERS = ['open', 'overdue', ...TASK_STATUSES] as const;
/** One page large enough for a unit's year; the server orders overdue first. */
const LIMIT = 500;

export function MyTasksPage() {
  const { t } = useTranslation();
  const [role, setRole] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // The same filters for the list and its Excel export (mine: the units in my scope).
  const filters = { mine: true, role, status };
  const { data, isPending, error } = useQuery({
    queryKey: [...agrKeys.myTasks, { role, status }],
    queryFn: () =>
      api.get<{ items: Task[]; total: number }>('/api/tasks/mine', { role, status, limit: LIMIT }),
    placeholderData: keepPreviousData,
  });
  const shown = data?.items ?? [];
  const groups = new Map<DueGroup, Task[]>();
  for (const task of shown) {
    const g = groupOf(task);
    groups.set(g, [...(groups.get(g) ?? []), task]);
  }
  return (
    <>
      <PageTitle>{t('agr.myTasks')}</PageTitle>
      <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
        <Select
          label={t('tasks.myRoles')}
          clearable
          placeholder={t('common.all')}
          value={role}
          onChange={setRole}
          data={TASK_UNIT_ROLES.map((r) => ({ value: r, label: t(`tasks.roles.${r}`) }))}
          w={{ base: '100%', xs: 180 }}
        />
        <Select
          label={t('tasks.status')}
          clearable
          placeholder={t('common.all')}
          value={status}
          onChange={setStatus}
          data={STATUS_FILTERS.map((s) => ({
            value: s,
            label:
              s === 'open'
                ? t('myWork.open')
                : s === 'overdue'
                  ? t('tasks.overdue')
                  : t(`tasks.statuses.${s}`),
          }))}
          w={{ base: '100%', xs: 200 }}
        />
        <ExportTasksButton filters={filters} />
      </Group>
      {error && (
        <Alert color="red" title={t('common.error')}>
          {error.message}
        </Alert>
      )}
      {isPending && <Loader aria-label={t('app.loading')} />}
      {data && shown.length === 0 && <Text>{t('tasks.empty')}</Text>}
      {data && data.total > shown.length && (
        <Text size="sm" mb="sm">
          {t('myWork.someOf', { n: shown.length, total: data.total })}
        </Text>
      )}
      <Stack gap="lg">
        <UpcomingMeetings />
        {GROUPS.filter((g) => groups.has(g)).map((g) => (
          <section key={g} aria-labelledby={`group-${g}`}>
            <Title order={2} size="h4" id={`group-${g}`} c={g === 'overdue' ? 'red.9' : undefined} mb="xs">
              {t(`myWork.groups.${g}`)} ({groups.get(g)?.length})
            </Title>
            <Stack gap="xs">
              {groups.get(g)?.map((task) => (
                <Card key={task.id} withBorder padding="sm" component="article" data-task-id={task.id}>
                  <Anchor component={Link} to={`/tasks/${task.id}`} fw={600}>
                    {task.title}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {t('tasks.agreement')}:{' '}
                    <Anchor component={Link} to={`/agreements/${task.agreementId}`} size="sm">
                      {task.agreementSubject}
                    </Anchor>
                  </Text>
                  <Group gap={6} mt={4} wrap="wrap">
                    {task.myRoles.map((r) => (
                      <Badge key={r} variant="outline" color="brand">
                        {t(`tasks.roles.${r}`)}
                      </Badge>
                    ))}
                    <TaskStatusBadge task={task} />
                    <Text size="sm">
                      {t('tasks.lead')}: {unitName(task.lead)}
                    </Text>
                    <Text size="sm">· {task.timeframeLabel}</Text>
                  </Group>
                  <Group gap="sm" mt={6} justify="space-between" wrap="nowrap">
                    <div style={{ flex: 1 }}>
                      <TaskProgress value={task.progress} />
                    </div>
                    {task.abilities.postUpdate && (
                      <Button
                        size="xs"
                        variant="light"
                        component={Link}
                        to={`/tasks/${task.id}`}
                        hash="update"
                      >
                        {t('tasks.quickUpdate')}
                      </Button>
                    )}
                  </Group>
                </Card>
              ))}
            </Stack>
          </section>
        ))}
      </Stack>
    </>
  );
}
