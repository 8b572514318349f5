import type { Timeframe } from '../../../contracts/tasks.ts';
import type { tasks } from '../../db/schema/index.ts';

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
