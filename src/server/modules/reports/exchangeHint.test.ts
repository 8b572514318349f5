import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { buildForm, buildIndicator, buildReport } from '../../../../test/reportFactories.ts';
import { indicatorLinks } from '../../db/schema/index.ts';

// The report shows what the system already adds to its typed figures (issue 6, item 2): the
// exchange counts of the report's unit over its period, for the form's linked exchange
// indicators only — so the officer types just what was learnt outside the system.

const t = setupTestApp();
let postOfficer: Client; // Đồn Biên phòng Tả Gia Khâu
let siblingOfficer: Client; // Đồn Biên phòng Y Tý
let post: { id: number };
let sibling: { id: number };
let ethnic: { id: number };
let planId: number;
let formId: number;
let q2Id: number; // the post's 2024-Q2 report
const ind = { tip: 0, sent: 0, typed: 0, unlinked: 0 };

beforeAll(async () => {
  const command = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', kind: 'border_command' });
  post = await buildUnit(t.db, { name: 'Đồn Biên phòng Tả Gia Khâu', parentId: command.id });
  sibling = await buildUnit(t.db, { name: 'Đồn Biên phòng Y Tý', parentId: command.id });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lào Cai' });
  await buildUser(t.db, {
    username: 'cv.tgk',
    unitId: post.id,
    grants: [{ unitId: post.id, role: 'officer' }],
  });
  await buildUser(t.db, {
    username: 'cv.yty',
    unitId: sibling.id,
    grants: [{ unitId: sibling.id, role: 'officer' }],
  });
  postOfficer = await signIn(t.app, 'cv.tgk');
  siblingOfficer = await signIn(t.app, 'cv.yty');
  planId = (
    await buildAgreement(t.db, {
      status: 'in_effect',
      subject: 'Kế hoạch phối hợp BĐBP – Ban Dân tộc năm 2024',
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
  ind.typed = (await buildIndicator(t.db, { name: 'Hộ gia đình được giúp đỡ', uom: 'hộ' })).id;
  // Automatic, but not linked to the plan: the system adds nothing to this plan's figures.
  ind.unlinked = (
    await buildIndicator(t.db, {
      name: 'Yêu cầu phối hợp đã trả lời',
      uom: 'yêu cầu',
      exchangeSource: 'requests_answered',
    })
  ).id;
  await t.db.insert(indicatorLinks).values([
    { indicatorId: ind.tip, agreementId: planId },
    { indicatorId: ind.sent, agreementId: planId },
    { indicatorId: ind.typed, agreementId: planId },
  ]);
  formId = (
    await buildForm(t.db, {
      agreementId: planId,
      indicators: [ind.typed, ind.tip, ind.sent, ind.unlinked],
      unitIds: [post.id, sibling.id],
      approvalChain: [command.id],
    })
  ).id;
});

const bulletin = (occurredOn: string, kind = 'tip_off') => ({
  agreementId: planId,
  recipientUnitIds: [ethnic.id],
  kind,
  subject: 'Nguồn tin về hoạt động tuyên truyền đạo trái phép',
  body: 'Phát hiện đối tượng lạ tuyên truyền tại thôn Tả Gia Khâu, đề nghị phối hợp nắm tình hình.',
  occurredOn,
});

async function countsOf(client: Client, reportId: number) {
  const res = await client.get(`/api/reports/${reportId}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  return {
    counts: Object.fromEntries(
      (body.exchangeCounts as Array<{ indicatorId: number; value: number }>).map((c) => [
        c.indicatorId,
        c.value,
      ]),
    ),
    sources: Object.fromEntries(
      (body.indicators as Array<{ indicatorId: number; exchangeSource: string | null }>).map((i) => [
        i.indicatorId,
        i.exchangeSource,
      ]),
    ),
  };
}

describe('exchange counts shown on a report', () => {
  it('a tip-off the unit sent in the period shows 1 on the exchange indicators, nothing on the others', async () => {
    const q2 = await buildReport(t.db, { formId, unitId: post.id, period: '2024-Q2' });
    q2Id = q2.id;
    const before = await countsOf(postOfficer, q2.id);
    // Linked exchange indicators get an entry (0 so far); typed and unlinked ones none.
    expect(before.counts).toEqual({ [ind.tip]: 0, [ind.sent]: 0 });
    expect(before.sources).toEqual({
      [ind.typed]: null,
      [ind.tip]: 'tip_offs_sent',
      [ind.sent]: 'bulletins_sent',
      [ind.unlinked]: 'requests_answered',
    });

    const sent = await postOfficer.post('/api/bulletins', bulletin('2024-05-10'));
    expect(sent.statusCode, sent.body).toBe(201);
    const after = await countsOf(postOfficer, q2.id);
    // A tip-off is a bulletin sent too.
    expect(after.counts).toEqual({ [ind.tip]: 1, [ind.sent]: 1 });
  });

  it('a bulletin received outside the period, or sent by another unit, is not counted', async () => {
    const q3 = await buildReport(t.db, { formId, unitId: post.id, period: '2024-Q3' });
    const siblingQ3 = await buildReport(t.db, { formId, unitId: sibling.id, period: '2024-Q3' });
    // The post: the last day of Q2 and the first of Q4 (the edges of Q3); Y Tý: a tip-off in Q3.
    for (const [client, day, kind] of [
      [postOfficer, '2024-06-30', 'security_situation'],
      [postOfficer, '2024-10-01', 'security_situation'],
      [siblingOfficer, '2024-07-15', 'tip_off'],
    ] as const) {
      const res = await client.post('/api/bulletins', bulletin(day, kind));
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await countsOf(postOfficer, q3.id)).counts).toEqual({ [ind.tip]: 0, [ind.sent]: 0 });
    expect((await countsOf(siblingOfficer, siblingQ3.id)).counts).toEqual({ [ind.tip]: 1, [ind.sent]: 1 });
    // The bulletin of 30/6 falls in the post's Q2: 2 bulletins sent, of which 1 tip-off.
    expect((await countsOf(postOfficer, q2Id)).counts).toEqual({ [ind.tip]: 1, [ind.sent]: 2 });
  });
});
