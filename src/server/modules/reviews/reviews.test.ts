import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { findParagraph, readDocx as readOfficialDocx } from '../../../../test/docx.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { buildForm, buildIndicator, buildReport } from '../../../../test/reportFactories.ts';
import type { ReviewOut } from '../../../contracts/meetings.ts';
import {
  indicatorLinks,
  indicatorTargets,
  meetingConclusions,
  meetings,
  sections,
  tasks,
  taskUnits,
} from '../../db/schema/index.ts';
import { findSoffice } from '../documents/pdf.ts';
import { renderDocx } from '../documents/render.ts';
import { FIGURE_COLUMNS, figureRow, reviewDocument, SAMPLE_NOTE } from './document.ts';

// Review reports drafted from approved data: figures equal the approved values in JSON, DOCX
// and XLSX; narratives attributed; tasks counted by status; no invented zeros; 409 on stale
// edits; versions; freezing; 404 outside the agreement; Vietnamese text intact; big documents.

const t = setupTestApp();
let officer: Client;
let officer2: Client;
let outsider: Client;
let ethnicOfficer: Client;
let programId: number;
let command: { id: number };
let ethnic: { id: number };
let postA: { id: number };
let postB: { id: number };
let formId: number;
const ind: Record<string, number> = {};
const VI = 'Đồng bào các dân tộc ở Tả Gia Khâu, Dìn Chin — giữ vững chủ quyền, ưu tiên “nguồn tin”';

/** Texts of a DOCX body, and its tables as rows of cell texts. */
async function readDocx(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const textOf = (frag: string) =>
    [...frag.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');
  const paragraphs = [...xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0]));
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) =>
    [...m[0].matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0])),
    ),
  );
  return { xml, text: paragraphs.join('\n'), paragraphs, tables };
}
/** The indicator tables (header row starts with STT | Chỉ tiêu). */
const figureTables = (tables: string[][][]) =>
  tables.filter((tb) => tb[0]?.[0] === 'STT' && tb[0]?.[1] === 'Chỉ tiêu');

beforeAll(async () => {
  const db = t.db;
  command = await buildUnit(db, {
    name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai',
    kind: 'border_command',
    shortName: 'BĐBP',
    provinceName: 'Lào Cai',
  });
  ethnic = await buildUnit(db, {
    name: 'Ban Dân tộc tỉnh Lào Cai',
    kind: 'ethnic_affairs',
    provinceName: 'Lào Cai',
  });
  postA = await buildUnit(db, {
    name: 'Đồn Biên phòng Tả Gia Khâu',
    kind: 'border_post',
    parentId: command.id,
  });
  postB = await buildUnit(db, { name: 'Đồn Biên phòng Y Tý', kind: 'border_post', parentId: command.id });
  const other = await buildUnit(db, { name: 'Ban Dân tộc tỉnh Lai Châu', kind: 'ethnic_affairs' });
  await buildUser(db, { username: 'rv_officer', grants: [{ unitId: command.id, role: 'officer' }] });
  await buildUser(db, { username: 'rv_officer2', grants: [{ unitId: command.id, role: 'officer' }] });
  await buildUser(db, { username: 'rv_outsider', grants: [{ unitId: other.id, role: 'leader' }] });
  await buildUser(db, { username: 'rv_ethnic', grants: [{ unitId: ethnic.id, role: 'officer' }] });
  officer = await signIn(t.app, 'rv_officer');
  officer2 = await signIn(t.app, 'rv_officer2');
  outsider = await signIn(t.app, 'rv_outsider');
  ethnicOfficer = await signIn(t.app, 'rv_ethnic');

  const program = await buildAgreement(db, {
    kind: 'program',
    status: 'in_effect',
    subject:
      'Chương trình phối hợp vận động đồng bào các dân tộc tham gia bảo vệ chủ quyền, an ninh biên giới giai đoạn 2022–2025',
    validFrom: '2022-01-01',
    validTo: '2025-12-31',
    parties: [command.id, ethnic.id],
  });
  programId = program.id;
  const plan2023 = await buildAgreement(db, {
    kind: 'plan',
    status: 'in_effect',
    year: 2023,
    programId,
    subject: 'Kế hoạch phối hợp năm 2023',
    parties: [command.id, ethnic.id],
  });
  const [s1, s2] = await db
    .insert(sections)
    .values([
      { agreementId: programId, position: 1, title: '1. Về công tác tham mưu' },
      { agreementId: programId, position: 2, title: '2. Phối hợp trong công tác tuyên truyền, vận động' },
    ])
    .returning();
  const [p1] = await db
    .insert(sections)
    .values([{ agreementId: plan2023.id, position: 1, title: 'Về công tác tham mưu' }])
    .returning();
  const task = async (
    v: Partial<typeof tasks.$inferInsert> & { title: string; agreementId: number },
    lead: number,
  ) => {
    const [row] = await db
      .insert(tasks)
      .values({ timeframeKind: 'date', searchText: v.title, ...v })
      .returning();
    await db.insert(taskUnits).values({ taskId: row!.id, unitId: lead, role: 'lead' });
    return row!;
  };
  // 2023: s1 group (program + plan section of the same title): 1 done, 1 overdue.
  await task(
    {
      agreementId: programId,
      sectionId: s1!.id,
      title: 'Tham mưu Tỉnh ủy về công tác dân tộc',
      dueDate: '2023-06-30',
      status: 'done',
      completedOn: '2023-06-01',
    },
    command.id,
  );
  await task(
    {
      agreementId: plan2023.id,
      sectionId: p1!.id,
      title: 'Khảo sát thực tế tại xã Dìn Chin',
      dueDate: '2023-12-31',
      status: 'in_progress',
    },
    ethnic.id,
  );
  // s2: 1 in progress (due later), 1 not started and overdue.
  await task(
    {
      agreementId: programId,
      sectionId: s2!.id,
      title: 'Tuyên truyền giảm tảo hôn, hôn nhân cận huyết',
      timeframeKind: 'range',
      startDate: '2023-01-01',
      dueDate: '2099-12-31',
      status: 'in_progress',
    },
    postA.id,
  );
  await task(
    {
      agreementId: programId,
      sectionId: s2!.id,
      title: 'Hội nghị tìm hiểu pháp luật tại Bát Xát',
      dueDate: '2023-09-30',
      status: 'not_started',
    },
    command.id,
  );
  // Outside 2023.
  await task(
    {
      agreementId: programId,
      sectionId: s2!.id,
      title: 'Nhiệm vụ năm 2024',
      dueDate: '2024-06-30',
      startDate: '2024-01-01',
      timeframeKind: 'range',
    },
    command.id,
  );

  ind.HO = (await buildIndicator(db, { code: 'RV_HO', name: 'Hộ gia đình được giúp đỡ', uom: 'hộ' })).id;
  ind.TO = (
    await buildIndicator(db, { code: 'RV_TO', name: 'Tổ tự quản đường biên, mốc giới', uom: 'tổ' })
  ).id;
  ind.NT = (
    await buildIndicator(db, { code: 'RV_NT', name: 'Nguồn tin nhân dân cung cấp', uom: 'nguồn tin' })
  ).id;
  ind.KM = (
    await buildIndicator(db, {
      code: 'RV_KM',
      name: 'Đường tuần tra được sửa',
      uom: 'km',
      valueType: 'decimal',
    })
  ).id;
  await db.insert(indicatorLinks).values([
    { indicatorId: ind.HO, agreementId: programId, sectionId: s1!.id },
    { indicatorId: ind.TO, agreementId: programId, sectionId: s2!.id },
    { indicatorId: ind.KM, agreementId: programId, sectionId: s2!.id },
  ]);
  await db
    .insert(indicatorTargets)
    .values({ indicatorId: ind.HO, agreementId: programId, unitId: command.id, year: 2023, value: 2000 });
  formId = (
    await buildForm(db, {
      agreementId: programId,
      indicators: [ind.HO, ind.TO, ind.NT, ind.KM],
      unitIds: [postA.id, postB.id],
      approvalChain: [command.id],
    })
  ).id;
  const approved = (
    unitId: number,
    period: string,
    values: Record<string, number>,
    narrative?: Record<string, string>,
  ) =>
    buildReport(db, {
      formId,
      unitId,
      period,
      status: 'approved',
      values: Object.entries(values).map(([k, value]) => ({ indicatorId: ind[k]!, value })),
      narrative,
    });
  await approved(
    postA.id,
    '2023-Q1',
    { HO: 100, TO: 5, KM: 12.5 },
    {
      ket_qua: 'Giúp đỡ 100 hộ ở xã Tả Gia Khâu làm nhà, ổn định cuộc sống.',
      han_che: 'Địa bàn rộng, giao thông đi lại khó khăn.',
      de_xuat: 'Đề nghị hỗ trợ kinh phí tuyên truyền.',
    },
  );
  await approved(postA.id, '2023-Q2', { HO: 34 });
  await approved(
    postB.id,
    '2023-Q1',
    { HO: 1600, NT: 150 },
    { ket_qua: 'Nhân dân cung cấp 150 nguồn tin có giá trị.' },
  );
  await approved(postB.id, '2022-Q4', { HO: 1000 });
  // Submitted, not approved: never counted.
  await buildReport(db, {
    formId,
    unitId: postB.id,
    period: '2023-Q3',
    status: 'submitted',
    values: [{ indicatorId: ind.HO, value: 999 }],
  });

  const [meeting] = await db
    .insert(meetings)
    .values({
      agreementId: programId,
      kind: 'interim_review',
      title: 'Hội nghị sơ kết 1 năm',
      startsAt: new Date('2024-01-03T07:00:00Z'),
      hostUnitId: command.id,
      status: 'held',
      searchText: 'hoi nghi so ket',
    })
    .returning();
  await db.insert(meetingConclusions).values({
    meetingId: meeting!.id,
    position: 1,
    text: 'Tăng cường trao đổi thông tin về an ninh biên giới',
    leadUnitId: command.id,
  });
});

const create = async (c: Client, body: Record<string, unknown>) => {
  const res = await c.post(`/api/agreements/${programId}/reviews`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ReviewOut;
};
const figure = (r: ReviewOut, id: number) =>
  r.draft.results.flatMap((s) => s.figures).find((f) => f.indicatorId === id);

describe('review report of 2023', () => {
  let review: ReviewOut;
  beforeAll(async () => {
    review = await create(officer, { period: '2023', issuingUnitId: command.id });
  });

  it('has the default title and every figure equal to the approved data', () => {
    expect(review.title).toBe(
      'Báo cáo sơ kết năm 2023 thực hiện Chương trình phối hợp vận động đồng bào các dân tộc tham gia bảo vệ chủ quyền, an ninh biên giới giai đoạn 2022–2025',
    );
    expect(review.draft.reviewKind).toBe('so_ket');
    expect(review.draft.hasApprovedData).toBe(true);
    expect(review.draft.notice).toBeNull();
    expect(review.draft.approvedReports).toBe(3);
    // 100 + 34 + 1600; target 2000 → 86,7 %; 2022: 1000 → +734.
    expect(figure(review, ind.HO!)).toMatchObject({
      value: 1734,
      target: 2000,
      achievedPct: 86.7,
      previous: 1000,
      change: 734,
    });
    expect(figure(review, ind.TO!)).toMatchObject({ value: 5, target: null, previous: null, change: null });
    expect(figure(review, ind.NT!)).toMatchObject({ value: 150 });
    expect(figure(review, ind.KM!)).toMatchObject({ value: 12.5 });
  });

  it('groups content sections of the program and its 2023 plan and counts tasks by status', () => {
    const [advice, propaganda, general] = review.draft.results;
    expect(advice!.title).toBe('Về công tác tham mưu');
    expect(advice!.tasks.total).toBe(2);
    expect(advice!.tasks.done.map((x) => x.title)).toEqual(['Tham mưu Tỉnh ủy về công tác dân tộc']);
    expect(advice!.tasks.overdue.map((x) => [x.title, x.leadUnit])).toEqual([
      ['Khảo sát thực tế tại xã Dìn Chin', 'Ban Dân tộc tỉnh Lào Cai'],
    ]);
    expect(advice!.figures.map((f) => f.indicatorId)).toEqual([ind.HO]);
    expect(propaganda!.tasks.total).toBe(2);
    expect(propaganda!.tasks.inProgress.map((x) => x.leadUnit)).toEqual(['Đồn Biên phòng Tả Gia Khâu']);
    expect(propaganda!.tasks.overdue.map((x) => x.title)).toEqual([
      'Hội nghị tìm hiểu pháp luật tại Bát Xát',
    ]);
    expect(propaganda!.figures.map((f) => f.indicatorId).sort()).toEqual([ind.TO, ind.KM].sort());
    expect(general!.figures.map((f) => f.indicatorId)).toEqual([ind.NT]);
  });

  it('attributes narratives to their units and prefills III, V and VI', () => {
    expect(review.draft.narratives.map((n) => `${n.unitName}: ${n.text}`)).toEqual([
      'Đồn Biên phòng Tả Gia Khâu: Giúp đỡ 100 hộ ở xã Tả Gia Khâu làm nhà, ổn định cuộc sống.',
      'Đồn Biên phòng Y Tý: Nhân dân cung cấp 150 nguồn tin có giá trị.',
    ]);
    expect(review.draft.texts.shortcomings).toBe(
      '- Đồn Biên phòng Tả Gia Khâu (Quý I/2023): Địa bàn rộng, giao thông đi lại khó khăn.',
    );
    expect(review.draft.texts.proposals).toContain(
      'Đồn Biên phòng Tả Gia Khâu (Quý I/2023): Đề nghị hỗ trợ kinh phí tuyên truyền.',
    );
    expect(review.draft.texts.directions).toContain(
      'Khảo sát thực tế tại xã Dìn Chin (chủ trì: Ban Dân tộc tỉnh Lào Cai)',
    );
    expect(review.draft.texts.directions).toContain('Tăng cường trao đổi thông tin về an ninh biên giới');
    expect(review.draft.texts.directions).not.toContain('Tham mưu Tỉnh ủy');
    expect(review.draft.texts.situation).toMatch(/^\[Nêu đặc điểm tình hình/);
  });

  it('prints the same figures in the DOCX tables, with Vietnamese separators', async () => {
    const res = await officer.get(`/api/reviews/${review.id}/document.docx`);
    expect(res.statusCode, res.body).toBe(200);
    const doc = await readDocx(res.rawPayload);
    expect(doc.text).toContain('I. ĐẶC ĐIỂM TÌNH HÌNH');
    expect(doc.text).toContain('II. KẾT QUẢ THỰC HIỆN');
    expect(doc.text).toContain('1. Về công tác tham mưu');
    expect(doc.text).toContain('VI. ĐỀ XUẤT, KIẾN NGHỊ');
    expect(doc.text).toContain(
      'Đồn Biên phòng Y Tý (Quý I/2023): Nhân dân cung cấp 150 nguồn tin có giá trị.',
    );
    const rows = figureTables(doc.tables).flatMap((tb) => tb.slice(1));
    const byName = new Map(rows.map((r) => [r[1], r]));
    expect(figureTables(doc.tables)[0]![0]).toEqual([...FIGURE_COLUMNS]);
    expect(byName.get('Hộ gia đình được giúp đỡ')).toEqual([
      '1',
      'Hộ gia đình được giúp đỡ',
      'hộ',
      '2.000',
      '1.734',
      '86,7%',
      '+734',
    ]);
    expect(byName.get('Đường tuần tra được sửa')?.[4]).toBe('12,5');
    expect(byName.get('Tổ tự quản đường biên, mốc giới')?.[4]).toBe('5');
    expect(byName.get('Nguồn tin nhân dân cung cấp')?.[4]).toBe('150');
    expect(rows).toHaveLength(4);
  });

  it('lays out the DOCX by Nghị định 30/2020: A4, margins, header block, number and date lines, headings, table header, signer, recipients', async () => {
    const cur = (await officer.get(`/api/reviews/${review.id}`)).json() as ReviewOut;
    const saved = await officer.patch(`/api/reviews/${review.id}`, {
      version: cur.version,
      docNumber: '5',
      signerTitle: 'Chỉ huy trưởng',
      signerName: 'Nguyễn Văn Hùng',
      recipients: ['Ban Dân tộc tỉnh Lào Cai', 'Các đồn Biên phòng'],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await officer.get(`/api/reviews/${review.id}/document.docx`);
    expect(String(res.headers['content-disposition'])).toMatch(
      /filename\*=UTF-8''B%C3%A1o%20c%C3%A1o%20s%C6%A1%20k%E1%BA%BFt.+\.docx$/,
    );
    const d = await readOfficialDocx(res.rawPayload);
    expect(d.section).toMatchObject({ width: 11906, height: 16838, orientation: 'portrait' });
    expect(d.section.margins).toEqual({ top: 1134, bottom: 1134, left: 1701, right: 850 });
    expect(
      d.paragraphs
        .flatMap((p) => p.runs)
        .filter((r) => r.text.trim())
        .every((r) => r.font === 'Times New Roman'),
    ).toBe(true);
    expect(findParagraph(d, /^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/)?.runs[0]?.bold).toBe(true);
    expect(findParagraph(d, /^BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH LÀO CAI$/)?.runs[0]?.bold).toBe(true);
    expect(findParagraph(d, /^Số: 05\/BC-BĐBP$/)?.runs[0]?.size).toBe(26);
    expect(findParagraph(d, 'Lào Cai, ngày … tháng … năm …')?.runs[0]?.italic).toBe(true);
    expect(findParagraph(d, /^BÁO CÁO$/)?.runs[0]?.bold).toBe(true);
    expect(findParagraph(d, /^Sơ kết năm 2023 thực hiện Chương trình phối hợp vận động/)).toBeDefined();
    expect(findParagraph(d, /^I\. ĐẶC ĐIỂM TÌNH HÌNH$/)?.style).toBe('Heading1');
    expect(findParagraph(d, /^II\. KẾT QUẢ THỰC HIỆN$/)?.style).toBe('Heading1');
    expect(findParagraph(d, /^1\. Về công tác tham mưu$/)?.style).toBe('Heading2');
    expect(findParagraph(d, /^V\. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI$/)?.style).toBe('Heading1');
    const table = d.tables.find((tb) => tb.rows[0]?.[1] === 'Chỉ tiêu');
    expect(table?.headerRows).toBe(1);
    expect(findParagraph(d, /^CHỈ HUY TRƯỞNG$/)).toBeDefined();
    expect(findParagraph(d, /^Nguyễn Văn Hùng$/)?.runs[0]?.bold).toBe(true);
    expect(findParagraph(d, /^Nơi nhận:$/)).toBeDefined();
    expect(findParagraph(d, /^- Ban Dân tộc tỉnh Lào Cai;$/)).toBeDefined();
    expect(findParagraph(d, /^- Lưu: VT, BĐBP\.$/)).toBeDefined();
    expect(d.text).not.toContain('undefined');
  });

  it('answers ?format=pdf with a PDF when LibreOffice is installed, 503 PDF_UNAVAILABLE otherwise', async () => {
    const res = await officer.get(`/api/reviews/${review.id}/document.docx?format=pdf`);
    if (await findSoffice()) {
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    } else expectError(res, 'PDF_UNAVAILABLE');
  });

  it('writes the indicator table to XLSX with numbers as numbers', async () => {
    const res = await officer.get(`/api/reviews/${review.id}/figures.xlsx`);
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const found: Record<string, unknown> = {};
    ws.eachRow((row) => {
      found[String(row.getCell(2).value)] = row.getCell(6).value;
    });
    expect(found.RV_HO).toBe(1734);
    expect(found.RV_KM).toBe(12.5);
  });

  it('keeps the first save and answers 409 to a stale one; lists versions', async () => {
    // Both open the same version; the first save wins, the second is refused.
    const opened = ((await officer2.get(`/api/reviews/${review.id}`)).json() as ReviewOut).version;
    const a = await officer.patch(`/api/reviews/${review.id}`, {
      version: opened,
      sections: { situation: VI },
    });
    expect(a.statusCode, a.body).toBe(200);
    const b = await officer2.patch(`/api/reviews/${review.id}`, {
      version: opened,
      sections: { situation: 'Bản của người thứ hai' },
    });
    expectError(b, 'VERSION_CONFLICT');
    const now = (await officer.get(`/api/reviews/${review.id}`)).json() as ReviewOut;
    expect(now.draft.texts.situation).toBe(VI);
    expect(now.version).toBe(opened + 1);
    const versions = (await officer.get(`/api/reviews/${review.id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual(
      Array.from({ length: opened + 1 }, (_, i) => opened + 1 - i),
    );
    expect(versions[0].sections.situation).toBe(VI);
    expect(versions.at(-1).sections).toEqual({});
    const docx = await readDocx((await officer.get(`/api/reviews/${review.id}/document.docx`)).rawPayload);
    expect(docx.text).toContain(VI);
  });

  it('freezing keeps the figures when a new report is approved; unfreezing goes back to live', async () => {
    const cur = (await officer.get(`/api/reviews/${review.id}`)).json() as ReviewOut;
    const frozen = await officer.patch(`/api/reviews/${review.id}`, { version: cur.version, frozen: true });
    expect(frozen.statusCode, frozen.body).toBe(200);
    await buildReport(t.db, {
      formId,
      unitId: postA.id,
      period: '2023-Q4',
      status: 'approved',
      values: [{ indicatorId: ind.HO!, value: 66 }],
    });
    const after = (await officer.get(`/api/reviews/${review.id}`)).json() as ReviewOut;
    expect(after.frozen).toBe(true);
    expect(figure(after, ind.HO!)?.value).toBe(1734);
    const docx = await readDocx((await officer.get(`/api/reviews/${review.id}/document.docx`)).rawPayload);
    expect(
      figureTables(docx.tables)
        .flat()
        .find((r) => r[1] === 'Hộ gia đình được giúp đỡ')?.[4],
    ).toBe('1.734');
    const live = await officer.patch(`/api/reviews/${review.id}`, { version: after.version, frozen: false });
    expect(figure(live.json() as ReviewOut, ind.HO!)?.value).toBe(1800);
  });

  it('answers 404 to a user who cannot see the agreement, 403 to a party officer of another unit', async () => {
    expectError(await outsider.get(`/api/reviews/${review.id}`), 'NOT_FOUND');
    expectError(await outsider.get(`/api/reviews/${review.id}/document.docx`), 'NOT_FOUND');
    expectError(await outsider.get(`/api/reviews/${review.id}/figures.xlsx`), 'NOT_FOUND');
    expectError(await outsider.get(`/api/agreements/${programId}/reviews`), 'NOT_FOUND');
    expectError(
      await outsider.post(`/api/agreements/${programId}/reviews`, {
        period: '2023',
        issuingUnitId: command.id,
      }),
      'NOT_FOUND',
    );
    const seen = (await ethnicOfficer.get(`/api/reviews/${review.id}`)).json() as ReviewOut;
    expect(seen.abilities.update).toBe(false);
    expectError(
      await ethnicOfficer.patch(`/api/reviews/${review.id}`, { version: seen.version, title: 'x' }),
      'FORBIDDEN',
    );
  });

  it('lists the reviews of the agreement', async () => {
    const res = await officer.get(`/api/agreements/${programId}/reviews`);
    expect(res.json().items.map((i: { id: number }) => i.id)).toContain(review.id);
  });
});

describe('bad input', () => {
  it('a period without approved data says so and invents no zero', async () => {
    const r = await create(officer, {
      period: '2025',
      issuingUnitId: command.id,
      title: 'Báo cáo sơ kết năm 2025 – thử nghiệm',
    });
    expect(r.draft.hasApprovedData).toBe(false);
    expect(r.draft.notice).toMatch(/^Chưa có số liệu được duyệt cho kỳ này \(Năm 2025\)/);
    const figures = r.draft.results.flatMap((s) => s.figures);
    expect(figures.length).toBe(4);
    for (const f of figures) expect(f.value).toBeNull();
    const doc = await readDocx((await officer.get(`/api/reviews/${r.id}/document.docx`)).rawPayload);
    expect(doc.text).toContain('Chưa có số liệu được duyệt cho kỳ này');
    const rows = figureTables(doc.tables).flatMap((tb) => tb.slice(1));
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row[4]).toBe('chưa có số liệu');
      expect(row.slice(3)).not.toContain('0');
    }
  });

  it('a phase review is a "tổng kết"', async () => {
    const r = await create(officer, { period: '2022-2025', issuingUnitId: command.id });
    expect(r.title.startsWith('Báo cáo tổng kết giai đoạn 2022–2025 thực hiện')).toBe(true);
    expect(r.draft.reviewKind).toBe('tong_ket');
    expect(figure(r, ind.HO!)?.value).toBe(1000 + 1734 + 66);
  });

  it('rejects a wrong period, a non-party issuer, and an issuing unit without an abbreviation', async () => {
    const q = await officer.post(`/api/agreements/${programId}/reviews`, {
      period: '2023-Q1',
      issuingUnitId: command.id,
    });
    expect(expectError(q, 'VALIDATION_FAILED').fields?.[0]?.path).toBe('period');
    const out = await officer.post(`/api/agreements/${programId}/reviews`, {
      period: '2030',
      issuingUnitId: command.id,
    });
    expect(expectError(out, 'VALIDATION_FAILED').fields?.[0]?.path).toBe('period');
    const np = await officer.post(`/api/agreements/${programId}/reviews`, {
      period: '2023',
      issuingUnitId: postA.id,
    });
    expect(expectError(np, 'VALIDATION_FAILED').fields?.[0]?.path).toBe('issuingUnitId');
    expectError(
      await officer.post(`/api/agreements/${programId}/reviews`, {
        period: '2023',
        issuingUnitId: ethnic.id,
      }),
      'FORBIDDEN',
    );
    const r = await create(ethnicOfficer, { period: '2023', issuingUnitId: ethnic.id });
    const res = await ethnicOfficer.get(`/api/reviews/${r.id}/document.docx`);
    const body = expectError(res, 'UNIT_ABBREVIATION_MISSING');
    expect(body.fields?.[0]?.path).toBe('shortName');
    expect(JSON.stringify(body)).toContain('Ban Dân tộc tỉnh Lào Cai');
    expect(res.body).not.toContain('undefined');
  });

  it('says when sample (demo) reports are behind the figures', async () => {
    await buildReport(t.db, {
      formId,
      unitId: postB.id,
      period: '2024-Q1',
      status: 'approved',
      sample: true,
      values: [{ indicatorId: ind.HO!, value: 7 }],
    });
    const r = await create(officer, { period: '2024', issuingUnitId: command.id });
    expect(r.draft.sample).toBe(true);
    expect(figure(r, ind.HO!)?.value).toBe(7);
    const doc = await readDocx((await officer.get(`/api/reviews/${r.id}/document.docx`)).rawPayload);
    expect(doc.text).toContain(SAMPLE_NOTE);
    const y2023 = (await officer.get(`/api/agreements/${programId}/reviews`))
      .json()
      .items.find((i: { period: string }) => i.period === '2023');
    expect(((await officer.get(`/api/reviews/${y2023.id}`)).json() as ReviewOut).draft.sample).toBe(false);
  });

  it('renders a very long section text and a 200-row indicator table', async () => {
    const r = (await officer.get(`/api/agreements/${programId}/reviews`)).json().items[0] as { id: number };
    const base = (await officer.get(`/api/reviews/${r.id}`)).json() as ReviewOut;
    const long = `${'Đồn Biên phòng phối hợp tuyên truyền, vận động đồng bào. '.repeat(1500)}KẾT THÚC`;
    const figures = Array.from({ length: 200 }, (_, i) => ({
      indicatorId: i + 1,
      code: `X${i}`,
      name: `Chỉ tiêu số ${i + 1} – ${'rất dài '.repeat(10)}`,
      uom: 'lượt',
      value: i % 7 === 0 ? null : 1000 + i,
      target: 2000,
      achievedPct: 50,
      previous: 1000,
      change: i,
      reports: 1,
    }));
    const draft = {
      ...base.draft,
      texts: { ...base.draft.texts, situation: long },
      results: [{ ...base.draft.results[0]!, figures }],
    };
    const doc = reviewDocument(
      { ...base, draft },
      { profile: 'state', name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', abbreviation: 'BĐBP', place: 'Lào Cai' },
    );
    const read = await readDocx(await renderDocx(doc));
    expect(read.text).toContain('KẾT THÚC');
    const rows = figureTables(read.tables).flatMap((tb) => tb.slice(1));
    expect(rows).toHaveLength(200);
    expect(rows).toEqual(figures.map((f, i) => figureRow(f, i)));
    expect(rows[7]![4]).toBe('chưa có số liệu');
    expect(rows[1]![4]).toBe('1.001');
  });
});
