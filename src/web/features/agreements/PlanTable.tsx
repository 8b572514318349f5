import {
  Box,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import dayjs from 'dayjs';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, TASK_UNIT_ROLES, type Task } from '../../../contracts/tasks.ts';
import type { Section } from './queries.ts';
import { TaskTable } from './TaskTable.tsx';

/** Filterable plan table (unit and role, status, due, section) and a 12-month timeline. */
export function PlanTable({ tasks, sections, year }: { tasks: Task[]; sections: Section[]; year: number }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  const [view, setView] = useState('table');
  const [unit, setUnit] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [section, setSection] = useState<string | null>(null);
  const [dueBy, setDueBy] = useState<string | null>(null);
  const units = new Map<number, string>();
  for (const task of tasks)
    for (const u of [task.lead, ...task.cooperating, ...task.implementing]) units.set(u.id, u.name);
  const filtered = tasks.filter((task) => {
    if (section && String(task.sectionId) !== section) return false;
    if (status === 'overdue' ? !task.overdue : status && task.status !== status) return false;
    if (dueBy && (!task.dueDate || dayjs(task.dueDate).month() + 1 > Number(dueBy))) return false;
    if (unit) {
      const id = Number(unit);
      const inRole = (r: string) =>
        r === 'lead'
          ? task.lead.id === id
          : (r === 'cooperating' ? task.cooperating : task.implementing).some((u) => u.id === id);
      if (role ? !inRole(role) : !TASK_UNIT_ROLES.some(inRole)) return false;
    }
    return true;
  });
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('plan.unit')}
          clearable
          searchable
          value={unit}
          onChange={setUnit}
          data={[...units].map(([id, name]) => ({ value: String(id), label: name }))}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('plan.role')}
          clearable
          value={role}
          onChange={setRole}
          data={TASK_UNIT_ROLES.map((r) => ({ value: r, label: t(`tasks.roles.${r}`) }))}
          w={{ base: '100%', sm: 150 }}
        />
        <Select
          label={t('tasks.status')}
          clearable
          value={status}
          onChange={setStatus}
          data={[
            ...TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) })),
            { value: 'overdue', label: t('tasks.overdue') },
          ]}
          w={{ base: '100%', sm: 170 }}
        />
        <Select
          label={t('plan.dueBy')}
          clearable
          value={dueBy}
          onChange={setDueBy}
          data={months.map((m) => ({ value: String(m), label: `${String(m).padStart(2, '0')}/${year}` }))}
          w={{ base: '100%', sm: 130 }}
        />
        {sections.length > 0 && (
          <Select
            label={t('tasks.section')}
            clearable
            value={section}
            onChange={setSection}
            data={sections.map((s) => ({ value: String(s.id), label: s.title }))}
            w={{ base: '100%', sm: 240 }}
          />
        )}
        <SegmentedControl
          value={view}
          onChange={setView}
          data={[
            { value: 'table', label: t('plan.table') },
            { value: 'timeline', label: t('plan.timeline') },
          ]}
        />
      </Group>
      {view === 'table' ? (
        <TaskTable tasks={filtered} />
      ) : (
        <Table.ScrollContainer minWidth={narrow ? 0 : 600}>
          <Table layout="fixed" withRowBorders={false} verticalSpacing={3} horizontalSpacing={1}>
            <caption style={{ captionSide: 'top', textAlign: 'start' }}>
              <VisuallyHidden>{t('plan.timeline')}</VisuallyHidden>
            </caption>
            <Table.Thead>
              <Table.Tr>
                {!narrow && (
                  <Table.Th w="35%" fz="xs">
                    {t('tasks.task')}
                  </Table.Th>
                )}
                {months.map((m) => (
                  <Table.Th key={m} id={`plan-m${m}`} fz="xs" ta="center">
                    <VisuallyHidden>{t('planView.month')} </VisuallyHidden>
                    {m}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {filtered.map((task) => {
                const start = task.startDate ? dayjs(task.startDate) : null;
                const due = task.dueDate ? dayjs(task.dueDate) : null;
                const from = start && start.year() === year ? start.month() + 1 : 1;
                const to = due && due.year() === year ? due.month() + 1 : 12;
                const head = `plan-t${task.id}`;
                const title = (
                  <Table.Th
                    key="title"
                    id={head}
                    scope="row"
                    colSpan={narrow ? 12 : undefined}
                    fw="normal"
                    pt={narrow ? 8 : 3}
                  >
                    <Text size="xs" lineClamp={narrow ? 3 : 2}>
                      {task.title}
                    </Text>
                    <Text size="xs" c={task.overdue ? 'red.9' : 'dimmed'}>
                      {task.timeframeLabel}
                      {task.overdue ? ` · ${t('tasks.overdue')}` : ''}
                    </Text>
                  </Table.Th>
                );
                const cells = months.map((m) => {
                  const active = m >= from && m <= to;
                  return (
                    <Table.Td key={m} headers={`${head} plan-m${m}`} px={1}>
                      <Tooltip label={task.timeframeLabel} disabled={!active}>
                        <Box
                          h={18}
                          bg={active ? (task.overdue ? 'red.6' : 'brand.5') : 'gray.1'}
                          style={{ borderRadius: 3 }}
                        >
                          {active && <VisuallyHidden>{t('planView.inPeriod')}</VisuallyHidden>}
                        </Box>
                      </Tooltip>
                    </Table.Td>
                  );
                });
                // On a phone the title takes a row of its own above its twelve months.
                return narrow ? (
                  <Fragment key={task.id}>
                    <Table.Tr>{title}</Table.Tr>
                    <Table.Tr>{cells}</Table.Tr>
                  </Fragment>
                ) : (
                  <Table.Tr key={task.id}>
                    {title}
                    {cells}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
