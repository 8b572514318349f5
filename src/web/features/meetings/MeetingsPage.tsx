import { Alert, Button, Card, Checkbox, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_KINDS } from '../../../contracts/meetings.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { foldedFilter } from '../../components/UnitSelect.tsx';
import { useAgreements } from '../agreements/queries.ts';
import { MeetingLine } from './bits.tsx';
import { upcomingFirst } from './model.ts';
import { useMeetings } from './queries.ts';

export function MeetingsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string | null>(null);
  const [agreementId, setAgreementId] = useState<string | null>(null);
  const [upcoming, setUpcoming] = useState(false);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const agreements = useAgreements({});
  const { data, isPending, error } = useMeetings({
    kind,
    agreementId: agreementId ? Number(agreementId) : null,
    q: debounced,
    upcoming,
  });
  const items = upcomingFirst(data?.items ?? []);
  return (
    <>
      <PageTitle
        actions={
          <Group gap="xs">
            <Button component={Link} to="/awards" size="xs" variant="default">
              {t('meetings.awards.register')}
            </Button>
            <Button
              component={Link}
              to="/meetings/new"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
            >
              {t('meetings.create')}
            </Button>
          </Group>
        }
      >
        {t('meetings.title')}
      </PageTitle>
      <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
        <TextInput
          label={t('meetings.searchLabel')}
          description={t('common.searchHint')}
          leftSection={<IconSearch size={14} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', xs: 260 }}
        />
        <Select
          label={t('meetings.fields.kind')}
          clearable
          placeholder={t('common.all')}
          value={kind}
          onChange={setKind}
          data={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))}
          w={{ base: '100%', xs: 160 }}
        />
        <Select
          label={t('meetings.fields.agreement')}
          clearable
          searchable
          filter={foldedFilter}
          placeholder={t('common.all')}
          value={agreementId}
          onChange={setAgreementId}
          data={(agreements.data?.items ?? []).map((a) => ({ value: String(a.id), label: a.subject }))}
          w={{ base: '100%', sm: 320 }}
          comboboxProps={{ withinPortal: true }}
        />
        <Checkbox
          label={t('meetings.upcomingOnly')}
          checked={upcoming}
          onChange={(e) => setUpcoming(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {isPending ? (
        <Loader role="status" aria-label={t('app.loading')} />
      ) : error ? (
        <Alert color="red" title={t('common.error')}>
          {error.message}
        </Alert>
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('meetings.none')}</Text>
      ) : (
        <Stack
          gap="xs"
          component="ul"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          data-testid="meeting-list"
        >
          {items.map((m) => (
            <Card key={m.id} withBorder component="li" padding="sm">
              <MeetingLine meeting={m} />
            </Card>
          ))}
        </Stack>
      )}
    </>
  );
}
