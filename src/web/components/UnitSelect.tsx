import { type ComboboxItem, MultiSelect, type OptionsFilter, Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { foldVietnamese } from '../../contracts/text.ts';
import { isClosed, type TreeNode, useUnitTree } from '../features/units/queries.ts';

// Diacritic-insensitive option filter: "bien phong" finds "Biên phòng".
const filter: OptionsFilter = ({ options, search }) => {
  const q = foldVietnamese(search);
  if (!q) return options;
  return (options as ComboboxItem[]).filter((o) => foldVietnamese(o.label).includes(q));
};

function useOptions(exclude?: ReadonlySet<number>, includeClosed = false) {
  const { data } = useUnitTree();
  const { t } = useTranslation();
  return useMemo(() => {
    const nodes: TreeNode[] = (data ?? []).filter(
      (u) => !exclude?.has(u.id) && (includeClosed || !isClosed(u.validTo)),
    );
    nodes.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return nodes.map((u) => ({
      value: String(u.id),
      label: isClosed(u.validTo) ? `${u.name} ${t('units.closedSuffix')}` : u.name,
    }));
  }, [data, exclude, includeClosed, t]);
}

interface UnitSelectProps {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  error?: React.ReactNode;
  description?: string;
  placeholder?: string;
  required?: boolean;
  exclude?: ReadonlySet<number>;
  includeClosed?: boolean;
  clearable?: boolean;
}

/** A searchable picker over the units the user can see. */
export function UnitSelect({
  value,
  onChange,
  exclude,
  includeClosed,
  clearable = true,
  ...rest
}: UnitSelectProps) {
  const options = useOptions(exclude, includeClosed);
  return (
    <Select
      {...rest}
      data={options}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchable
      clearable={clearable}
      filter={filter}
      limit={100}
      nothingFoundMessage="—"
      comboboxProps={{ withinPortal: true }}
    />
  );
}

interface UnitMultiSelectProps {
  label: string;
  value: number[];
  onChange: (value: number[]) => void;
  error?: React.ReactNode;
  description?: string;
  exclude?: ReadonlySet<number>;
}

export function UnitMultiSelect({ value, onChange, exclude, ...rest }: UnitMultiSelectProps) {
  const options = useOptions(exclude);
  return (
    <MultiSelect
      {...rest}
      data={options}
      value={value.map(String)}
      onChange={(v) => onChange(v.map(Number))}
      searchable
      clearable
      filter={filter}
      limit={100}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
