import { Group, Pagination } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function Pager({
  total,
  pageSize,
  page,
  onChange,
}: {
  total: number;
  pageSize: number;
  page: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (total <= pageSize) return null;
  const labels = {
    first: t('common.firstPage'),
    previous: t('common.prevPage'),
    next: t('common.nextPage'),
    last: t('common.lastPage'),
  };
  return (
    <Group justify="center" p="sm">
      <Pagination
        total={Math.ceil(total / pageSize)}
        value={page}
        onChange={onChange}
        siblings={1}
        getControlProps={(control) => ({ 'aria-label': labels[control] })}
      />
    </Group>
  );
}
