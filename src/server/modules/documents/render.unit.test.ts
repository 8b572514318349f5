import { describe, expect, it } from 'vitest';
import { findParagraph, readDocx } from '../../../../test/docx.ts';
import type { OfficialDocument } from '../../../contracts/documents.ts';
import { profileForUnit } from './profiles.ts';
import { formatDateLine, formatDocNumber, renderDocx } from './render.ts';

const base: OfficialDocument = {
  profile: 'state',
  issuer: {
    parentName: 'Bộ Tư lệnh Bộ đội Biên phòng',
    name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai',
    abbreviation: 'BĐBP',
  },
  type: 'BC',
  number: '5',
  place: 'Lào Cai',
  date: '2024-01-03',
  subject: 'Kết quả thực hiện Chương trình phối hợp năm 2023 tại xã Tả Gia Khâu',
  legalBases: [
    'Căn cứ Luật Biên phòng Việt Nam năm 2020;',
    'Căn cứ Chương trình phối hợp số 01/CTr-BĐBP-BDT',
  ],
  body: [
    { kind: 'heading', level: 1, text: 'I. Kết quả thực hiện' },
    { kind: 'heading', level: 2, text: '1. Công tác tuyên truyền' },
    { kind: 'heading', level: 3, text: 'a) Tại các xã biên giới' },
    { kind: 'paragraph', runs: [{ text: 'Đã tổ chức 12 buổi tuyên truyền cho đồng bào Mông, Dao.' }] },
    { kind: 'list', ordered: false, items: ['Tổ chức hội nghị', 'Tặng quà'] },
    { kind: 'list', ordered: true, items: ['Một', 'Hai'] },
    {
      kind: 'table',
      columns: [
        { title: 'STT', width: 1, align: 'center' },
        { title: 'Nội dung', width: 6 },
        { title: 'Kết quả', width: 2 },
      ],
      rows: [['1', 'Tuyên truyền pháp luật', '12 buổi']],
    },
  ],
  signers: [
    { authority: 'KT.', onBehalfOf: 'Chỉ huy trưởng', title: 'Phó Chỉ huy trưởng', name: 'Nguyễn Văn Ánh' },
  ],
  recipients: ['Bộ Tư lệnh BĐBP (để b/c)', 'Ban Dân tộc tỉnh'],
  fileCopyUnit: 'CTCT',
};

describe('renderDocx (state profile, Nghị định 30/2020)', () => {
  it('lays out A4, margins, the header block, headings, lists, tables, signature and recipients', async () => {
    const d = await readDocx(await renderDocx(base));
    expect(d.section).toMatchObject({
      width: 11906,
      height: 16838,
      orientation: 'portrait',
      titlePage: true,
    });
    expect(d.section.margins).toEqual({ top: 1134, bottom: 1134, left: 1701, right: 850 });
    // Times New Roman everywhere.
    const runs = d.paragraphs.flatMap((p) => p.runs).filter((r) => r.text.trim());
    expect(runs.every((r) => r.font === 'Times New Roman')).toBe(true);

    const header = d.tables[0];
    expect(header?.borderless).toBe(true);
    const qh = findParagraph(d, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(qh?.runs[0]).toMatchObject({ size: 24, bold: true });
    expect(findParagraph(d, 'Độc lập - Tự do - Hạnh phúc')?.runs[0]).toMatchObject({ size: 26, bold: true });
    expect(findParagraph(d, 'BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH LÀO CAI')?.runs[0]).toMatchObject({
      bold: true,
      size: 24,
    });
    expect(findParagraph(d, 'BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG')?.runs[0]).toMatchObject({ bold: false });
    expect(findParagraph(d, /^Số: 05\/BC-BĐBP$/)?.runs[0]).toMatchObject({ size: 26 });
    const date = findParagraph(d, 'Lào Cai, ngày 03 tháng 01 năm 2024');
    expect(date?.runs[0]).toMatchObject({ italic: true, size: 28 });
    expect(findParagraph(d, /^BÁO CÁO$/)).toMatchObject({ alignment: 'center' });
    expect(findParagraph(d, /^BÁO CÁO$/)?.runs[0]).toMatchObject({ bold: true, size: 28 });
    expect(findParagraph(d, 'Tả Gia Khâu')?.runs[0]).toMatchObject({ bold: true });
    expect(findParagraph(d, 'Luật Biên phòng')?.text).toBe('Căn cứ Luật Biên phòng Việt Nam năm 2020;');
    expect(findParagraph(d, 'Chương trình phối hợp số')?.text.endsWith('BDT.')).toBe(true);
    expect(findParagraph(d, 'Luật Biên phòng')?.runs[0]?.italic).toBe(true);

    expect(findParagraph(d, 'I. KẾT QUẢ THỰC HIỆN')?.style).toBe('Heading1');
    expect(findParagraph(d, '1. Công tác tuyên truyền')?.style).toBe('Heading2');
    expect(findParagraph(d, 'a) Tại các xã')?.style).toBe('Heading3');
    const body = findParagraph(d, 'Đã tổ chức 12 buổi');
    expect(body).toMatchObject({ alignment: 'both', firstLineIndent: 567 });
    expect(body?.spacingAfter).toBeGreaterThanOrEqual(120);
    expect(findParagraph(d, 'Tổ chức hội nghị')?.numbered).toBe(true);
    expect(findParagraph(d, 'Hai')?.numbered).toBe(true);

    const table = d.tables.find((t) => t.rows[0]?.[0] === 'STT');
    expect(table?.headerRows).toBe(1);
    expect(table?.rows[1]).toEqual(['1', 'Tuyên truyền pháp luật', '12 buổi']);

    expect(findParagraph(d, 'KT. CHỈ HUY TRƯỞNG')?.runs[0]).toMatchObject({ bold: true });
    expect(findParagraph(d, 'PHÓ CHỈ HUY TRƯỞNG')).toBeDefined();
    expect(findParagraph(d, 'Nguyễn Văn Ánh')?.runs[0]).toMatchObject({ bold: true });
    expect(findParagraph(d, 'Nơi nhận:')?.runs[0]).toMatchObject({ bold: true, italic: true, size: 24 });
    expect(findParagraph(d, '- Ban Dân tộc tỉnh;')?.runs[0]).toMatchObject({ size: 22 });
    expect(d.paragraphs.at(-1)?.text === '- Lưu: VT, CTCT.' || d.text.includes('- Lưu: VT, CTCT.')).toBe(
      true,
    );
    // Page numbers in the top margin, none on page 1.
    expect(d.headers.default?.hasPageField).toBe(true);
    expect(d.headers.first?.hasPageField).toBe(false);
  });

  it('party profile: ĐẢNG CỘNG SẢN VIỆT NAM, the asterisk, "Số 15-BC/TU", a draft without date', async () => {
    const d = await readDocx(
      await renderDocx({
        ...base,
        profile: 'party',
        issuer: { parentName: 'Đảng bộ tỉnh Lào Cai', name: 'Ban Dân vận Tỉnh ủy', abbreviation: 'BDVTU' },
        number: '15',
        date: null,
      }),
    );
    expect(findParagraph(d, 'ĐẢNG CỘNG SẢN VIỆT NAM')?.runs[0]).toMatchObject({ bold: true, size: 30 });
    expect(d.text).not.toContain('CỘNG HÒA XÃ HỘI');
    expect(findParagraph(d, /^\*$/)).toBeDefined();
    expect(findParagraph(d, /^Số 15-BC\/BDVTU$/)).toBeDefined();
    expect(findParagraph(d, 'Lào Cai, ngày … tháng … năm …')).toBeDefined();
    expect(findParagraph(d, /^BÁO CÁO$/)?.runs[0]?.size).toBe(32);
  });

  it('landscape, two signers side by side, a 300-row table that breaks across pages, NFC text', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => [
      String(i + 1),
      `Nhiệm vụ số ${i + 1} `.repeat(8),
      'Đồn Biên phòng Tả Gia Khâu'.normalize('NFD'),
    ]);
    const d = await readDocx(
      await renderDocx({
        ...base,
        type: 'CTr',
        landscape: true,
        issuer: { ...base.issuer, name: `${'Ban Chỉ đạo phối hợp rất dài '.repeat(6)}tỉnh Lào Cai` },
        signers: [
          { authority: 'TM.', onBehalfOf: 'Ban Dân tộc', title: 'Trưởng ban', name: 'Lò Văn Hùng' },
          { authority: 'TM.', onBehalfOf: 'Đảng ủy', title: 'Bí thư', name: 'Hoàng Thị Mỵ' },
        ],
        body: [
          {
            kind: 'table',
            columns: [{ title: 'STT' }, { title: 'Nội dung', width: 5 }, { title: 'Đơn vị' }],
            rows,
          },
        ],
      }),
    );
    expect(d.section).toMatchObject({ width: 16838, height: 11906, orientation: 'landscape' });
    const table = d.tables.find((t) => t.rows.length === 301);
    expect(table?.headerRows).toBe(1);
    expect(table?.cantSplit.slice(1).every((c) => c === false)).toBe(true);
    expect(d.text).toContain('Tả Gia Khâu'.normalize('NFC'));
    expect(d.text).not.toContain('Tả Gia Khâu'.normalize('NFD'));
    const signatures = d.tables.find((t) => t.rows[0]?.join(' ').includes('Lò Văn Hùng'));
    expect(signatures?.rows[0]?.[1]).toContain('Hoàng Thị Mỵ');
  });

  it('leading zeros, profile by unit kind', () => {
    expect(formatDateLine('Lai Châu', '2022-03-30')).toBe('Lai Châu, ngày 30 tháng 3 năm 2022');
    expect(formatDateLine('Lai Châu', '2024-02-05')).toBe('Lai Châu, ngày 05 tháng 02 năm 2024');
    expect(formatDateLine('Lai Châu', '2024-12-09')).toBe('Lai Châu, ngày 09 tháng 12 năm 2024');
    expect(formatDocNumber('7')).toBe('07');
    expect(formatDocNumber('15')).toBe('15');
    expect(profileForUnit({ kind: 'party_committee' })).toBe('party');
    expect(profileForUnit({ kind: 'party_board' })).toBe('party');
    expect(profileForUnit({ kind: 'border_command' })).toBe('state');
  });
});
