import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import { periodLabel } from '../../../contracts/periods.ts';
import { currentLocale } from '../../format.ts';
import { ByUnitChart, type DrillUnit } from './ByUnitChart.tsx';
import { IndicatorCard } from './IndicatorCard.tsx';
import { agreementYears, defaultYear, drillView, isEmptyRollup } from './model.ts';
import { OverdueWork } from './OverdueWork.tsx';
import { PeriodPicker, WHOLE_YEAR } from './PeriodPicker.tsx';
import { type RollupParams, rollupXlsxHref, useRollup } from './queries.ts';
import { TargetsChart } from './TargetsChart.tsx';
import { TrendChart } from './TrendChart.tsx';
import { ClosedBadge, SampleBadge, SampleNotice } from './widgets.tsx';

/**
 * The dashboard of an agreement: indicator cards, target vs actual, trend and by-unit charts
 * with their tables and XLSX export, drill-down of the unit tree, overdue tasks and reports.
 */
export function AgreementDashboard({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const years = useMemo(() => agreementYears(agreement), [agreement]);
  const [year, setYear] = useState(() => defaultYear(years));
  // Until the user picks a year, a year without approved figures steps back to the one before.
  const [picked, setPicked] = useState(false);
  const [skipped, setSkipped] = useState<number[]>([]);
  const [period, setPeriod] = useState(WHOLE_YEAR);
  const [trail, setTrail] = useState<DrillUnit[]>([]);
  const [chartIndicatorId, setChartIndicatorId] = useState<number | null>(null);
  const current = trail[trail.length - 1];
  const params: RollupParams = {
    year,
    period: period === WHOLE_YEAR ? undefined : period,
    unitId: current?.id,
  };
  const { data, error, isPending, isFetching, isPlaceholderData } = useRollup(agreement.id, params);
  const oldest = years[years.length - 1] ?? year;
  useEffect(() => {
    if (picked || !data || isPlaceholderData || current || year <= oldest) return;
    if (data.period === String(year) && isEmptyRollup(data)) {
      setSkipped((s) => [...s, year]);
      setYear(year - 1);
    }
  }, [picked, data, isPlaceholderData, current, year, oldest]);
  const exportHref = rollupXlsxHref(agreement.id, params);

  const label = period === WHOLE_YEAR ? periodLabel(String(year), locale) : periodLabel(period, locale);
  const scopeLabel = current ? current.name : t('dashboards.wholeAgreement');
  const { values, children } = drillView(
    data?.nodes ?? [],
    data?.totals ?? [],
    current?.id,
    data?.limited ?? false,
  );
  const valueMap = new Map(values.map((v) => [v.indicatorId, v]));
  const numeric = (data?.indicators ?? []).filter((i) => i.valueType !== 'text' && i.valueType !== 'boolean');
  const chartIndicator = numeric.find((i) => i.indicatorId === chartIndicatorId) ?? numeric[0];

  const drill = (unit: DrillUnit) => setTrail((tr) => [...tr, unit]);
  const caption = (what: string) => `${what} — ${scopeLabel} — ${label}`;

  return (
    <Stack gap="md" data-testid="agreement-dashboard">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <PeriodPicker
          years={years}
          year={year}
          period={period}
          onChange={(y, p) => {
            setPicked(true);
            setSkipped([]);
            setYear(y);
            setPeriod(p);
          }}
        />
        <Group gap="xs">
          {isFetching && <Loader size="xs" aria-label={t('app.loading')} />}
          {data?.sample && <SampleBadge />}
          <Button
            component="a"
            href={exportHref}
            download
            size="xs"
            variant="light"
            leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
          >
            {t('dashboards.exportAll')}
          </Button>
        </Group>
      </Group>

      <nav aria-label={t('dashboards.drill.label')}>
        <Breadcrumbs separator="›" style={{ flexWrap: 'wrap' }} data-testid="drill-trail">
          {[{ id: 0, name: t('dashboards.wholeAgreement') } as const, ...trail].map((u, i, all) =>
            i === all.length - 1 ? (
              <Text key={u.id} size="sm" fw={600} aria-current="location">
                {u.name} {'closed' in u && u.closed && <ClosedBadge />}
              </Text>
            ) : (
              <Anchor
                key={u.id}
                component="button"
                type="button"
                size="sm"
                onClick={() => setTrail(trail.slice(0, i))}
              >
                {u.name}
              </Anchor>
            ),
          )}
        </Breadcrumbs>
      </nav>

      {skipped.length > 0 && !picked && (
        <Text size="sm" c="dimmed" role="status">
          {t('dashboards.skippedYears', { years: skipped.join(', '), year })}
        </Text>
      )}
      {data?.sample && <SampleNotice />}
      {data?.limited && (
        <Alert color="blue" variant="light">
          {t('dashboards.limited')}
        </Alert>
      )}
      {error && (
        <Alert color="red" title={t('common.error')}>
          {error.message}
        </Alert>
      )}
      {isPending && !error && <Loader aria-label={t('app.loading')} />}

      {data && (
        <>
          <section aria-labelledby="dash-cards-title">
            <Title order={2} size="h4" id="dash-cards-title" mb="xs">
              {t('dashboards.cardsTitle', { scope: scopeLabel, period: label })}
            </Title>
            {data.indicators.length === 0 ? (
              <Text c="dimmed">{t('dashboards.noIndicators')}</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} data-testid="indicator-cards">
                {data.indicators.map((i) => (
                  <IndicatorCard
                    key={i.indicatorId}
                    indicator={i}
                    value={valueMap.get(i.indicatorId)}
                    periodLabel={label}
                  />
                ))}
              </SimpleGrid>
            )}
          </section>

          {data.indicators.length > 0 && (
            <>
              <TargetsChart
                indicators={data.indicators}
                values={valueMap}
                caption={caption(t('dashboards.targets.title'))}
                exportHref={exportHref}
              />
              {chartIndicator && (
                <Select
                  label={t('dashboards.chartIndicator')}
                  data={numeric.map((i) => ({
                    value: String(i.indicatorId),
                    label: `${i.code} — ${i.name}`,
                  }))}
                  value={String(chartIndicator.indicatorId)}
                  onChange={(v) => v && setChartIndicatorId(Number(v))}
                  allowDeselect={false}
                  maw={520}
                />
              )}
              {chartIndicator && (
                <>
                  {children.length > 0 ? (
                    <ByUnitChart
                      indicators={data.indicators}
                      indicator={chartIndicator}
                      nodes={children}
                      totals={values}
                      totalLabel={current ? current.name : t('dashboards.agreementTotal')}
                      caption={caption(t('dashboards.byUnit.caption'))}
                      exportHref={exportHref}
                      onDrill={drill}
                    />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('dashboards.byUnit.noChildren')}
                    </Text>
                  )}
                  <TrendChart
                    agreementId={agreement.id}
                    indicator={chartIndicator}
                    year={year}
                    unitId={current?.id}
                    unitLabel={scopeLabel}
                  />
                </>
              )}
            </>
          )}
        </>
      )}

      <OverdueWork agreementId={agreement.id} year={year} />
    </Stack>
  );
}
