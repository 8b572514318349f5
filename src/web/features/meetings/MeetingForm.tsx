import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTENDEE_ROLES, MEETING_KINDS, MEETING_STATUSES } from '../../../contracts/meetings.ts';
import { api } from '../../api.ts';
import { useMe } from '../../auth.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { foldedFilter, UnitMultiSelect, UnitSelect } from '../../components/UnitSelect.tsx';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { useAgreements } from '../agreements/queries.ts';
import { ConflictNotice } from '../agreements/TaskForm.tsx';
import { DateField } from '../units/UnitForms.tsx';
import { bodyOf, type MeetingValues, valuesOf } from './model.ts';
import { type Meeting, meetingKeys, useMeeting } from './queries.ts';

/** Server paths → form fields (the date-time is split into date and times). */
const fieldOf = (path: string) => (path === 'startsAt' ? 'startDate' : path === 'endsAt' ? 'endTime' : path);

function MeetingFormBody({ meeting }: { meeting: Meeting | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  const initialAgreement = useMemo(() => {
    const v = new URLSearchParams(window.location.search).get('agreementId');
    return v ? Number(v) : null;
  }, []);
  const form = useForm<MeetingValues>({
    initialValues: valuesOf(meeting, {
      agreementId: initialAgreement,
      hostUnitId: me.data?.user.unit?.id ?? null,
    }),
    validate: {
      title: (v) => (v.trim() ? null : t('meetings.required')),
      startDate: (v) => (v ? null : t('meetings.required')),
      startTime: (v) => (v ? null : t('meetings.required')),
      hostUnitId: (v) => (v === null ? t('meetings.required') : null),
      endTime: (v, all) => (v && all.startTime && v <= all.startTime ? t('meetings.endBeforeStart') : null),
      attendees: { name: (v) => (v.trim() ? null : t('meetings.required')) },
      agenda: { title: (v) => (v.trim() ? null : t('meetings.required')) },
      conclusions: { text: (v) => (v.trim() ? null : t('meetings.required')) },
    },
  });
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<'no' | 'yes' | 'reloaded'>('no');
  const agreements = useAgreements({});
  const v = form.getValues();

  const fieldsForm = {
    setFieldError: (path: string, message: string) => form.setFieldError(fieldOf(path), message),
    getValues: () => ({ ...form.getValues(), startsAt: '', endsAt: '' }),
  };

  const reload = async () => {
    if (!meeting) return;
    const latest = await api.get<Meeting>(`/api/meetings/${meeting.id}`).catch((e: unknown) => {
      showApiError(e);
      return null;
    });
    if (!latest) return;
    qc.setQueryData(meetingKeys.detail(meeting.id), latest);
    const fresh = valuesOf(latest, {});
    const current = form.getValues();
    const merged = { ...fresh };
    for (const key of Object.keys(fresh) as Array<keyof MeetingValues>) {
      if (key !== 'version' && form.isDirty(key)) Object.assign(merged, { [key]: current[key] });
    }
    form.setInitialValues(fresh);
    form.setValues(merged);
    setConflict('reloaded');
  };

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    try {
      let saved: Meeting;
      if (meeting) {
        saved = await api.patch<Meeting>(`/api/meetings/${meeting.id}`, {
          ...bodyOf(values),
          status: values.status,
          version: values.version,
        });
        notifySuccess(t('meetings.saved'));
      } else {
        saved = await api.post<Meeting>('/api/meetings', bodyOf(values));
        notifySuccess(t('meetings.created'));
      }
      qc.setQueryData(meetingKeys.detail(saved.id), saved);
      void qc.invalidateQueries({ queryKey: meetingKeys.all });
      void navigate({ to: `/meetings/${saved.id}` });
    } catch (e) {
      if (isConflict(e)) setConflict('yes');
      else showApiError(e, fieldsForm);
    } finally {
      setBusy(false);
    }
  });

  const agreementOptions = (agreements.data?.items ?? []).map((a) => ({
    value: String(a.id),
    label: a.subject,
  }));
  const selected = agreements.data?.items.find((a) => String(a.id) === v.agreementId);
  const extraUnits = useMemo(
    () => [
      ...(selected?.parties ?? []),
      ...(me.data?.user.unit ? [me.data.user.unit] : []),
      ...(meeting ? [meeting.hostUnit, ...meeting.units] : []),
      ...(meeting?.attendees.flatMap((a) => (a.unit ? [a.unit] : [])) ?? []),
      ...(meeting?.conclusions.flatMap((c) => [...(c.leadUnit ? [c.leadUnit] : []), ...c.cooperatingUnits]) ??
        []),
    ],
    [selected, meeting, me.data],
  );

  const moveAgenda = (from: number, to: number) => form.reorderListItem('agenda', { from, to });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {conflict !== 'no' && <ConflictNotice reloaded={conflict === 'reloaded'} onReload={reload} />}
        <Card withBorder>
          <Stack gap="sm">
            <Group grow align="flex-start" wrap="wrap">
              <Select
                label={t('meetings.fields.kind')}
                allowDeselect={false}
                data={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))}
                {...form.getInputProps('kind')}
                miw={180}
              />
              {meeting && (
                <Select
                  label={t('meetings.fields.status')}
                  allowDeselect={false}
                  data={MEETING_STATUSES.map((k) => ({ value: k, label: t(`meetings.statuses.${k}`) }))}
                  {...form.getInputProps('status')}
                  miw={180}
                />
              )}
            </Group>
            <Textarea label={t('meetings.fields.title')} required autosize {...form.getInputProps('title')} />
            <Select
              label={t('meetings.fields.agreement')}
              clearable
              searchable
              filter={foldedFilter}
              data={agreementOptions}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('agreementId')}
            />
            <TextInput
              label={t('meetings.fields.reviewPeriod')}
              description={t('meetings.fields.reviewPeriodHint')}
              {...form.getInputProps('reviewPeriod')}
            />
            <Group grow align="flex-start" wrap="wrap">
              <DateField
                label={t('meetings.fields.startsAt')}
                required
                value={v.startDate}
                onChange={(d) => form.setFieldValue('startDate', d)}
                error={form.errors.startDate}
              />
              <TimeInput label={t('meetings.time')} required {...form.getInputProps('startTime')} miw={120} />
              <TimeInput label={t('meetings.fields.endsAt')} {...form.getInputProps('endTime')} miw={120} />
            </Group>
            <TextInput label={t('meetings.fields.place')} {...form.getInputProps('place')} />
            <UnitSelect
              label={t('meetings.fields.hostUnit')}
              required
              value={v.hostUnitId}
              onChange={(id) => form.setFieldValue('hostUnitId', id)}
              directory
              extraUnits={extraUnits}
              error={form.errors.hostUnitId}
            />
            <UnitMultiSelect
              label={t('meetings.fields.units')}
              value={v.unitIds}
              onChange={(ids) => form.setFieldValue('unitIds', ids)}
              directory
              extraUnits={extraUnits}
              error={form.errors.unitIds}
            />
          </Stack>
        </Card>

        <Card withBorder component="section" aria-labelledby="mf-attendees">
          <Title order={2} size="h4" id="mf-attendees" mb="xs">
            {t('meetings.fields.attendees')}
          </Title>
          {v.attendees.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('meetings.noAttendees')}
            </Text>
          )}
          <Stack gap="xs">
            {v.attendees.map((a, i) => (
              <Card key={a.key} withBorder p="xs" data-testid="attendee-row">
                <Group align="flex-end" wrap="wrap" gap="xs">
                  <Select
                    label={t('meetings.fields.role')}
                    allowDeselect={false}
                    data={ATTENDEE_ROLES.map((r) => ({ value: r, label: t(`meetings.roles.${r}`) }))}
                    {...form.getInputProps(`attendees.${i}.role`)}
                    w={{ base: '100%', xs: 140 }}
                  />
                  <TextInput
                    label={t('meetings.fields.name')}
                    required
                    {...form.getInputProps(`attendees.${i}.name`)}
                    style={{ flex: '1 1 180px' }}
                  />
                  <TextInput
                    label={t('meetings.fields.personTitle')}
                    {...form.getInputProps(`attendees.${i}.title`)}
                    style={{ flex: '1 1 180px' }}
                  />
                  <div style={{ flex: '1 1 220px' }}>
                    <UnitSelect
                      label={t('meetings.fields.unit')}
                      value={a.unitId}
                      onChange={(id) => form.setFieldValue(`attendees.${i}.unitId`, id)}
                      directory
                      extraUnits={extraUnits}
                    />
                  </div>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('meetings.removeRow', { n: i + 1 })}
                    onClick={() => form.removeListItem('attendees', i)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </Card>
            ))}
          </Stack>
          <Button
            mt="xs"
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() =>
              form.insertListItem('attendees', {
                key: randomId(),
                role: v.attendees.length === 0 ? 'chair' : 'delegate',
                name: '',
                title: '',
                unitId: null,
              })
            }
          >
            {t('meetings.addAttendee')}
          </Button>
        </Card>

        <Card withBorder component="section" aria-labelledby="mf-agenda">
          <Title order={2} size="h4" id="mf-agenda" mb="xs">
            {t('meetings.fields.agenda')}
          </Title>
          {v.agenda.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('meetings.noAgenda')}
            </Text>
          )}
          <Stack gap="xs" component="ol" style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
            {v.agenda.map((a, i) => (
              <Group key={a.key} component="li" align="flex-end" wrap="wrap" gap="xs">
                <Text fw={600} w={24} aria-hidden>
                  {i + 1}.
                </Text>
                <TextInput
                  label={`${t('meetings.fields.agendaItem')} ${i + 1}`}
                  required
                  {...form.getInputProps(`agenda.${i}.title`)}
                  style={{ flex: '2 1 220px' }}
                />
                <TextInput
                  label={t('meetings.fields.presenter')}
                  {...form.getInputProps(`agenda.${i}.presenter`)}
                  style={{ flex: '1 1 160px' }}
                />
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    size="lg"
                    disabled={i === 0}
                    aria-label={t('meetings.moveUp', { n: i + 1 })}
                    onClick={() => moveAgenda(i, i - 1)}
                  >
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    size="lg"
                    disabled={i === v.agenda.length - 1}
                    aria-label={t('meetings.moveDown', { n: i + 1 })}
                    onClick={() => moveAgenda(i, i + 1)}
                  >
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('meetings.removeRow', { n: i + 1 })}
                    onClick={() => form.removeListItem('agenda', i)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
            ))}
          </Stack>
          <Button
            mt="xs"
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => form.insertListItem('agenda', { key: randomId(), title: '', presenter: '' })}
          >
            {t('meetings.addAgenda')}
          </Button>
        </Card>

        <Card withBorder>
          <Textarea
            label={t('meetings.fields.minutes')}
            autosize
            minRows={4}
            maxRows={20}
            {...form.getInputProps('minutes')}
          />
        </Card>

        <Card withBorder component="section" aria-labelledby="mf-conclusions">
          <Title order={2} size="h4" id="mf-conclusions" mb="xs">
            {t('meetings.fields.conclusions')}
          </Title>
          {v.conclusions.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('meetings.noConclusions')}
            </Text>
          )}
          <Stack gap="xs">
            {v.conclusions.map((c, i) => (
              <Card key={c.key} withBorder p="xs" data-testid="conclusion-row">
                <Stack gap="xs">
                  <Group align="flex-start" wrap="nowrap" gap="xs">
                    <Textarea
                      label={`${t('meetings.fields.conclusionText')} ${i + 1}`}
                      required
                      autosize
                      {...form.getInputProps(`conclusions.${i}.text`)}
                      style={{ flex: 1 }}
                    />
                    <ActionIcon
                      mt={24}
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={t('meetings.removeRow', { n: i + 1 })}
                      onClick={() => form.removeListItem('conclusions', i)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                  <Group grow align="flex-start" wrap="wrap">
                    <UnitSelect
                      label={t('meetings.fields.leadUnit')}
                      value={c.leadUnitId}
                      onChange={(id) => form.setFieldValue(`conclusions.${i}.leadUnitId`, id)}
                      directory
                      extraUnits={extraUnits}
                      error={form.errors[`conclusions.${i}.leadUnitId`]}
                    />
                    <DateField
                      label={t('meetings.fields.dueDate')}
                      value={c.dueDate}
                      onChange={(d) => form.setFieldValue(`conclusions.${i}.dueDate`, d)}
                      error={form.errors[`conclusions.${i}.dueDate`]}
                    />
                  </Group>
                  <UnitMultiSelect
                    label={t('meetings.fields.cooperatingUnits')}
                    value={c.cooperatingUnitIds}
                    onChange={(ids) => form.setFieldValue(`conclusions.${i}.cooperatingUnitIds`, ids)}
                    directory
                    extraUnits={extraUnits}
                  />
                </Stack>
              </Card>
            ))}
          </Stack>
          <Button
            mt="xs"
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() =>
              form.insertListItem('conclusions', {
                key: randomId(),
                text: '',
                leadUnitId: null,
                cooperatingUnitIds: [],
                dueDate: null,
              })
            }
          >
            {t('meetings.addConclusion')}
          </Button>
        </Card>
        <Group justify="flex-end">
          <Button variant="default" component={Link} to={meeting ? `/meetings/${meeting.id}` : '/meetings'}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {meeting ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function MeetingNewPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <Loader role="status" aria-label={t('app.loading')} />;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/meetings" size="sm">
        ← {t('meetings.back')}
      </Anchor>
      <PageTitle>{t('meetings.createTitle')}</PageTitle>
      <MeetingFormBody meeting={null} />
    </Stack>
  );
}

export function MeetingEditPage() {
  const { t } = useTranslation();
  const { meetingId } = useParams({ strict: false }) as { meetingId: string };
  const { data, isPending, error } = useMeeting(Number(meetingId));
  if (isPending) return <Loader role="status" aria-label={t('app.loading')} />;
  if (error || !data)
    return (
      <Alert color="red" title={t('common.error')}>
        {t('meetings.notFound')}
      </Alert>
    );
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/meetings/${data.id}`} size="sm">
        ← {data.title}
      </Anchor>
      <PageTitle>{t('meetings.edit')}</PageTitle>
      <MeetingFormBody meeting={data} />
    </Stack>
  );
}

/** Table of attendees (read view). */
export function AttendeesTable({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  if (meeting.attendees.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('meetings.noAttendees')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('meetings.fields.role')}</Table.Th>
            <Table.Th>{t('meetings.fields.name')}</Table.Th>
            <Table.Th>{t('meetings.fields.personTitle')}</Table.Th>
            <Table.Th>{t('meetings.fields.unit')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {meeting.attendees.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{t(`meetings.roles.${a.role}`)}</Table.Td>
              <Table.Td>{a.name}</Table.Td>
              <Table.Td>{a.title ?? '—'}</Table.Td>
              <Table.Td>{a.unit?.name ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
