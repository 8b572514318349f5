import { ActionIcon, Badge, Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegalDocument } from '../../../contracts/agreements.ts';
import { api } from '../../api.ts';
import { useSignedInMe } from '../../auth.ts';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { Pager } from '../../components/Pager.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { Highlight } from '../agreements/bits.tsx';
import { holdsOfficer } from '../agreements/myUnits.ts';
import { QueryState, TotalLine } from '../agreements/shared.tsx';
import { LegalDocModal, useDocTypeOptions } from './LegalDocForm.tsx';
import { legalKeys, useLegalDocuments } from './queries.ts';

const PAGE_SIZE = 50;

/** The register of legal documents cited as bases (văn bản căn cứ). */
export function LegalPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const mayEdit = holdsOfficer(me);
  const types = useDocTypeOptions();
  const [q, setQ] = useState('');
  const [docType, setDocType] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [editing, setEditing] = useState<LegalDocument | 'new' | null>(null);
  const [deleting, setDeleting] = useState<LegalDocument | null>(null);
  const { data, isPending, error } = useLegalDocuments({
    q: debounced || undefined,
    docType: docType ?? undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });

  return (
    <>
      <PageTitle
        actions={
          mayEdit && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('legal.create')}
            </Button>
          )
        }
      >
        {t('legal.title')}
      </PageTitle>
      <Text size="sm" c="dimmed" mb="sm">
        {t('legal.intro')}
      </Text>
      <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
        <TextInput
          label={t('legal.search')}
          description={t('common.searchHint')}
          placeholder={t('legal.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: '1 1 240px' }}
        />
        <Select
          label={t('legal.type')}
          placeholder={t('common.all')}
          clearable
          data={types}
          value={docType}
          onChange={(v) => {
            setDocType(v);
            setPage(1);
          }}
          w={{ base: '100%', xs: 200 }}
        />
      </Group>
      <QueryState error={error} isPending={isPending} />
      {data && (
        <Stack gap="sm">
          <TotalLine total={data.total} empty={t('legal.empty')} />
          {data.items.map((d) => (
            <Card key={d.id} withBorder padding="sm" component="article">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Badge variant="light">{t(`legal.types.${d.docType}`)}</Badge>
                  </Group>
                  <Text fw={600}>
                    <Highlight text={d.citation} query={debounced} />
                  </Text>
                  <Text size="sm">
                    <Highlight text={d.subject} query={debounced} />
                  </Text>
                </Stack>
                {mayEdit && (
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('legal.editOne', { number: d.number })}
                      onClick={() => setEditing(d)}
                    >
                      <IconPencil size={18} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('legal.deleteOne', { number: d.number })}
                      onClick={() => setDeleting(d)}
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            </Card>
          ))}
          <Pager total={data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
        </Stack>
      )}
      <LegalDocModal
        opened={editing !== null}
        doc={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        existingAction={{ label: t('legal.editExisting'), run: setEditing }}
      />
      {deleting && <DeleteModal doc={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

function DeleteModal({ doc, onClose }: { doc: LegalDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => api.delete(`/api/legal-documents/${doc.id}`, { version: doc.version }),
    onSuccess: () => {
      notifySuccess(t('legal.deleted'));
      void qc.invalidateQueries({ queryKey: legalKeys.all });
      onClose();
    },
    onError: (e) => showApiError(e),
  });
  return (
    <ConfirmDelete
      opened
      title={t('legal.deleteTitle')}
      question={t('legal.deleteConfirm', { citation: doc.citation })}
      busy={mutation.isPending}
      onConfirm={() => mutation.mutate()}
      onClose={onClose}
    />
  );
}
