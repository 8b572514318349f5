import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EMAIL_MODES,
  type EmailMode,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '../../../contracts/notifications.ts';
import { api } from '../../api.ts';
import { Pager } from '../../components/Pager.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { NotificationLine } from './bits.tsx';
import {
  type NotificationOut,
  type NotificationPrefs,
  notificationKeys,
  useMarkRead,
  useNotifications,
  usePrefs,
} from './queries.ts';

const PAGE = 20;

export function NotificationsPage() {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const { data, isPending, error } = useNotifications(unreadOnly, page, PAGE);
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const open = (item: NotificationOut) => {
    if (!item.readAt) markRead.mutate([item.id]);
    if (item.link) void navigate({ to: item.link });
  };
  return (
    <>
      <PageTitle
        actions={
          <Button
            size="xs"
            variant="default"
            disabled={!data || data.unread === 0}
            loading={markRead.isPending}
            onClick={() =>
              markRead.mutate(undefined, { onSuccess: () => notifySuccess(t('notifications.allRead')) })
            }
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      >
        {t('notifications.title')}
      </PageTitle>
      <Stack gap="md">
        <Card withBorder component="section" aria-labelledby="notif-list">
          <Group justify="space-between" mb="xs" wrap="wrap">
            <Title order={2} size="h4" id="notif-list">
              {t('notifications.list')}
            </Title>
            <Checkbox
              label={t('notifications.unreadOnly')}
              checked={unreadOnly}
              onChange={(e) => {
                setUnreadOnly(e.currentTarget.checked);
                setPage(1);
              }}
            />
          </Group>
          {data && (
            <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
              {t('notifications.unreadCount', { n: data.unread })}
            </Text>
          )}
          {isPending ? (
            <Loader role="status" aria-label={t('app.loading')} />
          ) : error ? (
            <Alert color="red" title={t('common.error')}>
              {error.message}
            </Alert>
          ) : (data?.items.length ?? 0) === 0 ? (
            <Text c="dimmed">{unreadOnly ? t('notifications.noneUnread') : t('notifications.none')}</Text>
          ) : (
            <Stack gap={4} data-testid="notification-list">
              {data?.items.map((n) => (
                <NotificationLine key={n.id} item={n} onOpen={open} />
              ))}
            </Stack>
          )}
          <Pager total={data?.total ?? 0} pageSize={PAGE} page={page} onChange={setPage} />
        </Card>
        <Preferences />
      </Stack>
    </>
  );
}

function Preferences() {
  const { t } = useTranslation();
  const { data, isPending, error } = usePrefs();
  if (isPending) return <Loader role="status" aria-label={t('app.loading')} />;
  if (error || !data)
    return (
      <Alert color="red" title={t('common.error')}>
        {error?.message}
      </Alert>
    );
  return <PreferencesForm prefs={data} />;
}

function PreferencesForm({ prefs }: { prefs: NotificationPrefs }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [email, setEmail] = useState<EmailMode>(prefs.email);
  const [muted, setMuted] = useState<NotificationKind[]>(prefs.muted);
  useEffect(() => {
    setEmail(prefs.email);
    setMuted(prefs.muted);
  }, [prefs]);
  const save = useMutation({
    mutationFn: () =>
      api.put<NotificationPrefs>('/api/notifications/preferences', {
        ...(prefs.emailAvailable ? { email } : {}),
        muted,
      }),
    onSuccess: (saved) => {
      qc.setQueryData(notificationKeys.prefs, saved);
      notifySuccess(t('notifications.prefs.saved'));
    },
    onError: (e) => showApiError(e),
  });
  return (
    <Card withBorder component="section" aria-labelledby="notif-prefs">
      <Title order={2} size="h4" id="notif-prefs" mb="sm">
        {t('notifications.prefs.title')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <Radio.Group
            label={t('notifications.prefs.email')}
            value={email}
            onChange={(v) => setEmail(v as EmailMode)}
            description={
              prefs.emailAvailable
                ? prefs.emailAddress
                  ? t('notifications.prefs.emailTo', { address: prefs.emailAddress })
                  : t('notifications.prefs.noAddress')
                : undefined
            }
          >
            <Group gap="md" mt={6} wrap="wrap">
              {EMAIL_MODES.map((m) => (
                <Radio
                  key={m}
                  value={m}
                  label={t(`notifications.prefs.emailModes.${m}`)}
                  disabled={!prefs.emailAvailable}
                />
              ))}
            </Group>
          </Radio.Group>
          {!prefs.emailAvailable && (
            <Alert color="gray" variant="light" data-testid="email-unavailable">
              {t('notifications.prefs.emailUnavailable')}
            </Alert>
          )}
          <Checkbox.Group
            label={t('notifications.prefs.muted')}
            description={t('notifications.prefs.mutedHint')}
            value={muted}
            onChange={(v) => setMuted(v as NotificationKind[])}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6} spacing={6}>
              {NOTIFICATION_KINDS.map((k) => (
                <Checkbox key={k} value={k} label={t(`notifications.kinds.${k}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
