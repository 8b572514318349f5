import { Alert, Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../contracts/tasks.ts';
import { api, withQuery } from '../../api.ts';
import { Highlight, TaskStatusBadge } from './bits.tsx';

const LIMIT = 20;

/** The tasks matching the search of the agreements page, with the match highlighted. */
export function TaskMatches({ q }: { q: string }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useQuery({
    queryKey: ['tasks', 'search', q],
    queryFn: () => api.get<{ items: Task[]; total: number }>('/api/tasks', { q, limit: LIMIT }),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack component="section" aria-labelledby="task-matches" gap="sm" mt="lg">
      <Group justify="space-between" gap="xs">
        <Title order={2} size="h3" id="task-matches">
          {t('agrSearch.tasks')}
        </Title>
        <Button
          component="a"
          href={withQuery('/api/tasks/export.xlsx', { q })}
          variant="light"
          size="xs"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        >
          {t('agr.exportXlsx')}
        </Button>
      </Group>
      {error && <Alert color="red">{error.message}</Alert>}
      {isPending && <Loader aria-label={t('app.loading')} />}
      {data && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {data.total > data.items.length
              ? t('agrSearch.someOf', { n: data.items.length, total: data.total })
              : t('common.total', { n: data.total })}
          </Text>
          {data.items.length === 0 && <Text>{t('tasks.empty')}</Text>}
          {data.items.map((task) => (
            <Card key={task.id} withBorder padding="sm" component="article">
              <Anchor component={Link} to={`/tasks/${task.id}`} fw={600}>
                <Highlight text={task.title} query={q} />
              </Anchor>
              <Text size="sm" c="dimmed">
                <Highlight text={task.agreementSubject} query={q} />
              </Text>
              <Group gap={6} mt={4} wrap="wrap">
                <TaskStatusBadge task={task} />
                <Text size="xs">
                  {task.timeframeLabel} — {t('tasks.lead')}: {task.lead.name}
                </Text>
              </Group>
            </Card>
          ))}
        </>
      )}
    </Stack>
  );
}
