import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGREEMENT_KINDS,
  type AgreementDetail,
  type AgreementSummary,
  type LegalDocument,
} from '../../../contracts/agreements.ts';
import { api } from '../../api.ts';
import { useSignedInMe } from '../../auth.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { foldedFilter, UnitSelect } from '../../components/UnitSelect.tsx';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { LegalBasisPicker } from '../legal/LegalBasisPicker.tsx';
import { useUnitTree } from '../units/queries.ts';
import { DateField } from '../units/UnitForms.tsx';
import { useActsFor } from './myUnits.ts';
import { agrKeys, useAgreement } from './queries.ts';
import { TextFields } from './shared.tsx';

type Kind = AgreementDetail['kind'];
type Ref = { id: number; name: string };

interface PartyRow {
  key: number;
  unitId: number | null;
  signatoryName: string;
  signatoryTitle: string;
}

interface Values {
  kind: Kind;
  programId: string | null;
  subject: string;
  docNumber: string;
  signedOn: string | null;
  signedPlace: string;
  validFrom: string | null;
  validTo: string | null;
  year: number | string;
  purpose: string;
  requirements: string;
  body: string;
  ownerUnitId: number | null;
  parties: PartyRow[];
  legalBases: LegalDocument[];
}

/** Fields PATCH /api/agreements/:id takes; kind, program and owner are fixed once created. */
const EDITABLE = [
  'subject',
  'docNumber',
  'signedOn',
  'signedPlace',
  'validFrom',
  'validTo',
  'year',
  'purpose',
  'requirements',
  'body',
] as const;

let rowKey = 0;
const partyRow = (p: Partial<PartyRow> = {}): PartyRow => {
  rowKey += 1;
  return { key: rowKey, unitId: null, signatoryName: '', signatoryTitle: '', ...p };
};

function fromDetail(a: AgreementDetail): Values {
  return {
    kind: a.kind,
    programId: a.programId ? String(a.programId) : null,
    subject: a.subject,
    docNumber: a.docNumber ?? '',
    signedOn: a.signedOn,
    signedPlace: a.signedPlace ?? '',
    validFrom: a.validFrom,
    validTo: a.validTo,
    year: a.year ?? '',
    purpose: a.purpose ?? '',
    requirements: a.requirements ?? '',
    body: a.body ?? '',
    ownerUnitId: a.ownerUnit.id,
    parties: a.partyDetails.map((p) =>
      partyRow({
        unitId: p.unit.id,
        signatoryName: p.signatoryName ?? '',
        signatoryTitle: p.signatoryTitle ?? '',
      }),
    ),
    legalBases: a.legalBases,
  };
}

const orNull = (v: string | null) => (v?.trim() ? v.trim() : null);

/** The request body of a create; an edit sends the parts of it that changed. */
function payload(v: Values) {
  return {
    kind: v.kind,
    programId: v.kind === 'plan' && v.programId ? Number(v.programId) : null,
    subject: v.subject.trim(),
    docNumber: orNull(v.docNumber),
    signedOn: orNull(v.signedOn),
    signedPlace: orNull(v.signedPlace),
    validFrom: orNull(v.validFrom),
    validTo: orNull(v.validTo),
    year: typeof v.year === 'number' ? v.year : null,
    purpose: orNull(v.purpose),
    requirements: orNull(v.requirements),
    body: orNull(v.body),
    ownerUnitId: v.ownerUnitId,
    parties: v.parties.map((p) => ({
      unitId: p.unitId,
      signatoryName: orNull(p.signatoryName),
      signatoryTitle: orNull(p.signatoryTitle),
    })),
    legalBasisIds: v.legalBases.map((d) => d.id),
  };
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/**
 * Units to offer as parties beyond the user's own tree (which holds only the user's scope):
 * the agencies met as parties of the agreements the user sees, and the current parties.
 */
function usePartnerUnits(current: readonly Ref[]) {
  const { data } = useQuery({
    queryKey: [...agrKeys.all, 'partners'],
    queryFn: () => api.get<{ items: AgreementSummary[] }>('/api/agreements', { limit: 500 }),
    staleTime: 300_000,
  });
  return useMemo(() => {
    const byId = new Map<number, Ref>();
    for (const a of data?.items ?? []) for (const u of [a.ownerUnit, ...a.parties]) byId.set(u.id, u);
    for (const u of current) byId.set(u.id, u);
    return [...byId.values()].map((u) => ({ id: u.id, name: u.name }));
  }, [data, current]);
}

function usePrograms(enabled: boolean) {
  return useQuery({
    queryKey: [...agrKeys.all, 'programs'],
    queryFn: () => api.get<{ items: AgreementSummary[] }>('/api/agreements', { kind: 'program', limit: 500 }),
    enabled,
    staleTime: 60_000,
  });
}

/** /agreements/new */
export function AgreementNewPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('agrForm.newTitle')}</PageTitle>
      <AgreementForm />
    </>
  );
}

/** /agreements/:id/edit */
export function AgreementEditPage() {
  const { t } = useTranslation();
  const { agreementId } = useParams({ strict: false }) as { agreementId: string };
  const query = useAgreement(Number(agreementId));
  const a = query.data;
  if (query.isPending) return <Loader aria-label={t('app.loading')} />;
  if (!a?.abilities.update)
    return (
      <Alert color="red" title={t('common.error')}>
        {a ? t('agrForm.cannotEdit') : t('agr.notFound')}{' '}
        <Anchor component={Link} to={a ? `/agreements/${a.id}` : '/agreements'}>
          {t('common.back')}
        </Anchor>
      </Alert>
    );
  return (
    <>
      <PageTitle>{t('agrForm.editTitle')}</PageTitle>
      <AgreementForm
        agreement={a}
        reload={async () => {
          const fresh = await query.refetch();
          return fresh.data;
        }}
      />
    </>
  );
}

interface FormProps {
  /** Editing this agreement; a new draft when absent. */
  agreement?: AgreementDetail;
  reload?: () => Promise<AgreementDetail | undefined>;
}

function AgreementForm({ agreement: a, reload }: FormProps) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const actsFor = useActsFor();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const editing = a !== undefined;

  const form = useForm<Values>({
    initialValues: a
      ? fromDetail(a)
      : {
          kind: 'regulation',
          programId: null,
          subject: '',
          docNumber: '',
          signedOn: null,
          signedPlace: '',
          validFrom: null,
          validTo: null,
          year: '',
          purpose: '',
          requirements: '',
          body: '',
          ownerUnitId: me.user.unit?.id ?? null,
          parties: [partyRow({ unitId: me.user.unit?.id ?? null }), partyRow()],
          legalBases: [],
        },
    validate: {
      subject: (v) => (v.trim() ? null : t('agrForm.required')),
      ownerUnitId: (v, values) =>
        v !== null && values.parties.some((p) => p.unitId === v) ? null : t('agrForm.ownerRequired'),
      parties: {
        unitId: (v) => (v === null ? t('agrForm.required') : null),
      },
    },
  });
  const v = form.getValues();
  const current = useMemo(() => (a ? a.partyDetails.map((p) => p.unit) : []), [a]);
  const partners = usePartnerUnits(current);
  const programs = usePrograms(v.kind === 'plan' && !editing);
  const tree = useUnitTree();
  const names = new Map([...(tree.data ?? []), ...partners].map((u) => [u.id, u.name]));
  const chosen = v.parties.map((p) => p.unitId).filter((id): id is number => id !== null);
  const ownerOptions = chosen
    .filter((id, i) => chosen.indexOf(id) === i && actsFor(id))
    .map((id) => ({ value: String(id), label: names.get(id) ?? `#${id}` }));

  // Server field paths → this form's fields.
  const errorTarget = {
    getValues: () => ({ ...form.getValues(), legalBasisIds: [], legalDocumentIds: [] }),
    setFieldError: (path: string, message: string) =>
      form.setFieldError(path.startsWith('legal') ? 'legalBases' : path, message),
  };

  const save = async (values: Values) => {
    const body = payload(values);
    if (!a) return api.post<{ id: number }>('/api/agreements', body);
    const before = payload(fromDetail(a));
    let version = a.version;
    const changes = Object.fromEntries(
      EDITABLE.filter((k) => !same(body[k], before[k])).map((k) => [k, body[k]]),
    );
    if (Object.keys(changes).length > 0) {
      ({ version } = await api.patch<{ version: number }>(`/api/agreements/${a.id}`, {
        ...changes,
        version,
      }));
    }
    if (!same(body.parties, before.parties)) {
      ({ version } = await api.patch<{ version: number }>(`/api/agreements/${a.id}/parties`, {
        parties: body.parties,
        version,
      }));
    }
    if (!same(body.legalBasisIds, before.legalBasisIds)) {
      await api.put(`/api/agreements/${a.id}/legal-bases`, { legalDocumentIds: body.legalBasisIds, version });
    }
    return { id: a.id };
  };

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setConflict(false);
    try {
      const { id } = await save(values);
      await qc.invalidateQueries({ queryKey: agrKeys.all });
      notifySuccess(editing ? t('agrForm.updated') : t('agrForm.created'));
      void navigate({ to: '/agreements/$agreementId', params: { agreementId: String(id) } });
    } catch (error) {
      if (isConflict(error)) setConflict(true);
      else {
        // A later step may have failed after an earlier one saved: start again from the server's state.
        if (editing) void qc.invalidateQueries({ queryKey: agrKeys.all });
        showApiError(error, errorTarget);
      }
    } finally {
      setBusy(false);
    }
  });

  const reloadLatest = async () => {
    const fresh = await reload?.();
    if (fresh) {
      form.setValues(fromDetail(fresh));
      form.resetDirty();
    }
    setConflict(false);
  };

  const setPartyUnit = (i: number, unitId: number | null) => {
    form.setFieldValue(`parties.${i}.unitId`, unitId);
    const owner = form.getValues().ownerUnitId;
    const stillParty = form.getValues().parties.some((p) => p.unitId === owner);
    if (!editing && (!owner || !stillParty) && unitId !== null && actsFor(unitId)) {
      form.setFieldValue('ownerUnitId', unitId);
    }
  };

  const section = (title: string, children: React.ReactNode) => (
    <Card withBorder component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {conflict && (
          <Alert color="orange" title={t('common.conflictTitle')} role="alert">
            <Text size="sm" mb="xs">
              {t('agrForm.conflict')}
            </Text>
            <Button size="xs" onClick={() => void reloadLatest()}>
              {t('common.reload')}
            </Button>
          </Alert>
        )}
        {section(
          t('agrForm.general'),
          <>
            <Radio.Group
              label={t('agr.kind')}
              required
              description={editing ? t('agrForm.fixedOnEdit') : undefined}
              {...form.getInputProps('kind')}
            >
              <Group gap="md" mt={4}>
                {AGREEMENT_KINDS.map((k) => (
                  <Radio key={k} value={k} label={t(`agr.kinds.${k}`)} disabled={editing} />
                ))}
              </Group>
            </Radio.Group>
            {v.kind === 'plan' && (
              <Select
                label={t('agrForm.program')}
                description={editing ? t('agrForm.fixedOnEdit') : t('agrForm.programHint')}
                placeholder={t('agrForm.noProgram')}
                clearable
                searchable
                disabled={editing}
                filter={foldedFilter}
                data={(programs.data?.items ?? []).map((p) => ({ value: String(p.id), label: p.subject }))}
                nothingFoundMessage={t('common.noResults')}
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps('programId')}
              />
            )}
            <Textarea
              label={t('agrForm.subject')}
              required
              autosize
              minRows={2}
              {...form.getInputProps('subject')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('agr.number')}
                description={t('agrForm.numberHint')}
                {...form.getInputProps('docNumber')}
              />
              {v.kind === 'plan' && (
                <NumberInput
                  label={t('agrForm.year')}
                  min={1990}
                  max={2100}
                  {...form.getInputProps('year')}
                />
              )}
              <DateField label={t('agr.signedOn')} {...form.getInputProps('signedOn')} />
              <TextInput label={t('agr.signedPlace')} {...form.getInputProps('signedPlace')} />
              <DateField label={t('agrForm.validFrom')} {...form.getInputProps('validFrom')} />
              <DateField label={t('agrForm.validTo')} {...form.getInputProps('validTo')} />
            </SimpleGrid>
          </>,
        )}
        {section(
          t('agr.parties'),
          <>
            <Text size="sm" c="dimmed">
              {t('agrForm.partiesHint')}
            </Text>
            {v.parties.map((p, i) => (
              <Card key={p.key} withBorder padding="sm" bg="gray.0">
                <Group justify="space-between" mb={4}>
                  <Text size="sm" fw={600}>
                    {t('agrForm.partyN', { n: i + 1 })}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('agrForm.removeParty', { n: i + 1 })}
                    disabled={v.parties.length <= 2}
                    onClick={() => form.removeListItem('parties', i)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <UnitSelect
                    label={t('agrForm.partyUnit', { n: i + 1 })}
                    required
                    directory
                    extraUnits={partners}
                    exclude={new Set(chosen.filter((id) => id !== p.unitId))}
                    value={p.unitId}
                    onChange={(id) => setPartyUnit(i, id)}
                    error={form.errors[`parties.${i}.unitId`]}
                  />
                  <TextInput
                    label={t('agrForm.signatoryTitle', { n: i + 1 })}
                    {...form.getInputProps(`parties.${i}.signatoryTitle`)}
                  />
                  <TextInput
                    label={t('agrForm.signatoryName', { n: i + 1 })}
                    {...form.getInputProps(`parties.${i}.signatoryName`)}
                  />
                </SimpleGrid>
              </Card>
            ))}
            {form.errors.parties && (
              <Text size="sm" c="red.8" role="alert">
                {form.errors.parties}
              </Text>
            )}
            <Group>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => form.insertListItem('parties', partyRow())}
              >
                {t('agrForm.addParty')}
              </Button>
            </Group>
            <Select
              label={t('agrForm.owner')}
              description={editing ? t('agrForm.fixedOnEdit') : t('agrForm.ownerHint')}
              required
              disabled={editing}
              data={
                editing && a ? [{ value: String(a.ownerUnit.id), label: a.ownerUnit.name }] : ownerOptions
              }
              value={v.ownerUnitId === null ? null : String(v.ownerUnitId)}
              onChange={(id) => form.setFieldValue('ownerUnitId', id ? Number(id) : null)}
              error={form.errors.ownerUnitId}
              comboboxProps={{ withinPortal: true }}
            />
          </>,
        )}
        {section(
          t('agr.legalBases'),
          <LegalBasisPicker
            value={v.legalBases}
            onChange={(docs) => form.setFieldValue('legalBases', docs)}
            error={form.errors.legalBases}
          />,
        )}
        {section(t('agrForm.content'), <TextFields input={form.getInputProps} />)}
        <Group justify="flex-end">
          <Button variant="default" component={Link} to={a ? `/agreements/${a.id}` : '/agreements'}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {editing ? t('common.save') : t('agrForm.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
