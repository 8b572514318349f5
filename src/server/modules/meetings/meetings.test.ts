import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { findParagraph, readDocx } from '../../../../test/docx.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { buildMeeting } from '../../../../test/meetingFactories.ts';
import { auditLog, meetingConclusions } from '../../db/schema/index.ts';
import { findSoffice } from '../documents/pdf.ts';

const t = setupTestApp();
let officer: Client;
let postOfficer: Client;
let ethnicOfficer: Client;
let outsider: Client;
let border: { id: number };
let ethnic: { id: number };
let post: { id: number };
let other: { id: number };
let programId: number;
let planId: number;

beforeAll(async () => {
  border = await buildUnit(t.db, {
    name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai',
    shortName: 'BĐBP',
    kind: 'border_command',
    provinceName: 'Lào Cai',
  });
  ethnic = await buildUnit(t.db, {
    name: 'Ban Dân tộc tỉnh Lào Cai',
    shortName: 'BDT',
    provinceName: 'Lào Cai',
  });
  post = await buildUnit(t.db, {
    name: 'Đồn Biên phòng Tả Gia Khâu',
    kind: 'border_post',
    parentId: border.id,
  });
  other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Lai Châu' });
  const users = [
    ['cv.bdbp', border.id],
    ['cb.tagiakhau', post.id],
    ['cv.bdt', ethnic.id],
    ['cv.khac', other.id],
  ] as const;
  for (const [username, unitId] of users) {
    await buildUser(t.db, { username, unitId, grants: [{ unitId, role: 'officer' }] });
  }
  programId = (
    await buildAgreement(t.db, {
      kind: 'program',
      status: 'in_effect',
      subject: 'Chương trình phối hợp vận động đồng bào các dân tộc tham gia bảo vệ chủ quyền biên giới',
      validFrom: '2022-01-01',
      validTo: '2025-12-31',
      parties: [border.id, ethnic.id],
    })
  ).id;
  planId = (
    await buildAgreement(t.db, {
      kind: 'plan',
      status: 'in_effect',
      year: 2024,
      programId,
      subject: 'Kế hoạch phối hợp năm 2024',
      parties: [border.id, ethnic.id],
    })
  ).id;
  officer = await signIn(t.app, 'cv.bdbp');
  postOfficer = await signIn(t.app, 'cb.tagiakhau');
  ethnicOfficer = await signIn(t.app, 'cv.bdt');
  outsider = await signIn(t.app, 'cv.khac');
});

const review = () => ({
  agreementId: programId,
  kind: 'interim_review',
  title: 'Hội nghị sơ kết 1 năm thực hiện chương trình phối hợp',
  reviewPeriod: '2023',
  startsAt: '2024-01-03T14:00:00+07:00',
  endsAt: '2024-01-03T17:00:00+07:00',
  place: 'Hội trường Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai',
  hostUnitId: border.id,
  unitIds: [ethnic.id, post.id],
  attendees: [
    { role: 'chair', name: 'Nguyễn Văn Hưởng', title: 'Chính ủy Bộ đội Biên phòng tỉnh', unitId: border.id },
    { role: 'chair', name: 'Lù Thị Thu Hằng', title: 'Trưởng Ban Dân tộc tỉnh', unitId: ethnic.id },
    {
      role: 'delegate',
      name: 'Vàng Seo Dìn',
      title: 'Đồn trưởng Đồn Biên phòng Tả Gia Khâu',
      unitId: post.id,
    },
    { role: 'secretary', name: 'Đặng Thị Ngọc Ánh', title: 'Trợ lý Phòng Chính trị' },
  ],
  agenda: [
    { title: 'Báo cáo kết quả thực hiện chương trình phối hợp năm 2023', presenter: 'Phòng Chính trị' },
    { title: 'Thảo luận, tham luận của các đơn vị' },
  ],
  minutes: 'Hội nghị thống nhất đánh giá chương trình phối hợp năm 2023 đạt kết quả cao.',
  conclusions: [
    {
      text: 'Tiếp tục tuyên truyền giảm tảo hôn và hôn nhân cận huyết thống tại các xã biên giới',
      leadUnitId: ethnic.id,
      cooperatingUnitIds: [border.id],
      dueDate: '2024-06-30',
    },
    {
      text: 'Phân công cán bộ, đảng viên đồn biên phòng giúp đỡ hộ gia đình khu vực biên giới',
      leadUnitId: post.id,
      cooperatingUnitIds: [ethnic.id],
    },
  ],
});

describe('meetings', () => {
  it('rejects bad input with Vietnamese messages naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ endsAt: '2024-01-03T13:00:00+07:00' }, 'endsAt'],
      [{ hostUnitId: 999_999 }, 'hostUnitId'],
      [{ unitIds: [ethnic.id, 999_998] }, 'unitIds'],
      [{ reviewPeriod: '2019' }, 'reviewPeriod'],
      [{ conclusions: [{ text: 'Kết luận', leadUnitId: 999_997 }] }, 'conclusions.0.leadUnitId'],
    ];
    for (const [change, path] of cases) {
      const body = expectError(
        await officer.post('/api/meetings', { ...review(), ...change }),
        'VALIDATION_FAILED',
      );
      const field = body.fields?.find((f) => f.path === path);
      expect(field, path).toBeDefined();
      expect(field!.message).toMatch(/[ạảãáàâêôơưđ]/);
    }
    const period = expectError(
      await officer.post('/api/meetings', { ...review(), reviewPeriod: '2019' }),
      'VALIDATION_FAILED',
    );
    expect(period.fields?.[0]?.message).toContain('01/01/2022 – 31/12/2025');
    // The outsider cannot link a program they do not see.
    const hidden = expectError(
      await outsider.post('/api/meetings', { ...review(), hostUnitId: other.id }),
      'VALIDATION_FAILED',
    );
    expect(hidden.fields?.[0]?.path).toBe('agreementId');
    // …nor host a meeting for a unit they hold no role on.
    expectError(await outsider.post('/api/meetings', { ...review(), agreementId: null }), 'FORBIDDEN');
  });

  it('creates a review meeting with people, agenda, minutes and conclusions; audited', async () => {
    const res = await officer.post('/api/meetings', review());
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({
      kind: 'interim_review',
      status: 'planned',
      reviewPeriod: '2023',
      startsAt: '2024-01-03T07:00:00.000Z',
      hostUnit: { id: border.id, shortName: 'BĐBP' },
      agreementSubject: expect.stringContaining('Chương trình phối hợp'),
      version: 1,
      abilities: { update: true, delete: true, convertConclusions: true, attach: true },
    });
    expect(m.units.map((u: { id: number }) => u.id).sort()).toEqual([ethnic.id, post.id].sort());
    expect(m.attendees.map((a: { name: string }) => a.name)).toEqual([
      'Nguyễn Văn Hưởng',
      'Lù Thị Thu Hằng',
      'Vàng Seo Dìn',
      'Đặng Thị Ngọc Ánh',
    ]);
    expect(m.conclusions[0]).toMatchObject({
      leadUnit: { id: ethnic.id },
      cooperatingUnits: [{ id: border.id }],
      dueDate: '2024-06-30',
      taskId: null,
    });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(m.id)));
    expect(audit.some((a) => a.action === 'meeting.create')).toBe(true);
  });

  it('is visible to the host subtree, attending units and the agreement parties; 404 for others', async () => {
    const m = (
      await officer.post('/api/meetings', { ...review(), agreementId: null, reviewPeriod: null, unitIds: [] })
    ).json();
    // The border post under the host sees its command's conference.
    expect((await postOfficer.get(`/api/meetings/${m.id}`)).statusCode).toBe(200);
    // The ethnic board neither hosts, attends nor shares an agreement here.
    expectError(await ethnicOfficer.get(`/api/meetings/${m.id}`), 'NOT_FOUND');
    expectError(await outsider.get(`/api/meetings/${m.id}`), 'NOT_FOUND');
    expectError(await outsider.patch(`/api/meetings/${m.id}`, { title: 'X', version: 1 }), 'NOT_FOUND');
    expectError(await outsider.delete(`/api/meetings/${m.id}`), 'NOT_FOUND');
    const list = (await outsider.get('/api/meetings')).json();
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(m.id);
    // The post sees it but cannot edit the command's meeting.
    const seen = (await postOfficer.get(`/api/meetings/${m.id}`)).json();
    expect(seen.abilities).toEqual({
      update: false,
      delete: false,
      convertConclusions: false,
      attach: false,
    });
    expectError(await postOfficer.patch(`/api/meetings/${m.id}`, { title: 'X', version: 1 }), 'FORBIDDEN');
    // Linked to the program, the other party sees it and may edit it, not delete it.
    const linked = (await officer.post('/api/meetings', { ...review(), unitIds: [] })).json();
    const asParty = (await ethnicOfficer.get(`/api/meetings/${linked.id}`)).json();
    expect(asParty.abilities).toEqual({
      update: true,
      delete: false,
      convertConclusions: true,
      attach: true,
    });
  });

  it('finds meetings without diacritics', async () => {
    const found = (await postOfficer.get(`/api/meetings?q=${encodeURIComponent('so ket')}`)).json();
    expect(found.total).toBeGreaterThan(0);
    expect(found.items.every((i: { title: string }) => i.title.includes('sơ kết'))).toBe(true);
    const byPerson = (await officer.get(`/api/meetings?q=${encodeURIComponent('vang seo din')}`)).json();
    expect(byPerson.total).toBeGreaterThan(0);
    expect((await officer.get(`/api/meetings?q=${encodeURIComponent('tong ket')}`)).json().total).toBe(0);
  });

  it('updates with version: lists left out are kept, sent lists replace; stale version → 409, nothing lost', async () => {
    const m = (await officer.post('/api/meetings', review())).json();
    const first = await officer.patch(`/api/meetings/${m.id}`, {
      title: 'Hội nghị sơ kết năm 2023 (điều chỉnh)',
      status: 'held',
      version: m.version,
    });
    expect(first.statusCode).toBe(200);
    const after = first.json();
    expect(after).toMatchObject({
      title: 'Hội nghị sơ kết năm 2023 (điều chỉnh)',
      status: 'held',
      version: 2,
    });
    expect(after.attendees).toHaveLength(4);
    expect(after.conclusions).toHaveLength(2);
    // A second editor still holding version 1 is refused and changes nothing.
    expectError(
      await ethnicOfficer.patch(`/api/meetings/${m.id}`, { title: 'Ghi đè', attendees: [], version: 1 }),
      'VERSION_CONFLICT',
    );
    const kept = (await officer.get(`/api/meetings/${m.id}`)).json();
    expect(kept.title).toBe('Hội nghị sơ kết năm 2023 (điều chỉnh)');
    expect(kept.attendees).toHaveLength(4);
    // Replacing the conclusions keeps those sent with their id.
    const keep = kept.conclusions[1];
    const replaced = (
      await officer.patch(`/api/meetings/${m.id}`, {
        conclusions: [
          { id: keep.id, text: keep.text, leadUnitId: post.id, cooperatingUnitIds: [ethnic.id] },
          { text: 'Kết luận mới về trao đổi thông tin', leadUnitId: border.id },
        ],
        endsAt: null,
        version: 2,
      })
    ).json();
    expect(replaced.conclusions.map((c: { id: number }) => c.id)[0]).toBe(keep.id);
    expect(replaced.conclusions).toHaveLength(2);
    expectError(
      await officer.patch(`/api/meetings/${m.id}`, { endsAt: '2020-01-01T00:00:00+07:00', version: 3 }),
      'VALIDATION_FAILED',
    );
    // Held: no longer deletable.
    expect(replaced.abilities.delete).toBe(false);
    expectError(await officer.delete(`/api/meetings/${m.id}`), 'FORBIDDEN');
  });

  it('deletes a planned meeting (host officer)', async () => {
    const m = (await officer.post('/api/meetings', review())).json();
    const del = (v: number) =>
      officer.request({ method: 'DELETE', url: `/api/meetings/${m.id}`, payload: { version: v } });
    expectError(await del(9), 'VERSION_CONFLICT');
    expect((await officer.get(`/api/meetings/${m.id}`)).statusCode).toBe(200);
    expect((await del(1)).statusCode).toBe(200);
    expectError(await officer.get(`/api/meetings/${m.id}`), 'NOT_FOUND');
    // Without a version (API clients), a planned meeting is deleted as well.
    const other = (await officer.post('/api/meetings', review())).json();
    const plain = await officer.delete(`/api/meetings/${other.id}`);
    expect(plain.statusCode, plain.body).toBe(200);
  });

  it('turns conclusions into tasks of the plan, linked back; twice → 409', async () => {
    const m = (await officer.post('/api/meetings', review())).json();
    const ids = m.conclusions.map((c: { id: number }) => c.id);
    // Not a plan, stale version.
    expectError(
      await officer.post(`/api/meetings/${m.id}/conclusions/tasks`, {
        planId: programId,
        conclusionIds: ids,
        version: 1,
      }),
      'VALIDATION_FAILED',
    );
    expectError(
      await officer.post(`/api/meetings/${m.id}/conclusions/tasks`, {
        planId,
        conclusionIds: ids,
        version: 7,
      }),
      'VERSION_CONFLICT',
    );
    const res = await officer.post(`/api/meetings/${m.id}/conclusions/tasks`, {
      planId,
      conclusionIds: ids,
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    const out = res.json();
    expect(out.version).toBe(2);
    expect(out.tasks).toHaveLength(2);
    const [t1, t2] = out.tasks.map((x: { taskId: number }) => x.taskId);
    const task1 = (await officer.get(`/api/tasks/${t1}`)).json();
    expect(task1).toMatchObject({ agreementId: planId, lead: { id: ethnic.id }, dueDate: '2024-06-30' });
    expect(task1.title).toContain('tảo hôn');
    expect(task1.cooperating.map((u: { id: number }) => u.id)).toEqual([border.id]);
    // The border post under a party leads the second (a delegated subordinate, confirmed).
    const task2 = (await officer.get(`/api/tasks/${t2}`)).json();
    expect(task2).toMatchObject({ agreementId: planId, lead: { id: post.id }, dueDate: '2024-12-31' });
    const linked = (await officer.get(`/api/meetings/${m.id}`)).json();
    expect(linked.conclusions.map((c: { taskId: number }) => c.taskId)).toEqual([t1, t2]);
    const again = expectError(
      await officer.post(`/api/meetings/${m.id}/conclusions/tasks`, {
        planId,
        conclusionIds: [ids[0]],
        version: 2,
      }),
      'CONCLUSION_CONVERTED',
    );
    expect(again.fields?.[0]?.message).toContain('Kết luận số 1');
    const rows = await t.db.select().from(meetingConclusions).where(eq(meetingConclusions.meetingId, m.id));
    expect(rows.every((r) => r.taskId !== null)).toBe(true);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'meeting.conclusions_to_tasks'));
    expect(audit.map((a) => a.entityId)).toContain(String(m.id));
  });

  it('rolls back every task when one conclusion breaks the lead rule', async () => {
    const m = (
      await officer.post('/api/meetings', {
        ...review(),
        conclusions: [
          { text: 'Kết luận hợp lệ', leadUnitId: ethnic.id },
          { text: 'Kết luận giao cho đơn vị ngoài', leadUnitId: other.id },
        ],
      })
    ).json();
    const ids = m.conclusions.map((c: { id: number }) => c.id);
    const err = expectError(
      await officer.post(`/api/meetings/${m.id}/conclusions/tasks`, {
        planId,
        conclusionIds: ids,
        version: 1,
      }),
      'VALIDATION_FAILED',
    );
    expect(err.fields?.[0]?.message).toContain('Kết luận số 2');
    const after = (await officer.get(`/api/meetings/${m.id}`)).json();
    expect(after.conclusions.map((c: { taskId: number | null }) => c.taskId)).toEqual([null, null]);
    expect(after.version).toBe(1);
  });

  it('lists upcoming meetings in date order, within the actor’s scope', async () => {
    const day = 24 * 3600 * 1000;
    const later = await buildMeeting(t.db, {
      hostUnitId: border.id,
      title: 'Hội nghị giao ban 6 tháng',
      startsAt: new Date(Date.now() + 3 * day),
    });
    const sooner = await buildMeeting(t.db, {
      hostUnitId: ethnic.id,
      unitIds: [post.id],
      title: 'Hội nghị tổng kết chương trình',
      kind: 'final_review',
      startsAt: new Date(Date.now() + day),
    });
    await buildMeeting(t.db, {
      hostUnitId: border.id,
      title: 'Đã qua',
      startsAt: new Date(Date.now() - 2 * day),
    });
    await buildMeeting(t.db, {
      hostUnitId: border.id,
      title: 'Đã hủy',
      status: 'cancelled',
      startsAt: new Date(Date.now() + 2 * day),
    });
    const elsewhere = await buildMeeting(t.db, {
      hostUnitId: other.id,
      startsAt: new Date(Date.now() + day),
    });
    const ids = (c: Client) =>
      c.get('/api/meetings?upcoming=true').then((r) => r.json().items.map((i: { id: number }) => i.id));
    expect(await ids(postOfficer)).toEqual([sooner.id, later.id]);
    expect(await ids(outsider)).toEqual([elsewhere.id]);
    // The user dashboard carries the next ones too.
    const dash = (await postOfficer.get('/api/dashboard')).json();
    expect(dash.upcomingMeetings.map((i: { id: number }) => i.id)).toEqual([sooner.id, later.id]);
    expect(dash.upcomingMeetings[0]).toMatchObject({
      title: 'Hội nghị tổng kết chương trình',
      kind: 'final_review',
    });
  });

  it('writes the invitation (GIẤY MỜI) as DOCX from the host unit, Vietnamese intact', async () => {
    const m = (await officer.post('/api/meetings', review())).json();
    const res = await officer.get(`/api/meetings/${m.id}/invitation.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('Giấy mời');
    const d = await readDocx(res.rawPayload);
    expect(findParagraph(d, /^GIẤY MỜI$/)).toBeDefined();
    expect(findParagraph(d, /^Số:\s.*\/GM-BĐBP$/)).toBeDefined();
    expect(d.text).toContain('BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH LÀO CAI');
    expect(d.text).toContain('Trân trọng kính mời:');
    expect(d.text).toContain('Từ 14 giờ 00 đến 17 giờ 00, ngày 03 tháng 01 năm 2024');
    expect(d.text).toContain('Hội trường Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai');
    expect(d.text).toContain('Báo cáo kết quả thực hiện chương trình phối hợp năm 2023');
    expect(findParagraph(d, 'Thành phần:')).toBeDefined();
    for (const name of ['Nguyễn Văn Hưởng', 'Lù Thị Thu Hằng', 'Vàng Seo Dìn', 'Ban Dân tộc tỉnh Lào Cai']) {
      expect(d.text).toContain(name);
    }
    // The host's chair signs: title in capitals, then the name.
    const signed = d.paragraphs.map((p) => p.text.trim()).filter(Boolean);
    const title = signed.indexOf('CHÍNH ỦY BỘ ĐỘI BIÊN PHÒNG TỈNH');
    expect(title).toBeGreaterThan(0);
    expect(signed.slice(title + 1)).toContain('Nguyễn Văn Hưởng');
  });

  it('writes the minutes (BIÊN BẢN) with participants, content, conclusions and both signatures', async () => {
    const m = (await officer.post('/api/meetings', review())).json();
    const res = await officer.get(`/api/meetings/${m.id}/minutes.docx`);
    expect(res.statusCode).toBe(200);
    const d = await readDocx(res.rawPayload);
    expect(findParagraph(d, /^BIÊN BẢN$/)).toBeDefined();
    expect(findParagraph(d, /^Số:\s.*\/BB-BĐBP$/)).toBeDefined();
    expect(findParagraph(d, 'Lào Cai, ngày 03 tháng 01 năm 2024')).toBeDefined();
    expect(d.text).toContain('bắt đầu vào hồi 14 giờ 00, ngày 03 tháng 01 năm 2024');
    expect(d.text).toContain('Hội nghị kết thúc vào hồi 17 giờ 00 cùng ngày');
    const headings = d.paragraphs.filter((p) => p.style?.startsWith('Heading')).map((p) => p.text);
    expect(headings).toEqual(['I. THÀNH PHẦN THAM DỰ', 'II. NỘI DUNG HỘI NGHỊ', 'III. KẾT LUẬN']);
    expect(d.text).toContain('đạt kết quả cao');
    expect(d.text).toContain(
      'Tiếp tục tuyên truyền giảm tảo hôn và hôn nhân cận huyết thống tại các xã biên giới (chủ trì: Ban Dân tộc tỉnh Lào Cai; phối hợp: Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai; thời hạn: 30/06/2024).',
    );
    for (const text of ['THƯ KÝ HỘI NGHỊ', 'CHỦ TRÌ HỘI NGHỊ', 'Đặng Thị Ngọc Ánh', 'Nguyễn Văn Hưởng']) {
      expect(d.text.toLocaleUpperCase('vi')).toContain(text.toLocaleUpperCase('vi'));
    }
    expect(d.text).toContain('Đặng Thị Ngọc Ánh');
  });

  it('documents: 404 outside, the missing abbreviation named, PDF or a clear 503', async () => {
    const m = (await officer.post('/api/meetings', review())).json();
    expectError(await outsider.get(`/api/meetings/${m.id}/invitation.docx`), 'NOT_FOUND');
    expectError(await outsider.get(`/api/meetings/${m.id}/minutes.docx`), 'NOT_FOUND');
    const atPost = (
      await postOfficer.post('/api/meetings', {
        ...review(),
        agreementId: null,
        reviewPeriod: null,
        hostUnitId: post.id,
      })
    ).json();
    const missing = expectError(
      await postOfficer.get(`/api/meetings/${atPost.id}/invitation.docx`),
      'UNIT_ABBREVIATION_MISSING',
    );
    expect(missing.fields?.[0]?.message).toContain('Đồn Biên phòng Tả Gia Khâu');
    const pdf = await officer.get(`/api/meetings/${m.id}/minutes.docx?format=pdf`);
    if (await findSoffice()) {
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    } else {
      expectError(pdf, 'PDF_UNAVAILABLE');
    }
  });

  it('keeps the meeting’s documents as attachments: editors upload, viewers download, outsiders get 404', async () => {
    const m = (await officer.post('/api/meetings', review())).json();
    const file = (await officer.get(`/api/meetings/${m.id}/invitation.docx`)).rawPayload;
    const upload = (client: Client) => {
      const boundary = `----phoihop${randomUUID()}`;
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Giấy mời hội nghị.docx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
      return client.request({
        method: 'POST',
        url: `/api/meetings/${m.id}/attachments`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      });
    };
    const res = await upload(officer);
    expect(res.statusCode).toBe(201);
    const att = res.json();
    expect(att).toMatchObject({ ownerType: 'meeting', ownerId: m.id, fileName: 'Giấy mời hội nghị.docx' });
    expectError(await upload(postOfficer), 'FORBIDDEN');
    expectError(await upload(outsider), 'NOT_FOUND');
    const seen = (await postOfficer.get(`/api/meetings/${m.id}`)).json();
    expect(seen.attachments.map((a: { id: number }) => a.id)).toEqual([att.id]);
    const download = await postOfficer.get(`/api/attachments/${att.id}`);
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, file)).toBe(0);
    expectError(await outsider.get(`/api/attachments/${att.id}`), 'NOT_FOUND');
    expectError(await postOfficer.delete(`/api/attachments/${att.id}`), 'FORBIDDEN');
    expect((await officer.delete(`/api/attachments/${att.id}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/meetings/${m.id}`)).json().attachments).toEqual([]);
  });
});
