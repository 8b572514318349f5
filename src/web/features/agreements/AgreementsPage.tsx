import { Alert, Card, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../../../contracts/agreements.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate } from '../../format.ts';
import { Highlight, KindBadge, StatusBadge, TaskProgress, unitName } from './bits.tsx';
import { useAgreements } from './queries.ts';

export function AgreementsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(q, 250);
  const { data, isPending, error } = useAgreements({
    q: debounced.trim() || undefined,
    kind: kind ?? undefined,
    status: status ?? undefined,
  });

  return (
    <>
      <PageTitle>{t('agr.title')}</PageTitle>
      <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
        <TextInput
          label={t('agr.searchLabel')}
          description={t('common.searchHint')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
          type="search"
        />
        <Select
          label={t('agr.kind')}
          placeholder={t('agr.all')}
          clearable
          value={kind}
          onChange={setKind}
          data={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`agr.kinds.${k}`) }))}
          w={{ base: '100%', xs: 180 }}
        />
        <Select
          label={t('agr.status')}
          placeholder={t('agr.all')}
          clearable
          value={status}
          onChange={setStatus}
          data={AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`agr.statuses.${s}`) }))}
          w={{ base: '100%', xs: 180 }}
        />
      </Group>
      {error && (
        <Alert color="red" title={t('common.error')}>
          {error.message}
        </Alert>
      )}
      {isPending && <Loader aria-label={t('app.loading')} />}
      {data && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('common.total', { n: data.total })}
          </Text>
          {data.items.length === 0 && <Text>{t('agr.empty')}</Text>}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            {data.items.map((a) => (
              <Card key={a.id} withBorder padding="md" component="article">
                <Group gap={6} mb={6}>
                  <KindBadge kind={a.kind} />
                  <StatusBadge status={a.status} />
                  {a.year && (
                    <Text size="sm" c="dimmed">
                      {t('agr.year', { year: a.year })}
                    </Text>
                  )}
                  {!a.year && (a.validFrom || a.validTo) && (
                    <Text size="sm" c="dimmed">
                      {formatDate(a.validFrom)} – {formatDate(a.validTo)}
                    </Text>
                  )}
                </Group>
                <Text
                  component={Link}
                  to={`/agreements/${a.id}`}
                  fw={600}
                  c="brand.8"
                  style={{ textDecoration: 'none' }}
                >
                  <Highlight text={a.subject} query={debounced} />
                </Text>
                {a.docNumber && (
                  <Text size="sm">
                    {t('agr.number')}: <Highlight text={a.docNumber} query={debounced} />
                  </Text>
                )}
                <Text size="sm" c="dimmed">
                  {t('agr.parties')}:{' '}
                  <Highlight text={a.parties.map(unitName).join(' – ')} query={debounced} />
                </Text>
                {a.taskCount > 0 && (
                  <Stack gap={2} mt="xs">
                    <Group justify="space-between" gap={4}>
                      <Text size="xs">{t('agr.progress', { done: a.doneCount, total: a.taskCount })}</Text>
                      {a.overdueCount > 0 && (
                        <Text size="xs" c="red.8" fw={600}>
                          {t('agr.overdue', { n: a.overdueCount })}
                        </Text>
                      )}
                    </Group>
                    <TaskProgress value={Math.round((a.doneCount / a.taskCount) * 100)} />
                  </Stack>
                )}
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}
