import { Alert, Button, Group, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile, pdfUrl } from './download.ts';

export interface DocLink {
  /** The .docx (or .xlsx) route. */
  url: string;
  label: string;
  fallbackName: string;
  /** Offer the PDF made from the DOCX. */
  pdf?: boolean;
}

/** "Giấy mời (DOCX)" → "Giấy mời" (the PDF option names the document, not the Word file). */
const baseName = (label: string) => label.replace(/\s*\((DOCX|Excel)\)$/, '');

function useDownload() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (url: string, name: string) => {
    setBusy(url);
    setError(null);
    try {
      await downloadFile(url, name);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, setError, run };
}

/** A row of document buttons (DOCX, and its PDF next to it); the server's message on failure. */
export function DocButtons({ docs }: { docs: DocLink[] }) {
  const { t } = useTranslation();
  const { busy, error, setError, run } = useDownload();
  return (
    <div>
      <Group gap="xs" wrap="wrap">
        {docs.map((d) => (
          <Group key={d.url} gap={0} wrap="nowrap">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconDownload size={14} aria-hidden />}
              loading={busy === d.url}
              onClick={() => void run(d.url, d.fallbackName)}
              style={d.pdf ? { borderTopRightRadius: 0, borderBottomRightRadius: 0 } : undefined}
            >
              {d.label}
            </Button>
            {d.pdf && (
              <Button
                size="xs"
                variant="default"
                aria-label={t('meetings.docs.pdfOf', { name: baseName(d.label) })}
                title={t('meetings.docs.pdfOf', { name: baseName(d.label) })}
                loading={busy === pdfUrl(d.url)}
                onClick={() => void run(pdfUrl(d.url), d.fallbackName.replace(/\.docx$/, '.pdf'))}
                style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0 }}
                leftSection={<IconFileTypePdf size={14} aria-hidden />}
              >
                {t('meetings.docs.pdfShort')}
              </Button>
            )}
          </Group>
        ))}
      </Group>
      {error && (
        <Alert
          color="red"
          mt="xs"
          role="alert"
          title={t('meetings.docs.failed')}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setError(null)}
        >
          {error}
        </Alert>
      )}
    </div>
  );
}

/** "Văn bản" menu of an agreement: its text and its yearly plan, as DOCX/PDF/XLSX. */
export function AgreementDocsMenu({ agreementId, isPlan }: { agreementId: number; isPlan: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const base = `/api/agreements/${agreementId}`;
  const items: DocLink[] = [
    {
      url: `${base}/document.docx`,
      label: t('meetings.docs.agreement'),
      fallbackName: 'van-ban.docx',
      pdf: true,
    },
    ...(isPlan
      ? [
          {
            url: `${base}/plan.docx`,
            label: t('meetings.docs.planDocx'),
            fallbackName: 'ke-hoach.docx',
            pdf: true,
          },
          { url: `${base}/plan.xlsx`, label: t('meetings.docs.planXlsx'), fallbackName: 'ke-hoach.xlsx' },
        ]
      : []),
  ];
  const run = async (url: string, name: string) => {
    setBusy(true);
    try {
      await downloadFile(url, name);
    } catch (e) {
      notifications.show({
        color: 'red',
        title: t('meetings.docs.failed'),
        message: e instanceof Error ? e.message : String(e),
        autoClose: 10_000,
        closeButtonProps: { 'aria-label': t('common.close') },
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="xs"
          variant="default"
          loading={busy}
          leftSection={<IconDownload size={14} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
        >
          {t('meetings.docs.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {items.flatMap((d) => [
          <Menu.Item
            key={d.url}
            leftSection={<IconDownload size={14} aria-hidden />}
            onClick={() => void run(d.url, d.fallbackName)}
          >
            {d.label}
          </Menu.Item>,
          ...(d.pdf
            ? [
                <Menu.Item
                  key={`${d.url}-pdf`}
                  leftSection={<IconFileTypePdf size={14} aria-hidden />}
                  onClick={() => void run(pdfUrl(d.url), d.fallbackName.replace(/\.docx$/, '.pdf'))}
                >
                  {t('meetings.docs.pdf', { name: baseName(d.label) })}
                </Menu.Item>,
              ]
            : []),
        ])}
      </Menu.Dropdown>
    </Menu>
  );
}
