import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useSignedInMe } from '../../auth.ts';
import { AttachmentList } from '../../components/AttachmentList.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { useAgreements } from '../agreements/queries.ts';
import { AckStatus, KindBadge, RequestStatus, SensitivityBadge } from './bits.tsx';
import type { Bulletin, BulletinDetail } from './model.ts';
import { bulletinKeys, useBulletin } from './queries.ts';

export function BulletinPage() {
  const { t } = useTranslation();
  const { bulletinId } = useParams({ strict: false }) as { bulletinId: string };
  const id = Number(bulletinId);
  const { data: b, isPending, error } = useBulletin(id);
  if (isPending) return <Loader role="status" aria-label={t('app.loading')} />;
  if (error || !b)
    return (
      <Alert color="red" title={t('common.error')}>
        {t('exchange.notFound')}{' '}
        <Anchor component={Link} to="/bulletins">
          {t('exchange.back')}
        </Anchor>
      </Alert>
    );
  return <BulletinView b={b} />;
}

function BulletinView({ b }: { b: BulletinDetail }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const qc = useQueryClient();
  const agreements = useAgreements({});
  const agreementName =
    agreements.data?.items.find((a) => a.id === b.agreementId)?.subject ?? `#${b.agreementId}`;
  const ack = useMutation({
    mutationFn: () => api.post<Bulletin>(`/api/bulletins/${b.id}/ack`),
    onSuccess: () => notifySuccess(t('exchange.acknowledgedDone')),
    onError: (e) => showApiError(e),
    onSettled: () => qc.invalidateQueries({ queryKey: bulletinKeys.all }),
  });
  // The sender unit's officers attach files; the server has the last word (403 otherwise).
  const mayAttach =
    me.user.unit?.id === b.senderUnit.id || me.grants.some((g) => g.unit?.id === b.senderUnit.id);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/bulletins" size="sm">
        ← {t('exchange.back')}
      </Anchor>
      <PageTitle
        actions={
          b.abilities.acknowledge ? (
            <Button onClick={() => ack.mutate()} loading={ack.isPending}>
              {t('exchange.acknowledge')}
            </Button>
          ) : undefined
        }
      >
        {b.subject}
      </PageTitle>
      {b.abilities.acknowledge && (
        <Alert color="brand" variant="light">
          {t('exchange.youMustAck')}
        </Alert>
      )}
      <Card withBorder component="section" aria-labelledby="bulletin-details">
        <Title order={2} size="h4" id="bulletin-details" mb="xs">
          {t('exchange.details')}
        </Title>
        <Group gap={6} mb="xs" wrap="wrap">
          <KindBadge kind={b.kind} />
          <SensitivityBadge value={b.sensitivity} />
        </Group>
        <Stack gap={4}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('exchange.fields.senderUnit')}: <b>{b.senderUnit.name}</b>
            {b.createdBy ? ` — ${b.createdBy.fullName}` : ''}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('exchange.fields.recipients')}: {b.recipients.map((r) => r.unit.name).join('; ')}
          </Text>
          <Text size="sm">
            {t('exchange.sentAt')}: {formatDateTime(b.createdAt)}
          </Text>
          <Text size="sm">
            {t('exchange.fields.occurredOn')}: {formatDate(b.occurredOn)}
          </Text>
          {b.agreementId && (
            <Text size="sm">
              {t('exchange.fields.agreement')}:{' '}
              <Anchor component={Link} to={`/agreements/${b.agreementId}`}>
                {agreementName}
              </Anchor>
            </Text>
          )}
          {b.respondBy && (
            <Text size="sm">
              {t('exchange.fields.respondBy')}: {formatDate(b.respondBy)}
            </Text>
          )}
          <RequestStatus bulletin={b} />
        </Stack>
      </Card>
      <Card withBorder component="section" aria-labelledby="bulletin-body">
        <Title order={2} size="h4" id="bulletin-body" mb="xs">
          {t('exchange.content')}
        </Title>
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          data-testid="bulletin-body"
        >
          {b.body}
        </Text>
      </Card>
      <AttachmentList
        headingId="bulletin-files"
        title={t('exchange.attachments')}
        uploadUrl={`/api/bulletins/${b.id}/attachments`}
        files={b.attachments}
        canAttach={mayAttach}
        queryKey={bulletinKeys.detail(b.id)}
        showUploader
        testId="bulletin-files"
      />
      <Recipients b={b} />
      {b.thread.length > 1 && <Thread b={b} />}
      {b.abilities.reply && <ReplyForm b={b} />}
    </Stack>
  );
}

function Recipients({ b }: { b: BulletinDetail }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="bulletin-recipients">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id="bulletin-recipients">
          {t('exchange.recipientsTitle')}
        </Title>
        <AckStatus bulletin={b} />
      </Group>
      <Table.ScrollContainer minWidth={480}>
        <Table striped data-testid="bulletin-recipients">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('exchange.unit')}</Table.Th>
              <Table.Th>{t('exchange.status')}</Table.Th>
              <Table.Th>{t('exchange.who')}</Table.Th>
              <Table.Th>{t('exchange.when')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {b.recipients.map((r) => (
              <Table.Tr key={r.unit.id}>
                <Table.Td>{r.unit.name}</Table.Td>
                <Table.Td>
                  {r.acknowledgedAt ? (
                    <Badge color="teal" variant="light" size="sm">
                      {t('exchange.acknowledged')}
                    </Badge>
                  ) : (
                    <Badge color="brand" variant="light" size="sm">
                      {t('exchange.notAcknowledged')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.acknowledgedBy?.fullName ?? '—'}</Table.Td>
                <Table.Td>{r.acknowledgedAt ? formatDateTime(r.acknowledgedAt) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function Thread({ b }: { b: BulletinDetail }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="bulletin-thread">
      <Title order={2} size="h4" id="bulletin-thread" mb="xs">
        {t('exchange.thread')}
      </Title>
      <Stack
        gap="xs"
        component="ol"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        data-testid="bulletin-thread"
      >
        {b.thread.map((m) => (
          <Card key={m.id} component="li" withBorder padding="xs" bg={m.id === b.id ? 'gray.0' : undefined}>
            <Group gap={6} wrap="wrap" mb={4}>
              <KindBadge kind={m.kind} />
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {m.senderUnit.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(m.createdAt)}
                {m.createdBy ? ` — ${m.createdBy.fullName}` : ''}
              </Text>
              {m.id === b.id && (
                <Badge size="xs" variant="outline" color="gray.7">
                  {t('exchange.current')}
                </Badge>
              )}
            </Group>
            {m.id === b.id ? (
              <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {m.subject}
              </Text>
            ) : (
              <Anchor
                component={Link}
                to={`/bulletins/${m.id}`}
                size="sm"
                style={{ overflowWrap: 'anywhere' }}
              >
                {m.subject}
              </Anchor>
            )}
            {m.id !== b.id && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={6}>
                {m.body}
              </Text>
            )}
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

function ReplyForm({ b }: { b: BulletinDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => api.post<Bulletin>(`/api/bulletins/${b.id}/replies`, { body }),
    onSuccess: () => {
      setBody('');
      notifySuccess(t('exchange.replied'));
    },
    onError: (e) =>
      showApiError(e, {
        setFieldError: (_path, message) => setError(message),
        getValues: () => ({ body, subject: '', senderUnitId: null, sensitivity: '' }),
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: bulletinKeys.all }),
  });
  return (
    <Card withBorder component="section" aria-labelledby="bulletin-reply">
      <Title order={2} size="h4" id="bulletin-reply" mb="xs">
        {t('exchange.replyTitle')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!body.trim()) {
            setError(t('exchange.required'));
            return;
          }
          setError(null);
          send.mutate();
        }}
      >
        <Stack gap="xs">
          <Textarea
            label={t('exchange.replyBody')}
            required
            autosize
            minRows={3}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={error}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={send.isPending}>
              {t('exchange.replySend')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
