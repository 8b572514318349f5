import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconDeviceFloppy, IconLink, IconUnlink } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import { api } from '../../api.ts';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { foldedFilter, UnitSelect } from '../../components/UnitSelect.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { formatNumber } from '../../format.ts';
import { parseVietnameseNumber, toRaw } from '../reports/values.ts';
import { useUnitTree } from '../units/queries.ts';
import { ExchangeBadge } from './ExchangeBadge.tsx';
import {
  type AgreementIndicator,
  indKeys,
  type TargetRow,
  useAgreementIndicators,
  useIndicators,
  useTargets,
} from './queries.ts';

/** The years an agreement's targets are set for: a plan's year, a program's phase, or around today. */
export function agreementYears(a: Pick<AgreementDetail, 'year' | 'validFrom' | 'validTo'>): number[] {
  const now = new Date().getFullYear();
  if (a.year) return [a.year];
  const from = a.validFrom ? Number(a.validFrom.slice(0, 4)) : now - 1;
  const to = a.validTo ? Number(a.validTo.slice(0, 4)) : Math.max(from, now) + 1;
  const years: number[] = [];
  for (let y = from; y <= to && years.length < 30; y++) years.push(y);
  return years.length ? years : [now];
}

function defaultYear(years: number[]): number {
  const now = new Date().getFullYear();
  return years.includes(now) ? now : (years[years.length - 1] ?? now);
}

function linkScope(ind: AgreementIndicator, agreementId: number): 'agreement' | 'section' | 'task' {
  const mine = ind.links.filter((l) => l.agreementId === agreementId);
  if (mine.some((l) => l.sectionId === null && l.taskId === null)) return 'agreement';
  return mine.some((l) => l.taskId !== null) ? 'task' : 'section';
}

/**
 * The agreement's indicators (linked from the catalogue) and its targets per unit and year:
 * a table indicators × units that those who manage the agreement's tasks can edit.
 */
export function AgreementIndicators({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const manage = agreement.abilities.manageTasks;
  const linked = useAgreementIndicators(agreement.id);
  const catalogue = useIndicators({ active: 'true' }, manage);
  const [picked, setPicked] = useState<string | null>(null);
  const [unlinking, setUnlinking] = useState<AgreementIndicator | null>(null);
  const items = linked.data ?? [];

  const link = useMutation({
    mutationFn: (indicatorId: number) =>
      api.post(`/api/indicators/${indicatorId}/links`, { agreementId: agreement.id }),
    onSuccess: () => {
      setPicked(null);
      notifySuccess(t('reports.agrInd.linked'));
      void qc.invalidateQueries({ queryKey: indKeys.all });
    },
    onError: (e) => showApiError(e),
  });

  const linkedIds = new Set(items.map((i) => i.id));
  const options = (catalogue.data?.items ?? [])
    .filter((i) => !linkedIds.has(i.id))
    .map((i) => ({ value: String(i.id), label: `${i.code} — ${i.name}` }));

  return (
    <Card withBorder component="section" aria-labelledby="agr-indicators">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4" id="agr-indicators">
          {t('reports.agrInd.title')}
        </Title>
        <Button component={Link} to="/indicators" size="xs" variant="subtle">
          {t('reports.agrInd.catalogue')}
        </Button>
      </Group>
      {linked.error && <Alert color="red">{linked.error.message}</Alert>}
      {linked.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reports.agrInd.none')}
        </Text>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={0}>
          <Table verticalSpacing={4} data-testid="agreement-indicators">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reports.ind.code')}</Table.Th>
                <Table.Th scope="col">{t('reports.ind.name')}</Table.Th>
                <Table.Th scope="col">{t('reports.ind.uom')}</Table.Th>
                {manage && (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((ind) => {
                const scope = linkScope(ind, agreement.id);
                return (
                  <Table.Tr key={ind.id}>
                    <Table.Td ff="monospace" fz="sm">
                      {ind.code}
                    </Table.Td>
                    <Table.Th scope="row" fw="normal" fz="sm">
                      {ind.name}
                      {ind.exchangeSource && (
                        <div>
                          <ExchangeBadge source={ind.exchangeSource} />
                        </div>
                      )}
                      {scope !== 'agreement' && (
                        <Text size="xs" c="dimmed">
                          {t(`reports.agrInd.scope.${scope}`)}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td fz="sm">{ind.uom}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('reports.agrInd.unlinkOne', { code: ind.code })}
                          onClick={() => setUnlinking(ind)}
                        >
                          <IconUnlink size={16} aria-hidden />
                        </ActionIcon>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {manage && (
        <Group align="flex-end" gap="xs" mt="sm" wrap="wrap">
          <Select
            label={t('reports.agrInd.pick')}
            searchable
            clearable
            filter={foldedFilter}
            data={options}
            value={picked}
            onChange={setPicked}
            nothingFoundMessage="—"
            style={{ flex: '1 1 260px' }}
          />
          <Button
            leftSection={<IconLink size={16} aria-hidden />}
            disabled={!picked}
            loading={link.isPending}
            onClick={() => picked && link.mutate(Number(picked))}
          >
            {t('reports.agrInd.link')}
          </Button>
        </Group>
      )}
      {items.length > 0 && <Targets agreement={agreement} indicators={items} />}
      {unlinking && (
        <Unlink agreementId={agreement.id} indicator={unlinking} onClose={() => setUnlinking(null)} />
      )}
    </Card>
  );
}

function Unlink({
  agreementId,
  indicator,
  onClose,
}: {
  agreementId: number;
  indicator: AgreementIndicator;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: async () => {
      for (const l of indicator.links.filter((x) => x.agreementId === agreementId)) {
        await api.delete(`/api/indicator-links/${l.id}`);
      }
    },
    onSuccess: () => {
      notifySuccess(t('reports.agrInd.unlinked'));
      onClose();
    },
    onError: (e) => showApiError(e),
    onSettled: () => qc.invalidateQueries({ queryKey: indKeys.all }),
  });
  return (
    <ConfirmDelete
      opened
      title={t('reports.agrInd.unlinkTitle')}
      question={t('reports.agrInd.unlinkConfirm', { code: indicator.code, name: indicator.name })}
      details={t('reports.agrInd.unlinkHint')}
      busy={mutation.isPending}
      onConfirm={() => mutation.mutate()}
      onClose={onClose}
    />
  );
}

const cell = (indicatorId: number, unitId: number) => `${indicatorId}:${unitId}`;

/** Chỉ tiêu kế hoạch: one row per indicator, one column per unit, for the chosen year. */
function Targets({
  agreement,
  indicators,
}: {
  agreement: AgreementDetail;
  indicators: AgreementIndicator[];
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const manage = agreement.abilities.manageTasks;
  const years = agreementYears(agreement);
  const [year, setYear] = useState(defaultYear(years));
  const targets = useTargets(agreement.id, year);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [extraUnits, setExtraUnits] = useState<Array<{ id: number; name: string }>>([]);
  const [adding, setAdding] = useState<number | null>(null);
  const tree = useUnitTree(manage);

  const rows: TargetRow[] = targets.data ?? [];
  const stored = useMemo(() => new Map(rows.map((r) => [cell(r.indicatorId, r.unitId), r])), [rows]);
  // A new year: start from what is stored.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on year change only
  useEffect(() => {
    setTyped({});
    setErrors({});
  }, [year]);

  const units = useMemo(() => {
    const out = new Map<number, string>();
    for (const p of agreement.partyDetails) out.set(p.unit.id, p.unit.name);
    for (const r of rows) out.set(r.unitId, r.unitName);
    for (const u of extraUnits) out.set(u.id, u.name);
    return [...out].map(([id, name]) => ({ id, name }));
  }, [agreement.partyDetails, rows, extraUnits]);

  const rawOf = (indicatorId: number, unitId: number) => {
    const key = cell(indicatorId, unitId);
    if (key in typed) return typed[key] ?? '';
    const row = stored.get(key);
    return row ? toRaw(row.value, 'decimal') : '';
  };

  const save = useMutation({
    mutationFn: async () => {
      const put: Array<{ indicatorId: number; unitId: number; year: number; value: number }> = [];
      const remove: TargetRow[] = [];
      const bad: Record<string, string> = {};
      for (const [key, raw] of Object.entries(typed)) {
        const [indicatorId, unitId] = key.split(':').map(Number) as [number, number];
        const parsed = parseVietnameseNumber(raw);
        if (!parsed.ok) bad[key] = t('reports.grid.notNumber');
        else if (parsed.value === null) {
          const row = stored.get(key);
          if (row) remove.push(row);
        } else if (parsed.value < 0) bad[key] = t('reports.agrInd.negative');
        else put.push({ indicatorId, unitId, year, value: parsed.value });
      }
      setErrors(bad);
      if (Object.keys(bad).length > 0) throw new Error(t('reports.agrInd.fixErrors'));
      if (put.length) await api.put(`/api/agreements/${agreement.id}/targets`, { targets: put });
      for (const row of remove) await api.delete(`/api/agreements/${agreement.id}/targets/${row.id}`);
      return put.length + remove.length;
    },
    onSuccess: (n) => {
      setTyped({});
      notifySuccess(t('reports.agrInd.targetsSaved', { count: n }));
    },
    onError: (e) =>
      showApiError(e, {
        setFieldError: (path, message) => {
          const m = /^targets\.(\d+)/.exec(path);
          if (!m) return;
          const entries = Object.keys(typed);
          const key = entries[Number(m[1])];
          if (key) setErrors((x) => ({ ...x, [key]: message }));
        },
        getValues: () => ({ targets: null }),
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: indKeys.targets(agreement.id, year) }),
  });

  const dirty = Object.keys(typed).length > 0;
  if (!manage && rows.length === 0)
    return (
      <Text size="sm" c="dimmed" mt="sm">
        {t('reports.agrInd.noTargets')}
      </Text>
    );
  return (
    <Stack gap="xs" mt="md">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Title order={3} size="h5" id="agr-targets">
          {t('reports.agrInd.targets')}
        </Title>
        {years.length > 1 && (
          <Select
            label={t('reports.agrInd.year')}
            allowDeselect={false}
            value={String(year)}
            onChange={(v) => v && setYear(Number(v))}
            data={years.map((y) => String(y))}
            w={110}
          />
        )}
      </Group>
      <Table.ScrollContainer minWidth={Math.min(900, 240 + units.length * 140)}>
        <Table withTableBorder withColumnBorders verticalSpacing={4} aria-labelledby="agr-targets">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports.agrInd.indicatorYear', { year })}</Table.Th>
              {units.map((u) => (
                <Table.Th key={u.id} scope="col" fz="xs" miw={120}>
                  {u.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {indicators.map((ind) => (
              <Table.Tr key={ind.id}>
                <Table.Th scope="row" fw="normal" fz="sm">
                  {ind.name}{' '}
                  <Text span size="xs" c="dimmed">
                    ({ind.uom})
                  </Text>
                </Table.Th>
                {units.map((u) => {
                  const key = cell(ind.id, u.id);
                  const raw = rawOf(ind.id, u.id);
                  return (
                    <Table.Td key={u.id}>
                      {manage ? (
                        <TextInput
                          size="xs"
                          inputMode="decimal"
                          aria-label={t('reports.agrInd.targetFor', {
                            indicator: ind.name,
                            unit: u.name,
                            year,
                          })}
                          value={raw}
                          error={errors[key]}
                          onChange={(e) => {
                            const value = e.currentTarget.value;
                            setTyped((x) => ({ ...x, [key]: value }));
                          }}
                        />
                      ) : (
                        <Text size="sm" ta="right">
                          {stored.get(key) ? formatNumber(stored.get(key)?.value ?? 0) : '—'}
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {manage && (
        <Group justify="space-between" align="flex-end" gap="xs" wrap="wrap">
          <Group align="flex-end" gap="xs" wrap="wrap" style={{ flex: '1 1 260px' }}>
            <UnitSelect
              label={t('reports.agrInd.addUnit')}
              value={adding}
              onChange={setAdding}
              exclude={new Set(units.map((u) => u.id))}
            />
            <Button
              variant="default"
              disabled={adding === null}
              onClick={() => {
                if (adding === null) return;
                const name = tree.data?.find((u) => u.id === adding)?.name ?? String(adding);
                setExtraUnits((x) => [...x, { id: adding, name }]);
                setAdding(null);
              }}
            >
              {t('reports.agrInd.addColumn')}
            </Button>
          </Group>
          <Button
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            disabled={!dirty}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {t('reports.agrInd.saveTargets')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
