import { Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { periodLabel, periodsBetween } from '../../../contracts/periods.ts';
import { currentLocale } from '../../format.ts';

export const WHOLE_YEAR = 'year';

/** Year and period pickers; the period is a key inside the year, or WHOLE_YEAR. */
export function PeriodPicker({
  years,
  year,
  period,
  onChange,
  withPeriod = true,
}: {
  years: number[];
  year: number;
  period: string;
  onChange: (year: number, period: string) => void;
  withPeriod?: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const options = (kind: 'half' | 'quarter' | 'month') =>
    periodsBetween(kind, year, year).map((key) => ({ value: key, label: periodLabel(key, locale) }));
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        label={t('dashboards.picker.year')}
        data={years.map((y) => ({ value: String(y), label: String(y) }))}
        value={String(year)}
        onChange={(v) => v && onChange(Number(v), WHOLE_YEAR)}
        allowDeselect={false}
        w={110}
        comboboxProps={{ withinPortal: true }}
      />
      {withPeriod && (
        <Select
          label={t('dashboards.picker.period')}
          data={[
            {
              group: t('dashboards.picker.wholeYear'),
              items: [{ value: WHOLE_YEAR, label: periodLabel(String(year), locale) }],
            },
            { group: t('dashboards.picker.halves'), items: options('half') },
            { group: t('dashboards.picker.quarters'), items: options('quarter') },
            { group: t('dashboards.picker.months'), items: options('month') },
          ]}
          value={period}
          onChange={(v) => v && onChange(year, v)}
          allowDeselect={false}
          w={220}
          maxDropdownHeight={320}
        />
      )}
    </Group>
  );
}
