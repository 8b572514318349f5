// The search params of /reports, kept apart from the page so the router does not load it eagerly.
export type ReportsTab = 'mine' | 'awaiting' | 'new';
export interface ReportsSearch {
  tab?: ReportsTab;
  agreementId?: number;
  formId?: number;
}

/** The tab, and an agreement and form to start a report from ("Lập báo cáo" on a form). */
export function validateReportsSearch(search: Record<string, unknown>): ReportsSearch {
  const out: ReportsSearch = {};
  if (search.tab === 'mine' || search.tab === 'awaiting' || search.tab === 'new') out.tab = search.tab;
  const num = (v: unknown) => (Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : undefined);
  const agreementId = num(search.agreementId);
  const formId = num(search.formId);
  if (agreementId) out.agreementId = agreementId;
  if (formId) out.formId = formId;
  return out;
}
