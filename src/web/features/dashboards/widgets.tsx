import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { Link, useRouter } from '@tanstack/react-router';
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { periodLabel } from '../../../contracts/periods.ts';
import type { UserDashboard } from '../../../contracts/rollup.ts';
import { currentLocale } from '../../format.ts';
import { fmtValue } from './format.ts';
import { IndicatorCard } from './IndicatorCard.tsx';

type DashboardAgreement = UserDashboard['agreements'][number];

/**
 * Client-side navigation to a built href (a page whose search params the target route owns,
 * e.g. /reports?tab=awaiting); a modified click opens a new tab as a plain link does.
 */
export function useHrefNavigate() {
  const router = useRouter();
  return (href: string) => (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void router.navigate({ href });
  };
}

export interface CountItem {
  key: string;
  label: string;
  value: number;
  href: string;
  icon: ReactNode;
  /** Shown in red when above zero (overdue work). */
  alarm?: boolean;
}

/** Counts of work to do, each a link to the list behind it. */
export function CountCards({ items, label }: { items: CountItem[]; label: string }) {
  const { t } = useTranslation();
  const go = useHrefNavigate();
  return (
    <SimpleGrid
      cols={{ base: 2, md: items.length === 6 ? 3 : items.length > 4 ? 5 : 4 }}
      component="ul"
      aria-label={label}
      p={0}
      m={0}
    >
      {items.map((item) => (
        <Card
          key={item.key}
          component="li"
          withBorder
          padding="md"
          style={{ listStyle: 'none' }}
          data-count={item.key}
          data-value={item.value}
        >
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon
              variant="light"
              size="lg"
              color={item.alarm && item.value > 0 ? 'red' : 'brand'}
              aria-hidden
            >
              {item.icon}
            </ThemeIcon>
            <div>
              <Text fz={26} fw={700} lh={1.1} c={item.alarm && item.value > 0 ? 'red.9' : undefined}>
                {fmtValue(item.value)}
              </Text>
              <Anchor href={item.href} onClick={go(item.href)} size="sm" fw={500}>
                {item.label}
                <Text span size="xs" c="dimmed" display="block" fw={400}>
                  {t('dashboards.home.open')}
                </Text>
              </Anchor>
            </div>
          </Group>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** An agreement's headline indicators (cards) with a link to its dashboard. */
export function AgreementFigures({ agreement, year }: { agreement: DashboardAgreement; year: number }) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      component="section"
      aria-labelledby={`agr-fig-${agreement.id}`}
      data-agreement={agreement.id}
    >
      <Group justify="space-between" align="flex-start" gap="xs" mb="sm">
        <Stack gap={2} maw="100%">
          <Title order={3} size="h5" id={`agr-fig-${agreement.id}`}>
            {agreement.subject}
          </Title>
          {agreement.scope === 'mine' && (
            <Badge variant="light" color="blue">
              {t('dashboards.scopeMine')}
            </Badge>
          )}
        </Stack>
        <Anchor component={Link} to={`/agreements/${agreement.id}/dashboard`} size="sm">
          {t('dashboards.home.openDashboard')}
        </Anchor>
      </Group>
      {agreement.indicators.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('dashboards.noFiguresYear', { year })}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }}>
          {agreement.indicators.map((i) => (
            <IndicatorCard
              key={i.indicatorId}
              indicator={i}
              value={i}
              periodLabel={periodLabel(String(year), currentLocale())}
              headingOrder={4}
            />
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}

/** "Sample data" notice: generated example figures are never mistaken for reported ones. */
export function SampleNotice() {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconFlask size={18} aria-hidden />}
      title={t('dashboards.sample.title')}
      data-testid="sample-notice"
      // a pale yellow box with dark words (the theme's yellow text is too light to read on it)
      styles={{
        root: {
          background: 'var(--mantine-color-yellow-1)',
          borderLeft: '4px solid var(--mantine-color-yellow-6)',
        },
        title: { color: 'var(--mantine-color-dark-9)' },
        message: { color: 'var(--mantine-color-dark-9)' },
        icon: { color: 'var(--mantine-color-dark-9)' },
      }}
    >
      {t('dashboards.sample.body')}
    </Alert>
  );
}

export function ClosedBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="gray" size="sm" data-testid="closed-badge">
      {t('dashboards.closedUnit')}
    </Badge>
  );
}

/** The "Dữ liệu mẫu" badge: dark text on yellow (contrast above 10:1). */
export function SampleBadge() {
  const { t } = useTranslation();
  return (
    <Badge
      color="yellow.4"
      variant="filled"
      autoContrast
      leftSection={<IconFlask size={12} aria-hidden />}
      data-testid="sample-badge"
    >
      {t('dashboards.sample.badge')}
    </Badge>
  );
}
