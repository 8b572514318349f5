import {
  Alert,
  Button,
  Card,
  Checkbox,
  type ComboboxItem,
  FileInput,
  Group,
  MultiSelect,
  type OptionsFilter,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPaperclip } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SENSITIVITIES } from '../../../contracts/exchange.ts';
import { ApiError, api } from '../../api.ts';
import { useSignedInMe } from '../../auth.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { foldedFilter } from '../../components/UnitSelect.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { i18n } from '../../i18n/index.ts';
import { useAgreements } from '../agreements/queries.ts';
import { useUnitDirectory } from '../units/queries.ts';
import {
  type Bulletin,
  COMPOSE_KINDS,
  type ComposeValues,
  composeBody,
  emptyCompose,
  isoToday,
  recipientGroups,
} from './model.ts';
import { bulletinKeys } from './queries.ts';

/** The folded, word-by-word filter of the unit pickers, applied inside each option group. */
const groupedFilter: OptionsFilter = (input) =>
  input.options.flatMap((o) => {
    if ('group' in o) {
      const items = foldedFilter({ ...input, options: o.items }) as ComboboxItem[];
      return items.length ? [{ ...o, items }] : [];
    }
    return foldedFilter({ ...input, options: [o] });
  });

const DATE_FORMAT = 'DD/MM/YYYY';
const parseDate = (input: string) => {
  const d = dayjs(input, [DATE_FORMAT, 'D/M/YYYY', 'YYYY-MM-DD'], true);
  return d.isValid() ? d.format('YYYY-MM-DD') : null;
};

/** A date field shown dd/mm/yyyy, holding YYYY-MM-DD. */
function DateBox(props: {
  label: string;
  value: string | null;
  onChange: (v: string | null) => void;
  error?: React.ReactNode;
  required?: boolean;
  maxDate?: string;
  minDate?: string;
}) {
  return (
    <DateInput
      {...props}
      valueFormat={DATE_FORMAT}
      dateParser={parseDate}
      placeholder="dd/mm/yyyy"
      clearable={!props.required}
      popoverProps={{ withinPortal: true }}
      miw={180}
    />
  );
}

export function ComposePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const today = isoToday();
  const initialAgreement = useMemo(() => {
    const v = Number(new URLSearchParams(window.location.search).get('agreementId'));
    return Number.isInteger(v) && v > 0 ? v : null;
  }, []);
  const form = useForm<ComposeValues>({
    initialValues: emptyCompose({
      senderUnitId: me.user.unit?.id ?? me.grants.find((g) => g.unit)?.unit?.id ?? null,
      agreementId: initialAgreement,
      today,
    }),
    validate: {
      senderUnitId: (v) => (v === null ? t('exchange.required') : null),
      subject: (v) => (v.trim() ? null : t('exchange.required')),
      body: (v) => (v.trim() ? null : t('exchange.required')),
      recipientUnitIds: (v, all) =>
        v.length === 0 && !(all.allParties && all.agreementId) ? t('exchange.chooseRecipients') : null,
      occurredOn: (v) => (!v ? t('exchange.required') : v > today ? t('exchange.futureDate') : null),
      respondBy: (v, all) =>
        all.kind === 'coordination_request' && !v ? t('exchange.respondByRequired') : null,
    },
  });
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const agreements = useAgreements({});
  const directory = useUnitDirectory();
  const v = form.getValues();
  const agreement = agreements.data?.items.find((a) => String(a.id) === v.agreementId);

  const senderOptions = useMemo(() => {
    const units = [me.user.unit, ...me.grants.map((g) => g.unit)].filter(
      (u): u is NonNullable<typeof u> => u !== null,
    );
    const seen = new Set<number>();
    return units
      .filter((u) => !seen.has(u.id) && seen.add(u.id))
      .map((u) => ({ value: String(u.id), label: u.name }));
  }, [me]);

  const recipientData = useMemo(
    () =>
      recipientGroups(agreement?.parties ?? [], directory.data ?? [], v.senderUnitId, {
        parties: t('exchange.groups.parties'),
        others: t('exchange.groups.others'),
      }),
    [agreement, directory.data, v.senderUnitId, t],
  );

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    try {
      const created = await api.post<Bulletin>('/api/bulletins', composeBody(values));
      notifySuccess(t('exchange.sent'));
      // Files go up one by one after the bulletin exists; a refused file (type, size) is
      // reported with the server's message and can be attached again from the detail page.
      for (const file of files) {
        try {
          await api.upload(`/api/bulletins/${created.id}/attachments`, file);
        } catch (e) {
          notifications.show({
            color: 'red',
            title: i18n.t('common.error'),
            message: t('exchange.uploadFailed', {
              name: file.name,
              message: e instanceof ApiError ? e.message : String(e),
            }),
            autoClose: false,
            closeButtonProps: { 'aria-label': t('common.close') },
          });
        }
      }
      void qc.invalidateQueries({ queryKey: bulletinKeys.all });
      void navigate({ to: `/bulletins/${created.id}` });
    } catch (e) {
      // "recipientUnitIds.1" and the like are shown under the field itself
      showApiError(e, {
        setFieldError: (path, message) => form.setFieldError(path.split('.')[0] ?? path, message),
        getValues: form.getValues,
      });
    } finally {
      setBusy(false);
    }
  });

  return (
    <>
      <PageTitle>{t('exchange.createTitle')}</PageTitle>
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={860}>
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} role="note">
            {t('exchange.secretNote')}
          </Alert>
          <Card withBorder>
            <Stack gap="sm">
              <Select
                label={t('exchange.fields.senderUnit')}
                required
                allowDeselect={false}
                data={senderOptions}
                value={v.senderUnitId === null ? null : String(v.senderUnitId)}
                onChange={(id) => form.setFieldValue('senderUnitId', id ? Number(id) : null)}
                error={form.errors.senderUnitId}
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                label={t('exchange.fields.agreement')}
                description={t('exchange.fields.agreementHint')}
                clearable
                searchable
                filter={foldedFilter}
                data={(agreements.data?.items ?? []).map((a) => ({ value: String(a.id), label: a.subject }))}
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps('agreementId')}
              />
              <Checkbox
                label={t('exchange.fields.allParties')}
                disabled={!v.agreementId}
                {...form.getInputProps('allParties', { type: 'checkbox' })}
              />
              <MultiSelect
                label={t('exchange.fields.recipients')}
                required={!(v.allParties && v.agreementId)}
                disabled={Boolean(v.allParties && v.agreementId)}
                data={recipientData}
                value={v.recipientUnitIds.map(String)}
                onChange={(ids) => form.setFieldValue('recipientUnitIds', ids.map(Number))}
                error={form.errors.recipientUnitIds}
                searchable
                clearable
                filter={groupedFilter}
                limit={100}
                comboboxProps={{ withinPortal: true }}
              />
            </Stack>
          </Card>
          <Card withBorder>
            <Stack gap="sm">
              <Group grow align="flex-start" wrap="wrap">
                <Select
                  label={t('exchange.fields.kind')}
                  required
                  allowDeselect={false}
                  data={COMPOSE_KINDS.map((k) => ({ value: k, label: t(`exchange.kinds.${k}`) }))}
                  comboboxProps={{ withinPortal: true }}
                  miw={200}
                  {...form.getInputProps('kind')}
                />
                <Select
                  label={t('exchange.fields.sensitivity')}
                  required
                  allowDeselect={false}
                  data={SENSITIVITIES.map((s) => ({ value: s, label: t(`exchange.sensitivities.${s}`) }))}
                  comboboxProps={{ withinPortal: true }}
                  miw={160}
                  {...form.getInputProps('sensitivity')}
                />
              </Group>
              <TextInput label={t('exchange.fields.subject')} required {...form.getInputProps('subject')} />
              <Textarea
                label={t('exchange.fields.body')}
                required
                autosize
                minRows={6}
                maxRows={24}
                {...form.getInputProps('body')}
              />
              <Group grow align="flex-start" wrap="wrap">
                <DateBox
                  label={t('exchange.fields.occurredOn')}
                  required
                  maxDate={today}
                  value={v.occurredOn}
                  onChange={(d) => form.setFieldValue('occurredOn', d)}
                  error={form.errors.occurredOn}
                />
                {v.kind === 'coordination_request' && (
                  <DateBox
                    label={t('exchange.fields.respondBy')}
                    required
                    minDate={today}
                    value={v.respondBy}
                    onChange={(d) => form.setFieldValue('respondBy', d)}
                    error={form.errors.respondBy}
                  />
                )}
              </Group>
              <FileInput
                label={t('exchange.fields.files')}
                description={t('exchange.fields.filesHint')}
                multiple
                clearable
                accept=".pdf,.docx,.doc,.xlsx,.jpg,.jpeg,.png"
                leftSection={<IconPaperclip size={14} aria-hidden />}
                value={files}
                onChange={setFiles}
              />
            </Stack>
          </Card>
          <Group justify="flex-end">
            <Button component={Link} to="/bulletins" variant="default">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('exchange.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
