// Reporting periods (kỳ báo cáo) as stable string keys, with their dates and Vietnamese labels.
// Pure functions shared by the server (report rows, roll-ups, deadlines) and the web app.
//
//   month  "2024-05"    → Tháng 5/2024
//   quarter "2024-Q2"   → Quý II/2024
//   half   "2024-H1"    → 6 tháng đầu năm 2024   ("2024-H2" → 6 tháng cuối năm 2024)
//   year   "2024"       → Năm 2024
//   phase  "2022-2025"  → Giai đoạn 2022–2025

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year', 'phase'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  key: string;
  /** First and last day, ISO dates. */
  start: string;
  end: string;
  /** The year the period starts in (a phase: its first year). */
  year: number;
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
const validYear = (y: number) => Number.isInteger(y) && y >= 1990 && y <= 2100;

function build(
  kind: PeriodKind,
  year: number,
  fromMonth: number,
  toYear: number,
  toMonth: number,
): Omit<Period, 'key' | 'label'> {
  return { kind, year, start: iso(year, fromMonth, 1), end: iso(toYear, toMonth, lastDay(toYear, toMonth)) };
}

/** The period a key names, or null when the key is not one. */
export function parsePeriod(key: string, locale: 'vi' | 'en' = 'vi'): Period | null {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (!validYear(y) || mo < 1 || mo > 12) return null;
    const label = locale === 'vi' ? `Tháng ${mo}/${y}` : `${pad(mo)}/${y}`;
    return { ...build('month', y, mo, y, mo), key, label };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    if (!validYear(y)) return null;
    const label = locale === 'vi' ? `Quý ${ROMAN[q - 1]}/${y}` : `Q${q} ${y}`;
    return { ...build('quarter', y, q * 3 - 2, y, q * 3), key, label };
  }
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) {
    const [y, h] = [Number(m[1]), Number(m[2])];
    if (!validYear(y)) return null;
    const label =
      locale === 'vi'
        ? `6 tháng ${h === 1 ? 'đầu' : 'cuối'} năm ${y}`
        : `${h === 1 ? 'First' : 'Second'} half of ${y}`;
    return { ...build('half', y, h === 1 ? 1 : 7, y, h === 1 ? 6 : 12), key, label };
  }
  m = /^(\d{4})$/.exec(key);
  if (m) {
    const y = Number(m[1]);
    if (!validYear(y)) return null;
    return { ...build('year', y, 1, y, 12), key, label: locale === 'vi' ? `Năm ${y}` : `Year ${y}` };
  }
  m = /^(\d{4})-(\d{4})$/.exec(key);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (!validYear(a) || !validYear(b) || b < a) return null;
    const label = locale === 'vi' ? `Giai đoạn ${a}–${b}` : `Phase ${a}–${b}`;
    return { ...build('phase', a, 1, b, 12), key, label };
  }
  return null;
}

export function periodLabel(key: string, locale: 'vi' | 'en' = 'vi'): string {
  return parsePeriod(key, locale)?.label ?? key;
}

/** The key of the period of this kind that contains the date (a phase needs its years). */
export function periodKeyOf(kind: Exclude<PeriodKind, 'phase'>, date: string): string {
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  switch (kind) {
    case 'month':
      return `${y}-${pad(mo)}`;
    case 'quarter':
      return `${y}-Q${Math.ceil(mo / 3)}`;
    case 'half':
      return `${y}-H${mo <= 6 ? 1 : 2}`;
    case 'year':
      return `${y}`;
  }
}

/** Every period of a kind in the given years, in order (a phase: the whole range once). */
export function periodsBetween(kind: PeriodKind, fromYear: number, toYear: number): string[] {
  const out: string[] = [];
  if (kind === 'phase') return [`${fromYear}-${toYear}`];
  for (let y = fromYear; y <= toYear; y++) {
    if (kind === 'year') out.push(`${y}`);
    if (kind === 'half') out.push(`${y}-H1`, `${y}-H2`);
    if (kind === 'quarter') for (let q = 1; q <= 4; q++) out.push(`${y}-Q${q}`);
    if (kind === 'month') for (let mo = 1; mo <= 12; mo++) out.push(`${y}-${pad(mo)}`);
  }
  return out;
}

/** The same period one year earlier ("2024-Q2" → "2023-Q2"); a phase has none. */
export function samePeriodLastYear(key: string): string | null {
  const p = parsePeriod(key);
  if (!p || p.kind === 'phase') return null;
  return `${p.year - 1}${key.slice(4)}`;
}

/** The period just before ("2024-Q1" → "2023-Q4"); a phase has none. */
export function previousPeriod(key: string): string | null {
  const p = parsePeriod(key);
  if (!p || p.kind === 'phase') return null;
  const day = new Date(`${p.start}T00:00:00Z`);
  day.setUTCDate(0);
  return periodKeyOf(p.kind, day.toISOString().slice(0, 10));
}

/** Whether `inner` lies wholly inside `outer` (by dates). */
export function periodContains(outer: string, inner: string): boolean {
  const a = parsePeriod(outer);
  const b = parsePeriod(inner);
  return !!a && !!b && a.start <= b.start && b.end <= a.end;
}

/**
 * A deadline rule ("ngày 20 của tháng cuối kỳ"): day of month, counted from the period's last
 * month (offset 0) or a later one (offset 1: the month after the period). The day is clamped
 * to the month's length (31 → 30 April).
 */
export interface DeadlineRule {
  day: number;
  monthOffset: number;
}

export function deadlineOf(key: string, rule: DeadlineRule): string | null {
  const p = parsePeriod(key);
  if (!p) return null;
  let y = Number(p.end.slice(0, 4));
  let mo = Number(p.end.slice(5, 7)) + rule.monthOffset;
  while (mo > 12) {
    mo -= 12;
    y += 1;
  }
  return iso(y, mo, Math.min(rule.day, lastDay(y, mo)));
}
