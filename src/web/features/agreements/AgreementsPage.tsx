import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../../../contracts/agreements.ts';
import { useSignedInMe } from '../../auth.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate } from '../../format.ts';
import { Highlight, KindBadge, StatusBadge, TaskProgress, unitName } from './bits.tsx';
import { holdsOfficer } from './myUnits.ts';
import { useAgreements } from './queries.ts';
import { QueryState, TotalLine } from './shared.tsx';
import { TaskMatches } from './TaskMatches.tsx';

export function AgreementsPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
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
      <PageTitle
        actions={
          holdsOfficer(me) && (
            <Button component={Link} to="/agreements/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('agrForm.newButton')}
            </Button>
          )
        }
      >
        {t('agr.title')}
      </PageTitle>
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
      <QueryState error={error} isPending={isPending} />
      {data && (
        <Stack gap="sm">
          <TotalLine total={data.total} empty={t('agr.empty')} />
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
      {debounced.trim() && <TaskMatches q={debounced.trim()} />}
    </>
  );
}
