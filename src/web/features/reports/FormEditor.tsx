import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import {
  deadlineOf,
  PERIOD_KINDS,
  type PeriodKind,
  periodKeyOf,
  periodLabel,
} from '../../../contracts/periods.ts';
import { DEFAULT_NARRATIVE_SECTIONS } from '../../../contracts/reports.ts';
import { api } from '../../api.ts';
import { foldedFilter, UnitMultiSelect } from '../../components/UnitSelect.tsx';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { currentLocale, formatDate } from '../../format.ts';
import { ConflictNotice } from '../agreements/TaskForm.tsx';
import { slug } from '../indicators/IndicatorForm.tsx';
import { useAgreementIndicators, useIndicators } from '../indicators/queries.ts';
import { type FormOut, repKeys } from './queries.ts';

interface Values {
  name: string;
  frequency: PeriodKind;
  deadlineDay: number | string;
  deadlineMonthOffset: number | string;
  narrativeSections: Array<{ key: string; title: string }>;
  indicators: Array<{ indicatorId: number; required: boolean }>;
  unitIds: number[];
  approvalChain: number[];
  allowSelfApproval: boolean;
  active: boolean;
  version: number;
}

function valuesOf(form: FormOut | null, linked: number[], owner: number | null): Values {
  return {
    name: form?.name ?? '',
    frequency: form?.frequency ?? 'quarter',
    deadlineDay: form?.deadlineDay ?? 20,
    deadlineMonthOffset: form?.deadlineMonthOffset ?? 0,
    narrativeSections: form?.narrativeSections ?? DEFAULT_NARRATIVE_SECTIONS,
    indicators: form
      ? [...form.indicators]
          .sort((a, b) => a.position - b.position)
          .map((i) => ({ indicatorId: i.indicatorId, required: i.required }))
      : linked.map((indicatorId) => ({ indicatorId, required: false })),
    unitIds: form?.units.map((u) => u.id) ?? [],
    approvalChain: form?.approvalChain.map((u) => u.id) ?? (owner ? [owner] : []),
    allowSelfApproval: form?.allowSelfApproval ?? false,
    active: form?.active ?? true,
    version: form?.version ?? 0,
  };
}

/** "ngày 20 của tháng cuối kỳ", "+ 1 tháng": the rule in words, and this period's deadline as an example. */
export function deadlineExample(
  frequency: PeriodKind,
  day: number,
  monthOffset: number,
): { key: string; due: string | null } | null {
  if (frequency === 'phase' || !day) return null;
  const key = periodKeyOf(frequency, new Date().toISOString().slice(0, 10));
  return { key, due: deadlineOf(key, { day, monthOffset }) };
}

/** A key for a new narrative section from its title, not clashing with the others. */
function sectionKey(title: string, taken: string[]): string {
  let key = slug(title, 'muc').slice(0, 36);
  let n = 2;
  while (taken.includes(key)) key = `${slug(title, 'muc').slice(0, 33)}_${n++}`;
  return key;
}

const SERVER_FIELDS = [
  'name',
  'frequency',
  'deadlineDay',
  'deadlineMonthOffset',
  'narrativeSections',
  'indicators',
  'unitIds',
  'approvalChain',
];

function FormBody({
  agreement,
  form: existing,
  onClose,
}: {
  agreement: AgreementDetail;
  form: FormOut | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const catalogue = useIndicators({ active: 'true' });
  const linked = useAgreementIndicators(agreement.id);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<'no' | 'yes' | 'reloaded'>('no');
  const form = useForm<Values>({
    initialValues: valuesOf(existing, linked.data?.map((i) => i.id) ?? [], agreement.ownerUnit.id),
    validate: {
      name: (v) => (v.trim() ? null : t('reports.common.required')),
      deadlineDay: (v) =>
        typeof v === 'number' && v >= 1 && v <= 31 ? null : t('reports.forms.deadlineDayRange'),
      indicators: (v) => (v.length > 0 ? null : t('reports.forms.indicatorsRequired')),
      unitIds: (v) => (v.length > 0 ? null : t('reports.forms.unitsRequired')),
      approvalChain: (v) => (v.length > 0 ? null : t('reports.forms.chainRequired')),
      narrativeSections: { title: (v) => (v.trim() ? null : t('reports.common.required')) },
    },
  });
  const v = form.getValues();
  const parties = agreement.partyDetails.map((p) => p.unit);

  // Indicators to pick: the catalogue, plus any already in the form (even if retired since).
  const known = new Map<number, string>();
  for (const i of existing?.indicators ?? []) known.set(i.indicatorId, `${i.code} — ${i.name}`);
  for (const i of linked.data ?? []) known.set(i.id, `${i.code} — ${i.name}`);
  for (const i of catalogue.data?.items ?? []) known.set(i.id, `${i.code} — ${i.name}`);
  const linkedIds = new Set((linked.data ?? []).map((i) => i.id));
  const options = [...known]
    .sort(([a], [b]) => Number(linkedIds.has(b)) - Number(linkedIds.has(a)))
    .map(([id, label]) => ({ value: String(id), label }));

  const reload = async () => {
    if (!existing) return;
    const latest = await api.get<FormOut>(`/api/forms/${existing.id}`).catch((e: unknown) => {
      showApiError(e);
      return null;
    });
    if (!latest) return;
    const fresh = valuesOf(latest, [], null);
    const current = form.getValues();
    const merged = { ...fresh };
    for (const key of Object.keys(fresh) as Array<keyof Values>) {
      if (key !== 'version' && form.isDirty(key)) Object.assign(merged, { [key]: current[key] });
    }
    form.setInitialValues(fresh);
    form.setValues(merged);
    setConflict('reloaded');
  };

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    const body = {
      name: values.name,
      frequency: values.frequency,
      deadlineDay: Number(values.deadlineDay),
      deadlineMonthOffset: Number(values.deadlineMonthOffset) || 0,
      narrativeSections: values.narrativeSections,
      approvalChain: values.approvalChain,
      allowSelfApproval: values.allowSelfApproval,
      indicators: values.indicators,
      unitIds: values.unitIds,
    };
    try {
      if (existing) {
        await api.patch(`/api/forms/${existing.id}`, {
          ...body,
          active: values.active,
          version: values.version,
        });
        notifySuccess(t('reports.forms.saved'));
      } else {
        await api.post(`/api/agreements/${agreement.id}/forms`, body);
        notifySuccess(t('reports.forms.created'));
      }
      void qc.invalidateQueries({ queryKey: repKeys.all });
      onClose();
    } catch (e) {
      if (isConflict(e)) setConflict('yes');
      else
        showApiError(e, {
          setFieldError: (path, message) => form.setFieldError(path, message),
          getValues: () => Object.fromEntries(SERVER_FIELDS.map((f) => [f, true])),
        });
    } finally {
      setBusy(false);
    }
  });

  const example = deadlineExample(v.frequency, Number(v.deadlineDay), Number(v.deadlineMonthOffset) || 0);
  const move = (i: number, step: -1 | 1) => form.reorderListItem('indicators', { from: i, to: i + step });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {conflict !== 'no' && <ConflictNotice reloaded={conflict === 'reloaded'} onReload={reload} />}
        <TextInput
          label={t('reports.forms.name')}
          placeholder={t('reports.forms.namePlaceholder')}
          required
          {...form.getInputProps('name')}
        />
        <Fieldset legend={t('reports.forms.schedule')} variant="filled">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <Select
              label={t('reports.forms.frequency')}
              allowDeselect={false}
              data={PERIOD_KINDS.map((k) => ({ value: k, label: t(`reports.frequencies.${k}`) }))}
              {...form.getInputProps('frequency')}
            />
            <NumberInput
              label={t('reports.forms.deadlineDay')}
              description={t('reports.forms.deadlineDayHint')}
              min={1}
              max={31}
              allowDecimal={false}
              {...form.getInputProps('deadlineDay')}
            />
            <NumberInput
              label={t('reports.forms.deadlineOffset')}
              description={t('reports.forms.deadlineOffsetHint')}
              min={0}
              max={3}
              allowDecimal={false}
              {...form.getInputProps('deadlineMonthOffset')}
            />
          </SimpleGrid>
          <Text size="sm" mt="xs" aria-live="polite">
            {Number(v.deadlineMonthOffset) > 0
              ? t('reports.forms.deadlineRuleLater', {
                  day: Number(v.deadlineDay) || '__',
                  count: Number(v.deadlineMonthOffset),
                })
              : t('reports.forms.deadlineRule', { day: Number(v.deadlineDay) || '__' })}
            {example?.due
              ? ` ${t('reports.forms.deadlineExample', {
                  period: periodLabel(example.key, currentLocale()),
                  date: formatDate(example.due),
                })}`
              : ''}
          </Text>
        </Fieldset>
        <Fieldset legend={t('reports.forms.indicators')} variant="filled">
          <MultiSelect
            label={t('reports.forms.pickIndicators')}
            description={t('reports.forms.pickIndicatorsHint')}
            searchable
            filter={foldedFilter}
            data={options}
            value={v.indicators.map((i) => String(i.indicatorId))}
            onChange={(ids) => {
              const before = new Map(v.indicators.map((i) => [i.indicatorId, i]));
              form.setFieldValue(
                'indicators',
                ids.map(Number).map((id) => before.get(id) ?? { indicatorId: id, required: false }),
              );
            }}
            error={form.errors.indicators}
            comboboxProps={{ withinPortal: true }}
          />
          {v.indicators.length > 0 && (
            <Table verticalSpacing={2} mt="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reports.forms.order')}</Table.Th>
                  <Table.Th scope="col">{t('reports.grid.indicator')}</Table.Th>
                  <Table.Th scope="col">{t('reports.forms.requiredCol')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {v.indicators.map((row, i) => {
                  const label = known.get(row.indicatorId) ?? `#${row.indicatorId}`;
                  return (
                    <Table.Tr key={row.indicatorId}>
                      <Table.Td>
                        <Group gap={0} wrap="nowrap">
                          <Text size="sm" w={24}>
                            {i + 1}.
                          </Text>
                          <ActionIcon
                            variant="subtle"
                            size="sm"
                            disabled={i === 0}
                            aria-label={t('reports.forms.moveUp', { name: label })}
                            onClick={() => move(i, -1)}
                          >
                            <IconArrowUp size={14} aria-hidden />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            size="sm"
                            disabled={i === v.indicators.length - 1}
                            aria-label={t('reports.forms.moveDown', { name: label })}
                            onClick={() => move(i, 1)}
                          >
                            <IconArrowDown size={14} aria-hidden />
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                      <Table.Th scope="row" fw="normal" fz="sm">
                        {label}
                      </Table.Th>
                      <Table.Td>
                        <Checkbox
                          aria-label={t('reports.forms.requiredOne', { name: label })}
                          {...form.getInputProps(`indicators.${i}.required`, { type: 'checkbox' })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Fieldset>
        <Fieldset legend={t('reports.forms.sections')} variant="filled">
          <Stack gap="xs">
            {v.narrativeSections.map((s, i) => (
              <Group key={s.key} gap="xs" wrap="nowrap" align="flex-start">
                <TextInput
                  style={{ flex: 1 }}
                  aria-label={t('reports.forms.sectionTitle', { n: i + 1 })}
                  leftSection={<Text size="sm">{i + 1}.</Text>}
                  {...form.getInputProps(`narrativeSections.${i}.title`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={4}
                  aria-label={t('reports.forms.removeSection', { title: s.title || i + 1 })}
                  onClick={() => form.removeListItem('narrativeSections', i)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => {
                  const title = t('reports.forms.newSection');
                  form.insertListItem('narrativeSections', {
                    key: sectionKey(
                      title,
                      v.narrativeSections.map((x) => x.key),
                    ),
                    title,
                  });
                }}
              >
                {t('reports.forms.addSection')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <UnitMultiSelect
          label={t('reports.forms.units')}
          description={t('reports.forms.unitsHint')}
          value={v.unitIds}
          onChange={(ids) => form.setFieldValue('unitIds', ids)}
          directory
          extraUnits={[...parties, ...(existing?.units ?? [])]}
          error={form.errors.unitIds}
        />
        <UnitMultiSelect
          label={t('reports.forms.chain')}
          description={t('reports.forms.chainHint')}
          value={v.approvalChain}
          onChange={(ids) => form.setFieldValue('approvalChain', ids)}
          directory
          extraUnits={[...parties, ...(existing?.approvalChain ?? [])]}
          error={form.errors.approvalChain}
        />
        <Checkbox
          label={t('reports.forms.selfApproval')}
          description={t('reports.forms.selfApprovalHint')}
          {...form.getInputProps('allowSelfApproval', { type: 'checkbox' })}
        />
        {existing && (
          <Switch
            label={t('reports.forms.active')}
            description={t('reports.forms.activeHint')}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
        )}
        <VisuallyHidden aria-live="polite">
          {Object.values(form.errors).filter(Boolean).join(' ')}
        </VisuallyHidden>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {existing ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Create (no form) or edit a report form of an agreement. */
export function FormModal({
  agreement,
  form,
  opened,
  onClose,
}: {
  agreement: AgreementDetail;
  form: FormOut | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  const linked = useAgreementIndicators(agreement.id);
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={form ? t('reports.forms.editTitle') : t('reports.forms.newTitle')}
      size="xl"
      fullScreen={narrow}
    >
      {/* A new form starts from the agreement's indicators: wait for them. */}
      {opened && (form || !linked.isPending) && (
        <FormBody agreement={agreement} form={form} onClose={onClose} />
      )}
    </Modal>
  );
}
