import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChecks } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { periodLabel } from '../../../contracts/periods.ts';
import { api } from '../../api.ts';
import { AnchorLink } from '../../components/links.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { currentLocale, formatDate } from '../../format.ts';
import { ReportBadges } from './bits.tsx';
import { NewReport } from './NewReport.tsx';
import { type ReportFilters, type ReportListItem, repKeys, useReports } from './queries.ts';
import {
  type ReportsSearch,
  type ReportsTab,
  STATUS_FILTERS,
  type StatusFilter,
  statusQuery,
} from './search.ts';

/** Báo cáo: my units' reports, the reports waiting for my approval (approved in bulk), and a new report. */
export function ReportsPage() {
  const { t } = useTranslation();
  const search = useSearch({ strict: false }) as ReportsSearch;
  const navigate = useNavigate();
  const tab: ReportsTab = search.tab ?? 'mine';
  const awaiting = useReports({ awaitingMe: 'true' });
  const waitingCount = awaiting.data?.total ?? 0;
  return (
    <>
      <PageTitle>{t('reports.title')}</PageTitle>
      <Tabs
        value={tab}
        onChange={(v) => void navigate({ to: '/reports', search: { tab: (v as ReportsTab) ?? 'mine' } })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="mine">{t('reports.tabs.mine')}</Tabs.Tab>
          <Tabs.Tab value="awaiting">
            {t('reports.tabs.awaiting')}
            {waitingCount > 0 ? ` (${waitingCount})` : ''}
          </Tabs.Tab>
          <Tabs.Tab value="new">{t('reports.tabs.new')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="mine">
          <MyReports status={search.status} />
        </Tabs.Panel>
        <Tabs.Panel value="awaiting">
          <AwaitingMe />
        </Tabs.Panel>
        <Tabs.Panel value="new">
          <NewReport agreementId={search.agreementId ?? null} formId={search.formId ?? null} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/**
 * The reports of my units, filtered by form, period and status; the status lives in the URL
 * (/reports?tab=mine&status=overdue|due|returned…, where the dashboards' counts link to).
 */
function MyReports({ status }: { status: StatusFilter | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [formId, setFormId] = useState<string | null>(null);
  const [period, setPeriod] = useState<string | null>(null);
  const setStatus = (value: string | null) =>
    void navigate({
      to: '/reports',
      search: (prev: ReportsSearch) => ({
        ...prev,
        tab: 'mine' as const,
        status: STATUS_FILTERS.find((s) => s === value),
      }),
      replace: true,
    });
  // The choices come from every report of my units; the list applies the filters on the server.
  const everything = useReports({});
  const filters: ReportFilters = {
    formId: formId ? Number(formId) : undefined,
    period: period ?? undefined,
    ...statusQuery(status),
  };
  const { data, isPending, error } = useReports(filters);
  const forms = useMemo(() => {
    const m = new Map<number, string>();
    for (const r of everything.data?.items ?? []) m.set(r.formId, r.formName);
    return [...m].map(([id, name]) => ({ value: String(id), label: name }));
  }, [everything.data]);
  const periods = useMemo(() => {
    const keys = [...new Set((everything.data?.items ?? []).map((r) => r.period))].sort().reverse();
    return keys.map((k) => ({ value: k, label: periodLabel(k, currentLocale()) }));
  }, [everything.data]);
  const items = data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('reports.list.form')}
          placeholder={t('common.all')}
          clearable
          value={formId}
          onChange={setFormId}
          data={forms}
          w={{ base: '100%', xs: 260 }}
        />
        <Select
          label={t('reports.list.period')}
          placeholder={t('common.all')}
          clearable
          searchable
          value={period}
          onChange={setPeriod}
          data={periods}
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label={t('reports.list.status')}
          placeholder={t('common.all')}
          clearable
          value={status ?? null}
          onChange={setStatus}
          data={STATUS_FILTERS.map((s) => ({
            value: s,
            label:
              s === 'overdue'
                ? t('reports.overdue')
                : s === 'due'
                  ? t('reports.due')
                  : t(`reports.statuses.${s}`),
          }))}
          w={{ base: '100%', xs: 200 }}
        />
      </Group>
      {error && (
        <Alert color="red" title={t('common.error')}>
          {error.message}
        </Alert>
      )}
      {isPending && <Loader aria-label={t('app.loading')} />}
      {data && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('common.total', { n: items.length })}
        </Text>
      )}
      {data && items.length === 0 && (
        <Text>
          {t('reports.list.empty')}{' '}
          <AnchorLink to="/reports" search={{ tab: 'new' }}>
            {t('reports.tabs.new')}
          </AnchorLink>
        </Text>
      )}
      {items.length > 0 && <ReportTable items={items} caption={t('reports.tabs.mine')} />}
    </Stack>
  );
}

interface TableProps {
  items: ReportListItem[];
  caption: string;
  selected?: Set<number>;
  onSelect?: (ids: Set<number>) => void;
}

function ReportTable({ items, caption, selected, onSelect }: TableProps) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  const selectable = selected !== undefined && onSelect !== undefined;
  const all = selectable && items.length > 0 && items.every((r) => selected.has(r.id));
  const some = selectable && items.some((r) => selected.has(r.id));
  return (
    <Table.ScrollContainer minWidth={0}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="report-table">
        <caption style={{ captionSide: 'top', textAlign: 'start' }}>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th scope="col" w={40}>
                <Checkbox
                  aria-label={t('reports.bulk.selectAll')}
                  checked={all}
                  indeterminate={some && !all}
                  onChange={(e) =>
                    onSelect(e.currentTarget.checked ? new Set(items.map((r) => r.id)) : new Set())
                  }
                />
              </Table.Th>
            )}
            <Table.Th scope="col">{t('reports.list.report')}</Table.Th>
            {!narrow && <Table.Th scope="col">{t('reports.list.unit')}</Table.Th>}
            {!narrow && <Table.Th scope="col">{t('reports.list.due')}</Table.Th>}
            {!narrow && <Table.Th scope="col">{t('reports.list.status')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => {
            const name = `${r.formName} — ${periodLabel(r.period, currentLocale())}`;
            return (
              <Table.Tr key={r.id} data-report-id={r.id}>
                {selectable && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t('reports.bulk.selectOne', { name, unit: r.unit.name })}
                      checked={selected.has(r.id)}
                      onChange={(e) => {
                        const next = new Set(selected);
                        if (e.currentTarget.checked) next.add(r.id);
                        else next.delete(r.id);
                        onSelect(next);
                      }}
                    />
                  </Table.Td>
                )}
                <Table.Th scope="row" fw="normal">
                  <Anchor component={Link} to={`/reports/${r.id}`} fw={600} size="sm">
                    {name}
                  </Anchor>
                  {narrow && (
                    <>
                      <Text size="xs" c="dimmed">
                        {r.unit.name} · {t('reports.list.dueOn', { date: formatDate(r.dueDate) })}
                      </Text>
                      <ReportBadges report={r} />
                    </>
                  )}
                </Table.Th>
                {!narrow && <Table.Td fz="sm">{r.unit.name}</Table.Td>}
                {!narrow && (
                  <Table.Td fz="sm" c={r.overdue ? 'red.9' : undefined}>
                    {formatDate(r.dueDate)}
                  </Table.Td>
                )}
                {!narrow && (
                  <Table.Td>
                    <ReportBadges report={r} />
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface BulkResult {
  approved?: number | unknown[];
  failed?: Array<{ id?: number; message?: string }>;
  errors?: Array<{ id?: number; message?: string }>;
}

/** "Chờ tôi duyệt": every report the user may approve now, with bulk approval of the ticked ones. */
function AwaitingMe() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data, isPending, error } = useReports({ awaitingMe: 'true' });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const items = data?.items ?? [];
  const chosen = items.filter((r) => selected.has(r.id));

  const approve = async () => {
    setBusy(true);
    try {
      // Each approval names the version the leader saw in the list: one changed since fails alone.
      const out = await api.post<BulkResult>('/api/reports/bulk-approve', {
        items: chosen.map((r) => ({ id: r.id, version: r.version })),
      });
      const failed = out?.failed ?? out?.errors ?? [];
      const approved = Array.isArray(out?.approved)
        ? out.approved.length
        : typeof out?.approved === 'number'
          ? out.approved
          : chosen.length - failed.length;
      notifySuccess(t('reports.bulk.done', { count: approved }));
      if (failed.length > 0)
        notifications.show({
          color: 'orange',
          title: t('reports.bulk.someFailed', { count: failed.length }),
          message: failed.map((f) => f.message ?? `#${f.id}`).join(' · '),
          autoClose: false,
        });
      setSelected(new Set());
      setConfirming(false);
    } catch (e) {
      showApiError(e);
    } finally {
      setBusy(false);
      void qc.invalidateQueries({ queryKey: repKeys.all });
      void qc.invalidateQueries({ queryKey: ['dashboards'] });
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('reports.bulk.intro')}
      </Text>
      {error && (
        <Alert color="red" title={t('common.error')}>
          {error.message}
        </Alert>
      )}
      {isPending && <Loader aria-label={t('app.loading')} />}
      {data && items.length === 0 && <Text>{t('reports.bulk.empty')}</Text>}
      {items.length > 0 && (
        <>
          <Group justify="space-between" gap="xs">
            <Text size="sm" aria-live="polite">
              {t('reports.bulk.selected', { count: chosen.length, total: items.length })}
            </Text>
            <Button
              color="teal.9"
              leftSection={<IconChecks size={16} aria-hidden />}
              disabled={chosen.length === 0}
              onClick={() => setConfirming(true)}
            >
              {t('reports.bulk.approve', { count: chosen.length })}
            </Button>
          </Group>
          <ReportTable
            items={items}
            caption={t('reports.tabs.awaiting')}
            selected={selected}
            onSelect={setSelected}
          />
        </>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('reports.bulk.confirmTitle')}
      >
        <Stack>
          <Text size="sm">{t('reports.bulk.confirm', { count: chosen.length })}</Text>
          <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
            {chosen.map((r) => (
              <Text key={r.id} size="sm" component="li">
                {r.formName} — {periodLabel(r.period, currentLocale())} — {r.unit.name}
              </Text>
            ))}
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="teal.9" loading={busy} onClick={() => void approve()}>
              {t('reports.bulk.approve', { count: chosen.length })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
