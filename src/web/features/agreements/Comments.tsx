import { Alert, Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AgreementDetail, agreementCommentSchema } from '../../../contracts/agreements.ts';
import { api } from '../../api.ts';
import { notifySuccess, showApiError } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { useActsFor } from './myUnits.ts';
import { agrKeys } from './queries.ts';

type Comment = z.infer<typeof agreementCommentSchema>;

/** Consultation (lấy ý kiến): the parties' comments on the draft, each on behalf of a party unit. */
export function CommentsCard({ agreement: a }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const key = [...agrKeys.all, 'comments', a.id];
  const { data, error } = useQuery({
    queryKey: key,
    queryFn: () => api.get<Comment[]>(`/api/agreements/${a.id}/comments`),
  });
  const comments = data ?? [];
  if (comments.length === 0 && !a.abilities.comment) return null;
  return (
    <Card withBorder component="section" aria-labelledby="agr-comments">
      <Title order={2} size="h4" mb="xs" id="agr-comments">
        {t('versions.comments')}
      </Title>
      {error && <Alert color="red">{error.message}</Alert>}
      <Stack gap="sm">
        {comments.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('versions.noComments')}
          </Text>
        )}
        {comments.map((c) => (
          <Card key={c.id} withBorder padding="xs" component="article">
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={600}>
                {c.unit.name}
              </Text>
              <Text size="xs" c="dimmed">
                {c.author ? `${c.author} — ` : ''}
                {formatDateTime(c.createdAt)} — {t('agr.versionN', { n: c.versionNumber })}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.body}
            </Text>
          </Card>
        ))}
        {a.abilities.comment && <CommentForm agreement={a} />}
      </Stack>
    </Card>
  );
}

function CommentForm({ agreement: a }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const actsFor = useActsFor();
  const [busy, setBusy] = useState(false);
  const mine = a.partyDetails.map((p) => p.unit).filter((u) => actsFor(u.id));
  const form = useForm({
    // No unit picked yet: the first party the user acts for (the unit tree may still be loading).
    initialValues: { unitId: null as string | null, body: '' },
    transformValues: (v) => ({
      unitId: v.unitId ?? (mine[0] ? String(mine[0].id) : null),
      body: v.body.trim(),
    }),
    validate: { body: (v) => (v.trim() ? null : t('agrForm.required')) },
  });
  const submit = form.onSubmit(async (v) => {
    if (!v.unitId) {
      form.setFieldError('unitId', t('agrForm.required'));
      return;
    }
    setBusy(true);
    try {
      await api.post(`/api/agreements/${a.id}/comments`, { unitId: Number(v.unitId), body: v.body });
      notifySuccess(t('versions.commented'));
      form.setFieldValue('body', '');
      await qc.invalidateQueries({ queryKey: [...agrKeys.all, 'comments', a.id] });
    } catch (error) {
      showApiError(error, form);
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {mine.length !== 1 && (
          <Select
            label={t('versions.commentUnit')}
            required
            data={mine.map((u) => ({ value: String(u.id), label: u.name }))}
            {...form.getInputProps('unitId')}
            value={form.getTransformedValues().unitId}
          />
        )}
        <Textarea
          label={
            mine.length === 1 ? t('versions.commentAs', { unit: mine[0]?.name }) : t('versions.commentBody')
          }
          required
          autosize
          minRows={2}
          {...form.getInputProps('body')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t('versions.postComment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
