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
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEGAL_DOC_TYPES, type LegalDocument } from '../../../contracts/agreements.ts';
import { ApiError, api } from '../../api.ts';
import { notifySuccess, showApiError } from '../../errors.ts';
import { DateField } from '../units/UnitForms.tsx';
import { findByNumber, legalKeys } from './queries.ts';

type DocType = LegalDocument['docType'];

export function useDocTypeOptions() {
  const { t } = useTranslation();
  return LEGAL_DOC_TYPES.map((k) => ({ value: k, label: t(`legal.types.${k}`) }));
}

interface Props {
  /** The document to edit; a new one when absent. */
  doc?: LegalDocument | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (doc: LegalDocument) => void;
  /** What to offer when the number is already in the register (LEGAL_DOC_EXISTS). */
  existingAction: { label: string; run: (doc: LegalDocument) => void };
}

/** Create or edit a legal document (văn bản căn cứ) of the register. */
export function LegalDocModal({ doc, opened, onClose, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={doc ? t('legal.edit') : t('legal.create')} size="lg">
      {opened && <LegalDocFields key={doc?.id ?? 'new'} doc={doc ?? null} onClose={onClose} {...rest} />}
    </Modal>
  );
}

function LegalDocFields({
  doc,
  onClose,
  onSaved,
  existingAction,
}: Omit<Props, 'opened' | 'doc'> & { doc: LegalDocument | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const types = useDocTypeOptions();
  const [busy, setBusy] = useState(false);
  const [existing, setExisting] = useState<LegalDocument | null>(null);
  const form = useForm({
    initialValues: {
      docType: (doc?.docType ?? 'nghi_quyet') as DocType,
      number: doc?.number ?? '',
      issuer: doc?.issuer ?? '',
      issuedOn: doc?.issuedOn ?? (null as string | null),
      subject: doc?.subject ?? '',
    },
    validate: {
      number: (v) => (v.trim() ? null : t('agrForm.required')),
      subject: (v) => (v.trim() ? null : t('agrForm.required')),
    },
  });

  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setExisting(null);
    const body = { ...v, issuer: v.issuer.trim() || null, issuedOn: v.issuedOn || null };
    try {
      const saved = doc
        ? await api.patch<LegalDocument>(`/api/legal-documents/${doc.id}`, { ...body, version: doc.version })
        : await api.post<LegalDocument>('/api/legal-documents', body);
      await qc.invalidateQueries({ queryKey: legalKeys.all });
      notifySuccess(doc ? t('legal.updated') : t('legal.created'));
      onSaved?.(saved);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'LEGAL_DOC_EXISTS') {
        setExisting(await findByNumber(v.number).catch(() => null));
      }
      showApiError(error, form);
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('legal.type')}
            required
            allowDeselect={false}
            data={types}
            {...form.getInputProps('docType')}
          />
          <TextInput
            label={t('legal.number')}
            description={t('legal.numberHint')}
            required
            {...form.getInputProps('number')}
          />
          <TextInput label={t('legal.issuer')} {...form.getInputProps('issuer')} />
          <DateField label={t('legal.issuedOn')} {...form.getInputProps('issuedOn')} />
        </SimpleGrid>
        <Textarea
          label={t('legal.subject')}
          required
          autosize
          minRows={2}
          {...form.getInputProps('subject')}
        />
        {existing && existing.id !== doc?.id && (
          <Alert color="yellow" title={t('legal.exists')}>
            <Text size="sm" fw={600}>
              {existing.citation}
            </Text>
            <Text size="sm" mb="xs">
              {existing.subject}
            </Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                onClose();
                existingAction.run(existing);
              }}
            >
              {existingAction.label}
            </Button>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {doc ? t('common.save') : t('legal.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
