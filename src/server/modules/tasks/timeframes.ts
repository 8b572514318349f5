import type { Timeframe } from '../../../contracts/tasks.ts';
import { viDate } from '../../lib/time.ts';

// Resolving a plan's time frame ("Quý II/2024", "6 tháng đầu năm", "thường xuyên") to
// Vietnamese calendar dates, its occurrences when recurring, and the label users read.

export interface ResolvedTimeframe {
  startDate: string | null;
  dueDate: string;
}

export interface Occurrence {
  periodLabel: string;
  dueDate: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** Last day of a month (month 1..12) as YYYY-MM-DD. */
export function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(day)}`;
}

const firstDay = (year: number, month: number) => `${year}-${pad(month)}-01`;

export function resolveTimeframe(tf: Timeframe): ResolvedTimeframe {
  switch (tf.kind) {
    case 'date':
      return { startDate: null, dueDate: tf.due };
    case 'range':
      return { startDate: tf.start, dueDate: tf.due };
    case 'quarter': {
      const m = (tf.quarter - 1) * 3 + 1;
      return { startDate: firstDay(tf.year, m), dueDate: lastDayOfMonth(tf.year, m + 2) };
    }
    case 'half': {
      const m = tf.half === 1 ? 1 : 7;
      return { startDate: firstDay(tf.year, m), dueDate: lastDayOfMonth(tf.year, m + 5) };
    }
    case 'year':
    case 'recurring':
      return { startDate: firstDay(tf.year, 1), dueDate: lastDayOfMonth(tf.year, 12) };
  }
}

export function timeframeOccurrences(tf: Timeframe): Occurrence[] {
  if (tf.kind !== 'recurring') return [];
  if (tf.recurrence === 'monthly') {
    return Array.from({ length: 12 }, (_, i) => ({
      periodLabel: `Tháng ${i + 1}/${tf.year}`,
      dueDate: lastDayOfMonth(tf.year, i + 1),
    }));
  }
  if (tf.recurrence === 'quarterly') {
    return ROMAN.map((r, i) => ({
      periodLabel: `Quý ${r}/${tf.year}`,
      dueDate: lastDayOfMonth(tf.year, (i + 1) * 3),
    }));
  }
  return [];
}

export function timeframeLabel(tf: Timeframe): string {
  switch (tf.kind) {
    case 'date':
      return `Trước ${viDate(tf.due)}`;
    case 'range':
      return `${viDate(tf.start)} – ${viDate(tf.due)}`;
    case 'quarter':
      return `Quý ${ROMAN[tf.quarter - 1]}/${tf.year}`;
    case 'half':
      return `6 tháng ${tf.half === 1 ? 'đầu' : 'cuối'} năm ${tf.year}`;
    case 'year':
      return `Năm ${tf.year}`;
    case 'recurring':
      return tf.recurrence === 'monthly'
        ? 'Hằng tháng'
        : tf.recurrence === 'quarterly'
          ? 'Hằng quý'
          : 'Thường xuyên';
  }
}

/** The same time frame moved by whole years (roll-over to next year's plan). */
export function shiftTimeframe(tf: Timeframe, years: number): Timeframe {
  const shift = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    const ny = y + years;
    const last = Number(lastDayOfMonth(ny, m).slice(8));
    return `${ny}-${pad(m)}-${pad(Math.min(d, last))}`;
  };
  switch (tf.kind) {
    case 'date':
      return { kind: 'date', due: shift(tf.due) };
    case 'range':
      return { kind: 'range', start: shift(tf.start), due: shift(tf.due) };
    default:
      return { ...tf, year: tf.year + years };
  }
}
