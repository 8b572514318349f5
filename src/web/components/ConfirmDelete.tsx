import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** The question ("Xóa …?"). */
  question: string;
  /** What else happens (kept tasks, what is deleted with it). */
  details?: ReactNode;
  busy: boolean;
  onConfirm: () => void;
}

/** A delete confirmation: the question, what follows from it, Cancel and a red Delete. */
export function ConfirmDelete({ opened, onClose, title, question, details, busy, onConfirm }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack>
        <Text>{question}</Text>
        {details && <Text size="sm">{details}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={onConfirm}>
            {t('common.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
