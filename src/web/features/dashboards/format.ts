// Figures of the dashboards in the Vietnamese convention whatever the interface language:
// 1.734 ; 12,5 ; 85,3 % (a non-breaking space before the sign, as Vietnamese typesetting does).

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const pctFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 1 });

export const NBSP = '\u00a0';

/** A figure, or "—" when there is none. */
export function fmtValue(value: number | null | undefined, valueType?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (valueType === 'percentage') return `${numberFormat.format(value)}${NBSP}%`;
  return numberFormat.format(value);
}

/** A share 0–100 (already a percentage) as "85,3 %". */
export function fmtPct(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '—';
  return `${pctFormat.format(pct)}${NBSP}%`;
}

/** A rate 0–1 as "85,3 %". */
export function fmtRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return fmtPct(Math.round(rate * 1000) / 10);
}

export interface Change {
  direction: 'up' | 'down' | 'same';
  /** Difference in the indicator's unit. */
  delta: number;
  /** Relative change in %, null when last year was 0. */
  pct: number | null;
}

/** Change from last year's figure to this one, or null when either is missing. */
export function changeOf(value: number | null, previous: number | null): Change | null {
  if (value === null || previous === null) return null;
  const delta = value - previous;
  return {
    direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same',
    delta,
    pct: previous === 0 ? null : Math.round((delta / Math.abs(previous)) * 1000) / 10,
  };
}
