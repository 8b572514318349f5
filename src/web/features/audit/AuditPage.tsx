import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../contracts/audit.ts';
import { FIELD_LABELS } from '../../../contracts/fieldLabels.ts';
import { api } from '../../api.ts';
import { AnchorLink } from '../../components/links.tsx';
import { Pager } from '../../components/Pager.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { currentLocale, formatDateTime, formatNumber } from '../../format.ts';
import { DateField } from '../units/UnitForms.tsx';

const PAGE_SIZE = 50;
// grant changes are recorded against the user (entityType 'user')
const FILTERABLE_TYPES = ['unit', 'user', 'api_token'];

interface Filters {
  entityType: string | null;
  action: string | null;
  from: string | null;
  to: string | null;
}

function useLabels() {
  const { t } = useTranslation();
  const actions = t('audit.actions', { returnObjects: true }) as Record<string, string>;
  const entityTypes = t('audit.entityTypes', { returnObjects: true }) as Record<string, string>;
  return { actions, entityTypes };
}

export function AuditPage() {
  const { t } = useTranslation();
  const { actions, entityTypes } = useLabels();
  const [filters, setFilters] = useState<Filters>({ entityType: null, action: null, from: null, to: null });
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const { data, isPending, error, isFetching } = useQuery({
    queryKey: ['audit', filters, page],
    queryFn: () =>
      api.get<{ items: AuditEntry[]; total: number }>('/api/audit', {
        entityType: filters.entityType,
        action: filters.action,
        from: filters.from,
        to: filters.to,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <Card withBorder padding="sm" mb="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Select
            label={t('audit.entityType')}
            placeholder={t('common.all')}
            clearable
            data={FILTERABLE_TYPES.map((value) => ({ value, label: entityTypes[value] ?? value }))}
            value={filters.entityType}
            onChange={(v) => set({ entityType: v })}
          />
          <Select
            label={t('audit.action')}
            placeholder={t('common.all')}
            clearable
            searchable
            data={Object.entries(actions).map(([value, label]) => ({ value, label }))}
            value={filters.action}
            onChange={(v) => set({ action: v })}
          />
          <DateField label={t('audit.from')} value={filters.from} onChange={(v) => set({ from: v })} />
          <DateField label={t('audit.to')} value={filters.to} onChange={(v) => set({ to: v })} />
        </SimpleGrid>
      </Card>
      {isPending ? (
        <Loader aria-label={t('app.loading')} />
      ) : error ? (
        <Alert color="red">{error.message}</Alert>
      ) : (
        <Card withBorder padding={0} aria-busy={isFetching}>
          <Text size="sm" c="dimmed" p="sm" aria-live="polite">
            {t('common.total', { n: formatNumber(data.total) })}
          </Text>
          {data.items.length === 0 ? (
            <Text p="sm" c="dimmed">
              {t('audit.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="xs" fz="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>
                      <VisuallyHidden>{t('audit.details')}</VisuallyHidden>
                    </Table.Th>
                    <Table.Th>{t('audit.at')}</Table.Th>
                    <Table.Th>{t('audit.actor')}</Table.Th>
                    <Table.Th>{t('audit.action')}</Table.Th>
                    <Table.Th>{t('audit.entity')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((e) => {
                    const expanded = open.has(e.id);
                    return (
                      <Fragment key={e.id}>
                        <Table.Tr>
                          <Table.Td>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              onClick={() => toggle(e.id)}
                              aria-expanded={expanded}
                              aria-controls={`audit-${e.id}`}
                              aria-label={expanded ? t('audit.hideDetails') : t('audit.showDetails')}
                            >
                              {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                            </ActionIcon>
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                          <Table.Td>{e.actor?.username ?? t('audit.system')}</Table.Td>
                          <Table.Td>
                            <Badge variant="light" tt="none" color={actionColor(e.action)} title={e.action}>
                              {actions[e.action] ?? e.action}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <EntityCell entry={e} entityTypes={entityTypes} />
                          </Table.Td>
                        </Table.Tr>
                        <Table.Tr id={`audit-${e.id}`} hidden={!expanded}>
                          <Table.Td colSpan={5} p={0}>
                            <Collapse expanded={expanded}>{expanded && <Diff entry={e} />}</Collapse>
                          </Table.Td>
                        </Table.Tr>
                      </Fragment>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager total={data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
        </Card>
      )}
      {(filters.entityType || filters.action || filters.from || filters.to) && (
        <Button
          variant="subtle"
          size="xs"
          mt="sm"
          onClick={() => set({ entityType: null, action: null, from: null, to: null })}
        >
          {t('common.all')}
        </Button>
      )}
    </>
  );
}

function actionColor(action: string): string {
  if (action.endsWith('.delete') || action.endsWith('.revoke') || action === 'auth.lockout') return 'red';
  if (action === 'auth.login_failed') return 'orange';
  if (action.endsWith('.create')) return 'teal';
  return 'brand';
}

function nameOf(value: unknown): string | null {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.name === 'string') return v.name;
    if (typeof v.fullName === 'string') return v.fullName;
    if (typeof v.username === 'string') return v.username;
  }
  return null;
}

function EntityCell({ entry, entityTypes }: { entry: AuditEntry; entityTypes: Record<string, string> }) {
  const type = entityTypes[entry.entityType] ?? entry.entityType;
  const self = entry.entityType === 'user' && entry.actor && String(entry.actor.id) === entry.entityId;
  const name = nameOf(entry.after) ?? nameOf(entry.before) ?? (self ? entry.actor?.username : null);
  const text = `${name ?? `#${entry.entityId ?? ''}`}`;
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {type}
      </Text>
      {entry.entityType === 'unit' && entry.entityId && entry.action !== 'unit.delete' ? (
        <AnchorLink to="/units/$unitId" params={{ unitId: entry.entityId }} size="sm">
          {text}
        </AnchorLink>
      ) : entry.entityType === 'user' && entry.entityId && entry.action !== 'user.delete' ? (
        <AnchorLink to="/users/$userId" params={{ userId: entry.entityId }} size="sm">
          {text}
        </AnchorLink>
      ) : (
        <Text size="sm">{text}</Text>
      )}
    </Stack>
  );
}

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function Diff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const before = (entry.before && typeof entry.before === 'object' ? entry.before : {}) as Record<
    string,
    unknown
  >;
  const after = (entry.after && typeof entry.after === 'object' ? entry.after : {}) as Record<
    string,
    unknown
  >;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = keys.filter((k) => show(before[k]) !== show(after[k]));
  const unchanged = keys.filter((k) => show(before[k]) === show(after[k]));
  return (
    <Stack gap="xs" p="sm" bg="gray.0">
      <Group gap="md">
        {entry.requestId && (
          <Text size="xs" c="dimmed">
            {t('audit.requestId')}: {entry.requestId}
          </Text>
        )}
        {entry.ip && (
          <Text size="xs" c="dimmed">
            {t('audit.ip')}: {entry.ip}
          </Text>
        )}
      </Group>
      {keys.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.noChanges')}
        </Text>
      ) : (
        <Table withTableBorder fz="xs" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="25%">{t('audit.field')}</Table.Th>
              <Table.Th>{t('audit.before')}</Table.Th>
              <Table.Th>{t('audit.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...changed, ...unchanged].map((k) => {
              const diff = changed.includes(k);
              return (
                <Table.Tr key={k} fw={diff ? 600 : undefined} c={diff ? undefined : 'dimmed'}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }} title={k}>
                    {FIELD_LABELS[k]?.[currentLocale()] ?? k}
                  </Table.Td>
                  <Table.Td
                    bg={diff && k in before ? 'red.0' : undefined}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {show(before[k])}
                  </Table.Td>
                  <Table.Td
                    bg={diff && k in after ? 'green.0' : undefined}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {show(after[k])}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
