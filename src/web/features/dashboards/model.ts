// Pure logic of the dashboards (years offered, the drill-down of the roll-up tree, overdue
// reports from the status matrices), kept apart from the components so it is unit-tested.
import type { MatrixOut, RollupNode, RollupValue } from './queries.ts';

/** Years offered, newest first: the given range, or the last five years up to this one. */
export function yearRange(from: number | null, to: number | null, now = new Date().getFullYear()): number[] {
  const first = from ?? now - 4;
  const last = Math.max(first, to ?? now);
  const out: number[] = [];
  for (let y = last; y >= first; y--) out.push(y);
  return out;
}

/** The year shown first: this year when offered, else the nearest end of the range. */
export function defaultYear(years: number[], now = new Date().getFullYear()): number {
  if (years.includes(now)) return now;
  const newest = years[0] ?? now;
  const oldest = years[years.length - 1] ?? now;
  return now > newest ? newest : oldest;
}

const yearOf = (d: string | null) => (d ? Number(d.slice(0, 4)) : null);

/** The years an agreement runs: a plan its year, a program its phase (open-ended: up to now). */
export function agreementYears(
  a: { year: number | null; validFrom: string | null; validTo: string | null },
  now = new Date().getFullYear(),
): number[] {
  if (a.year) return yearRange(a.year, a.year, now);
  return yearRange(yearOf(a.validFrom), yearOf(a.validTo), now);
}

/**
 * What the dashboard shows at a point of the drill-down: the figures of the selected node (the
 * agreement's totals at the top) and the nodes one level below it. A `limited` viewer (a
 * subordinate unit) has no agreement totals: at the top, a single own unit stands for the whole.
 */
export function drillView(
  nodes: RollupNode[],
  totals: RollupValue[],
  currentId: number | undefined,
  limited = false,
): { values: RollupValue[]; children: RollupNode[]; found: boolean } {
  if (currentId === undefined) {
    const ids = new Set(nodes.map((n) => n.unit.id));
    const roots = nodes.filter((n) => n.unit.parentId === null || !ids.has(n.unit.parentId));
    const only = roots.length === 1 ? roots[0] : undefined;
    if (limited && only) {
      return {
        values: only.values,
        children: nodes.filter((n) => n.unit.parentId === only.unit.id),
        found: true,
      };
    }
    return { values: limited ? [] : totals, children: roots, found: true };
  }
  const node = nodes.find((n) => n.unit.id === currentId);
  return {
    values: node?.values ?? [],
    children: nodes.filter((n) => n.unit.parentId === currentId),
    found: node !== undefined,
  };
}

export interface OverdueReport {
  key: string;
  formName: string;
  unitName: string;
  periodLabel: string;
  dueDate: string;
  state: 'overdue' | 'draft' | 'returned';
  reportId: number | null;
}

/** Cells of the matrices past their deadline with nothing submitted, the oldest first. */
export function overdueReports(
  matrices: Array<{ formName: string; matrix: MatrixOut }>,
  today: string,
  label: (p: { key: string; label: string }) => string = (p) => p.label,
): OverdueReport[] {
  const out: OverdueReport[] = [];
  for (const { formName, matrix } of matrices) {
    for (const row of matrix.rows) {
      row.cells.forEach((cell, i) => {
        const period = matrix.periods[i];
        if (!period) return;
        const late =
          cell.state === 'overdue' ||
          ((cell.state === 'draft' || cell.state === 'returned') && period.dueDate < today);
        if (!late) return;
        out.push({
          key: `${matrix.formId}-${row.unit.id}-${period.key}`,
          formName,
          unitName: row.unit.name,
          periodLabel: label(period),
          dueDate: period.dueDate,
          state: cell.state as OverdueReport['state'],
          reportId: cell.reportId,
        });
      });
    }
  }
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.unitName.localeCompare(b.unitName, 'vi'));
}

/** A roll-up without a single figure of the year (nothing approved yet). */
export function isEmptyRollup(r: { totals: RollupValue[]; nodes: RollupNode[] }): boolean {
  const none = (values: RollupValue[]) => values.every((v) => v.value === null);
  return none(r.totals) && r.nodes.every((n) => none(n.values));
}

// Common words of unit names shortened the way officials write them, for chart axes only (the
// tables keep the full names; a unit's own shortName such as "ĐBP" is shared by many units).
const AXIS_ABBREVIATIONS: Array<[RegExp, string]> = [
  [/^Bộ Chỉ huy Bộ đội Biên phòng/u, 'BCH BĐBP'],
  [/^Đồn Biên phòng Cửa khẩu Quốc tế/u, 'Đồn BP CKQT'],
  [/^Đồn Biên phòng Cửa khẩu/u, 'Đồn BP CK'],
  [/^Đồn Biên phòng/u, 'Đồn BP'],
  [/^Ủy ban nhân dân/u, 'UBND'],
  [/^Sở Dân tộc và Tôn giáo/u, 'Sở DT&TG'],
];

/** A unit's name short enough for a chart axis. */
export function axisUnitLabel(name: string, max = 28): string {
  let out = name;
  for (const [re, short] of AXIS_ABBREVIATIONS) {
    if (re.test(out)) {
      out = out.replace(re, short);
      break;
    }
  }
  return out.length > max ? `${out.slice(0, max - 1).trimEnd()}…` : out;
}
