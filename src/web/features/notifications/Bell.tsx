import {
  ActionIcon,
  Anchor,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { NotificationLine } from './bits.tsx';
import { type NotificationOut, useMarkRead, useNotifications, useUnreadCount } from './queries.ts';

/** The bell in the header: unread count, the latest notifications, mark read, the centre. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const count = useUnreadCount();
  const latest = useNotifications(false, 1, 8, opened);
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const unread = count.data ?? 0;
  const open = (item: NotificationOut) => {
    if (!item.readAt) markRead.mutate([item.id]);
    close();
    if (item.link) void navigate({ to: item.link });
  };
  return (
    <Indicator
      label={unread > 99 ? '99+' : String(unread)}
      size={18}
      color="red.8"
      offset={4}
      disabled={unread === 0}
      inline
      data-testid="bell-count"
      data-count={unread}
    >
      <Popover
        position="bottom-end"
        width={360}
        shadow="md"
        opened={opened}
        onChange={(o) => !o && close()}
        withinPortal
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="white"
            size="lg"
            radius="xl"
            onClick={toggle}
            aria-label={
              unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')
            }
          >
            <IconBell size={20} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown
          p="xs"
          maw="calc(100vw - 16px)"
          role="dialog"
          aria-label={t('notifications.latest')}
        >
          <Text fw={600} size="sm" mb={4}>
            {t('notifications.latest')}
          </Text>
          <Divider mb={4} />
          <ScrollArea.Autosize mah={360}>
            {latest.isPending ? (
              <Text size="sm" c="dimmed" p="xs">
                {t('app.loading')}
              </Text>
            ) : (latest.data?.items.length ?? 0) === 0 ? (
              <Text size="sm" c="dimmed" p="xs">
                {t('notifications.none')}
              </Text>
            ) : (
              <Stack gap={2} data-testid="bell-list">
                {latest.data?.items.map((n) => (
                  <NotificationLine key={n.id} item={n} onOpen={open} />
                ))}
              </Stack>
            )}
          </ScrollArea.Autosize>
          <Divider my={4} />
          <Group justify="space-between" gap={4} wrap="wrap">
            <Anchor component={Link} to="/notifications" size="sm" onClick={close}>
              {t('notifications.seeAll')}
            </Anchor>
            <Button
              size="compact-sm"
              variant="subtle"
              disabled={unread === 0}
              loading={markRead.isPending}
              onClick={() => markRead.mutate(undefined)}
            >
              {t('notifications.markAllRead')}
            </Button>
          </Group>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
