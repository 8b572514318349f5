import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../../contracts/reports.ts';

// Filled badges carry white text: shades with at least 4.5:1 contrast (WCAG AA).
const STATUS_COLORS: Record<ReportStatus, string> = {
  draft: 'gray.7',
  submitted: 'blue.8',
  returned: 'pink.9',
  approved: 'teal.9',
};

/** Status, overdue and sample-data badges of a report. */
export function ReportBadges({
  report,
}: {
  report: { status: ReportStatus; overdue: boolean; sample: boolean };
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap" component="span">
      <Badge variant="filled" color={STATUS_COLORS[report.status]} data-testid="report-status">
        {t(`reports.statuses.${report.status}`)}
      </Badge>
      {report.overdue && (
        <Badge variant="filled" color="red.9" data-testid="report-overdue">
          {t('reports.overdue')}
        </Badge>
      )}
      {report.sample && (
        <Badge variant="outline" color="violet.9">
          {t('reports.sample')}
        </Badge>
      )}
    </Group>
  );
}

/** Where a report stands on its approval chain: "Chờ Bộ Chỉ huy BĐBP tỉnh Lào Cai duyệt (bước 1/1)". */
export function approvalText(
  t: (key: string, o?: Record<string, unknown>) => string,
  report: {
    status: ReportStatus;
    approvalStep: number;
    approvalChain: Array<{ name: string }>;
  },
): string | null {
  const total = report.approvalChain.length;
  if (report.status !== 'submitted') return null;
  const next = report.approvalChain[report.approvalStep];
  return next
    ? t('reports.report.awaiting', { unit: next.name, step: report.approvalStep + 1, total })
    : null;
}
