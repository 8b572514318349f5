import { Button } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api.ts';

type Filters = Parameters<typeof withQuery>[1];

/** "Xuất Excel": GET /api/tasks/export.xlsx with the same filters as the list shown. */
export function ExportTasksButton({ filters, size }: { filters: Filters; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <Button
      component="a"
      href={withQuery('/api/tasks/export.xlsx', filters)}
      variant="light"
      size={size}
      leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
    >
      {t('agr.exportXlsx')}
    </Button>
  );
}
