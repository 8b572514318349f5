import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AWARD_RECIPIENTS, AWARD_STAGES } from '../../../contracts/meetings.ts';
import { api } from '../../api.ts';
import { foldedFilter, UnitSelect } from '../../components/UnitSelect.tsx';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { useAgreements } from '../agreements/queries.ts';
import { ConflictNotice } from '../agreements/TaskForm.tsx';
import { type Award, awardKeys, useMeetings } from '../meetings/queries.ts';
import { DateField } from '../units/UnitForms.tsx';

const EVIDENCE_TYPES = ['task', 'report', 'indicator'] as const;
type EvidenceType = (typeof EVIDENCE_TYPES)[number];
interface Evidence {
  type: EvidenceType;
  id: number;
  label: string;
}

interface AwardValues {
  stage: (typeof AWARD_STAGES)[number];
  recipientKind: (typeof AWARD_RECIPIENTS)[number];
  unitId: number | null;
  personName: string;
  personTitle: string;
  form: string;
  achievement: string;
  evidence: Evidence[];
  agreementId: string | null;
  meetingId: string | null;
  proposingUnitId: number | null;
  decisionNumber: string;
  decisionDate: string | null;
  decidingBody: string;
  year: number | string;
  version: number;
}

function valuesOf(
  a: Award | null,
  defaults: { meetingId?: number | null; agreementId?: number | null },
): AwardValues {
  return {
    stage: a?.stage ?? 'proposal',
    recipientKind: a?.recipientKind ?? 'collective',
    unitId: a?.unit.id ?? null,
    personName: a?.personName ?? '',
    personTitle: a?.personTitle ?? '',
    form: a?.form ?? '',
    achievement: a?.achievement ?? '',
    evidence: a?.evidence ?? [],
    agreementId: a?.agreementId
      ? String(a.agreementId)
      : defaults.agreementId
        ? String(defaults.agreementId)
        : null,
    meetingId: a?.meetingId ? String(a.meetingId) : defaults.meetingId ? String(defaults.meetingId) : null,
    proposingUnitId: a?.proposingUnit?.id ?? null,
    decisionNumber: a?.decisionNumber ?? '',
    decisionDate: a?.decisionDate ?? null,
    decidingBody: a?.decidingBody ?? '',
    year: a?.year ?? new Date().getFullYear(),
    version: a?.version ?? 0,
  };
}

/** The label of a piece of evidence, read from the API (only what the user may see resolves). */
async function labelOf(type: EvidenceType, id: number): Promise<string | null> {
  try {
    if (type === 'task') return `${(await api.get<{ title: string }>(`/api/tasks/${id}`)).title}`;
    if (type === 'report') {
      const r = await api.get<{ formName: string; unit: { name: string }; periodLabel: string }>(
        `/api/reports/${id}`,
      );
      return `${r.formName} — ${r.unit.name} — ${r.periodLabel}`;
    }
    const i = await api.get<{ code: string; name: string }>(`/api/indicators/${id}`);
    return `${i.code} ${i.name}`;
  } catch {
    return null;
  }
}

function EvidencePicker({
  value,
  onChange,
  error,
}: {
  value: Evidence[];
  onChange: (v: Evidence[]) => void;
  error?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [type, setType] = useState<EvidenceType>('task');
  const [id, setId] = useState<number | string>('');
  const [busy, setBusy] = useState(false);
  const [notFound, setNotFound] = useState<string | null>(null);
  const add = async () => {
    const n = Number(id);
    if (!Number.isInteger(n) || n <= 0) return;
    if (value.some((e) => e.type === type && e.id === n)) return;
    setBusy(true);
    setNotFound(null);
    const label = await labelOf(type, n);
    setBusy(false);
    if (!label) {
      setNotFound(t('meetings.awards.evidenceNotFound'));
      return;
    }
    onChange([...value, { type, id: n, label }]);
    setId('');
  };
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" size="sm" fw={500}>
        {t('meetings.awards.fields.evidence')}
      </Text>
      {value.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('meetings.awards.noEvidence')}
        </Text>
      ) : (
        <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {value.map((e) => (
            <Group key={`${e.type}-${e.id}`} component="li" gap={4} wrap="nowrap">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {t(`meetings.awards.evidenceTypes.${e.type}`)} #{e.id}: {e.label}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                aria-label={t('meetings.awards.removeEvidence', { label: e.label })}
                onClick={() => onChange(value.filter((x) => x !== e))}
              >
                <IconX size={14} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      )}
      <Group align="flex-end" gap="xs" mt={4} wrap="wrap">
        <Select
          label={t('meetings.awards.fields.evidenceType')}
          allowDeselect={false}
          data={EVIDENCE_TYPES.map((k) => ({ value: k, label: t(`meetings.awards.evidenceTypes.${k}`) }))}
          value={type}
          onChange={(v) => v && setType(v as EvidenceType)}
          w={140}
          comboboxProps={{ withinPortal: true }}
        />
        <NumberInput
          label={t('meetings.awards.fields.evidenceId')}
          min={1}
          allowDecimal={false}
          value={id}
          onChange={setId}
          w={120}
          error={notFound}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
        />
        <Button
          variant="light"
          size="sm"
          loading={busy}
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => void add()}
        >
          {t('meetings.awards.addEvidence')}
        </Button>
      </Group>
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </fieldset>
  );
}

function AwardFormBody({
  award,
  defaults,
  onClose,
}: {
  award: Award | null;
  defaults: { meetingId?: number | null; agreementId?: number | null };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<AwardValues>({
    initialValues: valuesOf(award, defaults),
    validate: {
      unitId: (v) => (v === null ? t('meetings.awards.required') : null),
      personName: (v, all) =>
        all.recipientKind === 'individual' && !v.trim() ? t('meetings.awards.required') : null,
      form: (v) => (v.trim() ? null : t('meetings.awards.required')),
      achievement: (v) => (v.trim() ? null : t('meetings.awards.required')),
      year: (v) => (Number(v) >= 1990 && Number(v) <= 2100 ? null : t('meetings.awards.required')),
    },
  });
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<'no' | 'yes' | 'reloaded'>('no');
  const agreements = useAgreements({});
  const meetings = useMeetings({});
  const v = form.getValues();
  const extraUnits = award ? [award.unit, ...(award.proposingUnit ? [award.proposingUnit] : [])] : [];

  const reload = async () => {
    if (!award) return;
    const latest = await api.get<Award>(`/api/awards/${award.id}`).catch((e: unknown) => {
      showApiError(e);
      return null;
    });
    if (!latest) return;
    const fresh = valuesOf(latest, {});
    const current = form.getValues();
    const merged = { ...fresh };
    for (const key of Object.keys(fresh) as Array<keyof AwardValues>) {
      if (key !== 'version' && form.isDirty(key)) Object.assign(merged, { [key]: current[key] });
    }
    form.setInitialValues(fresh);
    form.setValues(merged);
    setConflict('reloaded');
  };

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    const individual = values.recipientKind === 'individual';
    const body = {
      stage: values.stage,
      recipientKind: values.recipientKind,
      unitId: values.unitId,
      personName: individual ? values.personName : null,
      personTitle: individual ? values.personTitle : null,
      form: values.form,
      achievement: values.achievement,
      evidence: values.evidence.map((e) => ({ type: e.type, id: e.id })),
      agreementId: values.agreementId ? Number(values.agreementId) : null,
      meetingId: values.meetingId ? Number(values.meetingId) : null,
      proposingUnitId: values.proposingUnitId,
      decisionNumber: values.decisionNumber,
      decisionDate: values.decisionDate || null,
      decidingBody: values.decidingBody,
      year: Number(values.year),
    };
    try {
      if (award) {
        await api.patch(`/api/awards/${award.id}`, { ...body, version: values.version });
        notifySuccess(t('meetings.awards.saved'));
      } else {
        await api.post('/api/awards', body);
        notifySuccess(t('meetings.awards.created'));
      }
      void qc.invalidateQueries({ queryKey: awardKeys.all });
      onClose();
    } catch (e) {
      if (isConflict(e)) setConflict('yes');
      else showApiError(e, form);
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {conflict !== 'no' && <ConflictNotice reloaded={conflict === 'reloaded'} onReload={reload} />}
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('meetings.awards.fields.stage')}
            allowDeselect={false}
            data={AWARD_STAGES.map((s) => ({ value: s, label: t(`meetings.awards.stages.${s}`) }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('stage')}
          />
          <NumberInput
            label={t('meetings.awards.fields.year')}
            required
            min={1990}
            max={2100}
            allowDecimal={false}
            thousandSeparator=""
            {...form.getInputProps('year')}
          />
        </Group>
        <div>
          <Text size="sm" fw={500} id="award-recipient-kind" mb={4}>
            {t('meetings.awards.fields.recipientKind')}
          </Text>
          <SegmentedControl
            aria-labelledby="award-recipient-kind"
            data={AWARD_RECIPIENTS.map((r) => ({ value: r, label: t(`meetings.awards.recipients.${r}`) }))}
            {...form.getInputProps('recipientKind')}
          />
        </div>
        {v.recipientKind === 'individual' && (
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('meetings.awards.fields.personName')}
              required
              {...form.getInputProps('personName')}
            />
            <TextInput
              label={t('meetings.awards.fields.personTitle')}
              {...form.getInputProps('personTitle')}
            />
          </Group>
        )}
        <UnitSelect
          label={
            v.recipientKind === 'individual'
              ? t('meetings.awards.fields.unitOfPerson')
              : t('meetings.awards.fields.unit')
          }
          required
          value={v.unitId}
          onChange={(id) => form.setFieldValue('unitId', id)}
          directory
          extraUnits={extraUnits}
          error={form.errors.unitId}
        />
        <TextInput
          label={t('meetings.awards.fields.form')}
          description={t('meetings.awards.fields.formHint')}
          required
          {...form.getInputProps('form')}
        />
        <Textarea
          label={t('meetings.awards.fields.achievement')}
          required
          autosize
          minRows={3}
          {...form.getInputProps('achievement')}
        />
        <EvidencePicker
          value={v.evidence}
          onChange={(e) => form.setFieldValue('evidence', e)}
          error={form.errors.evidence}
        />
        <Select
          label={t('meetings.awards.fields.agreement')}
          clearable
          searchable
          filter={foldedFilter}
          data={(agreements.data?.items ?? []).map((a) => ({ value: String(a.id), label: a.subject }))}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('agreementId')}
        />
        <Select
          label={t('meetings.awards.fields.meeting')}
          clearable
          searchable
          filter={foldedFilter}
          data={(meetings.data?.items ?? []).map((m) => ({ value: String(m.id), label: m.title }))}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('meetingId')}
        />
        <UnitSelect
          label={t('meetings.awards.fields.proposingUnit')}
          value={v.proposingUnitId}
          onChange={(id) => form.setFieldValue('proposingUnitId', id)}
          directory
          extraUnits={extraUnits}
          error={form.errors.proposingUnitId}
        />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label={t('meetings.awards.fields.decisionNumber')}
            {...form.getInputProps('decisionNumber')}
          />
          <DateField
            label={t('meetings.awards.fields.decisionDate')}
            value={v.decisionDate}
            onChange={(d) => form.setFieldValue('decisionDate', d)}
            error={form.errors.decisionDate}
          />
        </Group>
        <TextInput label={t('meetings.awards.fields.decidingBody')} {...form.getInputProps('decidingBody')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {award ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Create (award null) or edit a commendation in a modal (full screen on a phone). */
export function AwardModal({
  award,
  defaults = {},
  opened,
  onClose,
}: {
  award: Award | null;
  defaults?: { meetingId?: number | null; agreementId?: number | null };
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={award ? t('meetings.awards.edit') : t('meetings.awards.createTitle')}
      size="lg"
      fullScreen={narrow}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <AwardFormBody award={award} defaults={defaults} onClose={onClose} />}
    </Modal>
  );
}
