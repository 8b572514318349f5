import { Badge, Card, Group, RingProgress, Stack, Text, Title } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconEqual } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeOf, fmtPct, fmtValue } from './format.ts';
import type { RollupIndicator, RollupValue } from './queries.ts';

const achievedColor = (pct: number) => (pct >= 100 ? 'teal.8' : pct >= 50 ? 'blue.7' : 'orange.8');

/** An indicator's figure for the selected node and period: value, target, % achieved, change. */
export function IndicatorCard({
  indicator,
  value,
  periodLabel,
  headingOrder = 3,
}: {
  indicator: Pick<RollupIndicator, 'code' | 'name' | 'uom'> & { valueType?: string };
  value: Omit<RollupValue, 'indicatorId'> | undefined;
  periodLabel: string;
  headingOrder?: 3 | 4;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const v = value?.value ?? null;
  const target = value?.target ?? null;
  const pct = value?.achievedPct ?? null;
  const change = changeOf(v, value?.previousYear ?? null);
  const fmt = (n: number | null) => fmtValue(n, indicator.valueType);
  return (
    <Card
      withBorder
      component="article"
      aria-labelledby={titleId}
      data-indicator={indicator.code}
      data-value={v ?? ''}
      padding="md"
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} miw={0}>
          <Text size="xs" c="dimmed">
            {indicator.code}
          </Text>
          <Title order={headingOrder} size="h6" id={titleId} lh={1.3}>
            {indicator.name}
          </Title>
        </Stack>
        {pct !== null && (
          <RingProgress
            size={84}
            thickness={7}
            roundCaps
            sections={[{ value: Math.min(pct, 100), color: achievedColor(pct) }]}
            label={
              <Text fz={11} ta="center" fw={700} lh={1}>
                {fmtPct(pct)}
              </Text>
            }
            aria-hidden
          />
        )}
      </Group>
      <Group gap={6} align="baseline" mt="xs" wrap="wrap">
        <Text fz={28} fw={700} lh={1.1} data-testid="indicator-value">
          {fmt(v)}
        </Text>
        <Text c="dimmed">{indicator.uom}</Text>
      </Group>
      <Text size="xs" c="dimmed">
        {periodLabel}
        {value && value.reports > 0 ? ` · ${t('dashboards.card.reports', { count: value.reports })}` : ''}
      </Text>
      <Stack gap={2} mt="xs">
        <Text size="sm">
          {t('dashboards.card.target')}:{' '}
          {target === null ? t('dashboards.card.noTarget') : `${fmt(target)} ${indicator.uom}`}
        </Text>
        {pct !== null && (
          <Text size="sm" data-testid="indicator-achieved">
            {t('dashboards.card.achieved')}: <b>{fmtPct(pct)}</b>
          </Text>
        )}
        <ChangeLine change={change} previous={value?.previousYear ?? null} fmt={fmt} />
      </Stack>
      {v === null && (
        <Badge variant="light" color="gray" mt="xs">
          {t('dashboards.card.noValue')}
        </Badge>
      )}
    </Card>
  );
}

function ChangeLine({
  change,
  previous,
  fmt,
}: {
  change: ReturnType<typeof changeOf>;
  previous: number | null;
  fmt: (n: number | null) => string;
}) {
  const { t } = useTranslation();
  if (!change) {
    return (
      <Text size="xs" c="dimmed">
        {t('dashboards.card.noPrevious')}
      </Text>
    );
  }
  const Icon =
    change.direction === 'up'
      ? IconArrowUpRight
      : change.direction === 'down'
        ? IconArrowDownRight
        : IconEqual;
  const color = change.direction === 'up' ? 'teal.9' : change.direction === 'down' ? 'red.9' : 'gray.7';
  const arrow = change.direction === 'up' ? '↑' : change.direction === 'down' ? '↓' : '=';
  const amount = `${change.delta > 0 ? '+' : change.delta < 0 ? '−' : ''}${fmt(Math.abs(change.delta))}`;
  return (
    <Group
      gap={4}
      wrap="nowrap"
      align="center"
      data-testid="indicator-change"
      data-direction={change.direction}
    >
      <Icon size={16} color={`var(--mantine-color-${color.replace('.', '-')})`} aria-hidden />
      <Text size="xs" c={color}>
        <span aria-hidden>{arrow} </span>
        {change.pct === null
          ? t('dashboards.card.changeAbs', { amount, previous: fmt(previous) })
          : t('dashboards.card.change', {
              amount,
              pct: fmtPct(Math.abs(change.pct)),
              direction: t(`dashboards.card.${change.direction}`),
              previous: fmt(previous),
            })}
      </Text>
    </Group>
  );
}
