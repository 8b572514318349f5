import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  FileButton,
  Group,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import { api } from '../../api.ts';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { agrKeys } from './queries.ts';

type FileRow = AgreementDetail['attachments'][number];

const ACCEPTED_FILES = '.pdf,.docx,.doc,.xlsx,.jpg,.jpeg,.png';

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${formatNumber(Math.ceil(bytes / 1024))} KB`
    : `${formatNumber(Math.round(bytes / 104857.6) / 10)} MB`;

/** Files attached to an agreement (scans, DOCX, images): download, upload, delete. */
export function AttachmentsCard({ agreement: a }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<FileRow | null>(null);
  const resetPicker = useRef<() => void>(null);
  const upload = useMutation({
    mutationFn: (file: File) => api.upload(`/api/agreements/${a.id}/attachments`, file),
    onMutate: () => setUploadError(null),
    onSuccess: (_, file) => {
      notifySuccess(t('files.uploaded', { name: file.name }));
      void qc.invalidateQueries({ queryKey: agrKeys.detail(a.id) });
    },
    // 413 (too large) and 415 (type not accepted) come with the server's Vietnamese message.
    onError: (e) => setUploadError(e.message),
  });
  if (a.attachments.length === 0 && !a.abilities.attach) return null;

  return (
    <Card withBorder component="section" aria-labelledby="agr-files">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="agr-files">
          {t('agr.attachments')}
        </Title>
        {a.abilities.attach && (
          <FileButton
            resetRef={resetPicker}
            accept={ACCEPTED_FILES}
            onChange={(f) => {
              if (f) upload.mutate(f);
              // the same file can be chosen again after a failed upload
              resetPicker.current?.();
            }}
          >
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="light"
                loading={upload.isPending}
                leftSection={<IconPaperclip size={14} aria-hidden />}
              >
                {t('files.upload')}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {a.abilities.attach && (
        <Text size="xs" c="dimmed" mb="xs">
          {t('files.accepted')}
        </Text>
      )}
      {uploadError && (
        <Alert color="red" mb="xs" role="alert" withCloseButton onClose={() => setUploadError(null)}>
          {uploadError}
        </Alert>
      )}
      {a.attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('files.none')}
        </Text>
      ) : (
        <Stack
          gap={4}
          component="ul"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          data-testid="attachments"
        >
          {a.attachments.map((f) => (
            <Group key={f.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Anchor
                  href={`/api/attachments/${f.id}`}
                  download={f.fileName}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  <IconDownload size={14} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />
                  {f.fileName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {size(f.size)} — {formatDateTime(f.createdAt)}
                </Text>
              </div>
              {a.abilities.attach && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('files.deleteOne', { name: f.fileName })}
                  onClick={() => setDeleting(f)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {deleting && <DeleteFile agreementId={a.id} file={deleting} onClose={() => setDeleting(null)} />}
    </Card>
  );
}

function DeleteFile({
  agreementId,
  file,
  onClose,
}: {
  agreementId: number;
  file: FileRow;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => api.delete(`/api/attachments/${file.id}`),
    onSuccess: () => {
      notifySuccess(t('files.deleted'));
      void qc.invalidateQueries({ queryKey: agrKeys.detail(agreementId) });
      onClose();
    },
    onError: (e) => showApiError(e),
  });
  return (
    <ConfirmDelete
      opened
      title={t('files.deleteTitle')}
      question={t('files.deleteConfirm', { name: file.fileName })}
      busy={mutation.isPending}
      onConfirm={() => mutation.mutate()}
      onClose={onClose}
    />
  );
}
