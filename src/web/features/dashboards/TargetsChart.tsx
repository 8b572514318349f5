import { BarChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ChartPanel } from './ChartPanel.tsx';
import { changeOf, fmtPct, fmtValue } from './format.ts';
import type { RollupIndicator, RollupValue } from './queries.ts';

/** Target vs actual of every numeric indicator for the selected node and period. */
export function TargetsChart({
  indicators,
  values,
  caption,
  exportHref,
}: {
  indicators: RollupIndicator[];
  values: Map<number, RollupValue>;
  caption: string;
  exportHref: string;
}) {
  const { t } = useTranslation();
  const numeric = indicators.filter((i) => i.valueType !== 'text' && i.valueType !== 'boolean');
  const data = numeric.map((i) => ({
    code: i.code,
    actual: values.get(i.indicatorId)?.value ?? null,
    target: values.get(i.indicatorId)?.target ?? null,
  }));
  const title = t('dashboards.targets.title');
  return (
    <ChartPanel
      testId="chart-targets"
      title={title}
      summary={t('dashboards.targets.summary', { n: data.length })}
      data={data}
      exportHref={exportHref}
      empty={data.length === 0}
      chart={
        <BarChart
          h={280}
          data={data}
          dataKey="code"
          series={[
            { name: 'actual', label: t('dashboards.targets.actual'), color: 'brand.7' },
            { name: 'target', label: t('dashboards.targets.target'), color: 'gray.5' },
          ]}
          valueFormatter={(v) => fmtValue(v)}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          accessibilityLayer={false}
          tickLine="y"
        />
      }
      table={
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder verticalSpacing="xs" data-testid="table-targets">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dashboards.table.indicator')}</Table.Th>
                <Table.Th scope="col">{t('dashboards.table.uom')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('dashboards.targets.actual')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('dashboards.targets.target')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('dashboards.table.achieved')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('dashboards.table.previousYear')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('dashboards.table.change')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {numeric.map((i) => {
                const v = values.get(i.indicatorId);
                const change = changeOf(v?.value ?? null, v?.previousYear ?? null);
                const fmt = (n: number | null | undefined) => fmtValue(n, i.valueType);
                return (
                  <Table.Tr key={i.indicatorId} data-code={i.code}>
                    <Table.Th scope="row" fw={400}>
                      {i.code} — {i.name}
                    </Table.Th>
                    <Table.Td>{i.uom}</Table.Td>
                    <Table.Td ta="right" data-col="actual">
                      {fmt(v?.value)}
                    </Table.Td>
                    <Table.Td ta="right" data-col="target">
                      {fmt(v?.target)}
                    </Table.Td>
                    <Table.Td ta="right">{fmtPct(v?.achievedPct)}</Table.Td>
                    <Table.Td ta="right">{fmt(v?.previousYear)}</Table.Td>
                    <Table.Td ta="right">
                      {change?.pct != null
                        ? `${change.direction === 'up' ? '↑' : change.direction === 'down' ? '↓' : '='} ${fmtPct(Math.abs(change.pct))}`
                        : '—'}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      }
    />
  );
}
