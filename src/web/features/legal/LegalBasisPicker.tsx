import { Button, Group, MultiSelect, type OptionsFilter, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegalDocument } from '../../../contracts/agreements.ts';
import { LegalDocModal } from './LegalDocForm.tsx';
import { useLegalDocuments } from './queries.ts';

// The server already searched (diacritic-insensitive): show what it found.
const serverFiltered: OptionsFilter = ({ options }) => options;

interface Props {
  value: LegalDocument[];
  onChange: (value: LegalDocument[]) => void;
  error?: React.ReactNode;
}

/** Legal bases of an agreement: search the register, or add a document to it inline. */
export function LegalBasisPicker({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useLegalDocuments({ q: debounced || undefined, limit: 20 });
  const known = new Map<number, LegalDocument>();
  for (const d of [...value, ...(data?.items ?? [])]) known.set(d.id, d);
  const add = (doc: LegalDocument) => {
    if (!value.some((d) => d.id === doc.id)) onChange([...value, doc]);
  };

  return (
    <Stack gap={4}>
      <MultiSelect
        label={t('legal.pick')}
        description={t('legal.pickHint')}
        searchable
        clearable
        searchValue={search}
        onSearchChange={setSearch}
        filter={serverFiltered}
        data={[...known.values()].map((d) => ({ value: String(d.id), label: d.citation }))}
        value={value.map((d) => String(d.id))}
        onChange={(ids) => onChange(ids.map((id) => known.get(Number(id))).filter((d) => d !== undefined))}
        nothingFoundMessage={isFetching ? t('app.loading') : t('legal.pickEmpty')}
        renderOption={({ option }) => (
          <div>
            <Text size="sm">{option.label}</Text>
            <Text size="xs" c="dimmed" lineClamp={2}>
              {known.get(Number(option.value))?.subject}
            </Text>
          </div>
        )}
        error={error}
        comboboxProps={{ withinPortal: true }}
      />
      <Group>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => setAdding(true)}
        >
          {t('legal.create')}
        </Button>
      </Group>
      <LegalDocModal
        opened={adding}
        onClose={() => setAdding(false)}
        onSaved={add}
        existingAction={{ label: t('legal.useExisting'), run: add }}
      />
    </Stack>
  );
}
