import { execFileSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { type DocxContent, findParagraph, readDocx } from '../../../../test/docx.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import {
  agreementLegalBases,
  agreementParties,
  legalDocuments,
  sections,
  tasks,
  taskUnits,
} from '../../db/schema/index.ts';
import { resetSofficeLookup } from './pdf.ts';

const t = setupTestApp();
let officer: Client;
let outsider: Client;
let planId: number;
let programId: number;
let partyPlanId: number;
let noAbbrId: number;
let bigPlanId: number;
let longId: number;

const LONG_NAME = `Ban Chỉ đạo phối hợp thực hiện nhiệm vụ quản lý, bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia và phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số ${'khu vực biên giới '.repeat(4)}tỉnh Lào Cai`;

async function addTasks(
  agreementId: number,
  sectionId: number | null,
  lead: number,
  coop: number | null,
  titles: string[],
) {
  const rows = await t.db
    .insert(tasks)
    .values(
      titles.map((title, i) => ({
        agreementId,
        sectionId,
        position: i + 1,
        title,
        expectedOutput: 'Báo cáo kết quả',
        timeframeKind: 'quarter' as const,
        startDate: '2024-04-01',
        dueDate: '2024-06-30',
        searchText: title,
      })),
    )
    .returning({ id: tasks.id });
  await t.db
    .insert(taskUnits)
    .values([
      ...rows.map((r) => ({ taskId: r.id, unitId: lead, role: 'lead' as const })),
      ...(coop ? rows.map((r) => ({ taskId: r.id, unitId: coop, role: 'cooperating' as const })) : []),
    ]);
}

async function addSection(agreementId: number, position: number, title: string) {
  const [s] = await t.db.insert(sections).values({ agreementId, position, title }).returning();
  return s!.id;
}

beforeAll(async () => {
  const command = await buildUnit(t.db, { name: 'Bộ Tư lệnh Bộ đội Biên phòng', shortName: 'BTL' });
  const border = await buildUnit(t.db, {
    name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai',
    kind: 'border_command',
    shortName: 'BĐBP',
    parentId: command.id,
    provinceName: 'Lào Cai',
  });
  const ethnic = await buildUnit(t.db, {
    name: 'Ban Dân tộc tỉnh Lào Cai',
    kind: 'ethnic_affairs',
    shortName: 'BDT',
    provinceName: 'Lào Cai',
  });
  const partyProvince = await buildUnit(t.db, {
    name: 'Đảng bộ tỉnh Lào Cai',
    kind: 'party_committee',
    shortName: 'TU',
  });
  const party = await buildUnit(t.db, {
    name: 'Đảng ủy xã Tả Gia Khâu',
    kind: 'party_committee',
    shortName: 'ĐU',
    parentId: partyProvince.id,
    provinceName: 'Lào Cai',
  });
  const noAbbr = await buildUnit(t.db, {
    name: 'Đồn Biên phòng Tả Gia Khâu',
    kind: 'border_post',
    parentId: border.id,
  });
  const long = await buildUnit(t.db, { name: LONG_NAME, shortName: 'BCĐ', provinceName: 'Lào Cai' });
  const other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Điện Biên', shortName: 'SYT' });
  await buildUser(t.db, {
    username: 'cv.documents',
    unitId: border.id,
    grants: [
      { unitId: command.id, role: 'officer' },
      { unitId: ethnic.id, role: 'officer' },
      { unitId: partyProvince.id, role: 'officer' },
      { unitId: long.id, role: 'officer' },
    ],
  });
  await buildUser(t.db, {
    username: 'cv.documents.out',
    unitId: other.id,
    grants: [{ unitId: other.id, role: 'officer' }],
  });
  officer = await signIn(t.app, 'cv.documents');
  outsider = await signIn(t.app, 'cv.documents.out');

  const [law] = await t.db
    .insert(legalDocuments)
    .values({
      docType: 'ket_luan',
      number: '65-KL/TW',
      numberKey: '65-KL/TW-DOCS',
      issuer: 'Bộ Chính trị',
      issuedOn: '2019-10-30',
      subject:
        'về tiếp tục thực hiện Nghị quyết số 24-NQ/TW của Ban Chấp hành Trung ương khóa IX về công tác dân tộc',
      searchText: 'ket luan 65',
    })
    .returning();

  const plan = await buildAgreement(t.db, {
    subject: 'Kế hoạch phối hợp năm 2024 tại xã Tả Gia Khâu',
    docNumber: '3',
    signedOn: '2024-01-03',
    signedPlace: 'Lào Cai',
    purpose: 'Nâng cao hiệu quả phối hợp giữa hai đơn vị.\nGóp phần giữ vững an ninh biên giới.',
    requirements: '- Bám sát chương trình phối hợp\n- Định kỳ giao ban 6 tháng',
    parties: [
      { unitId: border.id, signatoryName: 'Nguyễn Văn Ánh' },
      { unitId: ethnic.id, signatoryName: 'Lò Thị Hoa' },
    ],
  });
  planId = plan.id;
  await t.db
    .update(agreementParties)
    .set({ signatoryTitle: 'Chỉ huy trưởng' })
    .where(eq(agreementParties.unitId, border.id));
  await t.db
    .insert(agreementLegalBases)
    .values({ agreementId: planId, legalDocumentId: law!.id, position: 0 });
  const s1 = await addSection(planId, 1, 'Phối hợp tuyên truyền, vận động đồng bào');
  const s2 = await addSection(planId, 2, 'Phối hợp xây dựng cơ sở chính trị');
  await addTasks(planId, s1, border.id, ethnic.id, [
    'Tuyên truyền Luật Biên phòng Việt Nam cho đồng bào Mông, Dao',
    'Tổ chức hội nghị người có uy tín',
  ]);
  await addTasks(planId, s2, ethnic.id, border.id, ['Củng cố tổ tự quản an ninh trật tự thôn Tả Gia Khâu']);

  programId = (
    await buildAgreement(t.db, {
      kind: 'program',
      subject: 'Chương trình phối hợp giai đoạn 2020 - 2025',
      docNumber: '01/CTr-BĐBP-BDT',
      signedOn: '2020-02-05',
      body: 'Hai bên thống nhất ký kết chương trình phối hợp với các nội dung sau:',
      parties: [border.id, ethnic.id],
    })
  ).id;
  const ps = await addSection(programId, 1, 'Công tác tham mưu');
  await addTasks(programId, ps, border.id, ethnic.id, ['Tham mưu cấp ủy, chính quyền địa phương']);

  partyPlanId = (
    await buildAgreement(t.db, {
      subject: 'Kế hoạch phối hợp của Đảng ủy xã năm 2024',
      docNumber: '15',
      signedOn: '2024-12-09',
      parties: [party.id, border.id],
    })
  ).id;
  noAbbrId = (await buildAgreement(t.db, { subject: 'Kế hoạch của Đồn', parties: [noAbbr.id, border.id] }))
    .id;

  bigPlanId = (
    await buildAgreement(t.db, { subject: 'Kế hoạch lớn 300 nhiệm vụ', parties: [border.id, ethnic.id] })
  ).id;
  const bs = await addSection(bigPlanId, 1, 'Nội dung lớn');
  await addTasks(
    bigPlanId,
    bs,
    border.id,
    ethnic.id,
    Array.from(
      { length: 300 },
      (_, i) => `Nhiệm vụ số ${i + 1}: ${'tuyên truyền, vận động đồng bào các dân tộc '.repeat(3)}`,
    ),
  );
  longId = (
    await buildAgreement(t.db, { subject: `${LONG_NAME} — kế hoạch năm 2024`, parties: [long.id, border.id] })
  ).id;
});

async function docx(url: string, client = officer): Promise<DocxContent> {
  const res = await client.get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
  expect(String(res.headers['content-disposition'])).toMatch(/filename\*=UTF-8''.+\.docx$/);
  return readDocx(res.rawPayload);
}

function expectStateHeader(d: DocxContent, numberLine: RegExp, dateLine: string) {
  const runs = d.paragraphs.flatMap((p) => p.runs).filter((r) => r.text.trim());
  expect(runs.length).toBeGreaterThan(10);
  expect(runs.every((r) => r.font === 'Times New Roman')).toBe(true);
  const qh = findParagraph(d, /^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/)?.runs[0];
  expect(qh?.bold).toBe(true);
  expect(qh?.size).toBeGreaterThanOrEqual(24);
  expect(qh?.size).toBeLessThanOrEqual(26);
  const tn = findParagraph(d, /^Độc lập - Tự do - Hạnh phúc$/)?.runs[0];
  expect(tn?.bold).toBe(true);
  expect(tn?.size).toBeGreaterThanOrEqual(26);
  expect(tn?.size).toBeLessThanOrEqual(28);
  const issuer = findParagraph(d, /^BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH LÀO CAI$/)?.runs[0];
  expect(issuer).toMatchObject({ bold: true });
  expect(findParagraph(d, /^BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG$/)?.runs[0]?.bold).toBe(false);
  const number = findParagraph(d, numberLine);
  expect(number, `number line ${numberLine}`).toBeDefined();
  expect(number?.runs[0]?.size).toBe(26);
  const date = findParagraph(d, dateLine);
  expect(date, dateLine).toBeDefined();
  expect(date?.runs[0]?.italic).toBe(true);
  expect(d.tables[0]?.borderless).toBe(true);
  // Page numbers in the top margin from page 2.
  expect(d.section.titlePage).toBe(true);
  expect(d.headers.default?.hasPageField).toBe(true);
  expect(d.headers.first?.hasPageField).toBe(false);
}

describe('GET /api/agreements/:id/plan.docx', () => {
  it('lays out the yearly plan by Nghị định 30/2020: A4 landscape, margins, header, headings, task tables, signatures, recipients', async () => {
    const d = await docx(`/api/agreements/${planId}/plan.docx`);
    expect(d.section).toMatchObject({ width: 16838, height: 11906, orientation: 'landscape' });
    expect(d.section.margins).toEqual({ top: 1134, bottom: 1134, left: 1701, right: 850 });
    expectStateHeader(d, /^Số: 03\/KH-BĐBP$/, 'Lào Cai, ngày 03 tháng 01 năm 2024');
    expect(findParagraph(d, /^KẾ HOẠCH$/)?.runs[0]).toMatchObject({ bold: true, size: 28 });
    expect(findParagraph(d, /^Kế hoạch phối hợp năm 2024 tại xã Tả Gia Khâu$/)?.runs[0]?.bold).toBe(true);
    expect(
      findParagraph(d, 'Căn cứ Kết luận số 65-KL/TW ngày 30/10/2019 của Bộ Chính trị')?.text.endsWith(
        'công tác dân tộc.',
      ),
    ).toBe(true);
    expect(findParagraph(d, /^I\. MỤC ĐÍCH, YÊU CẦU$/)?.style).toBe('Heading1');
    expect(findParagraph(d, /^II\. NỘI DUNG, NHIỆM VỤ$/)?.style).toBe('Heading1');
    expect(findParagraph(d, /^1\. Phối hợp tuyên truyền, vận động đồng bào$/)?.style).toBe('Heading2');
    expect(findParagraph(d, 'Bám sát chương trình')?.numbered).toBe(true);
    const body = findParagraph(d, 'Nâng cao hiệu quả phối hợp');
    expect(body).toMatchObject({ alignment: 'both', firstLineIndent: 567 });
    expect(body?.spacingAfter).toBeGreaterThanOrEqual(120);

    const taskTables = d.tables.filter((tb) => tb.rows[0]?.[0] === 'STT');
    expect(taskTables).toHaveLength(2);
    expect(taskTables[0]?.rows[0]).toEqual([
      'STT',
      'Nội dung nhiệm vụ',
      'Đơn vị chủ trì',
      'Đơn vị phối hợp',
      'Thời gian thực hiện',
      'Sản phẩm',
    ]);
    expect(taskTables[0]?.headerRows).toBe(1);
    expect(taskTables[0]?.rows[1]).toEqual([
      '1',
      'Tuyên truyền Luật Biên phòng Việt Nam cho đồng bào Mông, Dao',
      'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai',
      'Ban Dân tộc tỉnh Lào Cai',
      'Quý II/2024',
      'Báo cáo kết quả',
    ]);
    expect(taskTables[1]?.rows[1]?.[1]).toBe('Củng cố tổ tự quản an ninh trật tự thôn Tả Gia Khâu');

    // One signature block per party, side by side; then the recipients.
    expect(findParagraph(d, /^TM\. BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH LÀO CAI$/)?.runs[0]?.bold).toBe(true);
    expect(findParagraph(d, /^CHỈ HUY TRƯỞNG$/)).toBeDefined();
    expect(findParagraph(d, /^Nguyễn Văn Ánh$/)?.runs[0]?.bold).toBe(true);
    expect(findParagraph(d, /^Lò Thị Hoa$/)).toBeDefined();
    const signatures = d.tables.find((tb) => tb.rows[0]?.join('|').includes('Nguyễn Văn Ánh'));
    expect(signatures?.rows[0]?.[1]).toContain('Lò Thị Hoa');
    expect(findParagraph(d, /^Nơi nhận:$/)?.runs[0]).toMatchObject({ bold: true, italic: true, size: 24 });
    expect(findParagraph(d, /^- Ban Dân tộc tỉnh Lào Cai;$/)?.runs[0]?.size).toBe(22);
    expect(findParagraph(d, /^- Lưu: VT\.$/)).toBeDefined();
  });

  it('renders a 300-row task table whose rows may break across pages, and very long names', async () => {
    const d = await docx(`/api/agreements/${bigPlanId}/plan.docx`);
    const table = d.tables.find((tb) => tb.rows.length === 301);
    expect(table?.headerRows).toBe(1);
    expect(table?.cantSplit.slice(1).every((c) => c === false)).toBe(true);
    expect(table?.rows[300]?.[0]).toBe('300');
    const long = await docx(`/api/agreements/${longId}/plan.docx`);
    expect(long.text).toContain(LONG_NAME.toLocaleUpperCase('vi'));
    expect(findParagraph(long, /^Số: +\/KH-BCĐ$/)).toBeDefined();
    expect(findParagraph(long, 'Lào Cai, ngày … tháng … năm …')).toBeDefined();
  });

  it('uses the Party profile for a Party committee: ĐẢNG CỘNG SẢN VIỆT NAM, the asterisk, "Số 15-KH/ĐU"', async () => {
    const d = await docx(`/api/agreements/${partyPlanId}/plan.docx`);
    expect(findParagraph(d, /^ĐẢNG CỘNG SẢN VIỆT NAM$/)?.runs[0]).toMatchObject({ bold: true, size: 30 });
    expect(d.text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(findParagraph(d, /^ĐẢNG BỘ TỈNH LÀO CAI$/)).toBeDefined();
    expect(findParagraph(d, /^ĐẢNG ỦY XÃ TẢ GIA KHÂU$/)?.runs[0]?.bold).toBe(true);
    expect(findParagraph(d, /^\*$/)).toBeDefined();
    expect(findParagraph(d, /^Số 15-KH\/ĐU$/)).toBeDefined();
    expect(findParagraph(d, 'Lào Cai, ngày 09 tháng 12 năm 2024')?.runs[0]?.italic).toBe(true);
    expect(findParagraph(d, /^T\/M ĐẢNG ỦY XÃ TẢ GIA KHÂU$/)).toBeDefined();
  });

  it('asks for the abbreviation of a unit without one instead of printing "undefined"', async () => {
    const body = expectError(
      await officer.get(`/api/agreements/${noAbbrId}/plan.docx`),
      'UNIT_ABBREVIATION_MISSING',
    );
    expect(body.fields?.[0]?.path).toBe('shortName');
    expect(body.fields?.[0]?.message).toContain('Đồn Biên phòng Tả Gia Khâu');
    expectError(await officer.get(`/api/agreements/${noAbbrId}/document.docx`), 'UNIT_ABBREVIATION_MISSING');
  });

  it('answers 404 for an agreement the user cannot see (DOCX, PDF and XLSX)', async () => {
    expectError(await outsider.get(`/api/agreements/${planId}/plan.docx`), 'NOT_FOUND');
    expectError(await outsider.get(`/api/agreements/${planId}/document.docx`), 'NOT_FOUND');
    expectError(await outsider.get(`/api/agreements/${planId}/plan.xlsx`), 'NOT_FOUND');
    expectError(await outsider.get(`/api/agreements/${planId}/plan.docx?format=pdf`), 'NOT_FOUND');
    expectError(await officer.get('/api/agreements/999999/plan.docx'), 'NOT_FOUND');
    expectError(await officer.get(`/api/agreements/${planId}/plan.docx?format=odt`), 'VALIDATION_FAILED');
  });
});

describe('GET /api/agreements/:id/document.docx', () => {
  it('writes the program text: CTr type, portrait A4, legal bases, contents with numbered tasks, a signature per party', async () => {
    const d = await docx(`/api/agreements/${programId}/document.docx`);
    expect(d.section).toMatchObject({ width: 11906, height: 16838, orientation: 'portrait' });
    expect(d.section.margins).toEqual({ top: 1134, bottom: 1134, left: 1701, right: 850 });
    expectStateHeader(d, /^Số: 01\/CTr-BĐBP$/, 'Lào Cai, ngày 05 tháng 02 năm 2020');
    expect(findParagraph(d, /^CHƯƠNG TRÌNH$/)?.runs[0]?.bold).toBe(true);
    expect(findParagraph(d, 'Hai bên thống nhất')?.style).toBe('BodyText');
    expect(findParagraph(d, /^I\. NỘI DUNG PHỐI HỢP$/)?.style).toBe('Heading1');
    expect(findParagraph(d, /^1\. Công tác tham mưu$/)?.style).toBe('Heading2');
    const task = findParagraph(d, 'Tham mưu cấp ủy');
    expect(task?.numbered).toBe(true);
    expect(task?.text).toContain('Chủ trì: Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai');
    expect(task?.text).toContain('thời gian: Quý II/2024');
    expect(findParagraph(d, /^TM\. BAN DÂN TỘC TỈNH LÀO CAI$/)).toBeDefined();
    expect(findParagraph(d, /^Nơi nhận:$/)).toBeDefined();
    expect(d.text).toContain('Độc lập - Tự do - Hạnh phúc');
  });

  it('the plan agreement text is a KẾ HOẠCH with Vietnamese intact', async () => {
    const d = await docx(`/api/agreements/${planId}/document.docx`);
    expect(findParagraph(d, /^KẾ HOẠCH$/)).toBeDefined();
    expect(findParagraph(d, /^Số: 03\/KH-BĐBP$/)).toBeDefined();
    expect(d.text).toContain('Củng cố tổ tự quản an ninh trật tự thôn Tả Gia Khâu');
  });
});

describe('GET /api/agreements/:id/plan.xlsx', () => {
  it('exports the task table per section with Vietnamese headers', async () => {
    const res = await officer.get(`/api/agreements/${planId}/plan.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(String(res.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('Kế hoạch phối hợp năm 2024 tại xã Tả Gia Khâu.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Kế hoạch');
    if (!ws) throw new Error('no sheet "Kế hoạch"');
    const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual([
      'STT',
      'Nội dung nhiệm vụ',
      'Đơn vị chủ trì',
      'Đơn vị phối hợp',
      'Thời gian thực hiện',
      'Sản phẩm',
    ]);
    expect(values(2).slice(0, 2)).toEqual(['I', 'Phối hợp tuyên truyền, vận động đồng bào']);
    expect(values(3)).toEqual([
      1,
      'Tuyên truyền Luật Biên phòng Việt Nam cho đồng bào Mông, Dao',
      'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai',
      'Ban Dân tộc tỉnh Lào Cai',
      'Quý II/2024',
      'Báo cáo kết quả',
    ]);
    expect(values(5).slice(0, 2)).toEqual(['II', 'Phối hợp xây dựng cơ sở chính trị']);
    expect(values(6)[1]).toBe('Củng cố tổ tự quản an ninh trật tự thôn Tả Gia Khâu');
    expect(ws.rowCount).toBe(6);
  });
});

describe('?format=pdf', () => {
  it('answers 503 PDF_UNAVAILABLE in Vietnamese when LibreOffice is not installed', async () => {
    const saved = process.env.PATH;
    resetSofficeLookup();
    process.env.PATH = '/nonexistent';
    try {
      const body = expectError(
        await officer.get(`/api/agreements/${planId}/plan.docx?format=pdf`),
        'PDF_UNAVAILABLE',
      );
      expect(body.message).toContain('LibreOffice');
    } finally {
      process.env.PATH = saved;
      resetSofficeLookup();
    }
  });

  it('converts through LibreOffice when it is on PATH (503 otherwise)', async () => {
    let installed = false;
    try {
      execFileSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { stdio: 'pipe' });
      installed = true;
    } catch {
      installed = false;
    }
    const res = await officer.get(`/api/agreements/${programId}/document.docx?format=pdf`);
    if (installed) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
      expect(String(res.headers['content-disposition'])).toMatch(/\.pdf$/);
    } else {
      expectError(res, 'PDF_UNAVAILABLE');
    }
  }, 120_000);
});
