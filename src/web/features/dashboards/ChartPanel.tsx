import { Box, Button, Card, Collapse, Group, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconTable, IconTableOff } from '@tabler/icons-react';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  /** What the chart shows, read by screen readers in place of the drawing. */
  summary: string;
  /** The data drawn, kept on the drawing as JSON so the table can be checked against it. */
  data: unknown;
  chart: ReactNode;
  table: ReactNode;
  /** GET link of the XLSX with these figures (built by the server). */
  exportHref: string;
  /** The table is shown from the start (it is also the navigation, e.g. the drill-down). */
  tableOpen?: boolean;
  controls?: ReactNode;
  empty?: boolean;
  testId?: string;
}

/**
 * A chart with its table of figures ("Xem bảng số liệu") and an XLSX export. The drawing is an
 * image for assistive technology (its summary as the name); the table carries the figures.
 */
export function ChartPanel({
  title,
  summary,
  data,
  chart,
  table,
  exportHref,
  tableOpen = false,
  controls,
  empty,
  testId,
}: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(tableOpen);
  const titleId = useId();
  const tableId = useId();
  return (
    <Card withBorder component="section" aria-labelledby={titleId} data-testid={testId}>
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <Title order={3} size="h4" id={titleId}>
          {title}
        </Title>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={open ? <IconTableOff size={16} aria-hidden /> : <IconTable size={16} aria-hidden />}
            aria-expanded={open}
            aria-controls={tableId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? t('dashboards.chart.hideTable') : t('dashboards.chart.showTable')}
          </Button>
          <Button
            component="a"
            href={exportHref}
            download
            size="xs"
            variant="light"
            leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
          >
            {t('dashboards.chart.exportXlsx')}
          </Button>
        </Group>
      </Group>
      {controls}
      {empty ? (
        <Text c="dimmed" size="sm" my="md">
          {t('dashboards.chart.noData')}
        </Text>
      ) : (
        <Box
          role="img"
          aria-label={`${title}. ${summary}`}
          data-chart-data={JSON.stringify(data)}
          mt="xs"
          style={{ overflow: 'hidden' }}
        >
          {chart}
        </Box>
      )}
      <Collapse expanded={open} id={tableId}>
        <Box mt="sm">{table}</Box>
      </Collapse>
    </Card>
  );
}
