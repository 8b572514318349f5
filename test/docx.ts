// Reads a DOCX in tests: unzips it (jszip) and walks word/document.xml, styles.xml and the
// headers, returning paragraphs with their style and effective run formatting, tables as text
// grids, the section's page size and margins. Enough to check an official document's format.
import JSZip from 'jszip';

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&amp;/g, '&');

/** A minimal XML parser for OOXML parts (no DTDs, no CDATA). */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  const re =
    /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|([^<]+)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const top = stack[stack.length - 1] as XmlNode;
    if (m[5] !== undefined) {
      top.text += decode(m[5]);
      continue;
    }
    if (!m[2]) continue;
    if (m[1]) {
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attrs[a[1] as string] = decode(a[2] ?? a[3] ?? '');
    }
    const node: XmlNode = { name: m[2], attrs, children: [], text: '' };
    top.children.push(node);
    if (!m[4]) stack.push(node);
  }
  return root;
}

const child = (n: XmlNode | undefined, name: string) => n?.children.find((c) => c.name === name);
const children = (n: XmlNode | undefined, name: string) => n?.children.filter((c) => c.name === name) ?? [];
function descendants(n: XmlNode, name: string, out: XmlNode[] = [], stopAt?: string): XmlNode[] {
  for (const c of n.children) {
    if (c.name === name) out.push(c);
    if (stopAt && c.name === stopAt) continue;
    descendants(c, name, out, stopAt);
  }
  return out;
}
const val = (n: XmlNode | undefined) => n?.attrs['w:val'];
/** <w:b/> on, <w:b w:val="false|0"/> off, absent undefined. */
const toggle = (n: XmlNode | undefined) =>
  n ? !['false', '0', 'off'].includes(n.attrs['w:val'] ?? 'true') : undefined;

interface RunProps {
  font?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  caps?: boolean;
}
function runProps(rPr: XmlNode | undefined): RunProps {
  if (!rPr) return {};
  const fonts = child(rPr, 'w:rFonts');
  const size = val(child(rPr, 'w:sz'));
  const u = child(rPr, 'w:u');
  const out: RunProps = {};
  const font = fonts?.attrs['w:ascii'] ?? fonts?.attrs['w:hAnsi'];
  if (font) out.font = font;
  if (size) out.size = Number(size);
  const b = toggle(child(rPr, 'w:b'));
  if (b !== undefined) out.bold = b;
  const i = toggle(child(rPr, 'w:i'));
  if (i !== undefined) out.italic = i;
  if (u) out.underline = val(u) !== 'none';
  const caps = toggle(child(rPr, 'w:caps'));
  if (caps !== undefined) out.caps = caps;
  return out;
}

export interface DocxStyle {
  id: string;
  name?: string;
  basedOn?: string;
  run: RunProps;
  alignment?: string;
  firstLineIndent?: number;
  spacingAfter?: number;
}

export interface DocxRun {
  text: string;
  /** Effective values: the run's own, else its paragraph style's (basedOn chain), else the defaults. */
  font?: string;
  /** Half-points. */
  size?: number;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

export interface DocxParagraph {
  text: string;
  style?: string;
  /** Effective alignment ("both" = justified). */
  alignment?: string;
  firstLineIndent?: number;
  spacingAfter?: number;
  numbered: boolean;
  inTable: boolean;
  runs: DocxRun[];
  /** A top or bottom border (the short lines of the header block). */
  border: boolean;
}

export interface DocxTable {
  rows: string[][];
  /** Rows marked "repeat as header row". */
  headerRows: number;
  /** cantSplit of every row. */
  cantSplit: boolean[];
  borderless: boolean;
}

export interface DocxSection {
  width: number;
  height: number;
  orientation: 'portrait' | 'landscape';
  margins: { top: number; bottom: number; left: number; right: number };
  titlePage: boolean;
}

export interface DocxContent {
  paragraphs: DocxParagraph[];
  /** Top-level tables (nested tables are flattened into their cells' text). */
  tables: DocxTable[];
  section: DocxSection;
  styles: Record<string, DocxStyle>;
  /** Header texts by type (default, first, even); fields show as their cached text. */
  headers: Record<string, { text: string; hasPageField: boolean }>;
  footers: Record<string, string>;
  /** All text, paragraphs joined by "\n". */
  text: string;
}

function paragraphText(p: XmlNode) {
  return descendants(p, 'w:t')
    .map((t) => t.text)
    .join('');
}

export async function readDocx(buffer: Buffer | Uint8Array): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (path: string) => {
    const f = zip.file(path);
    return f ? f.async('string') : null;
  };
  const documentXml = await read('word/document.xml');
  if (!documentXml) throw new Error('word/document.xml missing');
  const stylesXml = (await read('word/styles.xml')) ?? '<w:styles/>';

  // Styles and defaults.
  const stylesRoot = parseXml(stylesXml);
  const stylesNode = descendants(stylesRoot, 'w:styles')[0] ?? stylesRoot;
  const defaults = runProps(
    descendants(stylesNode, 'w:rPrDefault')[0]?.children.find((c) => c.name === 'w:rPr'),
  );
  const styles: Record<string, DocxStyle> = {};
  for (const s of descendants(stylesNode, 'w:style')) {
    const id = s.attrs['w:styleId'];
    if (!id) continue;
    const pPr = child(s, 'w:pPr');
    const ind = child(pPr, 'w:ind');
    const spacing = child(pPr, 'w:spacing');
    const style: DocxStyle = { id, run: runProps(child(s, 'w:rPr')) };
    const name = val(child(s, 'w:name'));
    if (name) style.name = name;
    const basedOn = val(child(s, 'w:basedOn'));
    if (basedOn) style.basedOn = basedOn;
    const jc = val(child(pPr, 'w:jc'));
    if (jc) style.alignment = jc;
    if (ind?.attrs['w:firstLine']) style.firstLineIndent = Number(ind.attrs['w:firstLine']);
    if (spacing?.attrs['w:after']) style.spacingAfter = Number(spacing.attrs['w:after']);
    styles[id] = style;
  }
  const styleChain = (id: string | undefined) => {
    const chain: DocxStyle[] = [];
    let cur = id ? styles[id] : styles.Normal;
    while (cur && chain.length < 10) {
      chain.push(cur);
      cur = cur.basedOn ? styles[cur.basedOn] : undefined;
    }
    if (id && !chain.some((s) => s.id === 'Normal') && styles.Normal) chain.push(styles.Normal);
    return chain;
  };
  const fromStyle = <K extends keyof DocxStyle>(id: string | undefined, key: K) =>
    styleChain(id).find((s) => s[key] !== undefined)?.[key];
  const runFromStyle = <K extends keyof RunProps>(id: string | undefined, key: K) =>
    styleChain(id).find((s) => s.run[key] !== undefined)?.run[key] ?? defaults[key];

  const root = parseXml(documentXml);
  const body = descendants(root, 'w:body')[0];
  if (!body) throw new Error('w:body missing');

  const paragraphs: DocxParagraph[] = [];
  const readParagraph = (p: XmlNode, inTable: boolean) => {
    const pPr = child(p, 'w:pPr');
    const styleId = val(child(pPr, 'w:pStyle'));
    const ind = child(pPr, 'w:ind');
    const spacing = child(pPr, 'w:spacing');
    const pBdr = child(pPr, 'w:pBdr');
    const runs: DocxRun[] = [];
    for (const r of descendants(p, 'w:r')) {
      const text = descendants(r, 'w:t')
        .map((t) => t.text)
        .join('');
      const own = runProps(child(r, 'w:rPr'));
      const font = own.font ?? runFromStyle(styleId, 'font');
      const size = own.size ?? runFromStyle(styleId, 'size');
      runs.push({
        text,
        ...(font ? { font } : {}),
        ...(size ? { size } : {}),
        bold: own.bold ?? runFromStyle(styleId, 'bold') ?? false,
        italic: own.italic ?? runFromStyle(styleId, 'italic') ?? false,
        underline: own.underline ?? runFromStyle(styleId, 'underline') ?? false,
      });
    }
    const para: DocxParagraph = {
      text: paragraphText(p),
      numbered: !!child(pPr, 'w:numPr'),
      inTable,
      runs,
      border: !!pBdr && pBdr.children.length > 0,
    };
    if (styleId) para.style = styleId;
    const alignment = val(child(pPr, 'w:jc')) ?? fromStyle(styleId, 'alignment');
    if (alignment) para.alignment = alignment;
    const firstLine = ind?.attrs['w:firstLine'];
    const fl = firstLine !== undefined ? Number(firstLine) : fromStyle(styleId, 'firstLineIndent');
    if (fl !== undefined) para.firstLineIndent = fl;
    const after = spacing?.attrs['w:after'];
    const sa = after !== undefined ? Number(after) : fromStyle(styleId, 'spacingAfter');
    if (sa !== undefined) para.spacingAfter = sa;
    paragraphs.push(para);
  };

  const tables: DocxTable[] = [];
  const walk = (n: XmlNode, inTable: boolean) => {
    for (const c of n.children) {
      if (c.name === 'w:p') readParagraph(c, inTable);
      else if (c.name === 'w:tbl') {
        if (!inTable) {
          const rows = children(c, 'w:tr');
          const tblBorders = child(child(c, 'w:tblPr'), 'w:tblBorders');
          tables.push({
            rows: rows.map((r) =>
              children(r, 'w:tc').map((tc) => descendants(tc, 'w:p').map(paragraphText).join('\n')),
            ),
            headerRows: rows.filter((r) => toggle(child(child(r, 'w:trPr'), 'w:tblHeader'))).length,
            cantSplit: rows.map((r) => toggle(child(child(r, 'w:trPr'), 'w:cantSplit')) ?? false),
            borderless:
              !!tblBorders &&
              tblBorders.children.every((b) => ['none', 'nil'].includes(b.attrs['w:val'] ?? '')),
          });
        }
        walk(c, true);
      } else if (c.name !== 'w:sectPr') walk(c, inTable);
    }
  };
  walk(body, false);

  const sectPr = descendants(body, 'w:sectPr').at(-1);
  const pgSz = child(sectPr, 'w:pgSz');
  const pgMar = child(sectPr, 'w:pgMar');
  const num = (n: XmlNode | undefined, a: string) => Number(n?.attrs[a] ?? Number.NaN);
  const section: DocxSection = {
    width: num(pgSz, 'w:w'),
    height: num(pgSz, 'w:h'),
    orientation: pgSz?.attrs['w:orient'] === 'landscape' ? 'landscape' : 'portrait',
    margins: {
      top: num(pgMar, 'w:top'),
      bottom: num(pgMar, 'w:bottom'),
      left: num(pgMar, 'w:left'),
      right: num(pgMar, 'w:right'),
    },
    titlePage: toggle(child(sectPr, 'w:titlePg')) ?? false,
  };

  // Headers and footers through the document's relationships.
  const relsXml = (await read('word/_rels/document.xml.rels')) ?? '';
  const rels = new Map<string, string>();
  for (const r of descendants(parseXml(relsXml), 'Relationship')) {
    if (r.attrs.Id && r.attrs.Target) rels.set(r.attrs.Id, r.attrs.Target);
  }
  const headers: DocxContent['headers'] = {};
  const footers: DocxContent['footers'] = {};
  for (const kind of ['w:headerReference', 'w:footerReference'] as const) {
    for (const ref of children(sectPr, kind)) {
      const target = rels.get(ref.attrs['r:id'] ?? '');
      const xml = target ? await read(`word/${target.replace(/^\/?word\//, '')}`) : null;
      if (!xml) continue;
      const part = parseXml(xml);
      const text = descendants(part, 'w:p').map(paragraphText).join('\n');
      const type = ref.attrs['w:type'] ?? 'default';
      if (kind === 'w:headerReference') {
        const hasPageField =
          descendants(part, 'w:instrText').some((i) => /PAGE/.test(i.text)) ||
          descendants(part, 'w:fldSimple').some((f) => /PAGE/.test(f.attrs['w:instr'] ?? ''));
        headers[type] = { text, hasPageField };
      } else footers[type] = text;
    }
  }

  return {
    paragraphs,
    tables,
    section,
    styles,
    headers,
    footers,
    text: paragraphs.map((p) => p.text).join('\n'),
  };
}

/** The first paragraph whose text matches (string: contains; RegExp: test). */
export function findParagraph(doc: DocxContent, match: string | RegExp): DocxParagraph | undefined {
  return doc.paragraphs.find((p) =>
    typeof match === 'string' ? p.text.includes(match) : match.test(p.text),
  );
}
