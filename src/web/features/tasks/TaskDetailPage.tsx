import {
  Alert,
  Anchor,
  Button,
  Card,
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
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES } from '../../../contracts/tasks.ts';
import { api } from '../../api.ts';
import { useSignedInMe } from '../../auth.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { TaskProgress, TaskStatusBadge, unitName } from '../agreements/bits.tsx';
import { agrKeys, type TaskDetail, useTask } from '../agreements/queries.ts';

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
        <Text size="sm">
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
        {task.abilities.setStatus && <StatusForm task={task} />}
      </Card>
      {task.occurrences.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4">
            {t('tasks.occurrences')}
          </Title>
          <List size="sm">
            {task.occurrences.map((o) => (
              <List.Item key={o.id}>
                {o.periodLabel} — {formatDate(o.dueDate)}
                {o.completedOn ? ` — ${t('tasks.completedOn', { date: formatDate(o.completedOn) })}` : ''}
              </List.Item>
            ))}
          </List>
        </Card>
      )}
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
            </Card>
          ))}
        </Stack>
        {task.abilities.postUpdate && <UpdateForm task={task} />}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('tasks.comments')}
        </Title>
        <Stack gap="xs">
          {task.comments.map((c) => (
            <div key={c.id}>
              <Text size="xs" c="dimmed">
                {formatDateTime(c.createdAt)} {c.author ? `— ${c.author}` : ''}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Text>
            </div>
          ))}
        </Stack>
        {task.abilities.comment && <CommentForm taskId={task.id} />}
      </Card>
    </Stack>
  );
}

function StatusForm({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string | null>(task.status);
  const [progress, setProgress] = useState<number | string>(task.progress);
  const [reason, setReason] = useState('');
  const mutation = useMutation({
    mutationFn: () =>
      api.post(`/api/tasks/${task.id}/status`, {
        status,
        progress: typeof progress === 'number' ? progress : undefined,
        cancelReason: status === 'cancelled' ? reason : undefined,
        version: task.version,
      }),
    onSuccess: () => {
      notifySuccess(t('tasks.statusChanged'));
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: agrKeys.all });
    },
    onError: (e) => {
      showApiError(e);
      // On a conflict reload the other person's change; the user's choice stays in the form.
      if (isConflict(e)) void qc.invalidateQueries({ queryKey: agrKeys.task(task.id) });
    },
  });
  return (
    <Stack gap="xs" mt="md">
      <Title order={2} size="h5">
        {t('tasks.changeStatus')}
      </Title>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('tasks.newStatus')}
          value={status}
          onChange={setStatus}
          allowDeselect={false}
          data={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) }))}
          w={{ base: '100%', xs: 200 }}
        />
        <NumberInput
          label={t('tasks.updateProgress')}
          min={0}
          max={100}
          value={progress}
          onChange={setProgress}
          w={{ base: '100%', xs: 140 }}
        />
        <Button loading={mutation.isPending} onClick={() => mutation.mutate()}>
          {t('common.save')}
        </Button>
      </Group>
      {status === 'cancelled' && (
        <Textarea
          label={t('tasks.cancelReason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      )}
    </Stack>
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
  const [bodyError, setBodyError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      api.post(`/api/tasks/${task.id}/updates`, {
        unitId: Number(unitId),
        body,
        progress: typeof progress === 'number' ? progress : undefined,
      }),
    onSuccess: () => {
      setBody('');
      setProgress('');
      notifySuccess(t('tasks.updatePosted'));
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
          setBodyError(t('tasks.updateBody'));
          return;
        }
        mutation.mutate();
      }}
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
        <NumberInput
          label={t('tasks.updateProgress')}
          min={0}
          max={100}
          value={progress}
          onChange={setProgress}
          w={{ base: '100%', xs: 160 }}
        />
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
  const mutation = useMutation({
    mutationFn: () => api.post(`/api/tasks/${taskId}/comments`, { body }),
    onSuccess: () => {
      setBody('');
      void qc.invalidateQueries({ queryKey: agrKeys.task(taskId) });
    },
    onError: (e) => showApiError(e),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (body.trim()) mutation.mutate();
      }}
    >
      <Stack gap="xs" mt="sm">
        <Textarea
          label={t('tasks.commentBody')}
          value={body}
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
