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
import { api } from '../../api.ts';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { type Meeting, meetingKeys } from './queries.ts';

const ACCEPTED = '.pdf,.docx,.doc,.xlsx,.jpg,.jpeg,.png';
type FileRow = NonNullable<Meeting['attachments']>[number];

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${formatNumber(Math.ceil(bytes / 1024))} KB`
    : `${formatNumber(Math.round(bytes / 104857.6) / 10)} MB`;

/** Documents of a meeting (ownerType 'meeting'): download; upload and delete for those who may edit it. */
export function MeetingFiles({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<FileRow | null>(null);
  const resetPicker = useRef<() => void>(null);
  const files = meeting.attachments ?? [];
  const canAttach = meeting.abilities.attach ?? meeting.abilities.update;
  const refresh = () => qc.invalidateQueries({ queryKey: meetingKeys.detail(meeting.id) });
  const upload = useMutation({
    mutationFn: (file: File) => api.upload(`/api/meetings/${meeting.id}/attachments`, file),
    onMutate: () => setUploadError(null),
    onSuccess: (_, file) => notifySuccess(t('files.uploaded', { name: file.name })),
    onError: (e) => setUploadError(e.message),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (f: FileRow) => api.delete(`/api/attachments/${f.id}`),
    onSuccess: () => {
      notifySuccess(t('files.deleted'));
      setDeleting(null);
    },
    onError: (e) => showApiError(e),
    onSettled: refresh,
  });
  if (files.length === 0 && !canAttach) return null;
  return (
    <Card withBorder component="section" aria-labelledby="meeting-files">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="meeting-files">
          {t('meetings.attachments')}
        </Title>
        {canAttach && (
          <FileButton
            resetRef={resetPicker}
            accept={ACCEPTED}
            onChange={(f) => {
              if (f) upload.mutate(f);
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
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
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
