import {
  ActionIcon,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconFileSpreadsheet, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../api.ts';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { formatNumber } from '../../format.ts';
import { Highlight } from '../agreements/bits.tsx';
import { QueryState, TotalLine } from '../agreements/shared.tsx';
import { OP_SYMBOL } from '../reports/values.ts';
import { ExchangeBadge } from './ExchangeBadge.tsx';
import { IndicatorModal } from './IndicatorForm.tsx';
import { type IndicatorOut, indKeys, useIndicators } from './queries.ts';

type Active = 'true' | 'false' | 'all';

/** "0 – 1.000", "≥ 0", "≤ 100", or nothing. */
export function rangeLabel(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `${formatNumber(min)} – ${formatNumber(max)}`;
  if (min !== null) return `≥ ${formatNumber(min)}`;
  if (max !== null) return `≤ ${formatNumber(max)}`;
  return '';
}

/** Danh mục chỉ tiêu: search without diacritics, add, edit, deactivate, delete unused, export to Excel. */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  const [q, setQ] = useState('');
  const [active, setActive] = useState<Active>('true');
  const [debounced] = useDebouncedValue(q, 250);
  const filters = { q: debounced.trim() || undefined, active };
  const { data, isPending, error } = useIndicators(filters);
  const [editing, setEditing] = useState<IndicatorOut | 'new' | null>(null);
  const [deleting, setDeleting] = useState<IndicatorOut | null>(null);
  const canCreate = data?.abilities.create ?? false;

  return (
    <>
      <PageTitle
        actions={
          <Group gap="xs">
            <Button
              component="a"
              href={withQuery('/api/indicators/export.xlsx', filters)}
              variant="light"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
            >
              {t('agr.exportXlsx')}
            </Button>
            {canCreate && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
                {t('reports.ind.add')}
              </Button>
            )}
          </Group>
        }
      >
        {t('reports.ind.title')}
      </PageTitle>
      <Text size="sm" c="dimmed" mb="sm">
        {t('reports.ind.intro')}
      </Text>
      <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
        <TextInput
          label={t('reports.ind.search')}
          description={t('common.searchHint')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
          type="search"
        />
        <SegmentedControl
          value={active}
          onChange={(value) => setActive(value as Active)}
          aria-label={t('reports.ind.activeFilter')}
          data={[
            { value: 'true', label: t('reports.ind.inUse') },
            { value: 'false', label: t('reports.ind.retired') },
            { value: 'all', label: t('common.all') },
          ]}
        />
      </Group>
      <QueryState error={error} isPending={isPending} />
      {data && (
        <Stack gap="sm">
          <TotalLine total={data.total} empty={t('reports.ind.empty')} />
          {data.items.length > 0 && (
            <Table.ScrollContainer minWidth={narrow ? 0 : 760}>
              <Table striped highlightOnHover verticalSpacing="xs" data-testid="indicator-table">
                <caption style={{ captionSide: 'top', textAlign: 'start' }}>
                  <VisuallyHidden>{t('reports.ind.title')}</VisuallyHidden>
                </caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={narrow ? 110 : 190}>
                      {t('reports.ind.code')}
                    </Table.Th>
                    <Table.Th scope="col">{t('reports.ind.name')}</Table.Th>
                    {!narrow && (
                      <Table.Th scope="col" w={100}>
                        {t('reports.ind.uom')}
                      </Table.Th>
                    )}
                    {!narrow && (
                      <Table.Th scope="col" w={230}>
                        {t('reports.ind.typeAndAggregation')}
                      </Table.Th>
                    )}
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((ind) => (
                    <Table.Tr key={ind.id}>
                      <Table.Td>
                        <Text size="xs" fw={600} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                          <Highlight text={ind.code} query={debounced} />
                        </Text>
                      </Table.Td>
                      <Table.Th scope="row" fw="normal">
                        <Text size="sm">
                          <Highlight text={ind.name} query={debounced} />
                        </Text>
                        <Group gap={4} mt={2}>
                          {narrow && (
                            <Text size="xs" c="dimmed">
                              {ind.uom} · {t(`reports.valueTypes.${ind.valueType}`)}
                            </Text>
                          )}
                          {!ind.active && (
                            <Badge size="sm" variant="filled" color="gray.7">
                              {t('reports.ind.retiredOne')}
                            </Badge>
                          )}
                          {ind.required && (
                            <Badge size="sm" variant="light" color="brand">
                              {t('reports.ind.requiredShort')}
                            </Badge>
                          )}
                          <ExchangeBadge source={ind.exchangeSource} />
                          {ind.dedupByLocation && (
                            <Badge size="sm" variant="light" color="grape">
                              {t('reports.ind.dedupShort')}
                            </Badge>
                          )}
                          {ind.disaggregation && (
                            <Badge size="sm" variant="light" color="teal">
                              {ind.disaggregation.name}:{' '}
                              {ind.disaggregation.categories.map((c) => c.name).join(', ')}
                            </Badge>
                          )}
                        </Group>
                        {ind.rules.map((r) => (
                          <Text key={r.id} size="xs" c="dimmed">
                            {t('reports.ind.ruleLine', {
                              op: OP_SYMBOL[r.op],
                              other: `${r.otherCode} — ${r.otherName}`,
                            })}
                          </Text>
                        ))}
                      </Table.Th>
                      {!narrow && <Table.Td>{ind.uom}</Table.Td>}
                      {!narrow && (
                        <Table.Td>
                          <Text size="sm">
                            {t(`reports.valueTypes.${ind.valueType}`)}
                            {ind.minValue !== null || ind.maxValue !== null
                              ? ` · ${rangeLabel(ind.minValue, ind.maxValue)}`
                              : ''}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {t('reports.ind.overUnits')}: {t(`reports.aggregations.${ind.aggUnits}`)} ·{' '}
                            {t('reports.ind.overTime')}: {t(`reports.aggregations.${ind.aggTime}`)}
                          </Text>
                        </Table.Td>
                      )}
                      <Table.Td>
                        <Group gap={2} wrap="nowrap">
                          {ind.abilities?.update && (
                            <ActionIcon
                              variant="subtle"
                              aria-label={t('reports.ind.editOne', { code: ind.code })}
                              onClick={() => setEditing(ind)}
                            >
                              <IconPencil size={16} aria-hidden />
                            </ActionIcon>
                          )}
                          {ind.abilities?.delete && (
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('reports.ind.deleteOne', { code: ind.code })}
                              onClick={() => setDeleting(ind)}
                            >
                              <IconTrash size={16} aria-hidden />
                            </ActionIcon>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
      <IndicatorModal
        indicator={editing === 'new' ? null : editing}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
      {deleting && <DeleteIndicator indicator={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

function DeleteIndicator({ indicator, onClose }: { indicator: IndicatorOut; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => api.delete(`/api/indicators/${indicator.id}`, { version: indicator.version }),
    onSuccess: () => {
      notifySuccess(t('reports.ind.deleted'));
      void qc.invalidateQueries({ queryKey: indKeys.all });
      onClose();
    },
    onError: (e) => showApiError(e),
  });
  return (
    <ConfirmDelete
      opened
      title={t('reports.ind.deleteTitle')}
      question={t('reports.ind.deleteConfirm', { code: indicator.code, name: indicator.name })}
      details={t('reports.ind.deleteHint')}
      busy={mutation.isPending}
      onConfirm={() => mutation.mutate()}
      onClose={onClose}
    />
  );
}
