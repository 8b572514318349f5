import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/app.ts';
import { readDocx } from '../../../../test/docx.ts';
import { REVIEW_SECTION_KEYS, type ReviewOut } from '../../../contracts/meetings.ts';
import {
  agreements,
  awards,
  meetingAgendaItems,
  meetingAttendees,
  meetingConclusions,
  meetings,
  meetingUnits,
  reviewReports,
  reviewReportVersions,
  units,
  users,
} from '../../db/schema/index.ts';
import { DEMO_AGREEMENTS } from './agreements.ts';
import { SEED_001_FIGURES } from './indicators.ts';
import { DEMO_MEETINGS, DEMO_REVIEW_REPORTS } from './meetings.ts';
import { seedDemo } from './seed.ts';
import { seedMeetings } from './seedMeetings.ts';
import { DEMO_UNITS } from './units.ts';

const PASSWORD = 'Demo-mat-khau-2026';
const t = setupTestApp({ PHOIHOP_LOGIN_MAX_PER_MINUTE: '1000' });

beforeAll(async () => {
  await seedDemo(t.db, PASSWORD);
}, 60_000);

const unitName = async (id: number | null) => {
  if (id === null) return null;
  const [row] = await t.db.select({ name: units.name }).from(units).where(eq(units.id, id));
  return row!.name;
};
const unitId = async (name: string) => {
  const [row] = await t.db.select({ id: units.id }).from(units).where(eq(units.name, name));
  return row!.id;
};
const agreementId = async (key: string) => {
  const subject = DEMO_AGREEMENTS.find((a) => a.key === key)!.subject;
  const [row] = await t.db
    .select({ id: agreements.id })
    .from(agreements)
    .where(eq(agreements.subject, subject));
  return row!.id;
};
const meetingByTitle = async (prefix: string) => {
  const rows = await t.db
    .select()
    .from(meetings)
    .where(sql`${meetings.title} like ${`${prefix}%`}`);
  expect(rows, prefix).toHaveLength(1);
  return rows[0]!;
};
const count = async (table: PgTable) => {
  const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
};
const details = async (meetingId: number) => {
  const unitRows = await t.db
    .select({ name: units.name })
    .from(meetingUnits)
    .innerJoin(units, eq(units.id, meetingUnits.unitId))
    .where(eq(meetingUnits.meetingId, meetingId));
  const attendees = await t.db
    .select()
    .from(meetingAttendees)
    .where(eq(meetingAttendees.meetingId, meetingId))
    .orderBy(asc(meetingAttendees.position));
  const agenda = await t.db
    .select()
    .from(meetingAgendaItems)
    .where(eq(meetingAgendaItems.meetingId, meetingId))
    .orderBy(asc(meetingAgendaItems.position));
  const conclusions = await t.db
    .select()
    .from(meetingConclusions)
    .where(eq(meetingConclusions.meetingId, meetingId))
    .orderBy(asc(meetingConclusions.position));
  return { units: unitRows.map((u) => u.name).sort(), attendees, agenda, conclusions };
};

const BDBP_LCA = 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai';
const BDT_LCA = 'Ban Dân tộc tỉnh Lào Cai';

describe('seed 001: the review conference of 3 January 2024 (Lào Cai)', () => {
  it('is a held interim review of 2023 for the Lào Cai program, on the afternoon of 3/1/2024', async () => {
    const m = await meetingByTitle('Hội nghị sơ kết 1 năm thực hiện chương trình phối hợp');
    expect(m).toMatchObject({
      kind: 'interim_review',
      title: 'Hội nghị sơ kết 1 năm thực hiện chương trình phối hợp',
      reviewPeriod: '2023',
      place: 'Lào Cai',
      status: 'held',
      agreementId: await agreementId('lca-ctr'),
      hostUnitId: await unitId(BDBP_LCA),
      endsAt: null,
    });
    // 14:00 in Việt Nam (+07:00): "Chiều 3/1".
    expect(m.startsAt.toISOString()).toBe('2024-01-03T07:00:00.000Z');
    const [author] = await t.db.select().from(users).where(eq(users.id, m.createdById!));
    expect(author!.username).toBe('lanhdao.bdbp.laocai');
    // Found by the words the meetings service indexes (folded): units, period, agenda.
    for (const word of ['so ket', 'ban dan toc tinh lao cai', 'nam 2023', 'trao khen thuong']) {
      expect(m.searchText).toContain(word);
    }
  });

  it('names only the two bodies: no invented person, no chair', async () => {
    const m = await meetingByTitle('Hội nghị sơ kết 1 năm');
    const d = await details(m.id);
    expect(d.units).toEqual([BDT_LCA, BDBP_LCA].sort());
    expect(d.attendees.map((a) => [a.role, a.name, a.title])).toEqual([
      ['delegate', `Lãnh đạo ${BDBP_LCA}`, null],
      ['delegate', `Lãnh đạo ${BDT_LCA}`, null],
    ]);
    expect(await Promise.all(d.attendees.map((a) => unitName(a.unitId)))).toEqual([BDBP_LCA, BDT_LCA]);
  });

  it('agenda, conclusions and minutes in the seed’s words (results 2023, tasks 2024, commendations)', async () => {
    const m = await meetingByTitle('Hội nghị sơ kết 1 năm');
    const d = await details(m.id);
    expect(d.agenda.map((a) => a.title)).toEqual([
      'Đánh giá kết quả thực hiện chương trình phối hợp năm 2023',
      'Đề ra các nhiệm vụ phối hợp thực hiện trong năm 2024',
      'Trao khen thưởng cho các tập thể và cá nhân có thành tích xuất sắc trong công tác phối hợp',
    ]);
    expect(d.conclusions).toHaveLength(2);
    expect(d.conclusions[0]!.text).toMatch(/^Chương trình phối hợp năm 2023 đạt kết quả cao/);
    expect(d.conclusions[1]!.text).toBe(
      'Hội nghị đã đề ra các nhiệm vụ phối hợp thực hiện trong năm 2024 với những nội dung trọng tâm, cụ thể, sát với chức năng, nhiệm vụ của hai cơ quan.',
    );
    // No lead, deadline or task invented for a conclusion.
    for (const c of d.conclusions) {
      expect(c).toMatchObject({ leadUnitId: null, cooperatingUnitIds: [], dueDate: null, taskId: null });
    }
    for (const phrase of [
      'Chiều ngày 03/01/2024',
      '357 cán bộ, đảng viên đồn biên phòng phụ trách giúp đỡ 1.734 hộ gia đình',
      '80 tổ tự quản đường biên, mốc giới/1.117 hộ',
      '317 tổ/3.276 thành viên',
      '150 nguồn tin',
      'Tả Gia Khâu, Dìn Chin (huyện Mường Khương)',
      'lãnh đạo hai cơ quan đã trao khen thưởng cho các tập thể và cá nhân có thành tích xuất sắc',
    ]) {
      expect(m.minutes).toContain(phrase);
    }
    expect(m.minutes!.normalize('NFC')).toBe(m.minutes);
  });

  it('records no award: the seeds name no recipient', async () => {
    expect(await count(awards)).toBe(0);
    const m = await meetingByTitle('Hội nghị sơ kết 1 năm');
    const leader = await signIn(t.app, 'lanhdao.bdbp.laocai', PASSWORD);
    const res = await leader.get(`/api/awards?meetingId=${m.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
  });
});

describe('seed 002: the conference of 28 May 2024 (Lai Châu)', () => {
  it('is the held review of the regulation with the four district Party committees', async () => {
    const m = await meetingByTitle('Hội nghị đánh giá kết quả thực hiện quy chế phối hợp');
    expect(m).toMatchObject({
      kind: 'interim_review',
      reviewPeriod: '2023',
      place: 'Lai Châu',
      status: 'held',
      agreementId: await agreementId('lc-qc-du-hu'),
      hostUnitId: await unitId('Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu'),
    });
    expect(m.startsAt.toISOString()).toBe('2024-05-28T07:00:00.000Z');
    const d = await details(m.id);
    expect(d.units).toEqual(
      [
        'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu',
        'Đảng ủy Bộ đội Biên phòng tỉnh Lai Châu',
        'Huyện ủy Phong Thổ',
        'Huyện ủy Sìn Hồ',
        'Huyện ủy Nậm Nhùn',
        'Huyện ủy Mường Tè',
        'Ban Tổ chức Tỉnh ủy Lai Châu',
      ].sort(),
    );
  });

  it('has the chairs and guests the seed names, with their titles', async () => {
    const m = await meetingByTitle('Hội nghị đánh giá kết quả');
    const d = await details(m.id);
    expect(d.attendees.map((a) => [a.role, a.name, a.title])).toEqual([
      ['chair', 'Lê Công Thành', 'Đại tá, Phó Chính ủy Bộ đội Biên phòng tỉnh'],
      ['chair', 'Nguyễn Văn Thanh', 'Phó Bí thư Thường trực Huyện ủy Phong Thổ'],
      ['guest', 'Lý Công Hậu', 'Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy'],
      ['guest', 'Mạc Quang Mạnh', 'Phó Trưởng Ban Tổ chức Tỉnh ủy Lai Châu'],
      ['delegate', 'Mai Thăng Long', 'Thượng tá, Chủ nhiệm Chính trị Bộ đội Biên phòng tỉnh Lai Châu'],
    ]);
    expect(await Promise.all(d.attendees.map((a) => unitName(a.unitId)))).toEqual([
      'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu',
      'Huyện ủy Phong Thổ',
      null,
      'Ban Tổ chức Tỉnh ủy Lai Châu',
      'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu',
    ]);
  });

  it('has the report, discussion, speech and conclusion on its agenda and the chair’s six conclusions', async () => {
    const m = await meetingByTitle('Hội nghị đánh giá kết quả');
    const d = await details(m.id);
    expect(d.agenda).toHaveLength(4);
    expect(d.agenda[0]!.presenter).toBe(
      'Thượng tá Mai Thăng Long, Chủ nhiệm Chính trị Bộ đội Biên phòng tỉnh Lai Châu',
    );
    expect(d.agenda[3]!.title).toBe('Kết luận Hội nghị');
    expect(d.conclusions.map((c) => c.text)).toHaveLength(6);
    expect(d.conclusions[0]!.text).toBe('Đánh giá cao kết quả thực hiện quy chế phối hợp trong năm 2023.');
    expect(d.conclusions[5]!.text).toContain(
      'phòng, chống, khắc phục hậu quả thiên tai, thảm họa, dịch bệnh',
    );
    expect(m.minutes).toContain('Chủ trì Hội nghị: Đại tá Lê Công Thành');
    expect(m.minutes).toContain('Bí thư, Chủ tịch các xã biên giới thuộc huyện Phong Thổ');
  });
});

describe('the draft 2023 review report of the Lào Cai program', () => {
  it('is issued by the Lào Cai Border Guard command for the 3 January meeting, period 2023', async () => {
    const rows = await t.db.select().from(reviewReports);
    expect(rows).toHaveLength(1);
    const r = rows[0]!;
    const meeting = await meetingByTitle('Hội nghị sơ kết 1 năm');
    expect(r).toMatchObject({
      agreementId: await agreementId('lca-ctr'),
      period: '2023',
      issuingUnitId: await unitId(BDBP_LCA),
      meetingId: meeting.id,
      frozen: false,
      frozenData: null,
      docNumber: null,
      signerName: null,
      version: 1,
    });
    expect(r.title).toBe(
      'Báo cáo sơ kết năm 2023 thực hiện Chương trình phối hợp giữa Bộ Chỉ huy Bộ đội Biên phòng tỉnh và Ban Dân tộc tỉnh Lào Cai',
    );
    expect(r.createdAt.getTime()).toBeLessThan(meeting.startsAt.getTime());
  });

  it('holds the situation paragraph in seed 001’s words and invents no other section', async () => {
    const [r] = await t.db.select().from(reviewReports);
    const keys = Object.keys(r!.sections);
    for (const k of keys) expect(REVIEW_SECTION_KEYS).toContain(k);
    expect(keys.sort()).toEqual(['leadership', 'situation']);
    expect(r!.sections.situation).toContain(
      'đã bám sát kế hoạch phối hợp đề ra, thường xuyên trao đổi và cung cấp thông tin',
    );
    const versions = await t.db
      .select()
      .from(reviewReportVersions)
      .where(eq(reviewReportVersions.reviewReportId, r!.id));
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, sections: r!.sections, frozen: false });
  });
});

describe('the demo meetings through the meetings API', () => {
  it('the Lào Cai leader lists the program’s meeting and reads it whole', async () => {
    const leader = await signIn(t.app, 'lanhdao.bdbp.laocai', PASSWORD);
    const list = await leader.get(`/api/meetings?agreementId=${await agreementId('lca-ctr')}`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ id: number; title: string; status: string; place: string }>;
    expect(items.map((m) => [m.title, m.status, m.place])).toEqual([
      ['Hội nghị sơ kết 1 năm thực hiện chương trình phối hợp', 'held', 'Lào Cai'],
    ]);
    const res = await leader.get(`/api/meetings/${items[0]!.id}`);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m).toMatchObject({
      kind: 'interim_review',
      reviewPeriod: '2023',
      hostUnit: { name: BDBP_LCA },
      agreementSubject: DEMO_AGREEMENTS.find((a) => a.key === 'lca-ctr')!.subject,
    });
    expect(new Date(m.startsAt).toISOString()).toBe('2024-01-03T07:00:00.000Z');
    expect(m.units.map((u: { name: string }) => u.name).sort()).toEqual([BDT_LCA, BDBP_LCA].sort());
    expect(m.attendees.map((a: { role: string; name: string }) => a.role)).toEqual(['delegate', 'delegate']);
    expect(m.agenda).toHaveLength(3);
    expect(m.conclusions).toHaveLength(2);
    expect(m.minutes).toContain('1.734 hộ gia đình');
    const found = (await leader.get(`/api/meetings?q=${encodeURIComponent('so ket')}`)).json();
    expect(found.items.map((i: { id: number }) => i.id)).toContain(items[0]!.id);
  });

  it('the Lai Châu leader reads seed 002’s chairs; the Lào Cai leader does not find that meeting', async () => {
    const lc = await signIn(t.app, 'lanhdao.bdbp.laichau', PASSWORD);
    const list = (await lc.get(`/api/meetings?agreementId=${await agreementId('lc-qc-du-hu')}`)).json();
    expect(list.items).toHaveLength(1);
    const id = list.items[0].id as number;
    const m = (await lc.get(`/api/meetings/${id}`)).json();
    expect(
      m.attendees
        .filter((a: { role: string }) => a.role === 'chair')
        .map((a: { name: string; title: string }) => `${a.name} - ${a.title}`),
    ).toEqual([
      'Lê Công Thành - Đại tá, Phó Chính ủy Bộ đội Biên phòng tỉnh',
      'Nguyễn Văn Thanh - Phó Bí thư Thường trực Huyện ủy Phong Thổ',
    ]);
    expect(m.conclusions).toHaveLength(6);
    const lca = await signIn(t.app, 'lanhdao.bdbp.laocai', PASSWORD);
    expect((await lca.get(`/api/meetings/${id}`)).statusCode).toBe(404);
  });
});

describe('the demo review report through the reviews API', () => {
  it('reads with seed 001’s situation paragraph, its 2023 figures and the command’s narrative', async () => {
    const [row] = await t.db.select({ id: reviewReports.id }).from(reviewReports);
    const meeting = await meetingByTitle('Hội nghị sơ kết 1 năm');
    const leader = await signIn(t.app, 'lanhdao.bdbp.laocai', PASSWORD);
    const res = await leader.get(`/api/reviews/${row!.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as ReviewOut;
    expect(r).toMatchObject({
      period: '2023',
      meetingId: meeting.id,
      issuingUnit: { name: BDBP_LCA },
      frozen: false,
      abilities: { update: true },
    });
    expect(r.draft.hasApprovedData).toBe(true);
    expect(r.draft.reviewKind).toBe('so_ket');
    expect(r.draft.texts.situation).toBe(DEMO_REVIEW_REPORTS[0]!.sections.situation);
    const figures = Object.fromEntries(
      r.draft.results.flatMap((s) => s.figures).map((f) => [f.code, f.value]),
    );
    for (const [code, value] of Object.entries(SEED_001_FIGURES)) expect(figures[code], code).toBe(value);
    expect(r.draft.narratives.find((n) => n.unitName === BDBP_LCA)?.text).toContain('1.734 hộ gia đình');
    const versions = (await leader.get(`/api/reviews/${row!.id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1]);
  });

  it('downloads as a DOCX with the situation paragraph and seed 001’s figures', async () => {
    const [row] = await t.db.select({ id: reviewReports.id }).from(reviewReports);
    const leader = await signIn(t.app, 'lanhdao.bdbp.laocai', PASSWORD);
    const res = await leader.get(`/api/reviews/${row!.id}/document.docx`);
    expect(res.statusCode, res.body).toBe(200);
    const docx = await readDocx(res.rawPayload);
    expect(docx.text).toContain(DEMO_REVIEW_REPORTS[0]!.sections.situation!);
    expect(docx.text).toContain('Lào Cai');
    const cells = docx.tables.flatMap((tb) => tb.rows.flat());
    for (const figure of ['1.734', '357', '1.117', '3.276', '150']) expect(cells).toContain(figure);
  });
});

describe('the demo meetings’ documents', () => {
  it('seed 001: the minutes carry the seed’s sentences and leave the unnamed chair as "…"', async () => {
    const m = await meetingByTitle('Hội nghị sơ kết 1 năm');
    const leader = await signIn(t.app, 'lanhdao.bdbp.laocai', PASSWORD);
    const res = await leader.get(`/api/meetings/${m.id}/minutes.docx`);
    expect(res.statusCode, res.body).toBe(200);
    const docx = await readDocx(res.rawPayload);
    expect(docx.text).toContain('BIÊN BẢN');
    expect(docx.text).toContain('357 cán bộ, đảng viên đồn biên phòng phụ trách giúp đỡ 1.734 hộ gia đình');
    expect(docx.text).toContain('Hội nghị đã đề ra các nhiệm vụ phối hợp thực hiện trong năm 2024');
    expect(docx.paragraphs.find((p) => p.text.startsWith('Chủ trì'))?.text).toMatch(/^Chủ trì:?\s*…/);
    expect(docx.text).not.toMatch(/undefined|null|NaN|\uFFFD/);
    const invitation = await leader.get(`/api/meetings/${m.id}/invitation.docx`);
    expect(invitation.statusCode, invitation.body).toBe(200);
    const inv = await readDocx(invitation.rawPayload);
    expect(inv.text).toContain('GIẤY MỜI');
    expect(inv.text).toContain('Hội nghị sơ kết 1 năm thực hiện chương trình phối hợp');
  });

  it('seed 002: the invitation and minutes name the chairs the seed names', async () => {
    const m = await meetingByTitle('Hội nghị đánh giá kết quả');
    const lc = await signIn(t.app, 'lanhdao.bdbp.laichau', PASSWORD);
    const minutes = await lc.get(`/api/meetings/${m.id}/minutes.docx`);
    expect(minutes.statusCode, minutes.body).toBe(200);
    const docx = await readDocx(minutes.rawPayload);
    expect(docx.text).toContain('Lê Công Thành');
    expect(docx.text).toContain('Nguyễn Văn Thanh');
    expect(docx.text).toContain('Mạc Quang Mạnh');
    expect(docx.text).toContain('Đánh giá cao kết quả thực hiện quy chế phối hợp trong năm 2023.');
    expect(docx.text).not.toMatch(/undefined|null|NaN|\uFFFD/);
    const invitation = await lc.get(`/api/meetings/${m.id}/invitation.docx`);
    expect(invitation.statusCode, invitation.body).toBe(200);
    expect((await readDocx(invitation.rawPayload)).text).toContain('Lê Công Thành');
  });
});

describe('seeding meetings again', () => {
  const tables = [
    meetings,
    meetingUnits,
    meetingAttendees,
    meetingAgendaItems,
    meetingConclusions,
    reviewReports,
    reviewReportVersions,
    awards,
  ];
  const unitIds = async () => {
    const ids = new Map<string, number>();
    for (const u of DEMO_UNITS) ids.set(u.key, await unitId(u.name));
    return ids;
  };

  it('writes nothing the second time', async () => {
    const before = await Promise.all(tables.map(count));
    expect(before.slice(0, 2)).toEqual([DEMO_MEETINGS.length, 2 + 7]);
    const again = await seedMeetings(t.db, await unitIds());
    expect(again.skipped).toBe(true);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it('rewrites the same rows quickly once they are gone', async () => {
    const before = await Promise.all(tables.map(count));
    await t.db.delete(reviewReports);
    await t.db.delete(meetings).where(
      inArray(
        meetings.title,
        DEMO_MEETINGS.map((m) => m.title),
      ),
    );
    expect(await count(meetings)).toBe(0);
    const ids = await unitIds();
    const started = performance.now();
    const res = await seedMeetings(t.db, ids);
    const elapsed = performance.now() - started;
    expect(res).toEqual({ skipped: false, meetings: 2, reviewReports: 1 });
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect(elapsed).toBeLessThan(1000);
  });
});
