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
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { notifySuccess, showApiError } from '../errors.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { ConfirmDelete } from './ConfirmDelete.tsx';

/** One listed file; `createdBy` is shown only with `showUploader`. */
export interface AttachmentRow {
  id: number;
  fileName: string;
  size: number;
  createdAt: string;
  createdBy?: string | null;
}

interface Props {
  /** Id of the card's heading, which names the region. */
  headingId: string;
  title: string;
  /** POST target of an upload, e.g. `/api/reports/12/attachments`. */
  uploadUrl: string;
  files: readonly AttachmentRow[];
  /** Whether the user may upload and delete. */
  canAttach: boolean;
  /** Refetched after an upload or a delete. */
  queryKey: QueryKey;
  /** Adds "— uploader" after the size and date. */
  showUploader?: boolean;
  testId?: string;
}

const ACCEPTED = '.pdf,.docx,.doc,.xlsx,.jpg,.jpeg,.png';

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${formatNumber(Math.ceil(bytes / 1024))} KB`
    : `${formatNumber(Math.round(bytes / 104857.6) / 10)} MB`;

/** Files attached to a record (agreement, report, meeting): download; upload and delete when allowed. */
export function AttachmentList({
  headingId,
  title,
  uploadUrl,
  files,
  canAttach,
  queryKey,
  showUploader = false,
  testId,
}: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<AttachmentRow | null>(null);
  const resetPicker = useRef<() => void>(null);
  const refresh = () => qc.invalidateQueries({ queryKey });
  const upload = useMutation({
    mutationFn: (file: File) => api.upload(uploadUrl, file),
    onMutate: () => setUploadError(null),
    onSuccess: (_, file) => notifySuccess(t('files.uploaded', { name: file.name })),
    // 413 (too large) and 415 (type not accepted) come with the server's Vietnamese message.
    onError: (e) => setUploadError(e.message),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (f: AttachmentRow) => api.delete(`/api/attachments/${f.id}`),
    onSuccess: () => {
      notifySuccess(t('files.deleted'));
      setDeleting(null);
    },
    onError: (e) => showApiError(e),
    onSettled: refresh,
  });
  if (files.length === 0 && !canAttach) return null;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        {canAttach && (
          <FileButton
            resetRef={resetPicker}
            accept={ACCEPTED}
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
      {canAttach && (
        <Text size="xs" c="dimmed" mb="xs">
          {t('files.accepted')}
        </Text>
      )}
      {uploadError && (
        <Alert
          color="red"
          mb="xs"
          role="alert"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setUploadError(null)}
        >
          {uploadError}
        </Alert>
      )}
      {files.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('files.none')}
        </Text>
      ) : (
        <Stack
          gap={4}
          component="ul"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          data-testid={testId}
        >
          {files.map((f) => (
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
                  {showUploader && f.createdBy ? ` — ${f.createdBy}` : ''}
                </Text>
              </div>
              {canAttach && (
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
      {deleting && (
        <ConfirmDelete
          opened
          title={t('files.deleteTitle')}
          question={t('files.deleteConfirm', { name: deleting.fileName })}
          busy={remove.isPending}
          onConfirm={() => remove.mutate(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </Card>
  );
}
