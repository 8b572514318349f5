import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showApiError } from '../../errors.ts';
import { WARNING_TEXT } from './ReportGrid.tsx';

export type Decision = 'approve' | 'return' | 'reopen';

/**
 * Approve (optional comment), return (comment required) or reopen (reason required) a report:
 * the leader says why, the text goes into the report's history. Approving a report sent with
 * warnings (figures outside an indicator's range) says so first.
 */
export function DecisionModal({
  decision,
  warnings = 0,
  onClose,
  onConfirm,
}: {
  decision: Decision | null;
  /** Cells of the report flagged with a warning. */
  warnings?: number;
  onClose: () => void;
  onConfirm: (decision: Decision, text: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={decision !== null}
      onClose={onClose}
      title={decision ? t(`reports.decide.${decision}Title`) : ''}
      fullScreen={narrow}
    >
      {decision && (
        <DecisionForm decision={decision} warnings={warnings} onClose={onClose} onConfirm={onConfirm} />
      )}
    </Modal>
  );
}

function DecisionForm({
  decision,
  warnings,
  onClose,
  onConfirm,
}: {
  decision: Decision;
  warnings: number;
  onClose: () => void;
  onConfirm: (decision: Decision, text: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const required = decision !== 'approve';
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (required && !text.trim()) {
          setError(t(`reports.decide.${decision}Required`));
          return;
        }
        setBusy(true);
        try {
          await onConfirm(decision, text.trim());
          onClose();
        } catch (err) {
          showApiError(err, {
            setFieldError: (path, message) => (path === 'comment' || path === 'reason') && setError(message),
            getValues: () => ({ comment: text, reason: text }),
          });
        } finally {
          setBusy(false);
        }
      }}
    >
      <Stack gap="sm">
        <Text size="sm">{t(`reports.decide.${decision}Intro`)}</Text>
        {decision === 'approve' && warnings > 0 && (
          <Text size="sm" c={WARNING_TEXT} fw={600} data-testid="approve-warnings">
            {t('reports.decide.approveWarnings', { count: warnings })}
          </Text>
        )}
        <Textarea
          label={
            required
              ? t(`reports.decide.${decision}Label`)
              : `${t('reports.decide.approveLabel')} (${t('common.optional')})`
          }
          required={required}
          autosize
          minRows={3}
          value={text}
          error={error}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError(null);
          }}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} color={decision === 'return' ? 'pink.9' : undefined}>
            {t(`reports.decide.${decision}Confirm`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
