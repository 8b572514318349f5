import { Alert, Anchor, Group, Loader, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconChecklist,
  IconClockExclamation,
  IconFileTime,
  IconListCheck,
} from '@tabler/icons-react';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle.tsx';
import { defaultYear, yearRange } from './model.ts';
import { PeriodPicker, WHOLE_YEAR } from './PeriodPicker.tsx';
import { useUnitDashboard } from './queries.ts';
import { AgreementFigures, ClosedBadge, CountCards, SampleNotice } from './widgets.tsx';

/** /units/$unitId/dashboard: a unit's (and its subtree's) figures, reports and tasks of a year. */
export function UnitDashboardPage() {
  const { t } = useTranslation();
  const { unitId } = useParams({ strict: false }) as { unitId: string };
  const id = Number(unitId);
  const years = yearRange(null, null);
  const [year, setYear] = useState(() => defaultYear(years));
  // Until a year is picked, a year without approved figures steps back (January has none yet).
  const [picked, setPicked] = useState(false);
  const { data, error, isPending, isFetching, isPlaceholderData } = useUnitDashboard(id, year);
  const oldest = years[years.length - 1] ?? year;
  useEffect(() => {
    if (picked || !data || isPlaceholderData || data.year !== year || year <= oldest) return;
    if (!data.agreements.some((a) => a.indicators.some((i) => i.value !== null))) setYear(year - 1);
  }, [picked, data, isPlaceholderData, year, oldest]);
  if (isPending) return <Loader aria-label={t('app.loading')} />;
  if (error || !data)
    return (
      <Alert color="red" title={t('common.error')}>
        {error?.message}{' '}
        <Anchor component={Link} to="/units">
          {t('units.backToTree')}
        </Anchor>
      </Alert>
    );
  const unitHref = `/units/${data.unit.id}`;
  return (
    <Stack gap="md" data-testid="unit-dashboard">
      <Anchor component={Link} to={unitHref} size="sm">
        ← {t('dashboards.unit.back')}
      </Anchor>
      <PageTitle>{t('dashboards.unit.pageTitle', { name: data.unit.name })}</PageTitle>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <PeriodPicker
          years={years}
          year={year}
          period={WHOLE_YEAR}
          onChange={(y) => {
            setPicked(true);
            setYear(y);
          }}
          withPeriod={false}
        />
        {data.unit.closed && <ClosedBadge />}
        {isFetching && <Loader size="xs" aria-label={t('app.loading')} />}
      </Group>
      {data.sample && <SampleNotice />}
      <section aria-labelledby="unit-work-title">
        <Title order={2} size="h4" id="unit-work-title" mb="xs">
          {t('dashboards.unit.work', { year: data.year })}
        </Title>
        <CountCards
          label={t('dashboards.unit.work', { year: data.year })}
          items={[
            {
              key: 'reportsDue',
              label: t('dashboards.home.reportsDue'),
              value: data.reports.due,
              href: '/reports?tab=mine&status=due',
              icon: <IconFileTime size={20} />,
            },
            {
              key: 'reportsOverdue',
              label: t('dashboards.home.reportsOverdue'),
              value: data.reports.overdue,
              href: '/reports?tab=mine&status=overdue',
              icon: <IconAlertTriangle size={20} />,
              alarm: true,
            },
            {
              key: 'returned',
              label: t('dashboards.home.returnedToMe'),
              value: data.reports.returned,
              href: '/reports?tab=mine&status=returned',
              icon: <IconArrowBackUp size={20} />,
              alarm: true,
            },
            {
              key: 'awaitingApproval',
              label: t('dashboards.unit.awaitingApproval'),
              value: data.reports.awaitingApproval,
              href: '/reports?tab=awaiting',
              icon: <IconChecklist size={20} />,
            },
            {
              key: 'tasksOpen',
              label: t('dashboards.unit.tasksOpen'),
              value: data.tasks.open,
              href: '/my-tasks',
              icon: <IconListCheck size={20} />,
            },
            {
              key: 'tasksOverdue',
              label: t('dashboards.home.tasksOverdue'),
              value: data.tasks.overdue,
              href: '/my-tasks',
              icon: <IconClockExclamation size={20} />,
              alarm: true,
            },
          ]}
        />
      </section>
      <section aria-labelledby="unit-agreements-title">
        <Title order={2} size="h4" id="unit-agreements-title" mb="xs">
          {t('dashboards.unit.agreements')}
        </Title>
        {data.agreements.length === 0 ? (
          <Text c="dimmed">{t('dashboards.unit.noAgreements')}</Text>
        ) : (
          <Stack gap="md">
            {data.agreements.map((a) => (
              <AgreementFigures key={a.id} agreement={a} year={data.year} />
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
