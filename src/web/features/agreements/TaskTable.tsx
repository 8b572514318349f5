import { ActionIcon, Anchor, Stack, Table, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../contracts/tasks.ts';
import { TaskProgress, TaskStatusBadge, unitName } from './bits.tsx';

interface Props {
  tasks: Task[];
  /** Shows move up/down buttons (the plan's order) when given. */
  onMove?: (task: Task, step: -1 | 1) => void;
  /** Disables the move buttons while a move is saved. */
  moving?: boolean;
}

export function TaskTable({ tasks, onMove, moving }: Props) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <Text c="dimmed">{t('tasks.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped withTableBorder verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={onMove ? 48 : 40}>#</Table.Th>
            <Table.Th miw={240}>{t('tasks.task')}</Table.Th>
            <Table.Th>{t('tasks.lead')}</Table.Th>
            <Table.Th>{t('tasks.cooperating')}</Table.Th>
            <Table.Th>{t('tasks.implementing')}</Table.Th>
            <Table.Th>{t('tasks.timeframe')}</Table.Th>
            <Table.Th miw={150}>{t('tasks.status')}</Table.Th>
            <Table.Th w={110}>{t('tasks.progress')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task, i) => (
            <Table.Tr key={task.id} data-task-id={task.id}>
              <Table.Td>
                {onMove ? (
                  <Stack gap={2} align="center">
                    <Text size="sm">{i + 1}</Text>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('sectionsEdit.moveTaskUp', { n: i + 1 })}
                      disabled={moving || i === 0}
                      onClick={() => onMove(task, -1)}
                    >
                      <IconArrowUp size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('sectionsEdit.moveTaskDown', { n: i + 1 })}
                      disabled={moving || i === tasks.length - 1}
                      onClick={() => onMove(task, 1)}
                    >
                      <IconArrowDown size={16} aria-hidden />
                    </ActionIcon>
                  </Stack>
                ) : (
                  i + 1
                )}
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/tasks/${task.id}`}>
                  {task.title}
                </Anchor>
              </Table.Td>
              <Table.Td data-role="lead">{unitName(task.lead)}</Table.Td>
              <Table.Td data-role="cooperating">{task.cooperating.map(unitName).join('; ') || '—'}</Table.Td>
              <Table.Td data-role="implementing">
                {task.implementing.map(unitName).join('; ') || '—'}
              </Table.Td>
              <Table.Td>{task.timeframeLabel}</Table.Td>
              <Table.Td>
                <TaskStatusBadge task={task} />
              </Table.Td>
              <Table.Td>
                <Text size="xs">{task.progress}%</Text>
                <TaskProgress value={task.progress} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
