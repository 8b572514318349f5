import { Badge, Mark, Progress } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementSummary } from '../../../contracts/agreements.ts';
import type { Task } from '../../../contracts/tasks.ts';
import { foldVietnamese } from '../../../contracts/text.ts';

const KIND_COLORS = { program: 'blue', regulation: 'grape', plan: 'teal', other: 'gray' } as const;
// Filled badges carry white text: shades chosen for a contrast of at least 4.5:1 (WCAG AA).
const STATUS_COLORS = {
  draft: 'gray.7',
  consultation: 'violet.8',
  signed: 'blue.8',
  in_effect: 'teal.9',
  ended: 'dark',
  superseded: 'pink.9',
} as const;
const TASK_COLORS = {
  not_started: 'gray',
  in_progress: 'blue',
  done: 'green',
  done_late: 'lime',
  cancelled: 'dark',
} as const;

export function KindBadge({ kind }: { kind: AgreementSummary['kind'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={KIND_COLORS[kind]}>
      {t(`agr.kinds.${kind}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: AgreementSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={STATUS_COLORS[status]}>
      {t(`agr.statuses.${status}`)}
    </Badge>
  );
}

export function TaskStatusBadge({ task }: { task: Pick<Task, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge variant="light" color={TASK_COLORS[task.status]}>
        {t(`tasks.statuses.${task.status}`)}
      </Badge>
      {task.overdue && (
        <Badge variant="filled" color="red.9" ml={4}>
          {t('tasks.overdue')}
        </Badge>
      )}
    </>
  );
}

export function TaskProgress({ value }: { value: number }) {
  const { t } = useTranslation();
  return <Progress value={value} size="md" aria-label={`${t('tasks.progress')}: ${value}%`} />;
}

/** The full name: abbreviations ("ĐBP", "UBND") are shared by many units and tell them apart poorly. */
export function unitName(u: { name: string }) {
  return u.name;
}

/** Marks the words of `text` whose folded form contains a folded query word. */
export function Highlight({ text, query }: { text: string; query: string }) {
  const words = foldVietnamese(query).split(' ').filter(Boolean);
  if (words.length === 0) return <>{text}</>;
  const parts = text.split(/(\s+)/);
  return (
    <>
      {parts.map((part, i) => {
        const folded = foldVietnamese(part);
        const hit = folded && words.some((w) => folded.includes(w) || w.includes(folded));
        return hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: static split of one string
          <Mark key={i}>{part}</Mark>
        ) : (
          part
        );
      })}
    </>
  );
}
