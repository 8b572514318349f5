import { Alert, Anchor, Badge, Card, Group, List, SimpleGrid, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { periodLabel } from '../../../contracts/periods.ts';
import { currentLocale, formatDate } from '../../format.ts';
import { overdueReports } from './model.ts';
import { useAgreementForms, useMatrices, useOverdueTasks } from './queries.ts';

const SHOWN = 10;

/** Overdue tasks and overdue reports of an agreement. */
export function OverdueWork({ agreementId, year }: { agreementId: number; year: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const tasks = useOverdueTasks(agreementId);
  const forms = useAgreementForms(agreementId);
  const formList = forms.data ?? [];
  const matrices = useMatrices(
    formList.map((f) => f.id),
    year,
  );
  const reports = overdueReports(
    matrices.flatMap((q, i) =>
      q.data && formList[i] ? [{ formName: formList[i].name, matrix: q.data }] : [],
    ),
    dayjs().format('YYYY-MM-DD'),
    (p) => (locale === 'vi' ? p.label : periodLabel(p.key, locale)),
  );
  const taskItems = tasks.data?.items ?? [];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder component="section" aria-labelledby="overdue-tasks-title" data-testid="overdue-tasks">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h4" id="overdue-tasks-title">
            {t('dashboards.overdue.tasks')}
          </Title>
          <Badge variant="filled" color={taskItems.length ? 'red.9' : 'gray.7'}>
            {tasks.data?.total ?? 0}
          </Badge>
        </Group>
        {tasks.error && <Alert color="red">{tasks.error.message}</Alert>}
        {tasks.data && taskItems.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('dashboards.overdue.noTasks')}
          </Text>
        )}
        <List size="sm" spacing={6}>
          {taskItems.slice(0, SHOWN).map((task) => (
            <List.Item key={task.id}>
              <Anchor component={Link} to={`/tasks/${task.id}`}>
                {task.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {task.lead.name} · {t('dashboards.overdue.due', { date: formatDate(task.dueDate) })}
              </Text>
            </List.Item>
          ))}
        </List>
        {taskItems.length > SHOWN && (
          <Text size="xs" c="dimmed" mt="xs">
            {t('dashboards.overdue.more', { n: (tasks.data?.total ?? taskItems.length) - SHOWN })}
          </Text>
        )}
      </Card>
      <Card
        withBorder
        component="section"
        aria-labelledby="overdue-reports-title"
        data-testid="overdue-reports"
      >
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h4" id="overdue-reports-title">
            {t('dashboards.overdue.reports', { year })}
          </Title>
          <Badge variant="filled" color={reports.length ? 'red.9' : 'gray.7'}>
            {reports.length}
          </Badge>
        </Group>
        {forms.data && formList.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('dashboards.overdue.noForms')}
          </Text>
        )}
        {formList.length > 0 && matrices.every((q) => q.data) && reports.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('dashboards.overdue.noReports')}
          </Text>
        )}
        <List size="sm" spacing={6}>
          {reports.slice(0, SHOWN).map((r) => (
            <List.Item key={r.key}>
              {r.reportId ? (
                <Anchor component={Link} to={`/reports/${r.reportId}`}>
                  {r.unitName} — {r.periodLabel}
                </Anchor>
              ) : (
                <Text span size="sm">
                  {r.unitName} — {r.periodLabel}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {r.formName} · {t(`dashboards.matrix.states.${r.state}`)} ·{' '}
                {t('dashboards.overdue.due', { date: formatDate(r.dueDate) })}
              </Text>
            </List.Item>
          ))}
        </List>
        {reports.length > SHOWN && (
          <Text size="xs" c="dimmed" mt="xs">
            {t('dashboards.overdue.more', { n: reports.length - SHOWN })}
          </Text>
        )}
      </Card>
    </SimpleGrid>
  );
}
