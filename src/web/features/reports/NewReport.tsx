import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementSummary } from '../../../contracts/agreements.ts';
import { type PeriodKind, periodKeyOf, periodLabel } from '../../../contracts/periods.ts';
import { api } from '../../api.ts';
import { foldedFilter } from '../../components/UnitSelect.tsx';
import { showApiError } from '../../errors.ts';
import { currentLocale, formatDate } from '../../format.ts';
import { useActsFor } from '../agreements/myUnits.ts';
import { type ReportDetail, useForms } from './queries.ts';

interface FormPeriod {
  key: string;
  label: string;
  start: string;
  end: string;
  dueDate: string;
}

/** The period of this kind we are in today (a report is usually written for it or the one before). */
function currentKey(kind: PeriodKind): string | null {
  if (kind === 'phase') return null;
  return periodKeyOf(kind, new Date().toISOString().slice(0, 10));
}

/**
 * "Lập báo cáo": an agreement, one of its forms, one of its reporting units that the user acts
 * for, and a period → the report is opened (created as a draft the first time).
 */
export function NewReport({ agreementId, formId }: { agreementId: number | null; formId: number | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const actsFor = useActsFor();
  const [agreement, setAgreement] = useState<string | null>(agreementId ? String(agreementId) : null);
  const [form, setForm] = useState<string | null>(formId ? String(formId) : null);
  const [unit, setUnit] = useState<string | null>(null);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [period, setPeriod] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const agreements = useQuery({
    queryKey: ['agreements', 'list', { limit: 500 }],
    queryFn: () => api.get<{ items: AgreementSummary[] }>('/api/agreements', { limit: 500 }),
  });
  const forms = useForms(agreement ? Number(agreement) : null);
  const activeForms = (forms.data ?? []).filter((f) => f.active);
  const chosenForm = activeForms.find((f) => String(f.id) === form) ?? null;
  const myUnits = (chosenForm?.units ?? []).filter((u) => actsFor(u.id));
  const unitChoices = myUnits.length > 0 ? myUnits : (chosenForm?.units ?? []);

  // The form's periods in the year that fall inside the agreement's validity, with due dates.
  const periodsQuery = useQuery({
    queryKey: ['reports', 'formPeriods', chosenForm?.id, year],
    queryFn: () => api.get<FormPeriod[]>(`/api/forms/${chosenForm?.id}/periods`, { year }),
    enabled: chosenForm !== null,
  });
  const periods = useMemo(
    () => (periodsQuery.data ?? []).map((p) => ({ ...p, label: periodLabel(p.key, currentLocale()) })),
    [periodsQuery.data],
  );

  // One choice is no choice: pick the only form, the only unit and today's period.
  useEffect(() => {
    if (!form && activeForms.length === 1) setForm(String(activeForms[0]?.id));
  }, [form, activeForms]);
  useEffect(() => {
    if (!unit && unitChoices.length === 1) setUnit(String(unitChoices[0]?.id));
    if (unit && !unitChoices.some((u) => String(u.id) === unit)) setUnit(null);
  }, [unit, unitChoices]);
  useEffect(() => {
    if (!chosenForm || !periodsQuery.data) return;
    if (period && periods.some((p) => p.key === period)) return;
    const now = currentKey(chosenForm.frequency);
    setPeriod(periods.find((p) => p.key === now)?.key ?? periods[0]?.key ?? null);
  }, [chosenForm, periods, period, periodsQuery.data]);

  const years = Array.from({ length: 7 }, (_, i) => String(thisYear + 1 - i));
  const open = async () => {
    if (!chosenForm || !unit || !period) {
      setError(t('reports.new.chooseAll'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const report = await api.post<ReportDetail>('/api/reports', {
        formId: chosenForm.id,
        unitId: Number(unit),
        period,
      });
      void navigate({ to: `/reports/${report.id}` });
    } catch (e) {
      showApiError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder maw={760}>
      <Stack gap="sm">
        <Text size="sm">{t('reports.new.intro')}</Text>
        <Select
          label={t('reports.new.agreement')}
          required
          searchable
          filter={foldedFilter}
          value={agreement}
          onChange={(v) => {
            setAgreement(v);
            setForm(null);
            setPeriod(null);
          }}
          data={(agreements.data?.items ?? []).map((a) => ({ value: String(a.id), label: a.subject }))}
          nothingFoundMessage="—"
        />
        {agreement && forms.data && activeForms.length === 0 && (
          <Alert color="blue">{t('reports.new.noForms')}</Alert>
        )}
        {activeForms.length > 0 && (
          <Select
            label={t('reports.new.form')}
            required
            value={form}
            onChange={(v) => {
              setForm(v);
              setPeriod(null);
            }}
            data={activeForms.map((f) => ({
              value: String(f.id),
              label: `${f.name} (${t(`reports.frequencies.${f.frequency}`)})`,
            }))}
          />
        )}
        {chosenForm && (
          <>
            <Select
              label={t('reports.new.unit')}
              required
              searchable
              filter={foldedFilter}
              value={unit}
              onChange={setUnit}
              data={unitChoices.map((u) => ({ value: String(u.id), label: u.name }))}
              description={myUnits.length === 0 ? t('reports.new.notMyUnit') : undefined}
            />
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              {chosenForm.frequency !== 'phase' && (
                <Select
                  label={t('reports.new.year')}
                  allowDeselect={false}
                  value={year}
                  onChange={(v) => v && setYear(v)}
                  data={years}
                />
              )}
              <Select
                label={t('reports.new.period')}
                required
                allowDeselect={false}
                value={period}
                onChange={setPeriod}
                data={periods.map((p) => ({ value: p.key, label: p.label }))}
                nothingFoundMessage={t('reports.new.noPeriods')}
                error={periodsQuery.data && periods.length === 0 ? t('reports.new.noPeriods') : undefined}
                style={{ gridColumn: 'span 2' }}
              />
            </SimpleGrid>
            {period && (
              <Text size="sm" c="dimmed">
                {t('reports.new.dueOn', {
                  date: formatDate(periods.find((p) => p.key === period)?.dueDate ?? null),
                })}
              </Text>
            )}
          </>
        )}
        {error && (
          <Text size="sm" c="red.9" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button loading={busy} disabled={!chosenForm} onClick={() => void open()}>
            {t('reports.new.open')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
