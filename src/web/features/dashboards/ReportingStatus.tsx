import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import { agreementYears, defaultYear } from './model.ts';
import { PeriodPicker, WHOLE_YEAR } from './PeriodPicker.tsx';
import { useAgreementForms } from './queries.ts';
import { StatusMatrix } from './StatusMatrix.tsx';

/** The reporting-status matrices of every report form of an agreement (a tab of its page). */
export function ReportingStatus({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const years = useMemo(() => agreementYears(agreement), [agreement]);
  const [year, setYear] = useState(() => defaultYear(years));
  const forms = useAgreementForms(agreement.id);
  return (
    <Stack gap="md" data-testid="reporting-status">
      <PeriodPicker
        years={years}
        year={year}
        period={WHOLE_YEAR}
        onChange={(y) => setYear(y)}
        withPeriod={false}
      />
      {forms.error && <Alert color="red">{forms.error.message}</Alert>}
      {forms.isPending && <Loader aria-label={t('app.loading')} />}
      {forms.data?.length === 0 && <Text c="dimmed">{t('dashboards.matrix.noForms')}</Text>}
      {forms.data?.map((f) => (
        <StatusMatrix key={f.id} formId={f.id} formName={f.name} year={year} />
      ))}
    </Stack>
  );
}
