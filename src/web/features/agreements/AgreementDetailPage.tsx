import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  Loader,
  Modal,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import { api } from '../../api.ts';
import { AttachmentList } from '../../components/AttachmentList.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { formatDate } from '../../format.ts';
import { AgreementDocsMenu } from '../meetings/DocButtons.tsx';
import { KindBadge, StatusBadge } from './bits.tsx';
import { CommentsCard } from './Comments.tsx';
import { PlanTasks } from './PlanTasks.tsx';
import { agrKeys, useAgreement } from './queries.ts';
import { RolloverButton } from './Rollover.tsx';
import { VersionsCard } from './Versions.tsx';

type Status = AgreementDetail['status'];

// The dashboard tabs (charts) load only when opened.
const AgreementDashboard = lazy(() =>
  import('../dashboards/AgreementDashboard.tsx').then((m) => ({ default: m.AgreementDashboard })),
);
// Indicators, targets and report forms (features/reports), also loaded when opened.
const AgreementReporting = lazy(() =>
  import('../reports/AgreementReporting.tsx').then((m) => ({ default: m.AgreementReporting })),
);
const ReportingStatus = lazy(() =>
  import('../dashboards/ReportingStatus.tsx').then((m) => ({ default: m.ReportingStatus })),
);
// Review reports (báo cáo sơ kết / tổng kết, features/reviews), loaded when opened.
const ReviewsCard = lazy(() =>
  import('../reviews/ReviewsCard.tsx').then((m) => ({ default: m.ReviewsCard })),
);

// Meetings and commendations of the agreement (features/meetings), loaded when opened.
const AgreementMeetings = lazy(() =>
  import('../meetings/AgreementMeetings.tsx').then((m) => ({ default: m.AgreementMeetings })),
);

export function AgreementDetailPage() {
  const { t } = useTranslation();
  const { agreementId } = useParams({ strict: false }) as { agreementId: string };
  const id = Number(agreementId);
  const { data: a, isPending, error } = useAgreement(id);

  if (isPending) return <Loader aria-label={t('app.loading')} />;
  if (error || !a)
    return (
      <Alert color="red" title={t('common.error')}>
        {t('agr.notFound')}{' '}
        <Anchor component={Link} to="/agreements">
          {t('agr.back')}
        </Anchor>
      </Alert>
    );

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/agreements" size="sm">
        ← {t('agr.back')}
      </Anchor>
      <PageTitle
        actions={
          <Group gap="xs">
            {a.abilities.update && (
              <Button component={Link} to={`/agreements/${a.id}/edit`} size="xs" variant="default">
                {t('agrForm.edit')}
              </Button>
            )}
            {a.kind === 'plan' && a.abilities.manageTasks && <RolloverButton agreement={a} />}
            <Button component={Link} to={`/bulletins/new?agreementId=${a.id}`} size="xs" variant="default">
              {t('exchange.fromAgreement')}
            </Button>
            <AgreementDocsMenu agreementId={a.id} isPlan={a.kind === 'plan'} />
          </Group>
        }
      >
        {a.subject}
      </PageTitle>
      <Card withBorder>
        <Group gap={6} mb="xs">
          <KindBadge kind={a.kind} />
          <StatusBadge status={a.status} />
        </Group>
        <Stack gap={4}>
          {a.docNumber && (
            <Text size="sm">
              {t('agr.number')}: <b>{a.docNumber}</b>
            </Text>
          )}
          {(a.signedOn || a.signedPlace) && (
            <Text size="sm">
              {t('agr.signedOn')}: {formatDate(a.signedOn)}
              {a.signedPlace ? ` — ${t('agr.signedPlace')}: ${a.signedPlace}` : ''}
            </Text>
          )}
          {(a.year || a.validFrom || a.validTo) && (
            <Text size="sm">
              {t('agr.phase')}: {a.year ? a.year : `${formatDate(a.validFrom)} – ${formatDate(a.validTo)}`}
            </Text>
          )}
        </Stack>
        <Title order={2} size="h4" mt="sm">
          {t('agr.parties')}
        </Title>
        <List size="sm">
          {a.partyDetails.map((p) => (
            <List.Item key={p.unit.id}>
              {p.unit.name}
              {p.signatoryName
                ? ` — ${p.signatoryTitle ? `${p.signatoryTitle} ` : ''}${p.signatoryName}`
                : ''}
            </List.Item>
          ))}
        </List>
        {a.abilities.transition.length > 0 && <Transitions agreement={a} />}
      </Card>
      {a.limitedToTasks && <Alert color="blue">{t('agr.limited')}</Alert>}
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">{t('dashboards.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="reporting">{t('reports.tabs.agreement')}</Tabs.Tab>
          {!a.limitedToTasks && <Tabs.Tab value="dashboard">{t('dashboards.tabs.dashboard')}</Tabs.Tab>}
          {!a.limitedToTasks && <Tabs.Tab value="status">{t('dashboards.tabs.status')}</Tabs.Tab>}
          {!a.limitedToTasks && <Tabs.Tab value="meetings">{t('meetings.tab')}</Tabs.Tab>}
          {!a.limitedToTasks && <Tabs.Tab value="reviews">{t('reviews.tab')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Stack gap="md">
            {a.legalBases.length > 0 && (
              <Card withBorder>
                <Title order={2} size="h4">
                  {t('agr.legalBases')}
                </Title>
                <List size="sm">
                  {a.legalBases.map((b) => (
                    <List.Item key={b.id}>{b.citation}</List.Item>
                  ))}
                </List>
              </Card>
            )}
            {(a.purpose || a.requirements) && (
              <Card withBorder>
                {a.purpose && (
                  <>
                    <Title order={2} size="h4">
                      {t('agr.purpose')}
                    </Title>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {a.purpose}
                    </Text>
                  </>
                )}
                {a.requirements && (
                  <>
                    <Title order={2} size="h4" mt="sm">
                      {t('agr.requirements')}
                    </Title>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {a.requirements}
                    </Text>
                  </>
                )}
              </Card>
            )}
            {a.plans.length > 0 && (
              <Card withBorder>
                <Title order={2} size="h4">
                  {t('agr.plans')}
                </Title>
                <List size="sm">
                  {a.plans.map((p) => (
                    <List.Item key={p.id}>
                      <Anchor component={Link} to={`/agreements/${p.id}`}>
                        {p.subject}
                      </Anchor>{' '}
                      {p.year ? `(${p.year})` : ''} <StatusBadge status={p.status} />
                    </List.Item>
                  ))}
                </List>
              </Card>
            )}
            <PlanTasks agreement={a} />
            <VersionsCard agreement={a} />
            <CommentsCard agreement={a} />
            <AttachmentList
              headingId="agr-files"
              title={t('agr.attachments')}
              uploadUrl={`/api/agreements/${a.id}/attachments`}
              files={a.attachments}
              canAttach={a.abilities.attach}
              queryKey={agrKeys.detail(a.id)}
              testId="attachments"
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="reporting" pt="md">
          <Suspense fallback={<Loader aria-label={t('app.loading')} />}>
            <AgreementReporting agreement={a} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="dashboard" pt="md">
          <Suspense fallback={<Loader aria-label={t('app.loading')} />}>
            <AgreementDashboard agreement={a} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="status" pt="md">
          <Suspense fallback={<Loader aria-label={t('app.loading')} />}>
            <ReportingStatus agreement={a} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="meetings" pt="md">
          <Suspense fallback={<Loader aria-label={t('app.loading')} />}>
            <AgreementMeetings agreement={a} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="reviews" pt="md">
          <Suspense fallback={<Loader aria-label={t('app.loading')} />}>
            <ReviewsCard agreement={a} />
          </Suspense>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Transitions({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [target, setTarget] = useState<Status | null>(null);
  const [signedOn, setSignedOn] = useState(dayjs().format('YYYY-MM-DD'));
  const [signedPlace, setSignedPlace] = useState(agreement.signedPlace ?? '');
  const mutation = useMutation({
    mutationFn: (to: Status) =>
      api.post(`/api/agreements/${agreement.id}/transitions`, {
        to,
        version: agreement.version,
        ...(to === 'signed' ? { signedOn, signedPlace: signedPlace || undefined } : {}),
      }),
    onSuccess: () => {
      setTarget(null);
      notifySuccess(t('agr.transitioned'));
      void qc.invalidateQueries({ queryKey: agrKeys.all });
    },
    onError: (e) => showApiError(e),
  });
  return (
    <>
      <Group gap="xs" mt="md">
        {agreement.abilities.transition.map((to) => (
          <Button
            key={to}
            size="xs"
            variant={to === 'signed' ? 'filled' : 'light'}
            onClick={() => setTarget(to)}
          >
            {t(`agr.transitionTo.${to}`)}
          </Button>
        ))}
      </Group>
      <Modal
        opened={target !== null}
        onClose={() => setTarget(null)}
        title={target ? t(`agr.transitionTo.${target}`) : ''}
      >
        {target && (
          <Stack>
            <Text>{t('agr.confirmTransition', { status: t(`agr.statuses.${target}`) })}</Text>
            {target === 'signed' && (
              <>
                <TextInput
                  type="date"
                  label={t('agr.signedOn')}
                  required
                  value={signedOn}
                  onChange={(e) => setSignedOn(e.currentTarget.value)}
                />
                <TextInput
                  label={t('agr.signedPlace')}
                  value={signedPlace}
                  onChange={(e) => setSignedPlace(e.currentTarget.value)}
                />
              </>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setTarget(null)}>
                {t('common.cancel')}
              </Button>
              <Button loading={mutation.isPending} onClick={() => mutation.mutate(target)}>
                {t('common.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
