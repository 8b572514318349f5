import { Alert, Box, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { periodLabel } from '../../../contracts/periods.ts';
import { currentLocale, formatDate, formatNumber } from '../../format.ts';
import { signed } from './lib.ts';
import type { ReviewDraft, ReviewFigure, ReviewResultSection } from './types.ts';

const pctFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

function FigureTable({ figures, caption }: { figures: ReviewFigure[]; caption: string }) {
  const { t } = useTranslation();
  const none = (
    <Text span size="sm" c="dimmed">
      {t('reviews.figures.noValue')}
    </Text>
  );
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table withTableBorder withColumnBorders striped>
        <caption style={{ captionSide: 'top', textAlign: 'left', fontSize: 'var(--mantine-font-size-sm)' }}>
          {caption}
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reviews.figures.indicator')}</Table.Th>
            <Table.Th scope="col">{t('reviews.figures.uom')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('reviews.figures.target')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('reviews.figures.value')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('reviews.figures.pct')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('reviews.figures.change')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {figures.map((f) => (
            <Table.Tr key={f.indicatorId} data-testid="review-figure">
              <Table.Th scope="row" fw={400}>
                {f.name}
              </Table.Th>
              <Table.Td>{f.uom}</Table.Td>
              <Table.Td ta="right">{f.target === null ? '—' : formatNumber(f.target)}</Table.Td>
              <Table.Td ta="right">{f.value === null ? none : formatNumber(f.value)}</Table.Td>
              <Table.Td ta="right">
                {f.achievedPct === null ? '—' : `${pctFormat.format(f.achievedPct)}%`}
              </Table.Td>
              <Table.Td ta="right">
                {f.change !== null && f.previous !== null
                  ? t('reviews.figures.changeValue', {
                      change: signed(f.change, formatNumber),
                      previous: formatNumber(f.previous),
                    })
                  : f.previous !== null
                    ? t('reviews.figures.previousOnly', { previous: formatNumber(f.previous) })
                    : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TaskLine({ section }: { section: ReviewResultSection }) {
  const { t } = useTranslation();
  const s = section.tasks;
  if (s.total === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('reviews.figures.noTasks')}
      </Text>
    );
  return (
    <>
      <Text size="sm">
        {t('reviews.figures.tasks', {
          total: formatNumber(s.total),
          done: formatNumber(s.done.length),
          inProgress: formatNumber(s.inProgress.length + s.notStarted.length),
          overdue: formatNumber(s.overdue.length),
        })}
      </Text>
      {s.overdue.length > 0 && (
        <Box>
          <Text size="sm" fw={600}>
            {t('reviews.figures.overdueList')}
          </Text>
          <List size="sm">
            {s.overdue.map((task) => (
              <List.Item key={task.id}>
                {task.title}
                {task.leadUnit ? ` — ${task.leadUnit}` : ''}
                {task.dueDate ? ` (${t('reviews.figures.due', { date: formatDate(task.dueDate) })})` : ''}
              </List.Item>
            ))}
          </List>
        </Box>
      )}
    </>
  );
}

/** Section II of the draft: results per content section, read from the approved data. */
export function ReviewFigures({ draft }: { draft: ReviewDraft }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Stack gap="md" data-testid="review-results">
      {!draft.hasApprovedData && (
        <Alert color="blue" title={t('reviews.figures.noDataTitle')} data-testid="review-no-data">
          {draft.notice ?? t('reviews.figures.noData')}
        </Alert>
      )}
      {draft.hasApprovedData && (
        <Text size="sm" c="dimmed">
          {t('reviews.figures.source', {
            count: draft.approvedReports,
            reports: formatNumber(draft.approvedReports),
            date: formatDate(draft.asOf),
          })}
        </Text>
      )}
      {draft.results.map((section, i) => (
        <Stack key={section.key} gap="xs" component="section" aria-labelledby={`review-res-${i}`}>
          <Title order={4} size="h6" id={`review-res-${i}`}>
            {i + 1}. {section.title}
          </Title>
          <TaskLine section={section} />
          {section.figures.length > 0 && (
            <FigureTable
              figures={section.figures}
              caption={t('reviews.figures.caption', { section: section.title })}
            />
          )}
        </Stack>
      ))}
      {draft.narratives.length > 0 && (
        <Stack gap="xs" component="section" aria-labelledby="review-narratives">
          <Title order={4} size="h6" id="review-narratives">
            {t('reviews.figures.narratives')}
          </Title>
          {draft.narratives.map((n) => (
            <Box key={`${n.unitId}-${n.period}-${n.text.slice(0, 20)}`}>
              <Text size="sm" fw={600}>
                {n.unitName} ({periodLabel(n.period, locale)})
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {n.text}
              </Text>
            </Box>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
