import { Alert, Anchor, Card, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { periodLabel } from '../../../contracts/periods.ts';
import { AttachmentList } from '../../components/AttachmentList.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { currentLocale, formatDate, formatDateTime } from '../../format.ts';
import { approvalText, ReportBadges } from './bits.tsx';
import { type ReportDetail, repKeys, useReport } from './queries.ts';
import { ReportEditor } from './ReportEditor.tsx';
import { lastReturn, ReportHistory } from './ReportHistory.tsx';

/** One periodic report: who reports what for which period, its data, narrative, files and history. */
export function ReportPage() {
  const { t } = useTranslation();
  const { reportId } = useParams({ strict: false }) as { reportId: string };
  const { data: report, isPending, error } = useReport(Number(reportId));
  if (isPending) return <Loader aria-label={t('app.loading')} />;
  if (error || !report)
    return (
      <Alert color="red" title={t('common.error')}>
        {t('reports.report.notFound')}{' '}
        <Anchor component={Link} to="/reports">
          {t('reports.backToList')}
        </Anchor>
      </Alert>
    );
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/reports" size="sm">
        ← {t('reports.backToList')}
      </Anchor>
      <PageTitle>{`${report.formName} — ${periodLabel(report.period, currentLocale())}`}</PageTitle>
      <ReportHeader report={report} />
      <ReturnedNotice report={report} />
      {/* A new report id starts a fresh editor. */}
      <ReportEditor key={report.id} report={report} />
      <AttachmentList
        headingId="report-files"
        title={t('reports.report.files')}
        uploadUrl={`/api/reports/${report.id}/attachments`}
        files={report.attachments}
        canAttach={report.abilities.attach}
        queryKey={repKeys.detail(report.id)}
        showUploader
      />
      <ReportHistory report={report} />
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function ReportHeader({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const waiting = approvalText(t, report);
  return (
    <Card withBorder>
      <Group gap={6} mb="sm">
        <ReportBadges report={report} />
        {report.locked && (
          <Text size="sm" c="dimmed">
            {t('reports.report.locked')}
          </Text>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" component="dl" m={0}>
        <Field label={t('reports.report.unit')}>{report.unit.name}</Field>
        <Field label={t('reports.report.period')}>{periodLabel(report.period, currentLocale())}</Field>
        <Field label={t('reports.report.due')}>
          <span style={report.overdue ? { color: 'var(--mantine-color-red-9)', fontWeight: 600 } : undefined}>
            {formatDate(report.dueDate)}
          </span>
        </Field>
        <Field label={t('reports.report.agreement')}>
          <Anchor component={Link} to={`/agreements/${report.agreementId}`} size="sm">
            {report.agreementSubject}
          </Anchor>
        </Field>
        <Field label={t('reports.report.chain')}>
          {report.approvalChain.map((u, i) => `${i + 1}. ${u.name}`).join(' → ') || '—'}
        </Field>
        <Field label={t('reports.report.step')}>
          {report.status === 'approved'
            ? t('reports.report.approvedOn', { at: formatDateTime(report.approvedAt) })
            : (waiting ??
              (report.submittedAt
                ? t('reports.report.submittedOn', { at: formatDateTime(report.submittedAt) })
                : t('reports.report.notSubmitted')))}
        </Field>
      </SimpleGrid>
      {report.sample && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('reports.sampleHint')}
        </Text>
      )}
    </Card>
  );
}

/** A returned report says why, and who returned it, above everything the officer must fix. */
function ReturnedNotice({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  if (report.status !== 'returned') return null;
  const ev = lastReturn(report);
  return (
    <Alert
      color="pink"
      variant="light"
      title={t('reports.report.returnedTitle')}
      data-testid="return-comment"
    >
      {ev?.comment && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          “{ev.comment}”
        </Text>
      )}
      {ev && (
        <Text size="xs" mt={4}>
          {[ev.actorName, ev.unitName, formatDateTime(ev.at)].filter(Boolean).join(' — ')}
        </Text>
      )}
      {report.abilities.edit && (
        <Text size="sm" mt={4}>
          {t('reports.report.returnedHint')}
        </Text>
      )}
    </Alert>
  );
}
