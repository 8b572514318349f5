import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Sensitivity } from '../../../contracts/exchange.ts';
import { formatDate } from '../../format.ts';
import { ackSummary, type Bulletin, type BulletinKind, isoToday, requestState } from './model.ts';

const KIND_COLORS: Record<BulletinKind, string> = {
  security_situation: 'red.9',
  ethnic_affairs: 'grape.9',
  disaster: 'pink.9',
  tip_off: 'blue.8',
  coordination_request: 'teal.9',
  reply: 'gray.7',
};

export function KindBadge({ kind }: { kind: BulletinKind }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={KIND_COLORS[kind]} size="sm">
      {t(`exchange.kinds.${kind}`)}
    </Badge>
  );
}

const SENSITIVITY_COLORS: Record<Sensitivity, string> = {
  thuong: 'gray',
  noi_bo: 'indigo',
  han_che: 'red',
};

export function SensitivityBadge({ value }: { value: Sensitivity }) {
  const { t } = useTranslation();
  const label = t(`exchange.sensitivities.${value}`);
  return (
    <Badge
      variant="light"
      color={SENSITIVITY_COLORS[value]}
      size="sm"
      title={t('exchange.sensitivityLabel', { label })}
    >
      {label}
    </Badge>
  );
}

/** "2/3 đơn vị đã nhận" (green when all have acknowledged). */
export function AckStatus({ bulletin }: { bulletin: Pick<Bulletin, 'recipients'> }) {
  const { t } = useTranslation();
  const { acked, total } = ackSummary(bulletin);
  const done = total > 0 && acked === total;
  return (
    <Text size="xs" c={done ? 'teal.9' : 'dark.7'} fw={600} data-testid="ack-status">
      {t('exchange.ackCount', { acked, total })}
    </Text>
  );
}

/** Open coordination request with its deadline (red when overdue), or when it was answered. */
export function RequestStatus({ bulletin }: { bulletin: Bulletin }) {
  const { t } = useTranslation();
  const state = requestState(bulletin, isoToday());
  if (state === 'none') return null;
  if (state === 'answered')
    return (
      <Text size="xs" c="teal.9">
        {t('exchange.answered', { date: formatDate(bulletin.answeredAt) })}
      </Text>
    );
  return (
    <Text size="xs" c={state === 'overdue' ? 'red.9' : 'dark'} fw={state === 'overdue' ? 700 : 500}>
      {t(state === 'overdue' ? 'exchange.overdueRequest' : 'exchange.openRequest', {
        date: formatDate(bulletin.respondBy),
      })}
    </Text>
  );
}
