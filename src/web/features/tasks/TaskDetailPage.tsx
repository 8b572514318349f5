import {
  Alert,
  Anchor,
  Button,
  Card,
  FileButton,
  FileInput,
  Group,
  List,
  Loader,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../contracts/tasks.ts';
import { api } from '../../api.ts';
import { useSignedInMe } from '../../auth.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { formatDate, formatDateTime, formatNumber } from '../../format.ts';
import { i18n } from '../../i18n/index.ts';
import { TaskProgress, TaskStatusBadge, unitName } from '../agreements/bits.tsx';
import { agrKeys, type TaskDetail, useTask } from '../agreements/queries.ts';
import { Occurrences } from './Occurrences.tsx';
import { TaskActions } from './TaskActions.tsx';

type Update = TaskDetail['updates'][number];

/** The lead's status moves (as on the server): done after the due date is stored as done late. */
const NEXT_STATUS: Record<Task['status'], Task['status'][]> = {
  not_started: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  done_late: [],
  cancelled: [],
};

const ACCEPT = '.pdf,.doc,.docx,.xlsx,.jpg,.jpeg,.png';

export function TaskDetailPage() {
  const { t } = useTranslation();
  const { taskId } = useParams({ strict: false }) as { taskId: string };
  const id = Number(taskId);
  const { data: task, isPending, error } = useTask(id);
  if (isPending) return <Loader aria-label={t('app.loading')} />;
  if (error || !task)
    return (
      <Alert color="red" title={t('common.error')}>
        {t('tasks.notFound')}
      </Alert>
    );
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/agreements/${task.agreementId}`} size="sm">
        ← {task.agreementSubject}
      </Anchor>
      <PageTitle>{task.title}</PageTitle>
      <Card withBorder>
        <Group gap={6} mb="xs">
          <TaskStatusBadge task={task} />
          <Text size="sm">{task.timeframeLabel}</Text>
        </Group>
        {task.sectionTitle && <Text size="sm">{task.sectionTitle}</Text>}
        <Text size="sm" data-testid="task-lead">
          <b>{t('tasks.lead')}:</b> {task.lead.name}
        </Text>
        <Text size="sm">
          <b>{t('tasks.cooperating')}:</b> {task.cooperating.map((u) => u.name).join('; ') || '—'}
        </Text>
        <Text size="sm">
          <b>{t('tasks.implementing')}:</b> {task.implementing.map((u) => u.name).join('; ') || '—'}
        </Text>
        {task.description && (
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            <b>{t('tasks.description')}:</b> {task.description}
          </Text>
        )}
        {task.expectedOutput && (
          <Text size="sm">
            <b>{t('tasks.expectedOutput')}:</b> {task.expectedOutput}
          </Text>
        )}
        {task.cancelReason && (
          <Text size="sm">
            <b>{t('tasks.cancelReason')}:</b> {task.cancelReason}
          </Text>
        )}
        <Text size="sm" mt="xs">
          {t('tasks.progress')}: {task.progress}%
        </Text>
        <TaskProgress value={task.progress} />
        <TaskActions task={task} />
        {task.abilities.setStatus && NEXT_STATUS[task.status].length > 0 && <StatusForm task={task} />}
      </Card>
      <Occurrences task={task} />
      <Card withBorder id="update">
        <Title order={2} size="h4" mb="xs">
          {t('tasks.updates')}
        </Title>
        {task.updates.length === 0 && <Text c="dimmed">{t('tasks.noUpdates')}</Text>}
        <Stack gap="xs" data-testid="updates">
          {task.updates.map((u) => (
            <Card key={u.id} withBorder padding="xs" component="article">
              <Text size="xs" c="dimmed">
                {formatDate(u.occurredOn)} — {unitName(u.unit)}
                {u.author ? ` — ${u.author}` : ''}
                {u.progress !== null ? ` — ${u.progress}%` : ''}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {u.body}
              </Text>
              <UpdateFiles task={task} update={u} />
            </Card>
          ))}
        </Stack>
        {task.abilities.postUpdate && <UpdateForm task={task} />}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('tasks.comments')}
        </Title>
        {task.comments.length === 0 && <Text c="dimmed">{t('taskEdit.noComments')}</Text>}
        <Stack gap="xs" data-testid="comments">
          {task.comments.map((c) => (
            <article key={c.id}>
              <Text size="xs" c="dimmed">
                {formatDateTime(c.createdAt)} {c.author ? `— ${c.author}` : ''}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Text>
            </article>
          ))}
        </Stack>
        {task.abilities.comment && <CommentForm taskId={task.id} />}
      </Card>
    </Stack>
  );
}

/** Uploads the files one by one to a progress update; a refused file is named in a notice, the others go on. */
async function uploadFiles(taskId: number, updateId: number, files: File[]) {
  let stored = 0;
  for (const file of files) {
    try {
      await api.upload(`/api/tasks/${taskId}/updates/${updateId}/attachments`, file);
      stored++;
    } catch (e) {
      notifications.show({
        color: 'red',
        title: i18n.t('taskEdit.uploadFailed', { name: file.name }),
        message: e instanceof Error ? e.message : String(e),
        autoClose: false,
      });
    }
  }
  return stored;
}

/** The files of one progress update, with download links; more can be attached by those who may post updates. */
function UpdateFiles({ task, update }: { task: TaskDetail; update: Update }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const attach = useMutation({
    mutationFn: (files: File[]) => uploadFiles(task.id, update.id, files),
    onSuccess: (n) => {
      if (n > 0) notifySuccess(t('taskEdit.filesAttached', { count: n }));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: agrKeys.task(task.id) }),
  });
  const files = update.attachments ?? [];
  if (files.length === 0 && !task.abilities.postUpdate) return null;
  return (
    <Group gap="xs" mt={4} align="center" wrap="wrap">
      {files.length > 0 && (
        <List size="xs" aria-label={t('taskEdit.files')} listStyleType="none" spacing={2}>
          {files.map((f) => (
            <List.Item key={f.id} icon={<IconPaperclip size={14} aria-hidden />}>
              <Anchor href={`/api/attachments/${f.id}`} download={f.fileName} size="xs">
                {f.fileName}
              </Anchor>{' '}
              ({formatNumber(Math.max(1, Math.round(f.size / 1024)))} KB)
            </List.Item>
          ))}
        </List>
      )}
      {task.abilities.postUpdate && (
        <FileButton onChange={(picked) => picked.length && attach.mutate(picked)} accept={ACCEPT} multiple>
          {(props) => (
            <Button
              {...props}
              size="compact-xs"
              variant="subtle"
              loading={attach.isPending}
              leftSection={<IconPaperclip size={14} aria-hidden />}
            >
              {t('taskEdit.attachFile')}
            </Button>
          )}
        </FileButton>
      )}
    </Group>
  );
}

function ProgressInput(props: {
  value: number | string;
  onChange: (value: number | string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <NumberInput
      label={t('tasks.updateProgress')}
      min={0}
      max={100}
      w={{ base: '100%', xs: 160 }}
      {...props}
    />
  );
}

function StatusForm({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | string>(task.progress);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: () =>
      api.post<TaskDetail>(`/api/tasks/${task.id}/status`, {
        status,
        progress: status === 'in_progress' && typeof progress === 'number' ? progress : undefined,
        cancelReason: status === 'cancelled' ? reason : undefined,
        version: task.version,
      }),
    onSuccess: (saved) => {
      qc.setQueryData(agrKeys.task(task.id), saved);
      setStatus(null);
      setReason('');
      notifySuccess(t('tasks.statusChanged'));
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: agrKeys.all });
    },
    onError: (e) => {
      showApiError(e, {
        setFieldError: (path, message) => setErrors((x) => ({ ...x, [path]: message })),
        getValues: () => ({ status, progress, cancelReason: reason }),
      });
      // On a conflict reload the other person's change; the user's choice stays in the form.
      if (isConflict(e)) void qc.invalidateQueries({ queryKey: agrKeys.task(task.id) });
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const next: Record<string, string> = {};
        if (!status) next.status = t('taskEdit.required');
        if (status === 'cancelled' && !reason.trim()) next.cancelReason = t('taskEdit.cancelReasonRequired');
        setErrors(next);
        if (Object.keys(next).length === 0) mutation.mutate();
      }}
      noValidate
    >
      <Stack gap="xs" mt="md">
        <Title order={2} size="h5">
          {t('tasks.changeStatus')}
        </Title>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Select
            label={t('tasks.newStatus')}
            required
            value={status}
            onChange={setStatus}
            error={errors.status}
            data={NEXT_STATUS[task.status].map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) }))}
            w={{ base: '100%', xs: 200 }}
          />
          {status === 'in_progress' && (
            <ProgressInput value={progress} onChange={setProgress} error={errors.progress} />
          )}
        </Group>
        {status === 'done' && task.overdue && (
          <Text size="sm" c="dimmed">
            {t('taskEdit.doneLateHint')}
          </Text>
        )}
        {status === 'cancelled' && (
          <Textarea
            label={t('tasks.cancelReason')}
            required
            autosize
            minRows={2}
            value={reason}
            error={errors.cancelReason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        )}
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={mutation.isPending}
            color={status === 'cancelled' ? 'red' : undefined}
          >
            {status === 'cancelled' ? t('taskEdit.cancelTask') : t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function UpdateForm({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useSignedInMe();
  const mine = new Set<number>();
  if (me.user.unit) mine.add(me.user.unit.id);
  for (const g of me.grants) if (g.unit) mine.add(g.unit.id);
  const named = [task.lead, ...task.cooperating, ...task.implementing].filter(
    (u, i, all) => all.findIndex((x) => x.id === u.id) === i,
  );
  const options = named.filter((u) => mine.has(u.id));
  const choices = options.length > 0 ? options : named;
  const [unitId, setUnitId] = useState<string | null>(choices[0] ? String(choices[0].id) : null);
  const [body, setBody] = useState('');
  const [progress, setProgress] = useState<number | string>('');
  const [files, setFiles] = useState<File[]>([]);
  const [bodyError, setBodyError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async () => {
      const before = new Set(task.updates.map((u) => u.id));
      const text = body.trim();
      const saved = await api.post<TaskDetail>(`/api/tasks/${task.id}/updates`, {
        unitId: Number(unitId),
        body: text,
        progress: typeof progress === 'number' ? progress : undefined,
      });
      // The new update: not there before, from this unit, with this text (the newest such).
      const created = saved.updates.filter(
        (u) => !before.has(u.id) && u.unit.id === Number(unitId) && u.body === text,
      );
      const updateId = Math.max(0, ...created.map((u) => u.id));
      const stored = updateId && files.length ? await uploadFiles(task.id, updateId, files) : 0;
      return { saved, stored };
    },
    onSuccess: ({ saved, stored }) => {
      qc.setQueryData(agrKeys.task(task.id), saved);
      setBody('');
      setProgress('');
      setFiles([]);
      notifySuccess(stored > 0 ? t('taskEdit.updateWithFiles', { count: stored }) : t('tasks.updatePosted'));
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: (e) =>
      showApiError(e, {
        setFieldError: (path, message) => path === 'body' && setBodyError(message),
        getValues: () => ({ body }),
      }),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setBodyError(null);
        if (!body.trim()) {
          setBodyError(t('taskEdit.required'));
          return;
        }
        mutation.mutate();
      }}
      noValidate
    >
      <Stack gap="xs" mt="md">
        <Select
          label={t('tasks.updateUnit')}
          value={unitId}
          onChange={setUnitId}
          allowDeselect={false}
          data={choices.map((u) => ({ value: String(u.id), label: u.name }))}
        />
        <Textarea
          label={t('tasks.updateBody')}
          required
          autosize
          minRows={3}
          value={body}
          error={bodyError}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <ProgressInput value={progress} onChange={setProgress} />
          <FileInput
            label={`${t('taskEdit.files')} (${t('common.optional')})`}
            description={t('taskEdit.fileTypes')}
            multiple
            clearable
            accept={ACCEPT}
            value={files}
            onChange={setFiles}
            leftSection={<IconPaperclip size={16} aria-hidden />}
            style={{ flex: '1 1 220px' }}
          />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('tasks.postUpdate')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CommentForm({ taskId }: { taskId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => api.post<TaskDetail>(`/api/tasks/${taskId}/comments`, { body: body.trim() }),
    onSuccess: (saved) => {
      qc.setQueryData(agrKeys.task(taskId), saved);
      setBody('');
      notifySuccess(t('taskEdit.commentPosted'));
    },
    onError: (e) =>
      showApiError(e, {
        setFieldError: (path, message) => path === 'body' && setError(message),
        getValues: () => ({ body }),
      }),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        if (body.trim()) mutation.mutate();
        else setError(t('taskEdit.required'));
      }}
      noValidate
    >
      <Stack gap="xs" mt="sm">
        <Textarea
          label={t('tasks.commentBody')}
          autosize
          minRows={2}
          value={body}
          error={error}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={mutation.isPending}>
            {t('tasks.postComment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
