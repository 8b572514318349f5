// Vietnamese text helpers shared by server and web. Search ignores diacritics and case:
// "dan toc" finds "Dân tộc"; đ/Đ fold to d, which Unicode decomposition alone does not do.
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Abbreviations used in unit names, both ways: an index built from either form finds the
// other ("bien phong" finds "BĐBP", "bdbp" finds "Bộ đội Biên phòng"). Folded forms.
const ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = [
  ['bdbp', 'bo doi bien phong'],
  ['bchqs', 'bo chi huy quan su'],
  ['chqs', 'chi huy quan su'],
  ['kt qp', 'kinh te quoc phong'],
  ['ktqp', 'kinh te quoc phong'],
  ['ubnd', 'uy ban nhan dan'],
  ['hdnd', 'hoi dong nhan dan'],
  ['mttq', 'mat tran to quoc'],
  ['qk', 'quan khu'],
  ['tp', 'thanh pho'],
  ['dbp', 'don bien phong'],
];

/** Folded text plus the expansions of any abbreviation it contains, for the search index. */
export function searchIndexText(...parts: Array<string | null | undefined>): string {
  const folded = foldVietnamese(parts.filter(Boolean).join(' '));
  const padded = ` ${folded} `;
  const extra: string[] = [];
  for (const [abbr, long] of ABBREVIATIONS) {
    if (padded.includes(` ${abbr} `)) extra.push(long);
    if (padded.includes(` ${long} `)) extra.push(abbr);
  }
  return [folded, ...extra].join(' ');
}

/** Query tokens, each of which must appear in the index text. */
export function searchTokens(query: string): string[] {
  return foldVietnamese(query).split(' ').filter(Boolean).slice(0, 12);
}

/**
 * The key a value's location (xã, phường…) is compared by when an indicator de-duplicates by
 * location: the exact words WITH their diacritics (Unicode NFC, so a decomposed "ã" typed on
 * another keyboard is the same letter), lowercased, trimmed, inner runs of spaces made one — so
 * "Xã Tả Gia Khâu" and " XÃ  TẢ GIA KHÂU " are one commune, but "Kỳ Quảng" and "Kỳ Quang" (or
 * "xa ta gia khau") are not: diacritics tell Vietnamese place names apart. Administrative
 * prefixes are kept ("Thị trấn Mường Khương" and "Xã Mường Khương" were different places).
 */
export function locationKey(location: string | null | undefined): string {
  return location ? location.toLowerCase().normalize('NFC').replace(/\s+/g, ' ').trim() : '';
}
