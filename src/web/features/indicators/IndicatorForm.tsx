import {
  ActionIcon,
  Autocomplete,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGGREGATIONS,
  type Aggregation,
  EXCHANGE_SOURCES,
  type ExchangeSource,
  type IndicatorOut,
  RULE_OPS,
  type RuleOp,
  VALUE_TYPES,
  type ValueType,
} from '../../../contracts/indicators.ts';
import { foldVietnamese } from '../../../contracts/text.ts';
import { ApiError, api } from '../../api.ts';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { ConflictNotice } from '../agreements/TaskForm.tsx';
import { indKeys, useIndicators } from './queries.ts';

/** Units of measure the seeds use; any other can be typed. */
export const UOM_SUGGESTIONS = [
  'hộ',
  'người',
  'tổ',
  'thành viên',
  'buổi',
  'lượt',
  'nguồn tin',
  'mô hình',
  'hội nghị',
  'cuộc',
  'xã',
  'thôn, bản',
  '%',
];

interface RuleValues {
  op: RuleOp;
  otherIndicatorId: string | null;
  message: string;
}

interface Values {
  code: string;
  name: string;
  uom: string;
  valueType: ValueType;
  aggUnits: Aggregation;
  aggTime: Aggregation;
  dedupByLocation: boolean;
  minValue: number | string;
  maxValue: number | string;
  required: boolean;
  description: string;
  disaggregated: boolean;
  disaggregationName: string;
  categories: string[];
  rules: RuleValues[];
  /** 'typed' or an exchange source (counted automatically from the information exchange). */
  source: 'typed' | ExchangeSource;
  active: boolean;
  version: number;
}

function valuesOf(ind: IndicatorOut | null): Values {
  return {
    code: ind?.code ?? '',
    name: ind?.name ?? '',
    uom: ind?.uom ?? '',
    valueType: ind?.valueType ?? 'integer',
    aggUnits: ind?.aggUnits ?? 'sum',
    aggTime: ind?.aggTime ?? 'sum',
    dedupByLocation: ind?.dedupByLocation ?? false,
    minValue: ind?.minValue ?? (ind ? '' : 0),
    maxValue: ind?.maxValue ?? '',
    required: ind?.required ?? false,
    description: ind?.description ?? '',
    disaggregated: !!ind?.disaggregation,
    disaggregationName: ind?.disaggregation?.name ?? '',
    categories: ind?.disaggregation?.categories.map((c) => c.name) ?? [],
    rules:
      ind?.rules.map((r) => ({
        op: r.op,
        otherIndicatorId: String(r.otherIndicatorId),
        message: r.message ?? '',
      })) ?? [],
    source: ind?.exchangeSource ?? 'typed',
    active: ind?.active ?? true,
    version: ind?.version ?? 0,
  };
}

/** "Nữ" → "nu", "Dân tộc Mông" → "dan_toc_mong": a stable code for a category typed by name. */
export function slug(name: string, fallback: string): string {
  return foldVietnamese(name).replace(/ /g, '_').slice(0, 40) || fallback;
}

/** The categories as the API takes them: codes kept for names unchanged, new ones from the name. */
function categoriesOf(names: string[], before: IndicatorOut | null) {
  const old = new Map((before?.disaggregation?.categories ?? []).map((c) => [c.name, c.code]));
  const used = new Set<string>();
  return names.map((name, i) => {
    let code = old.get(name) ?? slug(name, `c${i + 1}`);
    while (used.has(code)) code = `${code.slice(0, 36)}_${i + 1}`;
    used.add(code);
    return { code, name };
  });
}

const numberOrNull = (v: number | string) => (typeof v === 'number' ? v : null);

/** Server paths → form fields (the disaggregation is edited as a name and a list of categories). */
function fieldOf(path: string): string {
  if (path.startsWith('disaggregation.categories')) return 'categories';
  if (path.startsWith('disaggregation')) return 'disaggregationName';
  if (path === 'exchangeSource') return 'source';
  return path;
}

function IndicatorFormBody({ indicator, onClose }: { indicator: IndicatorOut | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const catalogue = useIndicators({ active: 'all' });
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<'no' | 'yes' | 'reloaded'>('no');
  const form = useForm<Values>({
    initialValues: valuesOf(indicator),
    validate: {
      code: (v) =>
        !v.trim()
          ? t('reports.common.required')
          : /^[A-Za-z0-9_.-]+$/.test(v.trim())
            ? null
            : t('reports.ind.codeFormat'),
      name: (v) => (v.trim() ? null : t('reports.common.required')),
      uom: (v) => (v.trim() ? null : t('reports.common.required')),
      maxValue: (v, all) =>
        typeof v === 'number' && typeof all.minValue === 'number' && v < all.minValue
          ? t('reports.ind.maxBelowMin')
          : null,
      disaggregationName: (v, all) => (all.disaggregated && !v.trim() ? t('reports.common.required') : null),
      categories: (v, all) => (all.disaggregated && v.length < 2 ? t('reports.ind.categoriesMin') : null),
      rules: {
        otherIndicatorId: (v) => (v ? null : t('reports.common.required')),
      },
    },
  });
  const v = form.getValues();

  const others = (catalogue.data?.items ?? [])
    .filter((i) => i.id !== indicator?.id)
    .map((i) => ({ value: String(i.id), label: `${i.code} — ${i.name}` }));

  const reload = async () => {
    if (!indicator) return;
    const latest = await api.get<IndicatorOut>(`/api/indicators/${indicator.id}`).catch((e: unknown) => {
      showApiError(e);
      return null;
    });
    if (!latest) return;
    const fresh = valuesOf(latest);
    const current = form.getValues();
    const merged = { ...fresh };
    for (const key of Object.keys(fresh) as Array<keyof Values>) {
      if (key !== 'version' && form.isDirty(key)) Object.assign(merged, { [key]: current[key] });
    }
    form.setInitialValues(fresh);
    form.setValues(merged);
    setConflict('reloaded');
    void qc.invalidateQueries({ queryKey: indKeys.all });
  };

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    const body = {
      code: values.code.trim(),
      name: values.name,
      uom: values.uom,
      valueType: values.valueType,
      aggUnits: values.aggUnits,
      aggTime: values.aggTime,
      dedupByLocation: values.dedupByLocation,
      minValue: numberOrNull(values.minValue),
      maxValue: numberOrNull(values.maxValue),
      required: values.required,
      description: values.description,
      disaggregation: values.disaggregated
        ? {
            code: slug(values.disaggregationName, 'phan_to'),
            name: values.disaggregationName,
            categories: categoriesOf(values.categories, indicator),
          }
        : null,
      rules: values.rules.map((r) => ({
        op: r.op,
        otherIndicatorId: Number(r.otherIndicatorId),
        message: r.message,
      })),
      exchangeSource: values.source === 'typed' ? null : values.source,
    };
    try {
      if (indicator) {
        await api.patch(`/api/indicators/${indicator.id}`, {
          ...body,
          active: values.active,
          version: values.version,
        });
        notifySuccess(t('reports.ind.saved'));
      } else {
        await api.post('/api/indicators', body);
        notifySuccess(t('reports.ind.created'));
      }
      void qc.invalidateQueries({ queryKey: indKeys.all });
      void qc.invalidateQueries({ queryKey: ['reports'] });
      onClose();
    } catch (e) {
      if (isConflict(e)) setConflict('yes');
      else if (e instanceof ApiError && e.code === 'INDICATOR_CODE_EXISTS' && e.fields.length === 0)
        form.setFieldError('code', e.message);
      else
        showApiError(e, {
          setFieldError: (path, message) => form.setFieldError(fieldOf(path), message),
          getValues: () => ({ ...form.getValues(), disaggregation: null }),
        });
    } finally {
      setBusy(false);
    }
  });

  const valueTypes = VALUE_TYPES.map((x) => ({ value: x, label: t(`reports.valueTypes.${x}`) }));
  const aggregations = AGGREGATIONS.map((x) => ({ value: x, label: t(`reports.aggregations.${x}`) }));
  const sources = (['typed', ...EXCHANGE_SOURCES] as const).map((x) => ({
    value: x,
    label: t(`reports.ind.sources.${x}`),
  }));
  const numeric = v.valueType === 'integer' || v.valueType === 'decimal' || v.valueType === 'percentage';
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {conflict !== 'no' && <ConflictNotice reloaded={conflict === 'reloaded'} onReload={reload} />}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t('reports.ind.code')}
            description={t('reports.ind.codeHint')}
            required
            {...form.getInputProps('code')}
          />
          <Autocomplete
            label={t('reports.ind.uom')}
            description={t('reports.ind.uomHint')}
            required
            data={UOM_SUGGESTIONS}
            {...form.getInputProps('uom')}
          />
        </SimpleGrid>
        <Textarea
          label={t('reports.ind.name')}
          required
          autosize
          minRows={2}
          {...form.getInputProps('name')}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <Select
            label={t('reports.ind.valueType')}
            allowDeselect={false}
            data={valueTypes}
            {...form.getInputProps('valueType')}
          />
          <Select
            label={t('reports.ind.aggUnits')}
            description={t('reports.ind.aggUnitsHint')}
            allowDeselect={false}
            data={aggregations}
            {...form.getInputProps('aggUnits')}
          />
          <Select
            label={t('reports.ind.aggTime')}
            description={t('reports.ind.aggTimeHint')}
            allowDeselect={false}
            data={aggregations}
            {...form.getInputProps('aggTime')}
          />
        </SimpleGrid>
        <Select
          label={t('reports.ind.source')}
          description={t('reports.ind.sourceHint')}
          allowDeselect={false}
          data={sources}
          {...form.getInputProps('source')}
        />
        {numeric && (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <NumberInput
              label={t('reports.ind.min')}
              decimalSeparator=","
              thousandSeparator="."
              {...form.getInputProps('minValue')}
            />
            <NumberInput
              label={t('reports.ind.max')}
              decimalSeparator=","
              thousandSeparator="."
              {...form.getInputProps('maxValue')}
            />
          </SimpleGrid>
        )}
        <Checkbox
          label={t('reports.ind.required')}
          description={t('reports.ind.requiredHint')}
          {...form.getInputProps('required', { type: 'checkbox' })}
        />
        <Checkbox
          label={t('reports.ind.dedup')}
          description={t('reports.ind.dedupHint')}
          {...form.getInputProps('dedupByLocation', { type: 'checkbox' })}
        />
        <Fieldset legend={t('reports.ind.disaggregation')} variant="filled">
          <Stack gap="xs">
            <Switch
              label={t('reports.ind.disaggregated')}
              {...form.getInputProps('disaggregated', { type: 'checkbox' })}
            />
            {v.disaggregated && (
              <>
                <TextInput
                  label={t('reports.ind.disaggregationName')}
                  placeholder={t('reports.ind.disaggregationExample')}
                  required
                  {...form.getInputProps('disaggregationName')}
                />
                <TagsInput
                  label={t('reports.ind.categories')}
                  description={t('reports.ind.categoriesHint')}
                  required
                  {...form.getInputProps('categories')}
                />
              </>
            )}
          </Stack>
        </Fieldset>
        {numeric && (
          <Fieldset legend={t('reports.ind.rules')} variant="filled">
            <Stack gap="xs">
              <Text size="xs">{t('reports.ind.rulesHint')}</Text>
              {v.rules.map((_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
                <Group key={i} align="flex-start" gap="xs" wrap="wrap">
                  <Select
                    label={t('reports.ind.ruleOp')}
                    allowDeselect={false}
                    data={RULE_OPS.map((op) => ({ value: op, label: t(`reports.ops.${op}`) }))}
                    w={{ base: '100%', xs: 150 }}
                    {...form.getInputProps(`rules.${i}.op`)}
                  />
                  <Select
                    label={t('reports.ind.ruleOther')}
                    searchable
                    data={others}
                    style={{ flex: '1 1 200px' }}
                    {...form.getInputProps(`rules.${i}.otherIndicatorId`)}
                  />
                  <TextInput
                    label={`${t('reports.ind.ruleMessage')} (${t('common.optional')})`}
                    style={{ flex: '1 1 200px' }}
                    {...form.getInputProps(`rules.${i}.message`)}
                  />
                  <ActionIcon
                    mt={26}
                    variant="subtle"
                    color="red"
                    aria-label={t('reports.ind.removeRule', { n: i + 1 })}
                    onClick={() => form.removeListItem('rules', i)}
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
                  onClick={() =>
                    form.insertListItem('rules', { op: '>=', otherIndicatorId: null, message: '' })
                  }
                >
                  {t('reports.ind.addRule')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        )}
        <Textarea
          label={`${t('reports.ind.description')} (${t('common.optional')})`}
          autosize
          minRows={2}
          {...form.getInputProps('description')}
        />
        {indicator && (
          <Switch
            label={t('reports.ind.active')}
            description={t('reports.ind.activeHint')}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {indicator ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Create (no indicator) or edit an indicator of the catalogue. */
export function IndicatorModal({
  indicator,
  opened,
  onClose,
}: {
  indicator: IndicatorOut | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={indicator ? t('reports.ind.editTitle', { code: indicator.code }) : t('reports.ind.newTitle')}
      size="xl"
      fullScreen={narrow}
    >
      {opened && <IndicatorFormBody indicator={indicator} onClose={onClose} />}
    </Modal>
  );
}
