import { Alert, Loader, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconChecklist,
  IconClockExclamation,
  IconFileTime,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDashboard } from '../../../contracts/rollup.ts';
import { UpcomingMeetings } from '../meetings/UpcomingMeetings.tsx';
import { useHomeDashboard } from './queries.ts';
import { AgreementFigures, CountCards, SampleNotice } from './widgets.tsx';

const LOOK_BACK = 3;
const hasFigures = (d: UserDashboard) => d.agreements.some((a) => a.indicators.some((i) => i.value !== null));

/** The home page's overview: what waits for the user, and the headline figures of the year. */
export function HomeOverview() {
  const { t } = useTranslation();
  const { data, error, isPending } = useHomeDashboard();
  // A year without approved figures yet (January…) shows the headline figures of the years before.
  const [headlineYear, setHeadlineYear] = useState<number | null>(null);
  const earlier = useHomeDashboard(headlineYear ?? undefined, headlineYear !== null);
  const shown = headlineYear === null ? data : earlier.data;
  useEffect(() => {
    if (!shown || hasFigures(shown) || !data || shown.year <= data.year - LOOK_BACK) return;
    setHeadlineYear(shown.year - 1);
  }, [shown, data]);
  if (isPending) return <Loader aria-label={t('app.loading')} />;
  if (error || !data)
    return (
      <Alert color="red" title={t('common.error')}>
        {error?.message}
      </Alert>
    );
  const headline = shown ?? data;
  const withFigures = headline.agreements.filter((a) =>
    a.indicators.some((i) => i.value !== null || i.target !== null),
  );
  return (
    <Stack gap="md" data-testid="home-overview">
      <section aria-labelledby="home-todo-title">
        <Title order={2} size="h4" id="home-todo-title" mb="xs">
          {t('dashboards.home.title')}
        </Title>
        <CountCards
          label={t('dashboards.home.title')}
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
              key: 'awaitingMe',
              label: t('dashboards.home.awaitingMe'),
              value: data.awaitingMyApproval,
              href: '/reports?tab=awaiting',
              icon: <IconChecklist size={20} />,
            },
            {
              key: 'tasksOverdue',
              label: t('dashboards.home.tasksOverdue'),
              value: data.overdueTasks,
              href: '/my-tasks',
              icon: <IconClockExclamation size={20} />,
              alarm: true,
            },
          ]}
        />
      </section>
      {data.upcomingMeetings && <UpcomingMeetings items={data.upcomingMeetings} />}
      <section aria-labelledby="home-headline-title">
        <Title order={2} size="h4" id="home-headline-title" mb="xs">
          {t('dashboards.home.headline', { year: headline.year })}
        </Title>
        {headline.sample && <SampleNotice />}
        {withFigures.length === 0 ? (
          <Text c="dimmed">{t('dashboards.home.noHeadline')}</Text>
        ) : (
          <Stack gap="md" mt="sm">
            {withFigures.map((a) => (
              <AgreementFigures key={a.id} agreement={a} year={headline.year} />
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
