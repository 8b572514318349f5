import { Card, Checkbox, List, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { isConflict, showApiError } from '../../errors.ts';
import { formatDate } from '../../format.ts';
import { agrKeys, type TaskDetail } from '../agreements/queries.ts';

/** The periods of a recurring task; the lead unit ticks each one off when it is done. */
export function Occurrences({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tick = useMutation({
    mutationFn: ({ id, done }: { id: number; done: boolean }) =>
      api.post<TaskDetail>(`/api/tasks/${task.id}/occurrences/${id}`, { done, version: task.version }),
    onSuccess: (saved) => {
      qc.setQueryData(agrKeys.task(task.id), saved);
      void qc.invalidateQueries({ queryKey: agrKeys.all });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: (e) => {
      showApiError(e);
      if (isConflict(e)) void qc.invalidateQueries({ queryKey: agrKeys.task(task.id) });
    },
  });
  if (task.occurrences.length === 0) return null;
  const label = (o: TaskDetail['occurrences'][number]) =>
    `${o.periodLabel} — ${t('tasks.dueOn', { date: formatDate(o.dueDate) })}`;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('tasks.occurrences')}
      </Title>
      {task.abilities.setStatus ? (
        <Stack gap={6}>
          {task.occurrences.map((o) => (
            <Checkbox
              key={o.id}
              checked={o.completedOn !== null}
              disabled={tick.isPending}
              onChange={(e) => tick.mutate({ id: o.id, done: e.currentTarget.checked })}
              label={label(o)}
              description={
                o.completedOn ? t('tasks.completedOn', { date: formatDate(o.completedOn) }) : undefined
              }
            />
          ))}
        </Stack>
      ) : (
        <List size="sm">
          {task.occurrences.map((o) => (
            <List.Item key={o.id}>
              {label(o)}
              {o.completedOn ? (
                <Text span size="sm" c="dimmed">
                  {' '}
                  — {t('tasks.completedOn', { date: formatDate(o.completedOn) })}
                </Text>
              ) : null}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
