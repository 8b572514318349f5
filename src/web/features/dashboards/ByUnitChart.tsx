import { BarChart } from '@mantine/charts';
import { Anchor, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ChartPanel } from './ChartPanel.tsx';
import { fmtValue } from './format.ts';
import { axisUnitLabel } from './model.ts';
import type { RollupIndicator, RollupNode, RollupValue } from './queries.ts';
import { ClosedBadge } from './widgets.tsx';

export type DrillUnit = RollupNode['unit'];

const figureOf = (values: RollupValue[], indicatorId: number) =>
  values.find((v) => v.indicatorId === indicatorId)?.value ?? null;

/**
 * The children of the selected node: a bar per unit for the chosen indicator, and the table of
 * every indicator per unit, whose unit names drill down the tree.
 */
export function ByUnitChart({
  indicators,
  indicator,
  nodes,
  totals,
  totalLabel,
  caption,
  exportHref,
  onDrill,
}: {
  indicators: RollupIndicator[];
  indicator: RollupIndicator;
  nodes: RollupNode[];
  totals: RollupValue[];
  totalLabel: string;
  caption: string;
  exportHref: string;
  onDrill: (unit: DrillUnit) => void;
}) {
  const { t } = useTranslation();
  const numeric = indicators.filter((i) => i.valueType !== 'text' && i.valueType !== 'boolean');
  const data = nodes.map((n) => ({
    unit: axisUnitLabel(n.unit.name),
    value: figureOf(n.values, indicator.indicatorId),
  }));
  const title = t('dashboards.byUnit.title', { name: indicator.name });
  return (
    <ChartPanel
      testId="chart-by-unit"
      title={title}
      summary={t('dashboards.byUnit.summary', { n: nodes.length })}
      data={data}
      exportHref={exportHref}
      tableOpen
      empty={nodes.length === 0}
      chart={
        <BarChart
          h={Math.max(160, 36 * data.length + 60)}
          data={data}
          dataKey="unit"
          orientation="vertical"
          series={[{ name: 'value', label: `${indicator.name} (${indicator.uom})`, color: 'brand.7' }]}
          valueFormatter={(v) => fmtValue(v, indicator.valueType)}
          yAxisProps={{ width: 150 }}
          accessibilityLayer={false}
          gridAxis="y"
        />
      }
      table={
        nodes.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('dashboards.byUnit.noChildren')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={Math.max(360, 240 + numeric.length * 110)}>
            <Table striped withTableBorder verticalSpacing="xs" data-testid="table-by-unit">
              <Table.Caption>
                {caption} {t('dashboards.byUnit.drillHint')}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" miw={220}>
                    {t('dashboards.table.unit')}
                  </Table.Th>
                  {numeric.map((i) => (
                    <Table.Th key={i.indicatorId} scope="col" ta="right" data-code={i.code}>
                      <abbr title={i.name}>{i.code}</abbr>
                      <Text span size="xs" c="dimmed" display="block" fw={400}>
                        {i.uom}
                      </Text>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {nodes.map((n) => (
                  <Table.Tr key={n.unit.id} data-unit-id={n.unit.id}>
                    <Table.Th scope="row" fw={400}>
                      <Group gap={6} wrap="wrap">
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          ta="left"
                          onClick={() => onDrill(n.unit)}
                        >
                          {n.unit.name}
                        </Anchor>
                        {n.unit.closed && <ClosedBadge />}
                      </Group>
                    </Table.Th>
                    {numeric.map((i) => (
                      <Table.Td key={i.indicatorId} ta="right" data-code={i.code}>
                        {fmtValue(figureOf(n.values, i.indicatorId), i.valueType)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row">{totalLabel}</Table.Th>
                  {numeric.map((i) => (
                    <Table.Td key={i.indicatorId} ta="right" fw={700} data-code={i.code}>
                      {fmtValue(figureOf(totals, i.indicatorId), i.valueType)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        )
      }
    />
  );
}
