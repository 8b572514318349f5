import type { Timeframe } from '../../../contracts/tasks.ts';
import { searchIndexText } from '../../../contracts/text.ts';
import type { tasks } from '../../db/schema/index.ts';
import { invalidField } from '../../lib/errors.ts';
import { resolveTimeframe } from './timeframes.ts';

type TaskRow = typeof tasks.$inferSelect;

/** Rebuilds the time frame as written from its stored kind and resolved dates. */
export function storedTimeframe(
  t: Pick<TaskRow, 'timeframeKind' | 'recurrence' | 'startDate' | 'dueDate'>,
): Timeframe {
  const due = t.dueDate ?? '1990-12-31';
  const year = Number((t.startDate ?? due).slice(0, 4));
  const month = Number((t.startDate ?? due).slice(5, 7));
  switch (t.timeframeKind) {
    case 'date':
      return { kind: 'date', due };
    case 'range':
      return { kind: 'range', start: t.startDate ?? due, due };
    case 'quarter':
      return { kind: 'quarter', year, quarter: Math.floor((month - 1) / 3) + 1 };
    case 'half':
      return { kind: 'half', year, half: month <= 6 ? 1 : 2 };
    case 'year':
      return { kind: 'year', year };
    case 'recurring':
      return { kind: 'recurring', year, recurrence: t.recurrence ?? 'ongoing' };
  }
}

/** The stored columns of a time frame as written (a range must not end before it starts). */
export function timeframeColumns(tf: Timeframe) {
  if (tf.kind === 'range' && tf.due < tf.start) {
    throw invalidField('timeframe.due', 'Ngày kết thúc không được trước ngày bắt đầu.');
  }
  const { startDate, dueDate } = resolveTimeframe(tf);
  return {
    timeframeKind: tf.kind,
    recurrence: tf.kind === 'recurring' ? tf.recurrence : null,
    startDate,
    dueDate,
  };
}

export const taskSearchText = (t: {
  title: string;
  description: string | null;
  expectedOutput: string | null;
}) => searchIndexText([t.title, t.description ?? '', t.expectedOutput ?? ''].join(' '));
