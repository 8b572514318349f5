import { Button, FileButton, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../contracts/errors.ts';
import { ApiError, api } from '../../api.ts';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { type ReportDetail, repKeys } from './queries.ts';

/** "Dòng 7, cột C" from a path such as "C7", "Chỉ tiêu!C7" or "rows.6.C"; otherwise the path as sent. */
export function cellRef(path: string, t: (key: string, o?: Record<string, unknown>) => string): string {
  const a1 = /(?:^|!)\$?([A-Z]{1,3})\$?(\d+)$/.exec(path);
  if (a1) return t('reports.excel.at', { row: a1[2], column: a1[1] });
  return path;
}

/**
 * "Tải mẫu Excel" (the report's own template) and "Nhập từ Excel": the file is applied whole or
 * not at all; a refused file lists every error (row, column, reason) from the server.
 */
export function ExcelButtons({
  report,
  dirty,
  onImported,
}: {
  report: ReportDetail;
  dirty: boolean;
  onImported: (report: ReportDetail) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const narrow = useMediaQuery('(max-width: 36em)');
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<File | null>(null);
  const [problems, setProblems] = useState<{ message: string; fields: FieldError[] } | null>(null);
  const resetRef = useRef<() => void>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setPending(null);
    try {
      // The version seen: a report saved by someone else meanwhile answers 409, nothing applied.
      const body = new FormData();
      body.append('version', String(report.version));
      body.append('file', file, file.name);
      const out = await api.post<unknown>(`/api/reports/${report.id}/import`, body);
      if (typeof out === 'object' && out !== null && 'indicators' in out) onImported(out as ReportDetail);
      else await qc.invalidateQueries({ queryKey: repKeys.detail(report.id) });
      notifySuccess(t('reports.excel.imported', { name: file.name }));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 422 || e.code === 'XLSX_INVALID' || e.status === 415)) {
        setProblems({ message: e.message, fields: e.fields });
      } else if (isConflict(e)) {
        showApiError(e);
        await qc.invalidateQueries({ queryKey: repKeys.detail(report.id) });
      } else showApiError(e);
    } finally {
      setBusy(false);
      resetRef.current?.();
    }
  };

  return (
    <Group gap="xs">
      <Button
        component="a"
        href={`/api/reports/${report.id}/template.xlsx`}
        size="xs"
        variant="light"
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
      >
        {t('reports.excel.template')}
      </Button>
      {report.abilities.edit && (
        <FileButton
          resetRef={resetRef}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(file) => {
            if (!file) return;
            if (dirty) setPending(file);
            else void upload(file);
          }}
        >
          {(props) => (
            <Button
              {...props}
              size="xs"
              variant="light"
              loading={busy}
              leftSection={<IconUpload size={16} aria-hidden />}
            >
              {t('reports.excel.import')}
            </Button>
          )}
        </FileButton>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={t('reports.excel.confirmTitle')}
      >
        <Stack>
          <Text size="sm">{t('reports.excel.confirmUnsaved')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => pending && void upload(pending)}>{t('reports.excel.importAnyway')}</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={problems !== null}
        onClose={() => setProblems(null)}
        title={t('reports.excel.refusedTitle')}
        size="lg"
        fullScreen={narrow}
      >
        {problems && (
          <Stack gap="sm">
            <Text size="sm" role="alert">
              {problems.message} {t('reports.excel.nothingApplied')}
            </Text>
            {problems.fields.length > 0 && (
              <ScrollArea.Autosize mah={420}>
                <Table striped verticalSpacing={4} data-testid="import-errors">
                  <caption style={{ captionSide: 'top', textAlign: 'start' }}>
                    {t('reports.excel.errorCount', { count: problems.fields.length })}
                  </caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('reports.excel.where')}</Table.Th>
                      <Table.Th scope="col">{t('reports.excel.reason')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {problems.fields.map((f, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from one answer
                      <Table.Tr key={i}>
                        <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
                          {cellRef(f.path, t)}
                        </Table.Td>
                        <Table.Td fz="sm">{f.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            )}
            <Group justify="flex-end">
              <Button onClick={() => setProblems(null)}>{t('common.close')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Group>
  );
}
