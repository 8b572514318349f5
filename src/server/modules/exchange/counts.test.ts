import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { buildForm, buildIndicator, buildReport } from '../../../../test/reportFactories.ts';
import { bulletinRecipients, bulletins, indicatorLinks, reportValueYears } from '../../db/schema/index.ts';
import { todayInVietnam } from '../../lib/time.ts';
import { refreshUnitYear } from '../rollup/store.ts';

// Exchange counts as results (issue 6, item 2): bulletins, tip-offs and answered requests
// feed the linked exchange indicators, added to the figures typed in approved reports.

const t = setupTestApp();
let postOfficer: Client; // Đồn Biên phòng Tả Gia Khâu
let ethnicOfficer: Client; // Ban Dân tộc tỉnh Lào Cai
let commandLeader: Client; // lãnh đạo Bộ Chỉ huy BĐBP tỉnh (cấp trên của đồn)
let command: { id: number };
let post: { id: number };
let ethnic: { id: number };
let programId: number;
let planId: number;
let otherId: number;
let formId: number;
const ind = { tip: 0, sent: 0, answered: 0 };
const thisYear = todayInVietnam().slice(0, 4);

beforeAll(async () => {
  const province = await buildUnit(t.db, { name: 'Ủy ban nhân dân tỉnh Lào Cai', shortName: 'UBND' });
  command = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', kind: 'border_command' });
  post = await buildUnit(t.db, { name: 'Đồn Biên phòng Tả Gia Khâu', parentId: command.id });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lào Cai', parentId: province.id });
  const user = (username: string, unitId: number, role: 'officer' | 'leader') =>
    buildUser(t.db, { username, unitId, grants: [{ unitId, role }] });
  await user('cv.tgk', post.id, 'officer');
  await user('cv.bdt', ethnic.id, 'officer');
  await user('ld.bchbp', command.id, 'leader');
  postOfficer = await signIn(t.app, 'cv.tgk');
  ethnicOfficer = await signIn(t.app, 'cv.bdt');
  commandLeader = await signIn(t.app, 'ld.bchbp');

  programId = (
    await buildAgreement(t.db, {
      kind: 'program',
      status: 'in_effect',
      subject: 'Chương trình phối hợp công tác dân tộc vùng biên giới',
      parties: [command.id, ethnic.id],
    })
  ).id;
  planId = (
    await buildAgreement(t.db, {
      status: 'in_effect',
      subject: 'Kế hoạch phối hợp năm 2024',
      programId,
      parties: [command.id, ethnic.id],
    })
  ).id;
  otherId = (
    await buildAgreement(t.db, {
      status: 'in_effect',
      subject: 'Kế hoạch phối hợp phòng, chống thiên tai',
      parties: [command.id, ethnic.id],
    })
  ).id;
  ind.tip = (
    await buildIndicator(t.db, { name: 'Nguồn tin', uom: 'nguồn tin', exchangeSource: 'tip_offs_sent' })
  ).id;
  ind.sent = (
    await buildIndicator(t.db, {
      name: 'Thông tin trao đổi giữa các bên',
      uom: 'tin',
      exchangeSource: 'bulletins_sent',
    })
  ).id;
  ind.answered = (
    await buildIndicator(t.db, {
      name: 'Yêu cầu phối hợp đã trả lời',
      uom: 'yêu cầu',
      exchangeSource: 'requests_answered',
    })
  ).id;
  await t.db.insert(indicatorLinks).values([
    { indicatorId: ind.tip, agreementId: planId },
    { indicatorId: ind.sent, agreementId: planId },
    { indicatorId: ind.answered, agreementId: planId },
    // The program counts the bulletins of its plans too.
    { indicatorId: ind.tip, agreementId: programId },
  ]);
  // Figures typed in approved reports (information received before the system): 7 + 10.
  formId = (
    await buildForm(t.db, {
      agreementId: planId,
      indicators: [ind.tip],
      unitIds: [post.id],
      approvalChain: [command.id],
    })
  ).id;
  await buildReport(t.db, {
    formId,
    unitId: post.id,
    period: '2024-Q1',
    status: 'approved',
    values: [{ indicatorId: ind.tip, value: 7 }],
  });
  await buildReport(t.db, {
    formId,
    unitId: post.id,
    period: '2024-Q2',
    status: 'approved',
    values: [{ indicatorId: ind.tip, value: 10 }],
  });
});

interface Node {
  unit: { id: number };
  values: Array<{ indicatorId: number; value: number | null }>;
}

/** Value of an indicator at a unit's node of the roll-up (null: none). */
async function rollupValue(agreementId: number, unitId: number, indicatorId: number, query: string) {
  const res = await commandLeader.get(`/api/agreements/${agreementId}/rollup?${query}&depth=5`);
  expect(res.statusCode, res.body).toBe(200);
  const node = (res.json().nodes as Node[]).find((n) => n.unit.id === unitId);
  return node?.values.find((v) => v.indicatorId === indicatorId)?.value ?? null;
}

const tipOff = (over: Record<string, unknown> = {}) => ({
  agreementId: planId,
  recipientUnitIds: [ethnic.id],
  kind: 'tip_off',
  subject: 'Nguồn tin về hoạt động tuyên truyền đạo trái phép',
  body: 'Phát hiện đối tượng lạ tuyên truyền tại thôn Tả Gia Khâu, đề nghị phối hợp nắm tình hình.',
  ...over,
});

describe('exchange counts as results', () => {
  it('a tip-off of the post adds 1 to the typed figures of its year and quarter, at the post and above', async () => {
    expect(await rollupValue(planId, post.id, ind.tip, 'year=2024')).toBe(17);
    expect(await rollupValue(planId, command.id, ind.tip, 'year=2024')).toBe(17);
    expect(await rollupValue(planId, post.id, ind.tip, 'year=2024&period=2024-Q2')).toBe(10);

    const sent = await postOfficer.post('/api/bulletins', tipOff({ occurredOn: '2024-05-10' }));
    expect(sent.statusCode, sent.body).toBe(201);

    expect(await rollupValue(planId, post.id, ind.tip, 'year=2024')).toBe(18);
    expect(await rollupValue(planId, command.id, ind.tip, 'year=2024')).toBe(18);
    expect(await rollupValue(planId, post.id, ind.tip, 'year=2024&period=2024-Q2')).toBe(11);
    expect(await rollupValue(planId, command.id, ind.tip, 'year=2024&period=2024-Q2')).toBe(11);
    expect(await rollupValue(planId, post.id, ind.tip, 'year=2024&period=2024-Q1')).toBe(7);
    // A tip-off is a bulletin sent too; the program counts its plan's bulletins.
    expect(await rollupValue(planId, post.id, ind.sent, 'year=2024')).toBe(1);
    expect(await rollupValue(programId, post.id, ind.tip, 'year=2024')).toBe(1);
    // The trend by quarter (sub-year path) shows it in Q2.
    const trend = await commandLeader.get(
      `/api/agreements/${planId}/trend?indicatorId=${ind.tip}&frequency=quarter&fromYear=2024&toYear=2024`,
    );
    expect(trend.statusCode, trend.body).toBe(200);
    expect(trend.json().points.map((p: { value: number | null }) => p.value)).toEqual([7, 11, null, null]);
  });

  it('tip-offs sent at the same time all count (on PostgreSQL: concurrent transactions)', async () => {
    const before = (await rollupValue(planId, post.id, ind.tip, 'year=2024&period=2024-H2')) ?? 0;
    const sent = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        postOfficer.post(
          '/api/bulletins',
          tipOff({ occurredOn: `2024-08-${String(10 + i).padStart(2, '0')}` }),
        ),
      ),
    );
    for (const res of sent) expect(res.statusCode, res.body).toBe(201);
    expect(await rollupValue(planId, post.id, ind.tip, 'year=2024&period=2024-H2')).toBe(before + 8);
    // Back out of the yearly figures the next tests expect: delete them and recount.
    await t.db.delete(bulletinRecipients).where(
      inArray(
        bulletinRecipients.bulletinId,
        sent.map((r) => r.json().id as number),
      ),
    );
    await t.db.delete(bulletins).where(
      inArray(
        bulletins.id,
        sent.map((r) => r.json().id as number),
      ),
    );
    await t.db.transaction((tx) => refreshUnitYear(tx, planId, post.id, 2024));
    await t.db.transaction((tx) => refreshUnitYear(tx, programId, post.id, 2024));
    expect(await rollupValue(planId, post.id, ind.tip, 'year=2024')).toBe(18);
  });

  it('a tip-off received in another year does not change 2024', async () => {
    const sent = await postOfficer.post('/api/bulletins', tipOff({ occurredOn: '2023-12-31' }));
    expect(sent.statusCode, sent.body).toBe(201);
    expect(await rollupValue(planId, post.id, ind.tip, 'year=2024')).toBe(18);
    expect(await rollupValue(planId, post.id, ind.tip, 'year=2023')).toBe(1);
  });

  it('a bulletin without agreement or under an unrelated agreement is not counted', async () => {
    for (const agreementId of [null, otherId]) {
      const sent = await postOfficer.post(
        '/api/bulletins',
        tipOff({ agreementId, occurredOn: '2024-05-11' }),
      );
      expect(sent.statusCode, sent.body).toBe(201);
    }
    expect(await rollupValue(planId, post.id, ind.tip, 'year=2024')).toBe(18);
    expect(await rollupValue(planId, post.id, ind.sent, 'year=2024')).toBe(1);
    expect(await rollupValue(planId, post.id, ind.tip, 'year=2024&period=2024-Q2')).toBe(11);
  });

  it('approving another report afterwards keeps the count', async () => {
    await buildReport(t.db, {
      formId,
      unitId: post.id,
      period: '2024-Q3',
      status: 'approved',
      values: [{ indicatorId: ind.tip, value: 5 }],
    });
    expect(await rollupValue(planId, post.id, ind.tip, 'year=2024')).toBe(23);
    expect(await rollupValue(planId, command.id, ind.tip, 'year=2024')).toBe(23);
  });

  it('the unit dashboard shows the counted figure', async () => {
    const res = await commandLeader.get(`/api/units/${post.id}/dashboard?year=2024`);
    expect(res.statusCode, res.body).toBe(200);
    const plan = (
      res.json().agreements as Array<{
        id: number;
        indicators: Array<{ indicatorId: number; value: number }>;
      }>
    ).find((a) => a.id === planId);
    expect(plan?.indicators.find((f) => f.indicatorId === ind.tip)?.value).toBe(23);
    // The yearly total over agreements (national for a system-wide scope) reads the same rows.
    const total = await commandLeader.get(`/api/indicators/${ind.sent}/total?year=2024`);
    expect(total.statusCode, total.body).toBe(200);
    expect(total.json()).toMatchObject({ value: 1, units: 1, agreements: 1 });
  });

  it('a reply answering a coordination request counts once for the answering unit', async () => {
    const req = await postOfficer.post(
      '/api/bulletins',
      tipOff({
        kind: 'coordination_request',
        subject: 'Đề nghị cung cấp danh sách hộ nghèo thôn Tả Gia Khâu',
        respondBy: todayInVietnam(),
      }),
    );
    expect(req.statusCode, req.body).toBe(201);
    const requestId = req.json().id as number;
    expect(await rollupValue(planId, ethnic.id, ind.answered, `year=${thisYear}`)).toBeNull();
    // The request is a bulletin the post sent this year.
    expect(await rollupValue(planId, post.id, ind.sent, `year=${thisYear}`)).toBe(1);

    const reply = async () => {
      const res = await ethnicOfficer.post(`/api/bulletins/${requestId}/replies`, {
        body: 'Gửi kèm danh sách 42 hộ nghèo.',
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await reply();
    expect(await rollupValue(planId, ethnic.id, ind.answered, `year=${thisYear}`)).toBe(1);
    await reply();
    expect(await rollupValue(planId, ethnic.id, ind.answered, `year=${thisYear}`)).toBe(1);
    // Replies are not counted as bulletins sent; the sender of the request answered nothing.
    expect(await rollupValue(planId, ethnic.id, ind.sent, `year=${thisYear}`)).toBeNull();
    expect(await rollupValue(planId, post.id, ind.answered, `year=${thisYear}`)).toBeNull();
  });

  it('an indicator linked or switched to the exchange later counts the bulletins already sent; unlinking removes them', async () => {
    const later = await buildIndicator(t.db, { name: 'Tin báo đã chuyển', uom: 'tin' });
    const link = await commandLeader.post(`/api/indicators/${later.id}/links`, { agreementId: planId });
    expect(link.statusCode, link.body).toBe(201);
    expect(await rollupValue(planId, post.id, later.id, 'year=2024')).toBeNull();
    const switched = await commandLeader.patch(`/api/indicators/${later.id}`, {
      version: later.version,
      exchangeSource: 'tip_offs_sent',
    });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(await rollupValue(planId, post.id, later.id, 'year=2024')).toBe(1);
    expect(await rollupValue(planId, post.id, later.id, 'year=2023')).toBe(1);

    const unlink = await commandLeader.delete(`/api/indicator-links/${link.json().id}`);
    expect(unlink.statusCode, unlink.body).toBeLessThan(300);
    const stored = await t.db
      .select()
      .from(reportValueYears)
      .where(and(eq(reportValueYears.indicatorId, later.id), eq(reportValueYears.agreementId, planId)));
    expect(stored).toEqual([]);

    // Linking it again (through the API) counts them at once.
    const relink = await commandLeader.post(`/api/indicators/${later.id}/links`, { agreementId: planId });
    expect(relink.statusCode, relink.body).toBe(201);
    expect(await rollupValue(planId, post.id, later.id, 'year=2024')).toBe(1);
  });
});
