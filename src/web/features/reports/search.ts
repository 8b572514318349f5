// The search params of /reports, kept apart from the page so the router does not load it eagerly.
// Only a type from the contracts: the router imports this file eagerly.
import type { ReportStatus } from '../../../contracts/reports.ts';

export type ReportsTab = 'mine' | 'awaiting' | 'new';

/**
 * The status filter of "my reports": a report status, or `overdue` (a draft or returned report
 * past its due date) or `due` (a draft still in time) — the dashboards link to these.
 */
export type StatusFilter = ReportStatus | 'overdue' | 'due';
export const STATUS_FILTERS = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'due',
  'overdue',
] as const satisfies readonly StatusFilter[];

export interface ReportsSearch {
  tab?: ReportsTab;
  agreementId?: number;
  formId?: number;
  status?: StatusFilter;
}

/**
 * The tab, the status filter of "my reports" (/reports?tab=mine&status=overdue from the
 * dashboards), and an agreement and form to start a report from ("Lập báo cáo" on a form).
 */
export function validateReportsSearch(search: Record<string, unknown>): ReportsSearch {
  const out: ReportsSearch = {};
  if (search.tab === 'mine' || search.tab === 'awaiting' || search.tab === 'new') out.tab = search.tab;
  const num = (v: unknown) => (Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : undefined);
  const agreementId = num(search.agreementId);
  const formId = num(search.formId);
  if (agreementId) out.agreementId = agreementId;
  if (formId) out.formId = formId;
  const status = STATUS_FILTERS.find((s) => s === search.status);
  if (status) out.status = status;
  return out;
}

/** The list query of a status filter: `overdue` and `due` are flags of their own on the server. */
export function statusQuery(status: StatusFilter | undefined): {
  status?: ReportStatus;
  overdue?: 'true';
  due?: 'true';
} {
  if (status === 'overdue') return { overdue: 'true' };
  if (status === 'due') return { due: 'true' };
  return status ? { status } : {};
}
