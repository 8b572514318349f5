import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  NumberInput,
  ScrollArea,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import type { Timeframe } from '../../../contracts/tasks.ts';
import { api } from '../../api.ts';
import { notifySuccess, showApiError } from '../../errors.ts';
import { agrKeys } from './queries.ts';

// GET /api/agreements/:id/rollover (src/server/modules/tasks/rollover.ts)
interface Proposal {
  year: number;
  subject: string;
  canCreate: boolean;
  sections: { id: number; position: number; title: string }[];
  tasks: {
    id: number;
    sectionId: number | null;
    title: string;
    reason: 'unfinished' | 'recurring';
    lead: { name: string };
    timeframe: Timeframe;
    timeframeLabel: string;
  }[];
}

/** "Lập kế hoạch năm sau": carry the unfinished and recurring tasks into next year's draft plan. */
export function RolloverButton({ agreement: a }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconCalendarPlus size={14} aria-hidden />}
        onClick={() => setOpened(true)}
      >
        {t('rollover.button')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('rollover.title')} size="xl">
        {opened && <RolloverForm agreement={a} onClose={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

function RolloverForm({ agreement: a, onClose }: { agreement: AgreementDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [year, setYear] = useState<number | string>((a.year ?? new Date().getFullYear()) + 1);
  const [debouncedYear] = useDebouncedValue(year, 400);
  const [subject, setSubject] = useState<string | null>(null);
  // Unchecked tasks: everything proposed starts checked.
  const [unchecked, setUnchecked] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const validYear = typeof debouncedYear === 'number' && debouncedYear >= 1990 && debouncedYear <= 2100;
  const { data, isFetching, error } = useQuery({
    queryKey: [...agrKeys.all, 'rollover', a.id, debouncedYear],
    queryFn: () => api.get<Proposal>(`/api/agreements/${a.id}/rollover`, { year: Number(debouncedYear) }),
    enabled: validYear,
  });
  const tasks = data?.tasks ?? [];
  const chosen = tasks.filter((task) => !unchecked.has(task.id)).map((task) => task.id);
  const toggle = (id: number, on: boolean) =>
    setUnchecked((prev) => {
      const next = new Set(prev);
      if (on) next.delete(id);
      else next.add(id);
      return next;
    });
  const groups = [
    { id: null as number | null, title: t('agr.noSection') },
    ...(data?.sections ?? []).map((s) => ({ id: s.id as number | null, title: s.title })),
  ]
    .map((g) => ({ ...g, tasks: tasks.filter((task) => task.sectionId === g.id) }))
    .filter((g) => g.tasks.length > 0);

  const create = async () => {
    if (!data) return;
    setBusy(true);
    try {
      const created = await api.post<{ id: number }>(`/api/agreements/${a.id}/rollover`, {
        year: data.year,
        subject: (subject ?? data.subject).trim() || undefined,
        taskIds: chosen,
      });
      await qc.invalidateQueries({ queryKey: agrKeys.all });
      notifySuccess(t('rollover.created', { n: chosen.length }));
      onClose();
      void navigate({ to: '/agreements/$agreementId', params: { agreementId: String(created.id) } });
    } catch (e) {
      showApiError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('rollover.intro')}
      </Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NumberInput
          label={t('rollover.year')}
          min={1990}
          max={2100}
          value={year}
          onChange={setYear}
          w={{ base: '100%', xs: 140 }}
        />
        <TextInput
          label={t('rollover.subject')}
          value={subject ?? data?.subject ?? ''}
          onChange={(e) => setSubject(e.currentTarget.value)}
          style={{ flex: '1 1 260px' }}
        />
      </Group>
      {error && <Alert color="red">{error.message}</Alert>}
      {isFetching && !data && <Loader aria-label={t('app.loading')} />}
      {data && !data.canCreate && <Alert color="yellow">{t('rollover.cannotCreate')}</Alert>}
      {data && (
        <>
          <Group justify="space-between" gap="xs">
            <Text size="sm" aria-live="polite">
              {t('rollover.chosen', { n: chosen.length, total: tasks.length })}
            </Text>
            <Group gap="xs">
              <Button size="compact-xs" variant="subtle" onClick={() => setUnchecked(new Set())}>
                {t('rollover.all')}
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => setUnchecked(new Set(tasks.map((task) => task.id)))}
              >
                {t('rollover.none')}
              </Button>
            </Group>
          </Group>
          {tasks.length === 0 && <Text size="sm">{t('rollover.empty')}</Text>}
          <ScrollArea.Autosize mah="50vh">
            <Stack gap="sm">
              {groups.map((g) => (
                <fieldset key={g.id ?? 'none'} style={{ border: 0, padding: 0, margin: 0 }}>
                  <Text component="legend" fw={600} size="sm" mb={4}>
                    {g.title}
                  </Text>
                  <Stack gap={6}>
                    {g.tasks.map((task) => (
                      <Checkbox
                        key={task.id}
                        checked={!unchecked.has(task.id)}
                        onChange={(e) => toggle(task.id, e.currentTarget.checked)}
                        label={task.title}
                        description={
                          <Group gap={6} component="span" wrap="wrap">
                            <Badge
                              component="span"
                              size="xs"
                              variant="light"
                              color={task.reason === 'recurring' ? 'blue' : 'orange'}
                            >
                              {t(`rollover.reasons.${task.reason}`)}
                            </Badge>
                            <span>
                              {task.timeframeLabel}
                              {task.lead.name ? ` — ${t('tasks.lead')}: ${task.lead.name}` : ''}
                            </span>
                          </Group>
                        }
                      />
                    ))}
                  </Stack>
                </fieldset>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button loading={busy} disabled={!data?.canCreate || isFetching} onClick={() => void create()}>
          {t('rollover.create', { year: data?.year ?? year })}
        </Button>
      </Group>
    </Stack>
  );
}
