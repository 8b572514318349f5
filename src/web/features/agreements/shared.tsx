import { Alert, Loader, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type TextField = 'purpose' | 'requirements' | 'body';

/** Purpose, requirements and body of an agreement's text (the create/edit and new-version forms). */
export function TextFields({ input }: { input: (field: TextField) => object }) {
  const { t } = useTranslation();
  return (
    <>
      <Textarea label={t('agr.purpose')} autosize minRows={2} {...input('purpose')} />
      <Textarea label={t('agr.requirements')} autosize minRows={2} {...input('requirements')} />
      <Textarea label={t('agrForm.body')} autosize minRows={6} maxRows={20} {...input('body')} />
    </>
  );
}

/** The error and loading state of a list query. */
export function QueryState({ error, isPending }: { error: Error | null; isPending: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <Alert color="red" title={t('common.error')}>
          {error.message}
        </Alert>
      )}
      {isPending && <Loader aria-label={t('app.loading')} />}
    </>
  );
}

/** "Tổng số: n", or what to say when nothing matched. */
export function TotalLine({ total, empty }: { total: number; empty: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('common.total', { n: total })}
      </Text>
      {total === 0 && <Text>{empty}</Text>}
    </>
  );
}
