import { ActionIcon, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format.ts';
import type { Award } from '../meetings/queries.ts';

/** "Nguyễn Văn A — Đại úy, Đồn Biên phòng X" or the collective's unit name. */
export function recipientOf(a: Award): string {
  if (a.recipientKind === 'collective') return a.unit.name;
  return [a.personName, [a.personTitle, a.unit.name].filter(Boolean).join(', ')].filter(Boolean).join(' — ');
}

/** Commendations as cards: recipient, form, achievement, decision. */
export function AwardList({
  items,
  onEdit,
  onDelete,
}: {
  items: Award[];
  onEdit?: (a: Award) => void;
  onDelete?: (a: Award) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack
      gap="xs"
      component="ul"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
      data-testid="award-list"
    >
      {items.map((a) => (
        <Card key={a.id} withBorder padding="sm" component="li">
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap={6}>
                <Badge size="sm" variant="filled" color={a.stage === 'decision' ? 'teal.9' : 'blue.8'}>
                  {t(`meetings.awards.stages.${a.stage}`)}
                </Badge>
                <Badge size="sm" variant="outline" color="gray.7">
                  {t(`meetings.awards.recipients.${a.recipientKind}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {a.year}
                </Text>
              </Group>
              <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {recipientOf(a)}
              </Text>
              <Text size="sm">{a.form}</Text>
              <Text size="xs" c="dimmed" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                {a.achievement}
              </Text>
              {(a.decisionNumber || a.decisionDate) && (
                <Text size="xs">
                  {t('meetings.awards.fields.decision')}: {a.decisionNumber ?? ''}
                  {a.decisionDate ? ` (${formatDate(a.decisionDate)})` : ''}
                  {a.decidingBody ? ` — ${a.decidingBody}` : ''}
                </Text>
              )}
              {a.evidence.length > 0 && (
                <Text size="xs" c="dimmed">
                  {t('meetings.awards.fields.evidence')}: {a.evidence.map((e) => e.label).join('; ')}
                </Text>
              )}
            </Stack>
            {(onEdit || onDelete) && (
              <Group gap={2} wrap="nowrap">
                {onEdit && a.abilities.update && (
                  <ActionIcon
                    variant="subtle"
                    aria-label={`${t('meetings.awards.edit')}: ${recipientOf(a)}`}
                    onClick={() => onEdit(a)}
                  >
                    <IconPencil size={16} aria-hidden />
                  </ActionIcon>
                )}
                {onDelete && a.abilities.delete && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`${t('common.delete')}: ${recipientOf(a)}`}
                    onClick={() => onDelete(a)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
