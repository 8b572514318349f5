import { LineChart } from '@mantine/charts';
import { Alert, SegmentedControl, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { periodLabel } from '../../../contracts/periods.ts';
import { currentLocale } from '../../format.ts';
import { ChartPanel } from './ChartPanel.tsx';
import { fmtValue } from './format.ts';
import {
  type RollupIndicator,
  type TrendFrequency,
  type TrendParams,
  trendXlsxHref,
  useTrend,
} from './queries.ts';

const FREQUENCIES: TrendFrequency[] = ['month', 'quarter', 'half', 'year'];

/** One indicator over the periods of the last three years, for the selected node. */
export function TrendChart({
  agreementId,
  indicator,
  year,
  unitId,
  unitLabel,
}: {
  agreementId: number;
  indicator: RollupIndicator;
  year: number;
  unitId?: number;
  unitLabel: string;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [frequency, setFrequency] = useState<TrendFrequency>('quarter');
  const fromYear = year - 2;
  const query: TrendParams = {
    indicatorId: indicator.indicatorId,
    frequency,
    fromYear,
    toYear: year,
    unitId,
  };
  const { data, error } = useTrend(agreementId, query);
  const points = (data?.indicatorId === indicator.indicatorId ? data.points : []).map((p) => ({
    period: p.period,
    label: locale === 'vi' ? p.label : periodLabel(p.period, locale),
    value: p.value,
  }));
  const title = t('dashboards.trend.title', { name: indicator.name });
  return (
    <ChartPanel
      testId="chart-trend"
      title={title}
      summary={t('dashboards.trend.summary', { from: fromYear, to: year, unit: unitLabel })}
      data={points}
      exportHref={trendXlsxHref(agreementId, query)}
      empty={points.length === 0}
      controls={
        <>
          <SegmentedControl
            size="xs"
            value={frequency}
            onChange={(v) => setFrequency(v as TrendFrequency)}
            data={FREQUENCIES.map((f) => ({ value: f, label: t(`dashboards.trend.by.${f}`) }))}
            aria-label={t('dashboards.trend.frequency')}
          />
          {error && (
            <Alert color="red" mt="xs">
              {error.message}
            </Alert>
          )}
        </>
      }
      chart={
        <LineChart
          h={260}
          data={points}
          dataKey="label"
          series={[{ name: 'value', label: `${indicator.name} (${indicator.uom})`, color: 'brand.7' }]}
          valueFormatter={(v) => fmtValue(v, indicator.valueType)}
          connectNulls={false}
          curveType="linear"
          accessibilityLayer={false}
        />
      }
      table={
        <Table.ScrollContainer minWidth={300}>
          <Table striped withTableBorder verticalSpacing="xs" data-testid="table-trend">
            <Table.Caption>
              {title} — {unitLabel}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dashboards.table.period')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('dashboards.table.value')} ({indicator.uom})
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.map((p) => (
                <Table.Tr key={p.period} data-period={p.period}>
                  <Table.Th scope="row" fw={400}>
                    {p.label}
                  </Table.Th>
                  <Table.Td ta="right">
                    {p.value === null ? (
                      <Text span c="dimmed" size="sm">
                        {t('dashboards.trend.noReport')}
                      </Text>
                    ) : (
                      fmtValue(p.value, indicator.valueType)
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      }
    />
  );
}
