import { Anchor, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../contracts/tasks.ts';
import { TaskProgress, TaskStatusBadge, unitName } from './bits.tsx';

export function TaskTable({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <Text c="dimmed">{t('tasks.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped withTableBorder verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>#</Table.Th>
            <Table.Th>{t('tasks.task')}</Table.Th>
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
              <Table.Td>{i + 1}</Table.Td>
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
