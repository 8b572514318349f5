// Small helpers to print benchmark figures as aligned tables and to judge them against targets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type Cell = string | number | null | undefined;

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function min(values: number[]): number {
  return values.length ? Math.min(...values) : Number.NaN;
}

/** Formats a number with a fixed count of decimals; non-numbers pass through. */
export function fmt(value: Cell, decimals = 0): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export interface Target {
  /** Human text, e.g. "≤ 5000 ms". */
  label: string;
  pass: boolean;
}

/** A ceiling (value ≤ limit) or a floor (value ≥ limit). */
export function target(value: number, op: '<=' | '>=', limit: number, unit = ''): Target {
  const pass = Number.isFinite(value) && (op === '<=' ? value <= limit : value >= limit);
  return { label: `${op === '<=' ? '≤' : '≥'} ${limit}${unit}`, pass };
}

export const verdict = (t: Target | undefined): string => (t ? (t.pass ? 'PASS' : 'MISS') : '');

/** Prints a titled table; numeric-looking columns are right-aligned. */
export function printTable(title: string, header: string[], rows: Cell[][]): void {
  const text = rows.map((r) => header.map((_, i) => fmt(r[i])));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => r[i]!.length)));
  const numeric = header.map((_, i) => text.every((r) => /^[-—\d.,%x ]*$/.test(r[i]!)));
  const line = (cells: string[]) =>
    `│ ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' │ ')} │`;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  console.log(`\n${title}`);
  console.log(rule('┌', '┬', '┐'));
  console.log(line(header));
  console.log(rule('├', '┼', '┤'));
  for (const r of text) console.log(line(r));
  console.log(rule('└', '┴', '┘'));
}

export function writeJson(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}
