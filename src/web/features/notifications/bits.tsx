import { Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { formatDateTime } from '../../format.ts';
import type { NotificationOut } from './queries.ts';

/** One notification: title (bold while unread), text, time. */
export function NotificationLine({
  item,
  onOpen,
}: {
  item: NotificationOut;
  onOpen: (item: NotificationOut) => void;
}) {
  const unread = item.readAt === null;
  return (
    <UnstyledButton
      onClick={() => onOpen(item)}
      w="100%"
      p={6}
      style={{
        borderRadius: 4,
        borderLeft: unread ? '3px solid var(--mantine-color-brand-7)' : '3px solid transparent',
      }}
      data-testid="notification-item"
      data-unread={unread ? 'true' : undefined}
    >
      <Stack gap={2}>
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <Text size="sm" fw={unread ? 700 : 400} style={{ overflowWrap: 'anywhere' }}>
            {item.title}
          </Text>
        </Group>
        {item.body && (
          <Text
            size="xs"
            c="dark.4"
            lineClamp={3}
            style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}
          >
            {item.body}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {formatDateTime(item.createdAt)}
        </Text>
      </Stack>
    </UnstyledButton>
  );
}
