import { Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowsExchange, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { agrKeys, type TaskDetail } from '../agreements/queries.ts';
import { ConflictNotice, TaskEditModal, useTaskUnits } from '../agreements/TaskForm.tsx';

/** Edit, reassign the lead, delete — each only when the task's abilities allow it. */
export function TaskActions({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'edit' | 'reassign' | 'delete' | null>(null);
  const close = () => setOpen(null);
  const { update, reassign, delete: canDelete } = task.abilities;
  if (!update && !reassign && !canDelete) return null;
  return (
    <>
      <Group gap="xs" mt="sm">
        {update && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={() => setOpen('edit')}
          >
            {t('taskEdit.edit')}
          </Button>
        )}
        {reassign && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconArrowsExchange size={16} aria-hidden />}
            onClick={() => setOpen('reassign')}
          >
            {t('taskEdit.reassign')}
          </Button>
        )}
        {canDelete && (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setOpen('delete')}
          >
            {t('taskEdit.delete')}
          </Button>
        )}
      </Group>
      {update && <TaskEditModal task={task} opened={open === 'edit'} onClose={close} />}
      {reassign && <ReassignModal task={task} opened={open === 'reassign'} onClose={close} />}
      {canDelete && <DeleteModal task={task} opened={open === 'delete'} onClose={close} />}
    </>
  );
}

interface ModalProps {
  task: TaskDetail;
  opened: boolean;
  onClose: () => void;
}

function ReassignModal({ task, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('taskEdit.reassignTitle')} fullScreen={narrow}>
      {opened && <ReassignForm task={task} onClose={onClose} />}
    </Modal>
  );
}

/**
 * A new lead unit: a party, or — confirmed after the server says the unit is not a party —
 * a subordinate of a party.
 */
function ReassignForm({ task, onClose }: { task: TaskDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const extraUnits = useTaskUnits(task).units;
  const exclude = useMemo(() => new Set([task.lead.id]), [task.lead.id]);
  const [lead, setLead] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [needsConfirm, setNeedsConfirm] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [version, setVersion] = useState(task.version);
  const [conflict, setConflict] = useState<'no' | 'yes' | 'reloaded'>('no');
  const mutation = useMutation({
    mutationFn: () =>
      api.post<TaskDetail>(`/api/tasks/${task.id}/reassign`, {
        leadUnitId: lead,
        confirmDelegatedLead: confirmed || undefined,
        version,
        reason: reason.trim() || undefined,
      }),
    onSuccess: (saved) => {
      qc.setQueryData(agrKeys.task(task.id), saved);
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: agrKeys.all });
      notifySuccess(t('taskEdit.reassigned', { unit: saved.lead.name }));
      onClose();
    },
    onError: (e) => {
      if (isConflict(e)) {
        setConflict('yes');
        return;
      }
      showApiError(e, {
        setFieldError: (path, message) => {
          if (path !== 'leadUnitId') return;
          setError(message);
          // Not a party: the user may confirm a subordinate of a party and send again.
          if (!confirmed) setNeedsConfirm(true);
        },
        getValues: () => ({ leadUnitId: lead }),
      });
    },
  });
  const reload = async () => {
    const latest = await api.get<TaskDetail>(`/api/tasks/${task.id}`).catch((e: unknown) => {
      showApiError(e);
      return null;
    });
    if (!latest) return;
    qc.setQueryData(agrKeys.task(task.id), latest);
    setVersion(latest.version);
    setConflict('reloaded');
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (lead === null) setError(t('taskEdit.required'));
        else mutation.mutate();
      }}
      noValidate
    >
      <Stack gap="sm">
        {conflict !== 'no' && <ConflictNotice reloaded={conflict === 'reloaded'} onReload={reload} />}
        <Text size="sm">
          {t('taskEdit.currentLead')}: <b>{task.lead.name}</b>
        </Text>
        <UnitSelect
          label={t('taskEdit.newLead')}
          required
          value={lead}
          onChange={(v) => {
            setLead(v);
            setError(null);
            setNeedsConfirm(false);
            setConfirmed(false);
          }}
          exclude={exclude}
          directory
          extraUnits={extraUnits}
          error={error}
        />
        {needsConfirm && (
          <Checkbox
            label={t('taskEdit.confirmDelegated')}
            description={t('taskEdit.confirmDelegatedHint')}
            checked={confirmed}
            onChange={(e) => setConfirmed(e.currentTarget.checked)}
          />
        )}
        <Textarea
          label={`${t('taskEdit.reason')} (${t('common.optional')})`}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={needsConfirm && !confirmed}>
            {t('taskEdit.reassignSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteModal({ task, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: () => api.delete(`/api/tasks/${task.id}`, { version: task.version }),
    onSuccess: () => {
      notifySuccess(t('taskEdit.deleted'));
      qc.removeQueries({ queryKey: agrKeys.task(task.id) });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: agrKeys.all });
      void navigate({ to: `/agreements/${task.agreementId}` });
    },
    onError: (e) => {
      showApiError(e);
      if (isConflict(e)) void qc.invalidateQueries({ queryKey: agrKeys.task(task.id) });
    },
  });
  return (
    <ConfirmDelete
      opened={opened}
      onClose={onClose}
      title={t('taskEdit.deleteTitle')}
      question={t('taskEdit.confirmDelete', { title: task.title })}
      details={t('taskEdit.deleteWarning')}
      busy={mutation.isPending}
      onConfirm={() => mutation.mutate()}
    />
  );
}
