import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Loader,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconDownload, IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REVIEW_SECTION_KEYS } from '../../../contracts/meetings.ts';
import { ApiError, api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { isConflict, showApiError } from '../../errors.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { ConflictNotice } from '../agreements/TaskForm.tsx';
import { downloadFile } from './download.ts';
import { reviewKeys, useReview, useReviewVersions } from './queries.ts';
import { ReviewFigures } from './ReviewFigures.tsx';
import { reviewLabel } from './ReviewsCard.tsx';
import type { ReviewDetail } from './types.ts';

type SectionKey = (typeof REVIEW_SECTION_KEYS)[number];

/** The fields of the editor other than the section texts. */
interface Meta {
  title: string;
  docNumber: string;
  signerName: string;
  signerTitle: string;
  recipients: string;
  frozen: boolean;
}

const metaOf = (r: ReviewDetail): Meta => ({
  title: r.title,
  docNumber: r.docNumber ?? '',
  signerName: r.signerName ?? '',
  signerTitle: r.signerTitle ?? '',
  recipients: r.recipients.join('\n'),
  frozen: r.frozen,
});

const textsOf = (r: ReviewDetail): Record<string, string> => ({ ...r.draft.texts, ...r.sections });

/** One review report (báo cáo sơ kết / tổng kết): the draft as a document, editable where the author writes. */
export function ReviewPage() {
  const { t } = useTranslation();
  const { reviewId } = useParams({ strict: false }) as { reviewId: string };
  const { data: review, isPending, error } = useReview(Number(reviewId));
  if (isPending) return <Loader aria-label={t('app.loading')} />;
  if (error || !review)
    return (
      <Alert color="red" title={t('common.error')}>
        {t('reviews.notFound')}{' '}
        <Anchor component={Link} to="/agreements">
          {t('agr.back')}
        </Anchor>
      </Alert>
    );
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/agreements/${review.agreementId}`} size="sm">
        ← {review.agreementSubject}
      </Anchor>
      <PageTitle>{review.title || reviewLabel(t, review.period)}</PageTitle>
      <Card withBorder>
        <Group gap={6} mb="xs">
          <Badge variant="light" color={review.frozen ? 'gray' : 'teal'}>
            {review.frozen ? t('reviews.frozenShort') : t('reviews.liveShort')}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" component="dl" m={0}>
          <Field label={t('reviews.period')}>{reviewLabel(t, review.period)}</Field>
          <Field label={t('reviews.issuer')}>{review.issuingUnit.name}</Field>
          <Field label={t('reviews.updated')}>{formatDateTime(review.updatedAt)}</Field>
          {review.meetingId !== null && (
            <Field label={t('reviews.meeting')}>
              <Anchor component={Link} to={`/meetings/${review.meetingId}`} size="sm">
                {t('reviews.openMeeting')}
              </Anchor>
            </Field>
          )}
        </SimpleGrid>
      </Card>
      <ReviewEditor key={review.id} review={review} />
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function ReviewEditor({ review }: { review: ReviewDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [base, setBase] = useState(review);
  const [texts, setTexts] = useState<Record<string, string>>(() => textsOf(review));
  const [meta, setMeta] = useState<Meta>(() => metaOf(review));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [conflict, setConflict] = useState<'no' | 'yes' | 'reloaded'>('no');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const editable = base.abilities.update;
  const dirty = touched.size > 0;

  const accept = (r: ReviewDetail) => {
    qc.setQueryData(reviewKeys.detail(r.id), r);
    setBase(r);
    setTexts(textsOf(r));
    setMeta(metaOf(r));
    setTouched(new Set());
    setErrors({});
    setConflict('no');
    void qc.invalidateQueries({ queryKey: reviewKeys.versions(r.id) });
    void qc.invalidateQueries({ queryKey: reviewKeys.list(r.agreementId) });
  };

  // A newer version arrived (refetch on focus): take it unless the user is typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the cached review only
  useEffect(() => {
    if ((review.version !== base.version || review.draft.asOf !== base.draft.asOf) && !dirty) accept(review);
  }, [review]);

  // Leaving the page with unsaved text asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const touch = (key: string) => setTouched((x) => (x.has(key) ? x : new Set(x).add(key)));
  const setText = (key: SectionKey, value: string) => {
    setTexts((x) => ({ ...x, [key]: value }));
    touch(`sections.${key}`);
  };
  const setField = <K extends keyof Meta>(key: K, value: Meta[K]) => {
    setMeta((m) => ({ ...m, [key]: value }));
    touch(key);
  };

  const save = async () => {
    const sections: Partial<Record<SectionKey, string>> = {};
    for (const key of REVIEW_SECTION_KEYS) if (key in texts) sections[key] = texts[key] ?? '';
    setSaving(true);
    try {
      const saved = await api.patch<ReviewDetail>(`/api/reviews/${base.id}`, {
        title: meta.title.trim() || undefined,
        sections,
        docNumber: meta.docNumber,
        signerName: meta.signerName,
        signerTitle: meta.signerTitle,
        recipients: meta.recipients
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        frozen: meta.frozen,
        version: base.version,
      });
      accept(saved);
      notifications.show({
        color: 'teal',
        message: t('reviews.saved'),
        autoClose: 4000,
        closeButtonProps: { 'aria-label': t('common.close') },
      });
    } catch (e) {
      if (isConflict(e)) {
        setConflict('yes');
        return;
      }
      const placed: Record<string, string> = {};
      showApiError(e, {
        setFieldError: (path, message) => {
          placed[path] = message;
        },
        getValues: () => ({
          title: 1,
          sections: 1,
          docNumber: 1,
          signerName: 1,
          signerTitle: 1,
          recipients: 1,
        }),
      });
      setErrors(placed);
    } finally {
      setSaving(false);
    }
  };

  /** Someone saved meanwhile: take their version, keep what this user typed. */
  const reload = async () => {
    const latest = await api.get<ReviewDetail>(`/api/reviews/${base.id}`).catch((e: unknown) => {
      showApiError(e);
      return null;
    });
    if (!latest) return;
    qc.setQueryData(reviewKeys.detail(latest.id), latest);
    const theirTexts = textsOf(latest);
    const theirMeta = metaOf(latest);
    const mineTexts = Object.fromEntries(
      [...touched].filter((k) => k.startsWith('sections.')).map((k) => [k.slice(9), texts[k.slice(9)] ?? '']),
    );
    const mineMeta = Object.fromEntries(
      [...touched].filter((k) => k in theirMeta).map((k) => [k, meta[k as keyof Meta]]),
    );
    setBase(latest);
    setTexts({ ...theirTexts, ...mineTexts });
    setMeta({ ...theirMeta, ...mineMeta });
    void qc.invalidateQueries({ queryKey: reviewKeys.versions(latest.id) });
    setConflict(latest.abilities.update ? 'reloaded' : 'no');
  };

  const sectionEditor = (key: SectionKey, heading: string, level: 3 | 4 = 3) => {
    const id = `review-${key}`;
    return (
      <Stack gap={4} key={key}>
        <Title order={level} size={level === 3 ? 'h5' : 'h6'} id={id}>
          {heading}
        </Title>
        {editable ? (
          <Textarea
            aria-labelledby={id}
            autosize
            minRows={4}
            maxRows={30}
            value={texts[key] ?? ''}
            error={errors[`sections.${key}`]}
            placeholder={t('reviews.sectionPlaceholder')}
            onChange={(e) => setText(key, e.currentTarget.value)}
          />
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={texts[key] ? undefined : 'dimmed'}>
            {texts[key] || t('reviews.emptySection')}
          </Text>
        )}
      </Stack>
    );
  };

  return (
    <>
      {conflict !== 'no' && <ConflictNotice reloaded={conflict === 'reloaded'} onReload={reload} />}
      <Card withBorder component="section" aria-labelledby="review-doc-title" maw={900} w="100%">
        <Stack gap="lg">
          <Stack gap={2} align="center">
            <Text fw={700} ta="center" id="review-doc-title" role="heading" aria-level={2}>
              {t('reviews.docType')}
            </Text>
            <Text fw={700} ta="center">
              {meta.title || reviewLabel(t, base.period)}
            </Text>
          </Stack>
          {sectionEditor('situation', t('reviews.sections.situation'))}
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('reviews.sections.results')}
            </Title>
            {'leadership' in texts && sectionEditor('leadership', t('reviews.sections.leadership'), 4)}
            <ReviewFigures draft={base.draft} />
          </Stack>
          {sectionEditor('shortcomings', t('reviews.sections.shortcomings'))}
          {sectionEditor('lessons', t('reviews.sections.lessons'))}
          {sectionEditor('directions', t('reviews.sections.directions'))}
          {sectionEditor('proposals', t('reviews.sections.proposals'))}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="review-figures-mode" maw={900} w="100%">
        <Title order={2} size="h4" id="review-figures-mode" mb="xs">
          {t('reviews.mode.title')}
        </Title>
        <Radio.Group
          value={meta.frozen ? 'frozen' : 'live'}
          onChange={(v) => setField('frozen', v === 'frozen')}
          aria-labelledby="review-figures-mode"
        >
          <Stack gap="xs">
            <Radio
              value="live"
              disabled={!editable}
              label={t('reviews.mode.live')}
              description={t('reviews.mode.liveHint')}
            />
            <Radio
              value="frozen"
              disabled={!editable}
              label={t('reviews.mode.frozen')}
              description={t('reviews.mode.frozenHint')}
            />
          </Stack>
        </Radio.Group>
        <Text size="xs" c="dimmed" mt="xs">
          {base.frozen
            ? t('reviews.mode.frozenSince', { date: formatDate(base.draft.asOf) })
            : t('reviews.mode.liveAsOf', { date: formatDate(base.draft.asOf) })}
        </Text>
      </Card>

      <Card withBorder component="section" aria-labelledby="review-doc-details" maw={900} w="100%">
        <Title order={2} size="h4" id="review-doc-details" mb="xs">
          {t('reviews.details.title')}
        </Title>
        <Stack gap="sm">
          <TextInput
            label={t('reviews.details.docTitle')}
            value={meta.title}
            disabled={!editable}
            error={errors.title}
            onChange={(e) => setField('title', e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('reviews.details.docNumber')}
              description={t('reviews.details.docNumberHint')}
              value={meta.docNumber}
              disabled={!editable}
              error={errors.docNumber}
              onChange={(e) => setField('docNumber', e.currentTarget.value)}
            />
            <TextInput
              label={t('reviews.details.signerName')}
              value={meta.signerName}
              disabled={!editable}
              error={errors.signerName}
              onChange={(e) => setField('signerName', e.currentTarget.value)}
            />
            <TextInput
              label={t('reviews.details.signerTitle')}
              value={meta.signerTitle}
              disabled={!editable}
              error={errors.signerTitle}
              onChange={(e) => setField('signerTitle', e.currentTarget.value)}
            />
          </SimpleGrid>
          <Textarea
            label={t('reviews.details.recipients')}
            description={t('reviews.details.recipientsHint')}
            autosize
            minRows={3}
            value={meta.recipients}
            disabled={!editable}
            error={
              errors.recipients ?? Object.entries(errors).find(([k]) => k.startsWith('recipients.'))?.[1]
            }
            onChange={(e) => setField('recipients', e.currentTarget.value)}
          />
        </Stack>
      </Card>

      <Downloads review={base} dirty={dirty} />
      <Versions reviewId={base.id} />

      {editable && (
        <Card
          withBorder
          shadow="sm"
          p="sm"
          style={{ position: 'sticky', bottom: 0, zIndex: 5 }}
          aria-label={t('common.actions')}
          component="section"
        >
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm" c={dirty ? 'orange.9' : 'dimmed'} aria-live="polite">
              {dirty ? t('reviews.unsaved') : t('reviews.allSaved')}
            </Text>
            <Button
              leftSection={<IconDeviceFloppy size={16} aria-hidden />}
              loading={saving}
              onClick={() => void save()}
            >
              {t('reviews.save')}
            </Button>
          </Group>
        </Card>
      )}
    </>
  );
}

/** "Tải DOCX", "Tải PDF", "Bảng số liệu (Excel)": files of the saved version. */
function Downloads({ review, dirty }: { review: ReviewDetail; dirty: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const get = async (kind: 'docx' | 'pdf' | 'xlsx') => {
    const url =
      kind === 'xlsx'
        ? `/api/reviews/${review.id}/figures.xlsx`
        : `/api/reviews/${review.id}/document.docx${kind === 'pdf' ? '?format=pdf' : ''}`;
    setBusy(kind);
    setProblem(null);
    try {
      await downloadFile(url, `bao-cao-${review.period}.${kind}`);
    } catch (e) {
      if (e instanceof ApiError) setProblem(e.message);
      else showApiError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="review-downloads" maw={900} w="100%">
      <Title order={2} size="h4" id="review-downloads" mb="xs">
        {t('reviews.downloads.title')}
      </Title>
      {dirty && (
        <Text size="sm" c="orange.9" mb="xs">
          {t('reviews.downloads.saveFirst')}
        </Text>
      )}
      <Group gap="xs">
        <Button
          variant="light"
          leftSection={<IconDownload size={16} aria-hidden />}
          loading={busy === 'docx'}
          disabled={busy !== null}
          onClick={() => void get('docx')}
        >
          {t('reviews.downloads.docx')}
        </Button>
        <Button
          variant="light"
          leftSection={<IconFileTypePdf size={16} aria-hidden />}
          loading={busy === 'pdf'}
          disabled={busy !== null}
          onClick={() => void get('pdf')}
        >
          {t('reviews.downloads.pdf')}
        </Button>
        <Button
          variant="light"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
          loading={busy === 'xlsx'}
          disabled={busy !== null}
          onClick={() => void get('xlsx')}
        >
          {t('reviews.downloads.xlsx')}
        </Button>
      </Group>
      {problem && (
        <Alert color="orange" mt="sm" role="alert" data-testid="download-problem">
          {problem}
        </Alert>
      )}
    </Card>
  );
}

function Versions({ reviewId }: { reviewId: number }) {
  const { t } = useTranslation();
  const versions = useReviewVersions(reviewId);
  return (
    <Card withBorder component="section" aria-labelledby="review-versions" maw={900} w="100%">
      <Title order={2} size="h4" id="review-versions" mb="xs">
        {t('reviews.versions.title')}
      </Title>
      {versions.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : !versions.data || versions.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reviews.versions.none')}
        </Text>
      ) : (
        <List size="sm" data-testid="review-versions">
          {[...versions.data]
            .sort((a, b) => b.version - a.version)
            .map((v) => (
              <List.Item key={v.version}>
                {t('reviews.versions.item', { version: v.version, at: formatDateTime(v.createdAt) })}
                {v.author ? ` — ${v.author}` : ''}
                {v.frozen ? ` — ${t('reviews.frozenShort')}` : ''}
              </List.Item>
            ))}
        </List>
      )}
    </Card>
  );
}
