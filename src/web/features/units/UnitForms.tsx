import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_LABELS } from '../../../contracts/fieldLabels.ts';
import { UNIT_KINDS, type UnitDetail, type UnitKind } from '../../../contracts/units.ts';
import { api } from '../../api.ts';
import { UnitMultiSelect, UnitSelect } from '../../components/UnitSelect.tsx';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { currentLocale } from '../../format.ts';
import { type TreeNode, unitKeys } from './queries.ts';

const label = (field: string) => FIELD_LABELS[field]?.[currentLocale()] ?? field;
const DATE_FORMAT = 'DD/MM/YYYY';
const parseDate = (input: string) => {
  const d = dayjs(input, [DATE_FORMAT, 'D/M/YYYY', 'YYYY-MM-DD'], true);
  return d.isValid() ? d.format('YYYY-MM-DD') : null;
};

/** A date field shown dd/mm/yyyy, holding YYYY-MM-DD. */
export function DateField(props: {
  label: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  error?: React.ReactNode;
  description?: string;
  required?: boolean;
}) {
  return (
    <DateInput
      {...props}
      value={props.value ?? null}
      valueFormat={DATE_FORMAT}
      dateParser={parseDate}
      placeholder="dd/mm/yyyy"
      clearable={!props.required}
      popoverProps={{ withinPortal: true }}
    />
  );
}

const empty = (v: string) => (v.trim() === '' ? null : v.trim());

interface UnitValues {
  name: string;
  shortName: string;
  kind: UnitKind;
  provinceName: string;
  provinceCode: string;
  communeName: string;
  communeCode: string;
  address: string;
  phone: string;
  email: string;
  validFrom: string | null;
  version: number;
}

function valuesOf(unit: UnitDetail | null, kind: UnitKind): UnitValues {
  return {
    name: unit?.name ?? '',
    shortName: unit?.shortName ?? '',
    kind: unit?.kind ?? kind,
    provinceName: unit?.provinceName ?? '',
    provinceCode: unit?.provinceCode ?? '',
    communeName: unit?.communeName ?? '',
    communeCode: unit?.communeCode ?? '',
    address: unit?.address ?? '',
    phone: unit?.phone ?? '',
    email: unit?.email ?? '',
    validFrom: unit?.validFrom ?? null,
    version: unit?.version ?? 0,
  };
}

/** Create (under `parent`, or at the top when null) or edit (`unit`). */
export function UnitFormModal({
  opened,
  onClose,
  unit,
  parent,
}: {
  opened: boolean;
  onClose: () => void;
  unit: UnitDetail | null;
  parent: UnitDetail | null;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const editing = unit !== null;
  const defaultKind: UnitKind = parent?.kind === 'border_command' ? 'border_post' : (parent?.kind ?? 'other');
  const form = useForm<UnitValues>({
    initialValues: valuesOf(unit, defaultKind),
    validate: {
      name: (v) => (v.trim() ? null : t('login.required', { field: label('name').toLowerCase() })),
      provinceCode: (v) => (v.trim() === '' || /^\d{2}$/.test(v.trim()) ? null : 'Mã tỉnh gồm 2 chữ số'),
      communeCode: (v) => (v.trim() === '' || /^\d{5}$/.test(v.trim()) ? null : 'Mã xã gồm 5 chữ số'),
    },
  });
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);

  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    const body = {
      name: v.name.trim(),
      shortName: empty(v.shortName),
      kind: v.kind,
      provinceName: empty(v.provinceName),
      provinceCode: empty(v.provinceCode),
      communeName: empty(v.communeName),
      communeCode: empty(v.communeCode),
      address: empty(v.address),
      phone: empty(v.phone),
      email: empty(v.email),
      validFrom: v.validFrom || null,
    };
    try {
      if (editing) {
        const updated = await api.patch<UnitDetail>(`/api/units/${unit.id}`, { ...body, version: v.version });
        queryClient.setQueryData(unitKeys.detail(unit.id), updated);
        notifySuccess(t('units.updated'));
      } else {
        const created = await api.post<UnitDetail>('/api/units', { ...body, parentId: parent?.id ?? null });
        notifySuccess(t('units.created', { name: created.name }));
        void navigate({ to: '/units/$unitId', params: { unitId: String(created.id) } });
      }
      await queryClient.invalidateQueries({ queryKey: unitKeys.all });
      setConflict(false);
      onClose();
    } catch (error) {
      if (editing && isConflict(error)) {
        // Keep what the user typed; take the latest version so the next save can go through.
        // Fields the user did not touch take the other person's values.
        const latest = await api.get<UnitDetail>(`/api/units/${unit.id}`).catch(() => null);
        if (latest) {
          queryClient.setQueryData(unitKeys.detail(unit.id), latest);
          const fresh = valuesOf(latest, latest.kind);
          const current = form.getValues();
          const merged = { ...fresh };
          for (const key of Object.keys(fresh) as Array<keyof UnitValues>) {
            if (key !== 'version' && form.isDirty(key)) Object.assign(merged, { [key]: current[key] });
          }
          form.setInitialValues(fresh);
          form.setValues(merged);
        }
        setConflict(true);
      }
      showApiError(error, form);
    } finally {
      setBusy(false);
    }
  });

  const kinds = UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }));
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={editing ? t('units.edit') : parent ? t('units.createChild') : t('units.createRoot')}
      size="lg"
      fullScreen={typeof window !== 'undefined' && window.innerWidth < 600}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {parent && !editing && (
            <Text size="sm">
              {t('units.parentUnit')}: <strong>{parent.name}</strong>
            </Text>
          )}
          {conflict && (
            <Alert color="orange" title={t('common.conflictTitle')}>
              {t('common.conflict')}
            </Alert>
          )}
          <TextInput label={label('name')} required {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={label('shortName')} {...form.getInputProps('shortName')} />
            <Select
              label={label('kind')}
              data={kinds}
              required
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('kind')}
            />
            <TextInput label={label('provinceName')} {...form.getInputProps('provinceName')} />
            <TextInput
              label={label('provinceCode')}
              inputMode="numeric"
              {...form.getInputProps('provinceCode')}
            />
            <TextInput label={label('communeName')} {...form.getInputProps('communeName')} />
            <TextInput
              label={label('communeCode')}
              inputMode="numeric"
              {...form.getInputProps('communeCode')}
            />
          </SimpleGrid>
          <TextInput label={label('address')} {...form.getInputProps('address')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={label('phone')} type="tel" {...form.getInputProps('phone')} />
            <TextInput label={label('email')} type="email" {...form.getInputProps('email')} />
            <DateField label={label('validFrom')} {...form.getInputProps('validFrom')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {editing ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function descendants(tree: TreeNode[], id: number): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of tree) {
      if (n.parentId !== null && out.has(n.parentId) && !out.has(n.id)) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}

/** After a 409, reload the unit and keep the form's values with the new version. */
async function reloadOnConflict(
  error: unknown,
  unitId: number,
  queryClient: ReturnType<typeof useQueryClient>,
  setVersion: (v: number) => void,
) {
  if (!isConflict(error)) return false;
  const latest = await api.get<UnitDetail>(`/api/units/${unitId}`).catch(() => null);
  if (latest) {
    queryClient.setQueryData(unitKeys.detail(unitId), latest);
    setVersion(latest.version);
  }
  return true;
}

export function MoveUnitModal({
  opened,
  onClose,
  unit,
  tree,
}: {
  opened: boolean;
  onClose: () => void;
  unit: UnitDetail;
  tree: TreeNode[];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const exclude = useMemo(() => descendants(tree, unit.id), [tree, unit.id]);
  const form = useForm({
    initialValues: {
      parentId: unit.parentId as number | null,
      effectiveDate: null as string | null,
      version: unit.version,
    },
  });
  const [busy, setBusy] = useState(false);
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    try {
      const moved = await api.post<UnitDetail>(`/api/units/${unit.id}/move`, {
        parentId: v.parentId,
        ...(v.effectiveDate ? { effectiveDate: v.effectiveDate } : {}),
        version: v.version,
      });
      queryClient.setQueryData(unitKeys.detail(unit.id), moved);
      await queryClient.invalidateQueries({ queryKey: unitKeys.all });
      notifySuccess(t('units.moved'));
      onClose();
    } catch (error) {
      await reloadOnConflict(error, unit.id, queryClient, (n) => form.setFieldValue('version', n));
      showApiError(error, form);
    } finally {
      setBusy(false);
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title={`${t('units.move')}: ${unit.name}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <UnitSelect
            label={t('units.newParent')}
            description={t('units.newParentHint')}
            exclude={exclude}
            value={form.values.parentId}
            onChange={(v) => form.setFieldValue('parentId', v)}
            error={form.errors.parentId}
          />
          <DateField label={label('effectiveDate')} {...form.getInputProps('effectiveDate')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('units.move')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function CloseUnitModal({
  opened,
  onClose,
  unit,
}: {
  opened: boolean;
  onClose: () => void;
  unit: UnitDetail;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const exclude = useMemo(() => new Set([unit.id]), [unit.id]);
  const form = useForm({
    initialValues: {
      validTo: dayjs().format('YYYY-MM-DD') as string | null,
      successorIds: [] as number[],
      reason: '',
      version: unit.version,
    },
    validate: {
      validTo: (v) => (v ? null : t('login.required', { field: label('validTo').toLowerCase() })),
    },
  });
  const [busy, setBusy] = useState(false);
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    try {
      const closed = await api.post<UnitDetail>(`/api/units/${unit.id}/close`, {
        validTo: v.validTo,
        successorIds: v.successorIds,
        reason: empty(v.reason),
        version: v.version,
      });
      queryClient.setQueryData(unitKeys.detail(unit.id), closed);
      await queryClient.invalidateQueries({ queryKey: unitKeys.all });
      notifySuccess(t('units.closedDone'));
      onClose();
    } catch (error) {
      await reloadOnConflict(error, unit.id, queryClient, (n) => form.setFieldValue('version', n));
      showApiError(error, form);
    } finally {
      setBusy(false);
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title={`${t('units.close')}: ${unit.name}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('units.closeHint')}
          </Text>
          <DateField label={label('validTo')} required {...form.getInputProps('validTo')} />
          <UnitMultiSelect
            label={label('successorIds')}
            exclude={exclude}
            value={form.values.successorIds}
            onChange={(v) => form.setFieldValue('successorIds', v)}
            error={form.errors.successorIds}
          />
          <Textarea
            label={label('reason')}
            autosize
            minRows={2}
            maxLength={500}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={busy}>
              {t('units.close')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function DeleteUnitModal({
  opened,
  onClose,
  unit,
}: {
  opened: boolean;
  onClose: () => void;
  unit: UnitDetail;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await api.delete(`/api/units/${unit.id}`, { version: unit.version });
      queryClient.removeQueries({ queryKey: unitKeys.detail(unit.id) });
      await queryClient.invalidateQueries({ queryKey: unitKeys.all });
      notifySuccess(t('units.deleted', { name: unit.name }));
      onClose();
      const parent = unit.ancestors[unit.ancestors.length - 1];
      void navigate(
        parent ? { to: '/units/$unitId', params: { unitId: String(parent.id) } } : { to: '/units' },
      );
    } catch (error) {
      if (isConflict(error)) await queryClient.invalidateQueries({ queryKey: unitKeys.detail(unit.id) });
      showApiError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('units.delete')}>
      <Stack>
        <Text>{t('units.deleteConfirm', { name: unit.name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void remove()}>
            {t('common.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
