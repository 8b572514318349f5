import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../contracts/tasks.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TaskProgress, TaskStatusBadge, unitName } from '../agreements/bits.tsx';
import { useMyTasks } from '../agreements/queries.ts';

const GROUPS = ['overdue', 'week', 'month', 'later', 'none'] as const;
type DueGroup = (typeof GROUPS)[number];

export function groupOf(task: Task, today = dayjs()): DueGroup {
  if (task.overdue) return 'overdue';
  if (!task.dueDate || task.timeframe.kind === 'recurring') return 'none';
  const due = dayjs(task.dueDate);
  if (!due.isAfter(today.endOf('week'))) return 'week';
  if (!due.isAfter(today.endOf('month'))) return 'month';
  return 'later';
}

export function MyTasksPage() {
  const { t } = useTranslation();
  const { data, isPending, error } = useMyTasks();
  const groups = new Map<DueGroup, Task[]>();
  for (const task of data ?? []) {
    const g = groupOf(task);
    groups.set(g, [...(groups.get(g) ?? []), task]);
  }
  return (
    <>
      <PageTitle>{t('agr.myTasks')}</PageTitle>
      {error && (
        <Alert color="red" title={t('common.error')}>
          {error.message}
        </Alert>
      )}
      {isPending && <Loader aria-label={t('app.loading')} />}
      {data && data.length === 0 && <Text>{t('tasks.empty')}</Text>}
      <Stack gap="lg">
        {GROUPS.filter((g) => groups.has(g)).map((g) => (
          <section key={g} aria-labelledby={`group-${g}`}>
            <Title order={2} size="h4" id={`group-${g}`} c={g === 'overdue' ? 'red.8' : undefined} mb="xs">
              {t(`tasks.groups.${g}`)} ({groups.get(g)?.length})
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
