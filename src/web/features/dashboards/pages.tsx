import { Alert, Anchor, Loader, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import type { FormOut } from '../../../contracts/reports.ts';
import { api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { agrKeys, useAgreement } from '../agreements/queries.ts';
import { AgreementDashboard } from './AgreementDashboard.tsx';
import { agreementYears, defaultYear, yearRange } from './model.ts';
import { PeriodPicker, WHOLE_YEAR } from './PeriodPicker.tsx';
import { StatusMatrix } from './StatusMatrix.tsx';

/** /agreements/$agreementId/dashboard */
export function AgreementDashboardPage() {
  const { t } = useTranslation();
  const { agreementId } = useParams({ strict: false }) as { agreementId: string };
  const { data: a, error, isPending } = useAgreement(Number(agreementId));
  if (isPending) return <Loader aria-label={t('app.loading')} />;
  if (error || !a)
    return (
      <Alert color="red" title={t('common.error')}>
        {t('agr.notFound')}{' '}
        <Anchor component={Link} to="/agreements">
          {t('agr.back')}
        </Anchor>
      </Alert>
    );
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/agreements/${a.id}`} size="sm">
        ← {t('dashboards.backToAgreement')}
      </Anchor>
      <PageTitle>{t('dashboards.pageTitle', { name: a.subject })}</PageTitle>
      <AgreementDashboard agreement={a} />
    </Stack>
  );
}

/** /forms/$formId/status */
export function FormStatusPage() {
  const { t } = useTranslation();
  const { formId } = useParams({ strict: false }) as { formId: string };
  const form = useQuery({
    queryKey: ['forms', 'detail', Number(formId)],
    queryFn: () => api.get<FormOut>(`/api/forms/${formId}`),
  });
  const agreementId = form.data?.agreementId ?? 0;
  const agreement = useQuery({
    queryKey: agrKeys.detail(agreementId),
    queryFn: () => api.get<AgreementDetail>(`/api/agreements/${agreementId}`),
    enabled: agreementId > 0,
  });
  const years = useMemo(
    () => (agreement.data ? agreementYears(agreement.data) : yearRange(null, null)),
    [agreement.data],
  );
  const [picked, setPicked] = useState<number | null>(null);
  const year = picked ?? defaultYear(years);
  if (form.isPending) return <Loader aria-label={t('app.loading')} />;
  if (form.error || !form.data)
    return (
      <Alert color="red" title={t('common.error')}>
        {form.error?.message}
      </Alert>
    );
  const f = form.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/agreements/${f.agreementId}`} size="sm">
        ← {f.agreementSubject}
      </Anchor>
      <PageTitle>{t('dashboards.matrix.pageTitle', { name: f.name })}</PageTitle>
      <PeriodPicker
        years={years}
        year={year}
        period={WHOLE_YEAR}
        onChange={(y) => setPicked(y)}
        withPeriod={false}
      />
      <StatusMatrix formId={f.id} formName={f.name} year={year} />
    </Stack>
  );
}
