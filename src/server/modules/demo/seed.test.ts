import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/app.ts';
import { ERRORS } from '../../../contracts/errors.ts';
import {
  agreementLegalBases,
  agreementParties,
  agreements,
  auditLog,
  legalDocuments,
  sections,
  tasks,
  taskUnits,
  unitSuccessors,
  units,
  users,
} from '../../db/schema/index.ts';
import { isEmpty, seedDemo } from './seed.ts';
import { DEMO_UNITS, DEMO_USERS } from './units.ts';

const PASSWORD = 'Demo-mat-khau-2026';
const t = setupTestApp({ PHOIHOP_LOGIN_MAX_PER_MINUTE: '1000' });

beforeAll(async () => {
  expect(await isEmpty(t.db)).toBe(true);
  const seeded = await seedDemo(t.db, PASSWORD);
  expect(seeded.units).toBe(DEMO_UNITS.length);
}, 60_000);

const byName = async (name: string) => {
  const rows = await t.db.select().from(units).where(eq(units.name, name));
  expect(rows, name).toHaveLength(1);
  return rows[0]!;
};

describe('demo seed', () => {
  it('creates the units named in the seed texts, in their hierarchy', async () => {
    expect(await isEmpty(t.db)).toBe(false);
    const lc = await byName('Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu');
    const btl = await byName('Bộ Tư lệnh Bộ đội Biên phòng');
    expect(lc.parentId).toBe(btl.id);
    expect(lc.provinceCode).toBe('12');
    const tgk = await byName('Đồn Biên phòng Tả Gia Khâu');
    const lca = await byName('Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai');
    expect(tgk.parentId).toBe(lca.id);
    expect(tgk.path).toBe(`/${btl.id}/${lca.id}/${tgk.id}/`);
    expect(tgk.kind).toBe('border_post');
    const doan = await byName('Đoàn Kinh tế - Quốc phòng 379');
    expect(doan.parentId).toBe((await byName('Bộ Tư lệnh Quân khu 2')).id);
    const bdv = await byName('Ban Dân vận Tỉnh ủy Quảng Nam');
    expect(bdv.parentId).toBe((await byName('Tỉnh ủy Quảng Nam')).id);
    expect(bdv.validTo).toBe('2025-06-30');
    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(units);
    expect(n!.n).toBe(DEMO_UNITS.length);
  });

  it('closes "Huyện ủy Phong Thổ" with "Đảng ủy xã Phong Thổ" as successor', async () => {
    const hu = await byName('Huyện ủy Phong Thổ');
    const du = await byName('Đảng ủy xã Phong Thổ');
    expect(hu.validTo).toBe('2025-06-30');
    expect(hu.closedReason).toContain('72/2025/QH15');
    expect(du.validTo).toBeNull();
    expect(du.validFrom).toBe('2025-07-01');
    const links = await t.db.select().from(unitSuccessors).where(eq(unitSuccessors.unitId, hu.id));
    expect(links.map((l) => l.successorId)).toEqual([du.id]);
    const admin = await signIn(t.app, 'admin', PASSWORD);
    const detail = (await admin.get(`/api/units/${du.id}`)).json();
    expect(detail.predecessors.map((p: { name: string }) => p.name)).toContain('Huyện ủy Phong Thổ');
  });

  it('goes through the services: every unit has an audit row from the seeder', async () => {
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, 'unit.create'));
    expect(rows).toHaveLength(DEMO_UNITS.length);
    for (const r of rows) expect(r.requestId).toBe('seed-demo');
  });

  it('every demo account signs in with the shared password', async () => {
    for (const u of DEMO_USERS) {
      const c = await signIn(t.app, u.username, PASSWORD);
      const me = (await c.get('/api/me')).json();
      expect(me.user.username).toBe(u.username);
      expect(me.grants).toHaveLength(u.grants.length);
    }
    const hashes = await t.db.select({ h: users.passwordHash }).from(users);
    expect(hashes).toHaveLength(DEMO_USERS.length);
    for (const { h } of hashes) expect(h.startsWith('$argon2id$')).toBe(true);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'Sai-mat-khau-123' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('the Tả Gia Khâu border-post officer sees only its own post; Lai Châu is not found', async () => {
    const officer = await signIn(t.app, 'canbo.dbp.tagiakhau', PASSWORD);
    const tgk = await byName('Đồn Biên phòng Tả Gia Khâu');
    const list = (await officer.get('/api/units')).json();
    expect(list.items.map((u: { name: string }) => u.name)).toEqual(['Đồn Biên phòng Tả Gia Khâu']);
    expect(list.total).toBe(1);
    const tree = (await officer.get('/api/units/tree')).json();
    expect(tree).toEqual([expect.objectContaining({ id: tgk.id, parentId: null })]);
    for (const name of [
      'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu',
      'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai',
    ]) {
      const res = await officer.get(`/api/units/${(await byName(name)).id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
      expect(res.json().message).toBe(ERRORS.NOT_FOUND.vi);
    }
    const own = await officer.get(`/api/units/${tgk.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().abilities).toMatchObject({ update: false, createChild: false });
  });

  it('the Lai Châu border-guard leader sees the province subtree but not Lào Cai', async () => {
    const leader = await signIn(t.app, 'lanhdao.bdbp.laichau', PASSWORD);
    const names = (await leader.get('/api/units?limit=500'))
      .json()
      .items.map((u: { name: string }) => u.name);
    expect(names).toContain('Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu');
    expect(names).toContain('Đồn Biên phòng Ma Lù Thàng');
    expect(names).not.toContain('Đồn Biên phòng Tả Gia Khâu');
    expect(names).not.toContain('Bộ Tư lệnh Bộ đội Biên phòng');
  });
});

describe('demo agreements from the seed texts', () => {
  const agreementBySubject = async (fragment: string) => {
    const rows = await t.db
      .select()
      .from(agreements)
      .where(sql`${agreements.subject} like ${`%${fragment}%`}`);
    expect(rows, fragment).toHaveLength(1);
    return rows[0]!;
  };
  const tasksOf = async (agreementId: number) =>
    t.db
      .select({ title: tasks.title, role: taskUnits.role, unit: units.name, section: sections.title })
      .from(tasks)
      .innerJoin(taskUnits, eq(taskUnits.taskId, tasks.id))
      .innerJoin(units, eq(units.id, taskUnits.unitId))
      .innerJoin(sections, eq(sections.id, tasks.sectionId))
      .where(eq(tasks.agreementId, agreementId));

  it('enters the Lai Châu program 2022–2025 and its 2022 plan with the lead/cooperating split of seed 000', async () => {
    const program = await agreementBySubject('Ban Dân tộc tỉnh Lai Châu giai đoạn 2022-2025');
    expect(program).toMatchObject({
      kind: 'program',
      validFrom: '2022-01-01',
      validTo: '2025-12-31',
      signedOn: '2022-03-30',
    });
    const plan = await agreementBySubject('an ninh biên giới quốc gia" năm 2022');
    expect(plan.programId).toBe(program.id);
    const rows = await tasksOf(plan.id);
    const models = rows.filter((r) => r.title.includes('3 mô hình điểm "Dân vận khéo"'));
    expect(models.find((r) => r.role === 'lead')?.unit).toBe('Ban Dân tộc tỉnh Lai Châu');
    expect(models.find((r) => r.role === 'cooperating')?.unit).toBe(
      'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu',
    );
    const posts = rows.filter(
      (r) => r.title.startsWith('Chỉ đạo các đồn Biên phòng') && r.role === 'implementing',
    );
    expect(posts.map((r) => r.unit)).toContain('Đồn Biên phòng Ma Lù Thàng');
    const parties = await t.db
      .select()
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, program.id));
    expect(parties.map((p) => p.signatoryName).sort()).toEqual(['Nguyễn Văn Hưng', 'Trần Hữu Chí']);
  });

  it('enters the Quảng Nam 2022 plan with its five sections, the lead of each and its legal bases (seed 004)', async () => {
    const plan = await agreementBySubject('công tác dân tộc năm 2022');
    expect(plan).toMatchObject({ kind: 'plan', year: 2022, signedOn: '2022-03-22' });
    const sectionRows = await t.db.select().from(sections).where(eq(sections.agreementId, plan.id));
    expect(sectionRows.sort((a, b) => a.position - b.position).map((s) => s.title)).toEqual([
      'Về công tác tham mưu',
      'Phối hợp trong công tác tuyên truyền, vận động',
      'Phối hợp thực hiện các nội dung liên quan tình hình dân tộc và công tác dân tộc',
      'Công tác bồi dưỡng nghiệp vụ đội ngũ cán bộ ở cơ sở',
      'Trao đổi thông tin về thực hiện các chính sách dân tộc',
    ]);
    const leads = (await tasksOf(plan.id)).filter((r) => r.role === 'lead');
    expect(leads.find((r) => r.section === 'Công tác bồi dưỡng nghiệp vụ đội ngũ cán bộ ở cơ sở')?.unit).toBe(
      'Ban Dân tộc tỉnh Quảng Nam',
    );
    const bases = await t.db
      .select({ number: legalDocuments.number })
      .from(agreementLegalBases)
      .innerJoin(legalDocuments, eq(legalDocuments.id, agreementLegalBases.legalDocumentId))
      .where(eq(agreementLegalBases.agreementId, plan.id));
    expect(bases.map((b) => b.number)).toEqual(
      expect.arrayContaining(['65-KL/TW', '120/2020/QH14', '12/2018/QĐ-TTg', '49-CT/TW']),
    );
  });

  it('enters the regulations of seeds 002 and 003 and the Lào Cai program of seed 001', async () => {
    const ktqp = await agreementBySubject('Đoàn Kinh tế - Quốc phòng 379');
    expect(ktqp).toMatchObject({ kind: 'regulation', signedOn: '2020-11-19' });
    expect(
      await t.db.select().from(agreementParties).where(eq(agreementParties.agreementId, ktqp.id)),
    ).toHaveLength(5);
    const du = await agreementBySubject('Huyện ủy 4 huyện biên giới');
    expect(du.kind).toBe('regulation');
    // Dates the texts do not give stay empty.
    expect(du.signedOn).toBeNull();
    const lca = await agreementBySubject('Kế hoạch phối hợp năm 2023');
    const implementing = (await tasksOf(lca.id)).filter((r) => r.role === 'implementing').map((r) => r.unit);
    expect(implementing).toContain('Đồn Biên phòng Tả Gia Khâu');
  });
});
