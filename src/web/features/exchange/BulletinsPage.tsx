import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BULLETIN_KINDS } from '../../../contracts/exchange.ts';
import { Pager } from '../../components/Pager.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { AckStatus, KindBadge, RequestStatus, SensitivityBadge } from './bits.tsx';
import type { Bulletin } from './model.ts';
import { type Box, PAGE_SIZE, useBulletins } from './queries.ts';

const BOXES: readonly Box[] = ['inbox', 'sent', 'all'];

export function BulletinsPage() {
  const { t } = useTranslation();
  const [box, setBox] = useState<Box>('inbox');
  const [kind, setKind] = useState<string | null>(null);
  const [unacknowledged, setUnacknowledged] = useState(false);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const { data, isPending, error } = useBulletins({ box, kind, unacknowledged, q: debounced }, page);
  const items = data?.items ?? [];
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  return (
    <>
      <PageTitle
        actions={
          <Button
            component={Link}
            to="/bulletins/new"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
          >
            {t('exchange.create')}
          </Button>
        }
      >
        {t('exchange.title')}
      </PageTitle>
      <Tabs
        value={box}
        onChange={(v) => changed(setBox)((v as Box | null) ?? 'inbox')}
        mb="sm"
        keepMounted={false}
      >
        <Tabs.List>
          {BOXES.map((b) => (
            <Tabs.Tab key={b} value={b}>
              {t(`exchange.boxes.${b}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {BOXES.map((b) => (
          <Tabs.Panel key={b} value={b} pt="sm">
            <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
              <TextInput
                label={t('exchange.searchLabel')}
                description={t('common.searchHint')}
                leftSection={<IconSearch size={14} aria-hidden />}
                value={q}
                onChange={(e) => changed(setQ)(e.currentTarget.value)}
                w={{ base: '100%', xs: 280 }}
              />
              <Select
                label={t('exchange.fields.kind')}
                clearable
                placeholder={t('common.all')}
                value={kind}
                onChange={changed(setKind)}
                data={BULLETIN_KINDS.map((k) => ({ value: k, label: t(`exchange.kinds.${k}`) }))}
                w={{ base: '100%', xs: 220 }}
                comboboxProps={{ withinPortal: true }}
              />
              <Checkbox
                label={t('exchange.unacknowledgedOnly')}
                checked={unacknowledged}
                onChange={(e) => changed(setUnacknowledged)(e.currentTarget.checked)}
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
              <Text c="dimmed">
                {debounced || kind || unacknowledged ? t('common.noResults') : t('exchange.none')}
              </Text>
            ) : (
              <>
                <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
                  {t('common.total', { n: data?.total ?? 0 })}
                </Text>
                <Stack
                  gap="xs"
                  component="ul"
                  style={{ listStyle: 'none', padding: 0, margin: 0 }}
                  data-testid="bulletin-list"
                >
                  {items.map((b) => (
                    <BulletinCard key={b.id} bulletin={b} />
                  ))}
                </Stack>
                <Pager total={data?.total ?? 0} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
              </>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}

/** One bulletin in the list; one the user's unit has still to acknowledge stands out. */
function BulletinCard({ bulletin: b }: { bulletin: Bulletin }) {
  const { t } = useTranslation();
  const pending = b.abilities.acknowledge;
  return (
    <Card
      withBorder
      component="li"
      padding="sm"
      data-testid="bulletin-item"
      data-unacknowledged={pending ? 'true' : undefined}
      style={pending ? { borderLeft: '4px solid var(--mantine-color-brand-7)' } : undefined}
    >
      <Stack gap={4}>
        <Group gap={6} wrap="wrap">
          <KindBadge kind={b.kind} />
          <SensitivityBadge value={b.sensitivity} />
          {pending && (
            <Badge variant="outline" color="brand.9" size="sm">
              {t('exchange.notAcknowledged')}
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            {formatDateTime(b.createdAt)}
          </Text>
        </Group>
        <Anchor
          component={Link}
          to={`/bulletins/${b.id}`}
          fw={pending ? 700 : 500}
          style={{ overflowWrap: 'anywhere' }}
        >
          {b.subject}
        </Anchor>
        <Text size="xs" c="dark.4" style={{ overflowWrap: 'anywhere' }}>
          {t('exchange.from')}: {b.senderUnit.name} — {t('exchange.to')}:{' '}
          {b.recipients.map((r) => r.unit.name).join('; ')}
        </Text>
        <Group gap="md" wrap="wrap">
          <AckStatus bulletin={b} />
          <RequestStatus bulletin={b} />
          <Text size="xs" c="dimmed">
            {t('exchange.fields.occurredOn')}: {formatDate(b.occurredOn)}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
