import { Card, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MeetingLine } from './bits.tsx';
import { type MeetingItem, useMeetings } from './queries.ts';

/** "Hội nghị sắp tới": from GET /api/meetings?upcoming=true, or the list given (dashboard). */
export function UpcomingMeetings({ items, limit = 5 }: { items?: MeetingItem[]; limit?: number }) {
  const { t } = useTranslation();
  const query = useMeetings({ upcoming: true }, limit, !items);
  const shown = (items ?? query.data?.items ?? []).slice(0, limit);
  return (
    <Card withBorder component="section" aria-labelledby="upcoming-meetings" data-testid="upcoming-meetings">
      <Title order={2} size="h4" id="upcoming-meetings" mb="xs">
        {t('meetings.upcoming')}
      </Title>
      {!items && query.isPending ? (
        <Loader size="sm" role="status" aria-label={t('app.loading')} />
      ) : shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {query.error && !items ? query.error.message : t('meetings.noUpcoming')}
        </Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {shown.map((m) => (
            <li key={m.id}>
              <MeetingLine meeting={m} />
            </li>
          ))}
        </Stack>
      )}
    </Card>
  );
}
