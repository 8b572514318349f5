import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconListCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { AttachmentList } from '../../components/AttachmentList.tsx';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { foldedFilter } from '../../components/UnitSelect.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { formatDate } from '../../format.ts';
import { useAgreements, useSections } from '../agreements/queries.ts';
import { AwardList } from '../awards/AwardList.tsx';
import { MeetingKindBadge, MeetingStatusBadge } from './bits.tsx';
import { DocButtons } from './DocButtons.tsx';
import { AttendeesTable } from './MeetingForm.tsx';
import { meetingWhen } from './model.ts';
import { type Meeting, meetingKeys, useAwards, useMeeting } from './queries.ts';

export function MeetingPage() {
  const { t } = useTranslation();
  const { meetingId } = useParams({ strict: false }) as { meetingId: string };
  const { data: m, isPending, error } = useMeeting(Number(meetingId));
  const [deleting, setDeleting] = useState(false);
  if (isPending) return <Loader role="status" aria-label={t('app.loading')} />;
  if (error || !m)
    return (
      <Alert color="red" title={t('common.error')}>
        {t('meetings.notFound')}{' '}
        <Anchor component={Link} to="/meetings">
          {t('meetings.back')}
        </Anchor>
      </Alert>
    );
  const base = `/api/meetings/${m.id}`;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/meetings" size="sm">
        ← {t('meetings.back')}
      </Anchor>
      <PageTitle
        actions={
          <Group gap="xs">
            {m.abilities.update && (
              <Button component={Link} to={`/meetings/${m.id}/edit`} size="xs" variant="default">
                {t('common.edit')}
              </Button>
            )}
            {m.abilities.delete && (
              <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(true)}>
                {t('common.delete')}
              </Button>
            )}
          </Group>
        }
      >
        {m.title}
      </PageTitle>
      <Card withBorder component="section" aria-labelledby="meeting-details">
        <Title order={2} size="h4" id="meeting-details" mb="xs">
          {t('meetings.details')}
        </Title>
        <Group gap={6} mb="xs">
          <MeetingKindBadge kind={m.kind} />
          <MeetingStatusBadge status={m.status} />
        </Group>
        <Stack gap={4}>
          <Text size="sm">
            {t('meetings.time')}: <b>{meetingWhen(m.startsAt, m.endsAt)}</b>
          </Text>
          {m.place && (
            <Text size="sm">
              {t('meetings.fields.place')}: {m.place}
            </Text>
          )}
          <Text size="sm">
            {t('meetings.fields.hostUnit')}: {m.hostUnit.name}
          </Text>
          {m.agreementId && (
            <Text size="sm">
              {t('meetings.fields.agreement')}:{' '}
              <Anchor component={Link} to={`/agreements/${m.agreementId}`}>
                {m.agreementSubject}
              </Anchor>
            </Text>
          )}
          {m.reviewPeriod && (
            <Text size="sm">
              {t('meetings.fields.reviewPeriod')}: {m.reviewPeriod}
            </Text>
          )}
          {m.units.length > 0 && (
            <Text size="sm">
              {t('meetings.fields.units')}: {m.units.map((u) => u.name).join('; ')}
            </Text>
          )}
        </Stack>
        <Group mt="sm">
          <DocButtons
            docs={[
              {
                url: `${base}/invitation.docx`,
                label: t('meetings.docs.invitation'),
                fallbackName: 'giay-moi.docx',
                pdf: true,
              },
              {
                url: `${base}/minutes.docx`,
                label: t('meetings.docs.minutes'),
                fallbackName: 'bien-ban.docx',
                pdf: true,
              },
            ]}
          />
        </Group>
      </Card>

      <Card withBorder component="section" aria-labelledby="meeting-attendees">
        <Title order={2} size="h4" id="meeting-attendees" mb="xs">
          {t('meetings.fields.attendees')}
        </Title>
        <AttendeesTable meeting={m} />
      </Card>

      <Card withBorder component="section" aria-labelledby="meeting-agenda">
        <Title order={2} size="h4" id="meeting-agenda" mb="xs">
          {t('meetings.fields.agenda')}
        </Title>
        {m.agenda.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('meetings.noAgenda')}
          </Text>
        ) : (
          <List type="ordered" size="sm">
            {m.agenda.map((a) => (
              <List.Item key={a.id}>
                {a.title}
                {a.presenter ? ` — ${a.presenter}` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="meeting-minutes">
        <Title order={2} size="h4" id="meeting-minutes" mb="xs">
          {t('meetings.fields.minutes')}
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={m.minutes ? undefined : 'dimmed'}>
          {m.minutes || t('meetings.noMinutes')}
        </Text>
      </Card>

      <Conclusions meeting={m} />
      <AttachmentList
        headingId="meeting-files"
        title={t('meetings.attachments')}
        uploadUrl={`/api/meetings/${m.id}/attachments`}
        files={m.attachments ?? []}
        canAttach={m.abilities.attach ?? m.abilities.update}
        queryKey={meetingKeys.detail(m.id)}
      />
      <MeetingAwards meeting={m} />
      {deleting && <DeleteMeeting meeting={m} onClose={() => setDeleting(false)} />}
    </Stack>
  );
}

function Conclusions({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const [converting, setConverting] = useState<Meeting['conclusions'][number] | null>(null);
  return (
    <Card withBorder component="section" aria-labelledby="meeting-conclusions">
      <Title order={2} size="h4" id="meeting-conclusions" mb="xs">
        {t('meetings.fields.conclusions')}
      </Title>
      {m.conclusions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('meetings.noConclusions')}
        </Text>
      ) : (
        <Stack gap="xs" component="ol" style={{ margin: 0, paddingLeft: 20 }} data-testid="conclusions">
          {m.conclusions.map((c, i) => (
            <li key={c.id}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.text}
              </Text>
              <Text size="xs" c="dimmed">
                {[
                  c.leadUnit ? `${t('meetings.fields.leadUnit')}: ${c.leadUnit.name}` : null,
                  c.cooperatingUnits.length > 0
                    ? `${t('meetings.fields.cooperatingUnits')}: ${c.cooperatingUnits.map((u) => u.name).join('; ')}`
                    : null,
                  c.dueDate ? `${t('meetings.fields.dueDate')}: ${formatDate(c.dueDate)}` : null,
                ]
                  .filter(Boolean)
                  .join(' — ')}
              </Text>
              {c.taskId ? (
                <Anchor
                  component={Link}
                  to={`/tasks/${c.taskId}`}
                  size="sm"
                  aria-label={t('meetings.openTask', { n: i + 1 })}
                >
                  <IconListCheck size={14} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />
                  {t('meetings.taskLink', { id: c.taskId })}
                </Anchor>
              ) : (
                m.abilities.convertConclusions && (
                  <Button size="compact-xs" variant="light" mt={4} onClick={() => setConverting(c)}>
                    {t('meetings.toTask')}
                  </Button>
                )
              )}
            </li>
          ))}
        </Stack>
      )}
      {converting && <ConvertModal meeting={m} conclusion={converting} onClose={() => setConverting(null)} />}
    </Card>
  );
}

function ConvertModal({
  meeting,
  conclusion,
  onClose,
}: {
  meeting: Meeting;
  conclusion: Meeting['conclusions'][number];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const narrow = useMediaQuery('(max-width: 36em)');
  const plans = useAgreements({ kind: 'plan' });
  const options = (plans.data?.items ?? []).map((p) => ({
    value: String(p.id),
    label: p.year ? `${p.subject} (${p.year})` : p.subject,
  }));
  // The meeting's own agreement first when it is a plan; else the latest plan.
  const [planId, setPlanId] = useState<string | null>(null);
  const chosen =
    planId ??
    options.find((o) => o.value === String(meeting.agreementId))?.value ??
    options[0]?.value ??
    null;
  const sections = useSections(chosen ? Number(chosen) : 0);
  const [sectionId, setSectionId] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      api.post(`/api/meetings/${meeting.id}/conclusions/tasks`, {
        planId: Number(chosen),
        conclusionIds: [conclusion.id],
        sectionId: sectionId ? Number(sectionId) : null,
        version: meeting.version,
      }),
    onSuccess: async () => {
      notifySuccess(t('meetings.converted'));
      await qc.invalidateQueries({ queryKey: meetingKeys.detail(meeting.id) });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: ['agreements'] });
      onClose();
    },
    onError: (e) => {
      showApiError(e);
      void qc.invalidateQueries({ queryKey: meetingKeys.detail(meeting.id) });
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('meetings.toTaskTitle')}
      size="lg"
      fullScreen={narrow}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {conclusion.text}
        </Text>
        <Text size="xs" c="dimmed">
          {t('meetings.toTaskHint')}
        </Text>
        {plans.isPending ? (
          <Loader size="sm" role="status" aria-label={t('app.loading')} />
        ) : options.length === 0 ? (
          <Alert color="yellow">{t('meetings.noPlans')}</Alert>
        ) : (
          <>
            <Select
              label={t('meetings.plan')}
              required
              searchable
              filter={foldedFilter}
              allowDeselect={false}
              data={options}
              value={chosen}
              onChange={(v) => {
                setPlanId(v);
                setSectionId(null);
              }}
              comboboxProps={{ withinPortal: true }}
            />
            {(sections.data?.length ?? 0) > 0 && (
              <Select
                label={t('meetings.section')}
                clearable
                data={[...(sections.data ?? [])]
                  .sort((a, b) => a.position - b.position)
                  .map((s) => ({ value: String(s.id), label: s.title }))}
                value={sectionId}
                onChange={setSectionId}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!chosen} loading={mutation.isPending} onClick={() => mutation.mutate()}>
            {t('meetings.toTask')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function MeetingAwards({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const { data, isPending } = useAwards({ meetingId: meeting.id });
  const items = data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="meeting-awards">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4" id="meeting-awards">
          {t('meetings.awardsHere')}
        </Title>
        <Button component={Link} to={`/awards?meetingId=${meeting.id}`} size="xs" variant="subtle">
          {t('meetings.more')}
        </Button>
      </Group>
      {isPending ? (
        <Loader size="sm" role="status" aria-label={t('app.loading')} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('meetings.noAwards')}
        </Text>
      ) : (
        <Stack gap="xs">
          <AwardList items={items} />
          <DocButtons
            docs={[
              {
                url: `/api/awards/list.docx?meetingId=${meeting.id}`,
                label: t('meetings.docs.awardList'),
                fallbackName: 'danh-sach-khen-thuong.docx',
                pdf: true,
              },
            ]}
          />
        </Stack>
      )}
    </Card>
  );
}

function DeleteMeeting({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: () => api.delete(`/api/meetings/${meeting.id}`, { version: meeting.version }),
    onSuccess: () => {
      notifySuccess(t('meetings.deleted'));
      void qc.invalidateQueries({ queryKey: meetingKeys.all });
      void navigate({ to: '/meetings' });
    },
    onError: (e) => showApiError(e),
  });
  return (
    <ConfirmDelete
      opened
      title={t('meetings.deleteTitle')}
      question={t('meetings.deleteConfirm', { title: meeting.title })}
      busy={mutation.isPending}
      onConfirm={() => mutation.mutate()}
      onClose={onClose}
    />
  );
}
