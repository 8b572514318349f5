import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconFilePlus, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import { FormModal } from './FormEditor.tsx';
import { ButtonLink } from './links.tsx';
import { type FormOut, useForms } from './queries.ts';

/** "Hằng quý · hạn ngày 20 của tháng cuối kỳ" (+ n tháng). */
export function scheduleText(t: (key: string, o?: Record<string, unknown>) => string, f: FormOut): string {
  const deadline =
    f.deadlineMonthOffset > 0
      ? t('reports.forms.deadlineShortLater', { day: f.deadlineDay, count: f.deadlineMonthOffset })
      : t('reports.forms.deadlineShort', { day: f.deadlineDay });
  return `${t(`reports.frequencies.${f.frequency}`)} · ${deadline}`;
}

/** The agreement's report forms (biểu mẫu báo cáo): what is reported, by whom, how often, approved by whom. */
export function FormsCard({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const forms = useForms(agreement.id);
  const [editing, setEditing] = useState<FormOut | 'new' | null>(null);
  const manage = agreement.abilities.manageTasks;
  const items = forms.data ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="agr-forms">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4" id="agr-forms">
          {t('reports.forms.title')}
        </Title>
        {manage && (
          <Button
            size="xs"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            {t('reports.forms.add')}
          </Button>
        )}
      </Group>
      {forms.error && <Alert color="red">{forms.error.message}</Alert>}
      {forms.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reports.forms.none')}
        </Text>
      )}
      <Stack gap="sm">
        {items.map((f) => (
          <Card key={f.id} withBorder padding="sm" component="article" aria-label={f.name}>
            <Group justify="space-between" gap="xs" align="flex-start">
              <div style={{ minWidth: 0, flex: '1 1 260px' }}>
                <Group gap={6}>
                  <Title order={3} size="h5">
                    {f.name}
                  </Title>
                  {!f.active && (
                    <Badge variant="filled" color="gray.7">
                      {t('reports.forms.inactive')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm">{scheduleText(t, f)}</Text>
                <Text size="sm">
                  <b>{t('reports.forms.indicators')}:</b>{' '}
                  {[...f.indicators]
                    .sort((a, b) => a.position - b.position)
                    .map((i) => `${i.name}${i.required ? ' *' : ''}`)
                    .join('; ')}
                </Text>
                <Text size="sm">
                  <b>{t('reports.forms.units')}:</b> {f.units.map((u) => u.name).join('; ')}
                </Text>
                <Text size="sm">
                  <b>{t('reports.forms.chain')}:</b> {f.approvalChain.map((u) => u.name).join(' → ')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('reports.forms.sectionsLine', {
                    titles: f.narrativeSections.map((s) => s.title).join('; '),
                  })}
                </Text>
              </div>
              <Group gap="xs">
                {f.active && (
                  <ButtonLink
                    size="xs"
                    variant="light"
                    to="/reports"
                    search={{ tab: 'new', agreementId: agreement.id, formId: f.id }}
                    leftSection={<IconFilePlus size={16} aria-hidden />}
                  >
                    {t('reports.forms.report')}
                  </ButtonLink>
                )}
                {f.abilities.update && (
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconPencil size={16} aria-hidden />}
                    onClick={() => setEditing(f)}
                    aria-label={t('reports.forms.editOne', { name: f.name })}
                  >
                    {t('common.edit')}
                  </Button>
                )}
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
      <FormModal
        agreement={agreement}
        form={editing === 'new' ? null : editing}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Card>
  );
}
