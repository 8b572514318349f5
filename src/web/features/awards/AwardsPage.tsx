import { Alert, Button, Group, Loader, NumberInput, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileSpreadsheet, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AWARD_RECIPIENTS, AWARD_STAGES } from '../../../contracts/meetings.ts';
import { api, withQuery } from '../../api.ts';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { foldedFilter } from '../../components/UnitSelect.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { useAgreements } from '../agreements/queries.ts';
import { DocButtons } from '../meetings/DocButtons.tsx';
import {
  type Award,
  type AwardFilters,
  awardKeys,
  awardQuery,
  useAwards,
  useMeetings,
} from '../meetings/queries.ts';
import { AwardModal } from './AwardForm.tsx';
import { AwardList, recipientOf } from './AwardList.tsx';

const initialId = (name: string) => {
  const v = new URLSearchParams(window.location.search).get(name);
  return v && /^\d+$/.test(v) ? v : null;
};

/** The commendation register: filters, list, create/edit, Excel and DOCX exports. */
export function AwardsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [year, setYear] = useState<number | string>('');
  const [stage, setStage] = useState<string | null>(null);
  const [recipientKind, setRecipientKind] = useState<string | null>(null);
  const [agreementId, setAgreementId] = useState<string | null>(initialId('agreementId'));
  const [meetingId, setMeetingId] = useState<string | null>(initialId('meetingId'));
  const [editing, setEditing] = useState<Award | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Award | null>(null);
  const agreements = useAgreements({});
  const meetings = useMeetings({});
  const filters: AwardFilters = {
    q: debounced,
    year: typeof year === 'number' ? year : null,
    stage,
    recipientKind,
    agreementId: agreementId ? Number(agreementId) : null,
    meetingId: meetingId ? Number(meetingId) : null,
  };
  const { data, isPending, error } = useAwards(filters);
  const items = data?.items ?? [];
  const listQuery = awardQuery(filters);
  // The DOCX list is per meeting or per agreement (and year).
  const listDocx =
    filters.meetingId || filters.agreementId
      ? withQuery('/api/awards/list.docx', {
          meetingId: filters.meetingId,
          agreementId: filters.meetingId ? null : filters.agreementId,
          year: filters.year,
        })
      : null;
  return (
    <>
      <PageTitle
        actions={
          <Button
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            {t('meetings.awards.create')}
          </Button>
        }
      >
        {t('meetings.awards.register')}
      </PageTitle>
      <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
        <TextInput
          label={t('meetings.awards.searchLabel')}
          description={t('common.searchHint')}
          leftSection={<IconSearch size={14} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', xs: 260 }}
        />
        <NumberInput
          label={t('meetings.awards.fields.year')}
          value={year}
          onChange={setYear}
          min={1990}
          max={2100}
          allowDecimal={false}
          thousandSeparator=""
          w={{ base: '100%', xs: 110 }}
        />
        <Select
          label={t('meetings.awards.fields.stage')}
          clearable
          placeholder={t('common.all')}
          value={stage}
          onChange={setStage}
          data={AWARD_STAGES.map((s) => ({ value: s, label: t(`meetings.awards.stages.${s}`) }))}
          w={{ base: '100%', xs: 160 }}
        />
        <Select
          label={t('meetings.awards.fields.recipientKind')}
          clearable
          placeholder={t('common.all')}
          value={recipientKind}
          onChange={setRecipientKind}
          data={AWARD_RECIPIENTS.map((r) => ({ value: r, label: t(`meetings.awards.recipients.${r}`) }))}
          w={{ base: '100%', xs: 140 }}
        />
        <Select
          label={t('meetings.awards.fields.agreement')}
          clearable
          searchable
          filter={foldedFilter}
          placeholder={t('common.all')}
          value={agreementId}
          onChange={setAgreementId}
          data={(agreements.data?.items ?? []).map((a) => ({ value: String(a.id), label: a.subject }))}
          w={{ base: '100%', sm: 300 }}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('meetings.awards.fields.meeting')}
          clearable
          searchable
          filter={foldedFilter}
          placeholder={t('common.all')}
          value={meetingId}
          onChange={setMeetingId}
          data={(meetings.data?.items ?? []).map((m) => ({ value: String(m.id), label: m.title }))}
          w={{ base: '100%', sm: 300 }}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <Group gap="xs" mb="md" wrap="wrap">
        <Button
          component="a"
          href={withQuery('/api/awards/export.xlsx', listQuery)}
          download
          size="xs"
          variant="light"
          leftSection={<IconFileSpreadsheet size={14} aria-hidden />}
        >
          {t('meetings.awards.exportXlsx')}
        </Button>
        {listDocx && (
          <DocButtons
            docs={[
              {
                url: listDocx,
                label: t('meetings.docs.awardList'),
                fallbackName: 'danh-sach-khen-thuong.docx',
                pdf: true,
              },
            ]}
          />
        )}
      </Group>
      {isPending ? (
        <Loader role="status" aria-label={t('app.loading')} />
      ) : error ? (
        <Alert color="red" title={t('common.error')}>
          {error.message}
        </Alert>
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('meetings.awards.none')}</Text>
      ) : (
        <AwardList items={items} onEdit={setEditing} onDelete={setDeleting} />
      )}
      <AwardModal
        award={editing === 'new' ? null : editing}
        defaults={{
          meetingId: meetingId ? Number(meetingId) : null,
          agreementId: agreementId ? Number(agreementId) : null,
        }}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
      {deleting && <DeleteAward award={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

function DeleteAward({ award, onClose }: { award: Award; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => api.delete(`/api/awards/${award.id}`, { version: award.version }),
    onSuccess: () => {
      notifySuccess(t('meetings.awards.deleted'));
      void qc.invalidateQueries({ queryKey: awardKeys.all });
      onClose();
    },
    onError: (e) => showApiError(e),
  });
  return (
    <ConfirmDelete
      opened
      title={t('meetings.awards.deleteTitle')}
      question={t('meetings.awards.deleteConfirm', { name: recipientOf(award) })}
      busy={mutation.isPending}
      onConfirm={() => mutation.mutate()}
      onClose={onClose}
    />
  );
}
