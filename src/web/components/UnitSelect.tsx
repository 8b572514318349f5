import { type ComboboxItem, MultiSelect, type OptionsFilter, Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { foldVietnamese } from '../../contracts/text.ts';
import { isClosed, type TreeNode, useUnitDirectory, useUnitTree } from '../features/units/queries.ts';

// Diacritic-insensitive option filter, word by word: "bien phong lai chau" finds
// "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu".
export const foldedFilter: OptionsFilter = ({ options, search }) => {
  const words = foldVietnamese(search).split(' ').filter(Boolean);
  if (words.length === 0) return options;
  return (options as ComboboxItem[]).filter((o) => {
    const label = foldVietnamese(o.label);
    return words.every((w) => label.includes(w));
  });
};

type ExtraUnit = Pick<TreeNode, 'id' | 'name'>;

function useOptions(
  exclude?: ReadonlySet<number>,
  includeClosed = false,
  extraUnits?: readonly ExtraUnit[],
  directory = false,
) {
  const tree = useUnitTree(!directory);
  const listed = useUnitDirectory(directory);
  const { t } = useTranslation();
  return useMemo(() => {
    const data: TreeNode[] | undefined = directory
      ? listed.data?.map((u) => ({ ...u, parentId: null, kind: 'other' as const, validTo: null }))
      : tree.data;
    const nodes: TreeNode[] = (data ?? []).filter(
      (u) => !exclude?.has(u.id) && (includeClosed || !isClosed(u.validTo)),
    );
    // Units outside the user's tree that the screen still offers (e.g. partner agencies).
    const known = new Set((data ?? []).map((u) => u.id));
    for (const u of extraUnits ?? []) {
      if (known.has(u.id) || exclude?.has(u.id)) continue;
      known.add(u.id);
      nodes.push({ ...u, parentId: null, shortName: null, kind: 'other', validTo: null });
    }
    nodes.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return nodes.map((u) => ({
      value: String(u.id),
      label: isClosed(u.validTo) ? `${u.name} ${t('units.closedSuffix')}` : u.name,
    }));
  }, [directory, listed.data, tree.data, exclude, includeClosed, extraUnits, t]);
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
  /** Units to offer besides those of the user's tree (the tree shows only the user's scope). */
  extraUnits?: readonly ExtraUnit[];
  /** Offer every unit in operation (partner agencies), not only the user's tree. */
  directory?: boolean;
  clearable?: boolean;
}

/** A searchable picker over the units the user can see. */
export function UnitSelect({
  value,
  onChange,
  exclude,
  includeClosed,
  extraUnits,
  directory,
  clearable = true,
  ...rest
}: UnitSelectProps) {
  const options = useOptions(exclude, includeClosed, extraUnits, directory);
  return (
    <Select
      {...rest}
      data={options}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchable
      clearable={clearable}
      filter={foldedFilter}
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
  /** Units to offer besides those of the user's tree (and to name the chosen ones outside it). */
  extraUnits?: readonly ExtraUnit[];
  /** Offer every unit in operation (partner agencies), not only the user's tree. */
  directory?: boolean;
}

export function UnitMultiSelect({
  value,
  onChange,
  exclude,
  extraUnits,
  directory,
  ...rest
}: UnitMultiSelectProps) {
  const options = useOptions(exclude, false, extraUnits, directory);
  return (
    <MultiSelect
      {...rest}
      data={options}
      value={value.map(String)}
      onChange={(v) => onChange(v.map(Number))}
      searchable
      clearable
      filter={foldedFilter}
      limit={100}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
