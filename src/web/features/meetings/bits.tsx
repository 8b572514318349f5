import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { meetingWhen } from './model.ts';
import type { MeetingItem } from './queries.ts';

const KIND_COLORS: Record<MeetingItem['kind'], string> = {
  signing: 'grape.9',
  briefing: 'blue.8',
  interim_review: 'teal.9',
  final_review: 'green.9',
  other: 'gray.7',
};

export function MeetingKindBadge({ kind }: { kind: MeetingItem['kind'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={KIND_COLORS[kind]} size="sm">
      {t(`meetings.kinds.${kind}`)}
    </Badge>
  );
}

export function MeetingStatusBadge({ status }: { status: MeetingItem['status'] }) {
  const { t } = useTranslation();
  if (status === 'planned') return null;
  return (
    <Badge variant="outline" color={status === 'cancelled' ? 'red.9' : 'gray.7'} size="sm">
      {t(`meetings.statuses.${status}`)}
    </Badge>
  );
}

/** One meeting in a list: date and time, title (link), place, host unit. */
export function MeetingLine({
  meeting: m,
  showAgreement = true,
}: {
  meeting: MeetingItem;
  showAgreement?: boolean;
}) {
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Text size="sm" fw={600}>
          {meetingWhen(m.startsAt)}
        </Text>
        <MeetingKindBadge kind={m.kind} />
        <MeetingStatusBadge status={m.status} />
      </Group>
      <Anchor component={Link} to={`/meetings/${m.id}`} style={{ overflowWrap: 'anywhere' }}>
        {m.title}
      </Anchor>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {[m.place, m.hostUnit.name, showAgreement ? m.agreementSubject : null].filter(Boolean).join(' — ')}
      </Text>
    </Stack>
  );
}
