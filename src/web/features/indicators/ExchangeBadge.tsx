import { Badge, Tooltip } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ExchangeSource } from '../../../contracts/indicators.ts';

/**
 * "Tự động từ trao đổi thông tin": the indicator's figures are counted from the information
 * exchange (what is counted in the tooltip) and added to those typed in reports.
 */
export function ExchangeBadge({ source }: { source: ExchangeSource | null | undefined }) {
  const { t } = useTranslation();
  if (!source) return null;
  return (
    <Tooltip
      label={`${t(`reports.ind.sources.${source}`)}. ${t('reports.ind.sourceHint')}`}
      multiline
      w={320}
    >
      <Badge size="sm" variant="outline" color="violet.9" leftSection={<IconArrowsExchange size={12} />}>
        {t('reports.ind.autoBadge')}
      </Badge>
    </Tooltip>
  );
}
