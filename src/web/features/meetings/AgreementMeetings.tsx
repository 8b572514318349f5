import { Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import { AwardList } from '../awards/AwardList.tsx';
import { MeetingLine } from './bits.tsx';
import { upcomingFirst } from './model.ts';
import { useAwards, useMeetings } from './queries.ts';

/** The "Hội nghị, khen thưởng" tab of an agreement. */
export function AgreementMeetings({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const meetings = useMeetings({ agreementId: agreement.id });
  const awards = useAwards({ agreementId: agreement.id });
  const items = upcomingFirst(meetings.data?.items ?? []);
  return (
    <Stack gap="md">
      <Card withBorder component="section" aria-labelledby="agr-meetings">
        <Group justify="space-between" mb="xs" gap="xs">
          <Title order={2} size="h4" id="agr-meetings">
            {t('meetings.ofAgreement')}
          </Title>
          <Button
            component={Link}
            to={`/meetings/new?agreementId=${agreement.id}`}
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
          >
            {t('meetings.create')}
          </Button>
        </Group>
        {meetings.isPending ? (
          <Loader size="sm" role="status" aria-label={t('app.loading')} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('meetings.none')}
          </Text>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((m) => (
              <li key={m.id}>
                <MeetingLine meeting={m} showAgreement={false} />
              </li>
            ))}
          </Stack>
        )}
      </Card>
      <Card withBorder component="section" aria-labelledby="agr-awards">
        <Group justify="space-between" mb="xs" gap="xs">
          <Title order={2} size="h4" id="agr-awards">
            {t('meetings.awardsOfAgreement')}
          </Title>
          <Button component={Link} to={`/awards?agreementId=${agreement.id}`} size="xs" variant="subtle">
            {t('meetings.more')}
          </Button>
        </Group>
        {awards.isPending ? (
          <Loader size="sm" role="status" aria-label={t('app.loading')} />
        ) : (awards.data?.items.length ?? 0) === 0 ? (
          <Text size="sm" c="dimmed">
            {t('meetings.awards.none')}
          </Text>
        ) : (
          <AwardList items={awards.data?.items ?? []} />
        )}
      </Card>
    </Stack>
  );
}
