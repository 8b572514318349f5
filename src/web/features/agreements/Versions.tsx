import { Badge, Button, Card, Group, List, Modal, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import { api } from '../../api.ts';
import { notifySuccess, showApiError } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { agrKeys } from './queries.ts';
import { TextFields } from './shared.tsx';
import { VersionDiffView } from './VersionDiff.tsx';

const drafting = (a: AgreementDetail) => a.status === 'draft' || a.status === 'consultation';

/** The numbered versions of the text, a diff between any two, and a new version or amendment. */
export function VersionsCard({ agreement: a }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const [revising, setRevising] = useState(false);
  const [from, setFrom] = useState<string | null>(String(Math.max(1, a.currentVersion - 1)));
  const [to, setTo] = useState<string | null>(String(a.currentVersion));
  const [shown, setShown] = useState<{ from: number; to: number } | null>(null);
  if (a.versions.length === 0 && !a.abilities.revise) return null;
  const options = a.versions.map((v) => ({
    value: String(v.number),
    label: t('agr.versionN', { n: v.number }),
  }));
  const compare = (f: number, tt: number) => {
    setFrom(String(f));
    setTo(String(tt));
    setShown({ from: f, to: tt });
  };
  const reviseLabel = drafting(a) ? t('versions.newDraft') : t('versions.amend');

  return (
    <Card withBorder component="section" aria-labelledby="agr-versions">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="agr-versions">
          {t('agr.versions')}
        </Title>
        {a.abilities.revise && (
          <Button size="xs" variant="light" onClick={() => setRevising(true)}>
            {reviseLabel}
          </Button>
        )}
      </Group>
      <List size="sm" spacing={4}>
        {a.versions.map((v) => (
          <List.Item key={v.number}>
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={v.number === a.currentVersion ? 600 : undefined}>
                {t('agr.versionN', { n: v.number })}
              </Text>
              <Badge size="sm" variant="light" color={v.kind === 'amendment' ? 'grape' : 'gray'}>
                {t(`versions.kinds.${v.kind}`)}
              </Badge>
              {v.number === a.currentVersion && (
                <Badge size="sm" variant="outline">
                  {t('versions.current')}
                </Badge>
              )}
              <Text size="sm" c="dimmed">
                {formatDateTime(v.createdAt)}
                {v.createdBy ? ` — ${v.createdBy}` : ''}
              </Text>
              {v.number > 1 && (
                <Button size="compact-xs" variant="subtle" onClick={() => compare(v.number - 1, v.number)}>
                  {t('versions.comparePrevious', { n: v.number })}
                </Button>
              )}
            </Group>
            {v.note && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {v.note}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
      {a.versions.length > 1 && (
        <Group align="flex-end" gap="sm" mt="sm" wrap="wrap">
          <Select
            label={t('versions.from')}
            data={options}
            value={from}
            onChange={setFrom}
            allowDeselect={false}
            w={{ base: '100%', xs: 160 }}
          />
          <Select
            label={t('versions.to')}
            data={options}
            value={to}
            onChange={setTo}
            allowDeselect={false}
            w={{ base: '100%', xs: 160 }}
          />
          <Button
            variant="default"
            disabled={!from || !to || from === to}
            onClick={() => compare(Number(from), Number(to))}
          >
            {t('versions.compare')}
          </Button>
        </Group>
      )}
      {shown && (
        <Card withBorder mt="sm" padding="sm">
          <VersionDiffView agreementId={a.id} from={shown.from} to={shown.to} />
        </Card>
      )}
      <Modal opened={revising} onClose={() => setRevising(false)} title={reviseLabel} size="xl">
        {revising && <RevisionForm agreement={a} onClose={() => setRevising(false)} />}
      </Modal>
    </Card>
  );
}

function RevisionForm({ agreement: a, onClose }: { agreement: AgreementDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: {
      subject: a.subject,
      purpose: a.purpose ?? '',
      requirements: a.requirements ?? '',
      body: a.body ?? '',
      note: '',
    },
    validate: { subject: (v) => (v.trim() ? null : t('agrForm.required')) },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    try {
      await api.post(`/api/agreements/${a.id}/versions`, {
        ...v,
        subject: v.subject.trim(),
        version: a.version,
      });
      notifySuccess(drafting(a) ? t('versions.created') : t('versions.amended'));
      onClose();
    } catch (error) {
      showApiError(error, form);
    } finally {
      setBusy(false);
      await qc.invalidateQueries({ queryKey: agrKeys.all });
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {drafting(a) ? t('versions.newDraftHint') : t('versions.amendHint')}
        </Text>
        <Textarea
          label={t('agrForm.subject')}
          required
          autosize
          minRows={2}
          {...form.getInputProps('subject')}
        />
        <TextFields input={form.getInputProps} />
        <Textarea
          label={t('versions.note')}
          description={t('versions.noteHint')}
          autosize
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('versions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
