import { Alert, Button, Card, Loader, Modal, Stack, Text, Timeline, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconArrowBackUp,
  IconCheck,
  IconDeviceFloppy,
  IconFileSpreadsheet,
  IconLockOpen,
  IconPlus,
  IconSend,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { reportEventSchema } from '../../../contracts/reports.ts';
import { api } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import type { ReportDetail } from './queries.ts';
import { ReportGrid } from './ReportGrid.tsx';
import { gridFromReport } from './values.ts';

type ReportEvent = z.infer<typeof reportEventSchema>;

const ICONS: Record<ReportEvent['action'], ReactNode> = {
  create: <IconPlus size={14} aria-hidden />,
  save: <IconDeviceFloppy size={14} aria-hidden />,
  submit: <IconSend size={14} aria-hidden />,
  approve: <IconCheck size={14} aria-hidden />,
  return: <IconArrowBackUp size={14} aria-hidden />,
  reopen: <IconLockOpen size={14} aria-hidden />,
  import: <IconFileSpreadsheet size={14} aria-hidden />,
};

/** The latest return of a report, to show its comment where the officer will see it. */
export function lastReturn(report: ReportDetail): ReportEvent | null {
  const returns = report.events.filter((e) => e.action === 'return');
  return returns.reduce<ReportEvent | null>((a, b) => (a && a.at > b.at ? a : b), null);
}

/** Every save, submission, approval, return and reopening, newest first; a saved state can be viewed. */
export function ReportHistory({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<ReportEvent | null>(null);
  const events = [...report.events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <Card withBorder component="section" aria-labelledby="report-history">
      <Title order={2} size="h4" id="report-history" mb="sm">
        {t('reports.history.title')}
      </Title>
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reports.history.none')}
        </Text>
      ) : (
        <Timeline bulletSize={24} lineWidth={2} data-testid="report-history">
          {events.map((e) => (
            <Timeline.Item
              key={e.id}
              bullet={ICONS[e.action]}
              title={
                <Text size="sm" fw={600} component="span">
                  {t(`reports.actions.${e.action}`)}
                  {e.action === 'approve' && report.approvalChain.length > 1
                    ? ` (${t('reports.history.step', { step: e.step })})`
                    : ''}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                {formatDateTime(e.at)}
                {e.actorName ? ` — ${e.actorName}` : ''}
                {e.unitName ? `, ${e.unitName}` : ''}
              </Text>
              {e.comment && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mt={2}>
                  “{e.comment}”
                </Text>
              )}
              {e.hasSnapshot && (
                <Button size="compact-xs" variant="subtle" mt={2} onClick={() => setViewing(e)}>
                  {t('reports.history.view')}
                </Button>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      <SnapshotModal report={report} event={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}

interface Snapshot {
  values: ReportDetail['values'];
  narrative: Record<string, string>;
}

/** The snapshot of an event, whatever envelope the server puts it in. */
function snapshotOf(data: unknown): Snapshot {
  let node = data as Record<string, unknown> | null;
  if (node && typeof node === 'object' && 'snapshot' in node) node = node.snapshot as Record<string, unknown>;
  return {
    values: (node?.values as Snapshot['values']) ?? [],
    narrative: (node?.narrative as Snapshot['narrative']) ?? {},
  };
}

function SnapshotModal({
  report,
  event,
  onClose,
}: {
  report: ReportDetail;
  event: ReportEvent | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  const snapshot = useQuery({
    queryKey: ['reports', 'snapshot', report.id, event?.id],
    queryFn: () => api.get<unknown>(`/api/reports/${report.id}/events/${event?.id}`),
    select: snapshotOf,
    enabled: event !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={event !== null}
      onClose={onClose}
      size="xl"
      fullScreen={narrow}
      title={
        event
          ? t('reports.history.snapshotTitle', {
              action: t(`reports.actions.${event.action}`),
              at: formatDateTime(event.at),
            })
          : ''
      }
    >
      {snapshot.isPending && <Loader aria-label={t('app.loading')} />}
      {snapshot.error && <Alert color="red">{snapshot.error.message}</Alert>}
      {snapshot.data && (
        <Stack gap="sm">
          <Title order={3} size="h5" id="report-snapshot-title">
            {t('reports.grid.title')}
          </Title>
          <ReportGrid
            indicators={report.indicators}
            grid={gridFromReport({ indicators: report.indicators, values: snapshot.data.values })}
            editable={false}
            notes={{}}
            groupNotes={{}}
            labelledBy="report-snapshot-title"
            onCell={() => {}}
            onLocation={() => {}}
            onAddLocation={() => {}}
            onRemoveLocation={() => {}}
          />
          {report.narrativeSections.map((s, i) => (
            <div key={s.key}>
              <Title order={3} size="h6">
                {i + 1}. {s.title}
              </Title>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {snapshot.data.narrative[s.key] || '—'}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Modal>
  );
}
