import {
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECURRENCES, TIMEFRAME_KINDS, type Timeframe } from '../../../contracts/tasks.ts';
import { ApiError, api } from '../../api.ts';
import { UnitMultiSelect, UnitSelect } from '../../components/UnitSelect.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { agrKeys, type Section } from './queries.ts';

interface Props {
  agreementId: number;
  year: number | null;
  sections: Section[];
  opened: boolean;
  onClose: () => void;
}

/** New task: time frame as written in plans; a non-party lead needs an explicit confirmation. */
export function TaskCreateModal({ agreementId, year, sections, opened, onClose }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [expectedOutput, setExpectedOutput] = useState('');
  const [sectionId, setSectionId] = useState<string | null>(sections[0] ? String(sections[0].id) : null);
  const [kind, setKind] = useState<Timeframe['kind']>('year');
  const [tfYear, setTfYear] = useState<number | string>(year ?? new Date().getFullYear());
  const [period, setPeriod] = useState<string | null>('1');
  const [recurrence, setRecurrence] = useState<string | null>('ongoing');
  const [start, setStart] = useState('');
  const [due, setDue] = useState('');
  const [lead, setLead] = useState<number | null>(null);
  const [cooperating, setCooperating] = useState<number[]>([]);
  const [implementing, setImplementing] = useState<number[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [needsConfirm, setNeedsConfirm] = useState(false);
  const [confirmed, setConfirmed] = useState(false);

  const timeframe = (): Timeframe => {
    const y = Number(tfYear);
    switch (kind) {
      case 'date':
        return { kind, due };
      case 'range':
        return { kind, start, due };
      case 'quarter':
        return { kind, year: y, quarter: Number(period) };
      case 'half':
        return { kind, year: y, half: Number(period) };
      case 'recurring':
        return { kind, year: y, recurrence: (recurrence ?? 'ongoing') as 'ongoing' };
      default:
        return { kind: 'year', year: y };
    }
  };

  const mutation = useMutation({
    mutationFn: () =>
      api.post(`/api/agreements/${agreementId}/tasks`, {
        sectionId: sectionId ? Number(sectionId) : null,
        title,
        description: description || undefined,
        expectedOutput: expectedOutput || undefined,
        timeframe: timeframe(),
        leadUnitId: lead,
        cooperatingUnitIds: cooperating,
        implementingUnitIds: implementing,
        confirmDelegatedLead: confirmed || undefined,
      }),
    onSuccess: () => {
      notifySuccess(t('tasks.created'));
      void qc.invalidateQueries({ queryKey: agrKeys.tasks(agreementId) });
      void qc.invalidateQueries({ queryKey: agrKeys.all });
      setTitle('');
      setDescription('');
      setExpectedOutput('');
      setConfirmed(false);
      setNeedsConfirm(false);
      onClose();
    },
    onError: (e) => {
      const next: Record<string, string> = {};
      if (e instanceof ApiError) {
        for (const f of e.fields) next[f.path.split('.')[0] ?? f.path] = f.message;
        if (next.leadUnitId) setNeedsConfirm(true);
      }
      setErrors(next);
      if (Object.keys(next).length === 0) showApiError(e);
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('tasks.add')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate();
        }}
      >
        <Stack gap="sm">
          {sections.length > 0 && (
            <Select
              label={t('tasks.section')}
              value={sectionId}
              onChange={setSectionId}
              clearable
              data={sections.map((s) => ({ value: String(s.id), label: s.title }))}
            />
          )}
          <Textarea
            label={t('tasks.title')}
            required
            autosize
            value={title}
            error={errors.title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Textarea
            label={t('tasks.description')}
            autosize
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <TextInput
            label={t('tasks.expectedOutput')}
            value={expectedOutput}
            onChange={(e) => setExpectedOutput(e.currentTarget.value)}
          />
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label={t('tasks.timeframe')}
              value={kind}
              allowDeselect={false}
              onChange={(v) => v && setKind(v as Timeframe['kind'])}
              data={TIMEFRAME_KINDS.map((k) => ({ value: k, label: t(`tasks.tfKinds.${k}`) }))}
              error={errors.timeframe}
            />
            {(kind === 'range' || kind === 'date') && (
              <>
                {kind === 'range' && (
                  <TextInput
                    type="date"
                    label={t('tasks.start')}
                    value={start}
                    onChange={(e) => setStart(e.currentTarget.value)}
                  />
                )}
                <TextInput
                  type="date"
                  label={t('tasks.due')}
                  value={due}
                  onChange={(e) => setDue(e.currentTarget.value)}
                />
              </>
            )}
            {kind !== 'range' && kind !== 'date' && (
              <NumberInput
                label={t('tasks.year')}
                min={1990}
                max={2100}
                value={tfYear}
                onChange={setTfYear}
              />
            )}
            {(kind === 'quarter' || kind === 'half') && (
              <Select
                label={kind === 'quarter' ? t('tasks.quarter') : t('tasks.half')}
                value={period}
                allowDeselect={false}
                onChange={setPeriod}
                data={(kind === 'quarter' ? ['1', '2', '3', '4'] : ['1', '2']).map((v) => ({
                  value: v,
                  label: v,
                }))}
              />
            )}
            {kind === 'recurring' && (
              <Select
                label={t('tasks.recurrence')}
                value={recurrence}
                allowDeselect={false}
                onChange={setRecurrence}
                data={RECURRENCES.map((r) => ({ value: r, label: t(`tasks.recurrences.${r}`) }))}
              />
            )}
          </Group>
          <UnitSelect
            label={t('tasks.lead')}
            required
            value={lead}
            onChange={setLead}
            error={errors.leadUnitId}
          />
          {needsConfirm && (
            <Checkbox
              label={t('tasks.confirmDelegatedLead')}
              checked={confirmed}
              onChange={(e) => setConfirmed(e.currentTarget.checked)}
            />
          )}
          <UnitMultiSelect label={t('tasks.cooperating')} value={cooperating} onChange={setCooperating} />
          <UnitMultiSelect label={t('tasks.implementing')} value={implementing} onChange={setImplementing} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
