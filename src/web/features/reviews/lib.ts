// Pure helpers of the review screens (no i18n, no DOM): unit-tested in lib.unit.test.ts.
import { parsePeriod, periodLabel } from '../../../contracts/periods.ts';

interface AgreementYears {
  validFrom: string | null;
  validTo: string | null;
  year: number | null;
  signedOn: string | null;
  plans: Array<{ year: number | null }>;
}

/**
 * Years an agreement runs (to this year at most), newest first: its validity, else its year,
 * else from its first plan or signing (an open-ended program: the last five years at least).
 */
export function yearsOf(a: AgreementYears, now = new Date().getFullYear()): number[] {
  const known = [
    ...a.plans.map((p) => p.year).filter((y): y is number => y !== null),
    ...(a.signedOn ? [Number(a.signedOn.slice(0, 4))] : []),
  ];
  const from = a.validFrom
    ? Number(a.validFrom.slice(0, 4))
    : (a.year ?? (known.length > 0 ? Math.min(...known, now - 5) : now - 5));
  const to = Math.min(a.validTo ? Number(a.validTo.slice(0, 4)) : (a.year ?? now), now);
  const out: number[] = [];
  for (let y = to; y >= from && out.length < 20; y--) out.push(y);
  return out;
}

/** The periods offered: the whole phase of a multi-year agreement, then each year and its first half. */
export function reviewPeriods(a: AgreementYears, now = new Date().getFullYear()): string[] {
  const out: string[] = [];
  const from = a.validFrom ? Number(a.validFrom.slice(0, 4)) : null;
  const to = a.validTo ? Number(a.validTo.slice(0, 4)) : null;
  if (from && to && to > from) out.push(`${from}-${to}`);
  for (const y of yearsOf(a, now)) out.push(`${y}`, `${y}-H1`);
  return out;
}

/**
 * What a review of the period is called: a final review (tổng kết) of a phase, an interim one
 * (sơ kết) otherwise, with the period as it reads inside a sentence ("năm 2023",
 * "6 tháng đầu năm 2024", "giai đoạn 2022–2025").
 */
export function reviewPhrase(
  period: string,
  locale: 'vi' | 'en',
): { kind: 'interim' | 'final'; phrase: string } {
  const label = periodLabel(period, locale);
  const phrase = locale === 'vi' ? label.charAt(0).toLocaleLowerCase('vi') + label.slice(1) : label;
  return { kind: parsePeriod(period)?.kind === 'phase' ? 'final' : 'interim', phrase };
}

/** The file name a Content-Disposition header gives (RFC 5987 `filename*` first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/** "+12", "−5", "0" with Vietnamese separators. */
export function signed(n: number, format: (n: number) => string): string {
  if (n > 0) return `+${format(n)}`;
  if (n < 0) return `−${format(-n)}`;
  return '0';
}
