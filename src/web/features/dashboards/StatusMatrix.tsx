import {
  Alert,
  Anchor,
  Box,
  Button,
  Card,
  Group,
  Loader,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconCircleCheck,
  IconClock,
  IconFileSpreadsheet,
  IconHourglassEmpty,
  IconPencil,
  IconSend,
} from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { periodLabel } from '../../../contracts/periods.ts';
import { MATRIX_STATES, type MatrixState } from '../../../contracts/reports.ts';
import { currentLocale, formatDate } from '../../format.ts';
import { fmtRate } from './format.ts';
import { type MatrixOut, matrixXlsxHref, useMatrix } from './queries.ts';

// Pale fills with near-black text (contrast above 12:1); the icon and the words say the state,
// so colour is never the only signal.
const INK = 'var(--mantine-color-dark-9)';
export const STATE_STYLE: Record<MatrixState, { bg: string; Icon: ComponentType<{ size?: number }> }> = {
  not_due: { bg: 'var(--mantine-color-gray-1)', Icon: IconHourglassEmpty },
  due: { bg: 'var(--mantine-color-blue-2)', Icon: IconClock },
  overdue: { bg: 'var(--mantine-color-red-3)', Icon: IconAlertTriangle },
  draft: { bg: 'var(--mantine-color-orange-2)', Icon: IconPencil },
  returned: { bg: 'var(--mantine-color-orange-3)', Icon: IconArrowBackUp },
  submitted: { bg: 'var(--mantine-color-yellow-3)', Icon: IconSend },
  approved: { bg: 'var(--mantine-color-green-3)', Icon: IconCircleCheck },
};

export function StateChip({ state, late }: { state: MatrixState; late?: boolean }) {
  const { t } = useTranslation();
  const { Icon } = STATE_STYLE[state];
  return (
    <Group gap={4} wrap="nowrap" component="span" style={{ color: INK }}>
      <Box component="span" aria-hidden style={{ display: 'inline-flex' }}>
        <Icon size={14} />
      </Box>
      <Text span size="xs" fw={500} c={INK}>
        {t(`dashboards.matrix.states.${state}`)}
        {late ? ` · ${t('dashboards.matrix.late')}` : ''}
      </Text>
    </Group>
  );
}

export function MatrixLegend() {
  const { t } = useTranslation();
  return (
    <Box component="section" aria-label={t('dashboards.matrix.legend')}>
      <Group component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="matrix-legend">
        {MATRIX_STATES.map((s) => (
          <Box
            component="li"
            key={s}
            px={8}
            py={2}
            style={{ background: STATE_STYLE[s].bg, borderRadius: 4 }}
            data-state={s}
          >
            <StateChip state={s} />
          </Box>
        ))}
      </Group>
    </Box>
  );
}

/** Units × periods of one form, with completeness and timeliness per unit. */
export function MatrixTable({ matrix, caption }: { matrix: MatrixOut; caption: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  // The server labels periods in Vietnamese; English readers get them from the key.
  const label = (p: { key: string; label: string }) =>
    locale === 'vi' ? p.label : periodLabel(p.key, locale);
  if (matrix.rows.length === 0) return <Text c="dimmed">{t('dashboards.matrix.empty')}</Text>;
  const sticky = { position: 'sticky', left: 0, zIndex: 1, background: 'var(--mantine-color-body)' } as const;
  return (
    <Table.ScrollContainer minWidth={260 + matrix.periods.length * 118}>
      <Table withTableBorder withColumnBorders verticalSpacing={6} data-testid="status-matrix">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" style={sticky} miw={160}>
              {t('dashboards.matrix.unit')}
            </Table.Th>
            {matrix.periods.map((p) => (
              <Table.Th key={p.key} scope="col" data-period={p.key}>
                <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {label(p)}
                </Text>
                <Text size="xs" c="dimmed" fw={400}>
                  {t('dashboards.matrix.dueOn', { date: formatDate(p.dueDate) })}
                </Text>
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right">
              <abbr title={t('dashboards.matrix.completenessHint')}>
                {t('dashboards.matrix.completeness')}
              </abbr>
            </Table.Th>
            <Table.Th scope="col" ta="right">
              <abbr title={t('dashboards.matrix.timelinessHint')}>{t('dashboards.matrix.timeliness')}</abbr>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matrix.rows.map((row) => (
            <Table.Tr key={row.unit.id} data-unit-id={row.unit.id}>
              <Table.Th scope="row" fw={500} style={sticky}>
                {row.unit.name}
              </Table.Th>
              {row.cells.map((cell, i) => {
                const period = matrix.periods[i];
                const late = cell.onTime === false;
                const chip = <StateChip state={cell.state} late={late} />;
                return (
                  <Table.Td
                    key={period?.key ?? i}
                    data-state={cell.state}
                    data-period={period?.key}
                    data-report-id={cell.reportId ?? undefined}
                    style={{ background: STATE_STYLE[cell.state].bg }}
                  >
                    {cell.reportId ? (
                      <Anchor component={Link} to={`/reports/${cell.reportId}`} underline="always" c={INK}>
                        {chip}
                        <VisuallyHidden>
                          {t('dashboards.matrix.openReport', {
                            unit: row.unit.name,
                            period: period ? label(period) : '',
                          })}
                        </VisuallyHidden>
                      </Anchor>
                    ) : (
                      chip
                    )}
                  </Table.Td>
                );
              })}
              <Table.Td ta="right" data-col="completeness">
                {fmtRate(row.completeness)}
              </Table.Td>
              <Table.Td ta="right" data-col="timeliness">
                {fmtRate(row.timeliness)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The reporting-status matrix of a form for a year: legend, grid, summary and XLSX export. */
export function StatusMatrix({ formId, formName, year }: { formId: number; formName: string; year: number }) {
  const { t } = useTranslation();
  const { data, error, isPending } = useMatrix(formId, year);
  const cells = data?.rows.flatMap((r) => r.cells) ?? [];
  return (
    <Card withBorder component="section" aria-labelledby={`matrix-title-${formId}`}>
      <Group justify="space-between" align="flex-start" mb="xs" gap="xs">
        <div>
          <Title order={3} size="h4" id={`matrix-title-${formId}`}>
            {formName}
          </Title>
          {data && (
            <Text size="sm" c="dimmed" data-testid="matrix-summary">
              {t('dashboards.matrix.summary', {
                approved: cells.filter((c) => c.state === 'approved').length,
                total: cells.length,
                overdue: cells.filter((c) => c.state === 'overdue').length,
              })}
            </Text>
          )}
        </div>
        <Button
          component="a"
          href={matrixXlsxHref(formId, year)}
          download
          size="xs"
          variant="light"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        >
          {t('dashboards.chart.exportXlsx')}
        </Button>
      </Group>
      <MatrixLegend />
      <Box mt="sm">
        {error && <Alert color="red">{error.message}</Alert>}
        {isPending && !error && <Loader aria-label={t('app.loading')} />}
        {data && (
          <MatrixTable matrix={data} caption={t('dashboards.matrix.caption', { year, name: formName })} />
        )}
      </Box>
    </Card>
  );
}
