import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail } from '../../../contracts/agreements.ts';
import { parsePeriod } from '../../../contracts/periods.ts';
import { api } from '../../api.ts';
import { showApiError } from '../../errors.ts';
import { currentLocale, formatDateTime } from '../../format.ts';
import { useActsFor } from '../agreements/myUnits.ts';
import { reviewPeriods, reviewPhrase } from './lib.ts';
import { reviewKeys, useAgreementReviews } from './queries.ts';
import type { ReviewDetail } from './types.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** "Báo cáo sơ kết năm 2023", "Báo cáo tổng kết giai đoạn 2022–2025": the period a review covers. */
export function reviewLabel(t: T, period: string): string {
  const { kind, phrase } = reviewPhrase(period, currentLocale());
  return kind === 'final'
    ? t('reviews.finalOf', { period: phrase })
    : t('reviews.interimOf', { period: phrase });
}

/** The agreement's review reports and "Lập báo cáo sơ kết/tổng kết". */
export function ReviewsCard({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const reviews = useAgreementReviews(agreement.id);
  const actsFor = useActsFor();
  const myParties = agreement.partyDetails.map((p) => p.unit).filter((u) => actsFor(u.id));
  const [open, setOpen] = useState(false);

  return (
    <Card withBorder component="section" aria-labelledby="reviews-title">
      <Group justify="space-between" gap="xs" mb="xs">
        <Title order={2} size="h4" id="reviews-title">
          {t('reviews.title')}
        </Title>
        {myParties.length > 0 && (
          <Button
            size="xs"
            leftSection={<IconFilePlus size={16} aria-hidden />}
            onClick={() => setOpen(true)}
          >
            {t('reviews.new.button')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('reviews.intro')}
      </Text>
      {reviews.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : reviews.error ? (
        <Alert color="red">{t('reviews.loadError')}</Alert>
      ) : reviews.data.length === 0 ? (
        <Text size="sm">{t('reviews.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reviews.list.report')}</Table.Th>
                <Table.Th>{t('reviews.list.issuer')}</Table.Th>
                <Table.Th>{t('reviews.list.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reviews.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/reviews/${r.id}`} size="sm">
                      {r.title || reviewLabel(t, r.period)}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {reviewLabel(t, r.period)}
                      {r.frozen ? ` · ${t('reviews.frozenShort')}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.issuingUnit.name}</Table.Td>
                  <Table.Td>{formatDateTime(r.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('reviews.new.title')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {open && <NewReviewForm agreement={agreement} parties={myParties} onCancel={() => setOpen(false)} />}
      </Modal>
    </Card>
  );
}

interface MeetingItem {
  id: number;
  title: string;
  startsAt: string;
}

function NewReviewForm({
  agreement,
  parties,
  onCancel,
}: {
  agreement: AgreementDetail;
  parties: Array<{ id: number; name: string }>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const periods = useMemo(() => reviewPeriods(agreement), [agreement]);
  const lastYear = String(new Date().getFullYear() - 1);
  const [period, setPeriod] = useState<string | null>(
    periods.includes(lastYear) ? lastYear : (periods.find((p) => parsePeriod(p)?.kind === 'year') ?? null),
  );
  const [unit, setUnit] = useState<string | null>(parties.length === 1 ? String(parties[0]?.id) : null);
  const [meeting, setMeeting] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The agreement's meetings, to link the report to the conference that hears it (optional).
  const meetings = useQuery({
    queryKey: ['meetings', 'list', { agreementId: agreement.id }],
    queryFn: async () => {
      const d = await api.get<MeetingItem[] | { items: MeetingItem[] }>('/api/meetings', {
        agreementId: agreement.id,
        limit: 100,
      });
      return Array.isArray(d) ? d : d.items;
    },
    retry: false,
  });

  const create = async () => {
    if (!period || !unit) {
      setError(t('reviews.new.chooseAll'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const review = await api.post<ReviewDetail>(`/api/agreements/${agreement.id}/reviews`, {
        period,
        issuingUnitId: Number(unit),
        meetingId: meeting ? Number(meeting) : null,
      });
      qc.setQueryData(reviewKeys.detail(review.id), review);
      void qc.invalidateQueries({ queryKey: reviewKeys.list(agreement.id) });
      void navigate({ to: `/reviews/${review.id}` });
    } catch (e) {
      showApiError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <Select
        label={t('reviews.new.period')}
        required
        allowDeselect={false}
        value={period}
        onChange={setPeriod}
        data={periods.map((p) => ({ value: p, label: reviewLabel(t, p) }))}
        description={t('reviews.new.periodHint')}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t('reviews.new.issuer')}
        required
        allowDeselect={false}
        value={unit}
        onChange={setUnit}
        data={parties.map((u) => ({ value: String(u.id), label: u.name }))}
      />
      {meetings.data && meetings.data.length > 0 && (
        <Select
          label={t('reviews.new.meeting')}
          clearable
          value={meeting}
          onChange={setMeeting}
          data={meetings.data.map((m) => ({ value: String(m.id), label: m.title }))}
        />
      )}
      {error && (
        <Text size="sm" c="red.9" role="alert">
          {error}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button loading={busy} onClick={() => void create()}>
          {t('reviews.new.create')}
        </Button>
      </Group>
    </Stack>
  );
}
