import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { buildForm, buildIndicator, buildReport } from '../../../../test/reportFactories.ts';
import { auditLog, reportEvents, reports, reportValues, reportValueYears } from '../../db/schema/index.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'phoihop-reports-'));
const t = setupTestApp({ PHOIHOP_DATA_DIR: dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Lào Cai: the provincial Border Guard command and the ethnic-affairs board run a program;
// border posts report quarterly, the command approves.
let command: { id: number; path: string };
let ethnic: { id: number };
let post: { id: number; path: string };
let sibling: { id: number };
let other: { id: number };
let officer: Client; // officer of Đồn Biên phòng Tả Gia Khâu
let officer2: Client; // a second officer of the same post
let postLeader: Client;
let commandLeader: Client;
let siblingOfficer: Client;
let ethnicLeader: Client;
let outsider: Client;
let admin: Client;
let agreementId: number;
let formId: number; // chain: [command]
let twoLevelFormId: number; // chain: [post, command]
let HO: number; // hộ gia đình được giúp đỡ
let TO: number; // tổ tự quản
let TV: number; // thành viên (≥ số tổ)

beforeAll(async () => {
  command = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', kind: 'border_command' });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lào Cai' });
  post = await buildUnit(t.db, {
    name: 'Đồn Biên phòng Tả Gia Khâu',
    kind: 'border_post',
    parentId: command.id,
  });
  sibling = await buildUnit(t.db, { name: 'Đồn Biên phòng Y Tý', kind: 'border_post', parentId: command.id });
  other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Cao Bằng' });
  const users: [string, number | null, 'officer' | 'leader' | 'admin'][] = [
    ['cv.tgk', post.id, 'officer'],
    ['cv2.tgk', post.id, 'officer'],
    ['ld.tgk', post.id, 'leader'],
    ['ld.bdbp', command.id, 'leader'],
    ['cv.yty', sibling.id, 'officer'],
    ['ld.bdt', ethnic.id, 'leader'],
    ['cv.cb', other.id, 'officer'],
    ['quantri', null, 'admin'],
  ];
  for (const [username, unitId, role] of users) {
    await buildUser(t.db, { username, unitId, grants: [{ unitId, role }] });
  }
  const clients = await Promise.all(users.map(([u]) => signIn(t.app, u)));
  [officer, officer2, postLeader, commandLeader, siblingOfficer, ethnicLeader, outsider, admin] = clients as [
    Client,
    Client,
    Client,
    Client,
    Client,
    Client,
    Client,
    Client,
  ];
  agreementId = (
    await buildAgreement(t.db, {
      kind: 'program',
      year: null,
      status: 'in_effect',
      validFrom: '2022-01-01',
      validTo: '2025-12-31',
      subject: 'Chương trình phối hợp BĐBP – Ban Dân tộc tỉnh Lào Cai 2022–2025',
      parties: [command.id, ethnic.id],
    })
  ).id;
  HO = (await buildIndicator(t.db, { code: 'R_HO', name: 'Hộ gia đình được giúp đỡ' })).id;
  TO = (await buildIndicator(t.db, { code: 'R_TO', name: 'Tổ tự quản đường biên, mốc giới', uom: 'tổ' })).id;
  TV = (
    await buildIndicator(t.db, {
      code: 'R_TV',
      name: 'Thành viên tổ tự quản',
      uom: 'thành viên',
      rules: [{ op: '>=', otherIndicatorId: TO }],
    })
  ).id;
  formId = (
    await buildForm(t.db, {
      agreementId,
      name: 'Báo cáo quý kết quả phối hợp',
      indicators: [HO, TO, TV],
      unitIds: [post.id, sibling.id],
      approvalChain: [command.id],
    })
  ).id;
  twoLevelFormId = (
    await buildForm(t.db, {
      agreementId,
      name: 'Báo cáo 6 tháng (hai cấp duyệt)',
      frequency: 'half',
      indicators: [HO],
      unitIds: [post.id],
      approvalChain: [post.id, command.id],
    })
  ).id;
});

const open = async (c: Client, period: string, over: Record<string, unknown> = {}) =>
  c.post('/api/reports', { formId, unitId: post.id, period, ...over });
const opened = async (period: string, over: Record<string, unknown> = {}) => {
  const res = await open(officer, period, over);
  expect([200, 201]).toContain(res.statusCode);
  return res.json();
};
const cellOf = (
  report: { values: { indicatorId: number; category: string; value: unknown }[] },
  id: number,
) => report.values.find((v) => v.indicatorId === id && v.category === '')?.value;
const paths = (b: { fields?: { path: string }[] }) => (b.fields ?? []).map((f) => f.path);
/** The post's yearly roll-up rows (report_value_years) for the program: [indicator, value]. */
const yearly = async (year: number) =>
  (
    await t.db
      .select({ indicatorId: reportValueYears.indicatorId, value: reportValueYears.value })
      .from(reportValueYears)
      .where(
        and(
          eq(reportValueYears.agreementId, agreementId),
          eq(reportValueYears.unitId, post.id),
          eq(reportValueYears.year, year),
        ),
      )
      .orderBy(asc(reportValueYears.indicatorId))
  ).map((r) => [r.indicatorId, r.value]);

describe('opening a report', () => {
  it('creates the draft once (201), then opens it (200), with period, due date and path', async () => {
    const first = await open(officer, '2024-Q2');
    expect(first.statusCode).toBe(201);
    const report = first.json();
    expect(report).toMatchObject({
      formId,
      formName: 'Báo cáo quý kết quả phối hợp',
      agreementId,
      unit: { id: post.id, name: 'Đồn Biên phòng Tả Gia Khâu' },
      period: '2024-Q2',
      periodLabel: 'Quý II/2024',
      periodStart: '2024-04-01',
      periodEnd: '2024-06-30',
      dueDate: '2024-06-20',
      status: 'draft',
      approvalStep: 0,
      approvalChain: [{ id: command.id }],
      locked: false,
      overdue: true,
      version: 1,
      abilities: { edit: true, submit: true, approve: false, return: false, reopen: false, attach: true },
      narrativeSections: [{ key: 'ket_qua' }, { key: 'han_che' }, { key: 'de_xuat' }],
      attachments: [],
    });
    expect(report.events.map((e: { action: string }) => e.action)).toEqual(['create']);
    const [row] = await t.db.select().from(reports).where(eq(reports.id, report.id));
    expect(row).toMatchObject({ unitPath: post.path, year: 2024, periodKind: 'quarter' });
    const again = await open(officer, '2024-Q2');
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(report.id);
  });

  it('refuses a unit that does not report on the form, and periods of another frequency or outside the program', async () => {
    const notReporting = expectError(
      await open(officer, '2024-Q2', { unitId: ethnic.id }),
      'NOT_A_REPORTING_UNIT',
    );
    expect(paths(notReporting)).toEqual(['unitId']);
    const month = expectError(await open(officer, '2024-05'), 'VALIDATION_FAILED');
    expect(paths(month)).toEqual(['period']);
    expect(month.fields?.[0]?.message).toContain('hằng quý');
    const late = expectError(await open(officer, '2026-Q1'), 'VALIDATION_FAILED');
    expect(paths(late)).toEqual(['period']);
    expect(late.fields?.[0]?.message).toContain('31/12/2025');
    // A form the actor cannot see is not there.
    const hidden = expectError(
      await outsider.post('/api/reports', { formId, unitId: other.id, period: '2024-Q2' }),
      'VALIDATION_FAILED',
    );
    expect(paths(hidden)).toEqual(['formId']);
    // Only an officer of the unit opens its draft.
    expectError(
      await siblingOfficer.post('/api/reports', { formId, unitId: post.id, period: '2024-Q3' }),
      'FORBIDDEN',
    );
  });
});

describe('the approval cycle', () => {
  it('draft → submit → return with comment → correct → resubmit → approve → locked → reopen → edit', async () => {
    let r = await opened('2023-Q1');
    // Save a draft with values and narrative.
    let res = await officer.put(`/api/reports/${r.id}`, {
      version: r.version,
      values: [
        { indicatorId: HO, value: 1734 },
        { indicatorId: TO, value: 80 },
        { indicatorId: TV, value: 1117 },
      ],
      narrative: { ket_qua: 'Giúp đỡ 1.734 hộ gia đình.' },
    });
    expect(res.statusCode).toBe(200);
    r = res.json();
    expect(r.version).toBe(2);
    expect(cellOf(r, HO)).toBe(1734);
    expect(r.narrative).toEqual({ ket_qua: 'Giúp đỡ 1.734 hộ gia đình.' });
    expect(r.issues).toEqual([]);

    res = await officer.post(`/api/reports/${r.id}/submit`, { version: r.version });
    expect(res.statusCode).toBe(200);
    r = res.json();
    expect(r).toMatchObject({
      status: 'submitted',
      approvalStep: 0,
      abilities: { edit: false, submit: false },
    });
    // A submitted report waits for its decision: no edits meanwhile.
    expectError(
      await officer.put(`/api/reports/${r.id}`, { version: r.version, values: [] }),
      'REPORT_WRONG_STATE',
    );
    // The post's officer cannot decide; the command's leader returns, and must say why.
    expectError(await officer.post(`/api/reports/${r.id}/approve`, { version: r.version }), 'FORBIDDEN');
    const noComment = expectError(
      await commandLeader.post(`/api/reports/${r.id}/return`, { version: r.version, comment: '  ' }),
      'VALIDATION_FAILED',
    );
    expect(paths(noComment)).toEqual(['comment']);
    expect(noComment.fields?.[0]?.message.startsWith('Ý kiến')).toBe(true);
    const seen = (await commandLeader.get(`/api/reports/${r.id}`)).json();
    expect(seen.abilities).toMatchObject({ approve: true, return: true, edit: false });
    res = await commandLeader.post(`/api/reports/${r.id}/return`, {
      version: r.version,
      comment: 'Đề nghị bổ sung số liệu hộ được giúp đỡ theo từng xã.',
    });
    expect(res.statusCode).toBe(200);
    r = res.json();
    expect(r).toMatchObject({ status: 'returned', approvalStep: 0 });
    const returned = r.events.at(-1);
    expect(returned).toMatchObject({
      action: 'return',
      comment: 'Đề nghị bổ sung số liệu hộ được giúp đỡ theo từng xã.',
      unitName: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai',
      actorName: 'Người dùng ld.bdbp',
    });

    // The officer corrects and resubmits.
    res = await officer.put(`/api/reports/${r.id}`, {
      version: r.version,
      values: [{ indicatorId: HO, value: 1740 }],
      narrative: { han_che: 'Địa bàn rộng, giao thông khó khăn.' },
    });
    r = res.json();
    expect(cellOf(r, HO)).toBe(1740);
    expect(cellOf(r, TO)).toBe(80); // untouched cells stay
    expect(r.narrative).toEqual({
      ket_qua: 'Giúp đỡ 1.734 hộ gia đình.',
      han_che: 'Địa bàn rộng, giao thông khó khăn.',
    });
    r = (await officer.post(`/api/reports/${r.id}/submit`, { version: r.version })).json();
    expect(r.status).toBe('submitted');
    res = await commandLeader.post(`/api/reports/${r.id}/approve`, {
      version: r.version,
      comment: 'Đồng ý.',
    });
    expect(res.statusCode).toBe(200);
    r = res.json();
    expect(r).toMatchObject({ status: 'approved', approvalStep: 1, locked: true, overdue: false });
    expect(r.approvedAt).not.toBeNull();

    // Locked: no save, no submission, no attachments until a leader reopens.
    expectError(
      await officer.put(`/api/reports/${r.id}`, {
        version: r.version,
        values: [{ indicatorId: HO, value: 1 }],
      }),
      'REPORT_LOCKED',
    );
    expectError(await officer.post(`/api/reports/${r.id}/submit`, { version: r.version }), 'REPORT_LOCKED');
    expectError(
      await commandLeader.post(`/api/reports/${r.id}/approve`, { version: r.version }),
      'REPORT_WRONG_STATE',
    );
    const [stored] = await t.db
      .select()
      .from(reportValues)
      .where(and(eq(reportValues.reportId, r.id), eq(reportValues.indicatorId, HO)));
    expect(stored?.value).toBe(1740);
    // The final approval put the figures into the yearly roll-up rows, in its transaction.
    expect(await yearly(2023)).toEqual([
      [HO, 1740],
      [TO, 80],
      [TV, 1117],
    ]);

    // Reopening: only a leader of the last chain unit, with a reason; audited.
    expectError(
      await officer.post(`/api/reports/${r.id}/reopen`, { version: r.version, reason: 'Sửa' }),
      'FORBIDDEN',
    );
    expectError(
      await postLeader.post(`/api/reports/${r.id}/reopen`, { version: r.version, reason: 'Sửa' }),
      'FORBIDDEN',
    );
    expectError(
      await commandLeader.post(`/api/reports/${r.id}/reopen`, { version: r.version }),
      'VALIDATION_FAILED',
    );
    res = await commandLeader.post(`/api/reports/${r.id}/reopen`, {
      version: r.version,
      reason: 'Phát hiện nhầm số hộ của xã Tả Gia Khâu.',
    });
    expect(res.statusCode).toBe(200);
    r = res.json();
    expect(r).toMatchObject({ status: 'draft', approvalStep: 0, locked: false, approvedAt: null });
    // Reopened: out of the roll-up until approved again.
    expect(await yearly(2023)).toEqual([]);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'report.reopen'), eq(auditLog.entityId, String(r.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUsername).toBe('ld.bdbp');
    expect(audit[0]!.after).toMatchObject({
      status: 'draft',
      reason: 'Phát hiện nhầm số hộ của xã Tả Gia Khâu.',
    });

    res = await officer.put(`/api/reports/${r.id}`, {
      version: r.version,
      values: [{ indicatorId: HO, value: 1734 }],
    });
    expect(res.statusCode).toBe(200);
    expect(r.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'save',
      'submit',
      'return',
      'save',
      'submit',
      'approve',
      'reopen',
    ]);
    const actions = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'report'), eq(auditLog.entityId, String(r.id))))
      .orderBy(asc(auditLog.id));
    expect(actions.map((a) => a.action)).toEqual([
      'report.create',
      'report.save',
      'report.submit',
      'report.return',
      'report.save',
      'report.submit',
      'report.approve',
      'report.reopen',
      'report.save',
    ]);
  });

  it('a two-level chain: the post’s leader approves first, then the command; a return restarts it', async () => {
    let r = (
      await officer.post('/api/reports', { formId: twoLevelFormId, unitId: post.id, period: '2023-H1' })
    ).json();
    r = (
      await officer.put(`/api/reports/${r.id}`, {
        version: r.version,
        values: [{ indicatorId: HO, value: 12 }],
      })
    ).json();
    r = (await officer.post(`/api/reports/${r.id}/submit`, { version: r.version })).json();
    const waiting = async (c: Client) =>
      (await c.get(`/api/reports?awaitingMe=true&formId=${twoLevelFormId}`))
        .json()
        .items.map((i: { id: number }) => i.id);
    // Step 0 is the post's: its leaders (and, by the tree, the command's leaders above it)
    // decide; the partner agency, though a party, does not.
    expect(await waiting(postLeader)).toEqual([r.id]);
    expect(await waiting(ethnicLeader)).toEqual([]);
    expectError(await ethnicLeader.post(`/api/reports/${r.id}/approve`, { version: r.version }), 'FORBIDDEN');
    r = (await postLeader.post(`/api/reports/${r.id}/approve`, { version: r.version })).json();
    expect(r).toMatchObject({ status: 'submitted', approvalStep: 1, locked: false });
    // Step 1 is the command's: the post's leader is done.
    expect(await waiting(postLeader)).toEqual([]);
    expect(await waiting(commandLeader)).toEqual([r.id]);
    expectError(await postLeader.post(`/api/reports/${r.id}/approve`, { version: r.version }), 'FORBIDDEN');
    r = (await commandLeader.post(`/api/reports/${r.id}/approve`, { version: r.version })).json();
    expect(r).toMatchObject({ status: 'approved', approvalStep: 2, locked: true });
    expect(
      r.events
        .filter((e: { action: string }) => e.action === 'approve')
        .map((e: { step: number; unitName: string }) => [e.step, e.unitName]),
    ).toEqual([
      [0, 'Đồn Biên phòng Tả Gia Khâu'],
      [1, 'Bộ Chỉ huy BĐBP tỉnh Lào Cai'],
    ]);
    // Returned at the second level: back to the unit, the chain starts over.
    let s = (
      await officer.post('/api/reports', { formId: twoLevelFormId, unitId: post.id, period: '2023-H2' })
    ).json();
    s = (await officer.post(`/api/reports/${s.id}/submit`, { version: s.version })).json();
    s = (await postLeader.post(`/api/reports/${s.id}/approve`, { version: s.version })).json();
    s = (
      await commandLeader.post(`/api/reports/${s.id}/return`, {
        version: s.version,
        comment: 'Thiếu số liệu.',
      })
    ).json();
    expect(s).toMatchObject({ status: 'returned', approvalStep: 0 });
  });

  it('the submitter may not approve their own report unless the form allows it (403 SELF_APPROVAL)', async () => {
    // The post's leader files the report and sits first in the chain.
    let r = (
      await postLeader.post('/api/reports', { formId: twoLevelFormId, unitId: post.id, period: '2024-H1' })
    ).json();
    r = (await postLeader.post(`/api/reports/${r.id}/submit`, { version: r.version })).json();
    expect(r.abilities).toMatchObject({ approve: false, return: true });
    expectError(
      await postLeader.post(`/api/reports/${r.id}/approve`, { version: r.version }),
      'SELF_APPROVAL',
    );
    expect(
      (await postLeader.get(`/api/reports?awaitingMe=true&formId=${twoLevelFormId}`)).json().items,
    ).toEqual([]);
    const selfOk = await buildForm(t.db, {
      agreementId,
      frequency: 'half',
      indicators: [HO],
      unitIds: [post.id],
      approvalChain: [post.id],
      allowSelfApproval: true,
    });
    let s = (
      await postLeader.post('/api/reports', { formId: selfOk.id, unitId: post.id, period: '2024-H1' })
    ).json();
    s = (await postLeader.post(`/api/reports/${s.id}/submit`, { version: s.version })).json();
    const res = await postLeader.post(`/api/reports/${s.id}/approve`, { version: s.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('approved');
  });

  it('approves many at once, each on its own (per-item results)', async () => {
    const ids: number[] = [];
    for (const unitId of [post.id, sibling.id]) {
      const r = await buildReport(t.db, { formId, unitId, period: '2022-Q4', status: 'submitted' });
      ids.push(r.id);
    }
    const draft = await buildReport(t.db, { formId, unitId: post.id, period: '2022-Q3' });
    const res = await commandLeader.post('/api/reports/bulk-approve', {
      items: [
        { id: ids[0], version: 1 },
        { id: ids[1], version: 1 },
        { id: draft.id, version: 1 },
        { id: 999_999, version: 1 },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.approved).toEqual(ids);
    expect(body.failed).toEqual([
      { id: draft.id, code: 'REPORT_WRONG_STATE', message: expect.stringContaining('trạng thái') },
      { id: 999_999, code: 'NOT_FOUND', message: expect.any(String) },
    ]);
    const rows = await t.db.select({ status: reports.status }).from(reports).where(eq(reports.id, ids[0]!));
    expect(rows[0]!.status).toBe('approved');
    // A stale version fails that item only.
    const more = await buildReport(t.db, {
      formId,
      unitId: sibling.id,
      period: '2022-Q3',
      status: 'submitted',
    });
    const again = (
      await commandLeader.post('/api/reports/bulk-approve', { items: [{ id: more.id, version: 7 }] })
    ).json();
    expect(again).toEqual({
      approved: [],
      failed: [{ id: more.id, code: 'VERSION_CONFLICT', message: expect.any(String) }],
    });
    // The "waiting for me" list gives the versions to approve with, no report read first.
    const waiting = (await commandLeader.get(`/api/reports?awaitingMe=true&formId=${formId}`)).json();
    const listed = waiting.items.find((i: { id: number }) => i.id === more.id);
    expect(listed).toMatchObject({ id: more.id, version: 1, awaitingMe: true });
    const fromList = (
      await commandLeader.post('/api/reports/bulk-approve', {
        items: [{ id: listed.id, version: listed.version }],
      })
    ).json();
    expect(fromList).toEqual({ approved: [more.id], failed: [] });
  });
});

describe('values', () => {
  it('refuses text, negative and absurd numbers with the indicator named; nothing is saved', async () => {
    let r = await opened('2023-Q2');
    r = (
      await officer.put(`/api/reports/${r.id}`, {
        version: r.version,
        values: [{ indicatorId: HO, value: 10 }],
      })
    ).json();
    for (const [value, words] of [
      ['N/A', 'phải nhập số'],
      ['yes', 'phải nhập số'],
      [-5, 'không thể âm'],
      [5_000_000_000, 'quá lớn'],
      [3.5, 'số nguyên'],
    ] as const) {
      const err = expectError(
        await officer.put(`/api/reports/${r.id}`, {
          version: r.version,
          values: [
            { indicatorId: TO, value: 4 },
            { indicatorId: HO, value },
          ],
        }),
        'VALIDATION_FAILED',
      );
      expect(paths(err)).toEqual(['values[1].value']);
      expect(err.fields?.[0]?.message).toContain('R_HO – Hộ gia đình được giúp đỡ');
      expect(err.fields?.[0]?.message).toContain(words);
    }
    const after = (await officer.get(`/api/reports/${r.id}`)).json();
    expect(after.version).toBe(r.version);
    expect(cellOf(after, HO)).toBe(10);
    expect(cellOf(after, TO)).toBeUndefined();
    // Narrative keys must be the form's.
    const bad = expectError(
      await officer.put(`/api/reports/${r.id}`, { version: r.version, narrative: { khac: 'x' } }),
      'VALIDATION_FAILED',
    );
    expect(paths(bad)).toEqual(['narrative.khac']);
    // null removes a value.
    const cleared = (
      await officer.put(`/api/reports/${r.id}`, {
        version: r.version,
        values: [{ indicatorId: HO, value: null }],
      })
    ).json();
    expect(cleared.values).toEqual([]);
  });

  it('flags a broken cross-field rule on save and refuses the submission listing every problem', async () => {
    let r = await opened('2023-Q3');
    const res = await officer.put(`/api/reports/${r.id}`, {
      version: r.version,
      values: [
        { indicatorId: TO, value: 317 },
        { indicatorId: TV, value: 300 },
      ],
    });
    expect(res.statusCode).toBe(200);
    r = res.json();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ indicatorId: TV, blocking: false });
    expect(r.issues[0].message).toContain('R_TV');
    expect(r.issues[0].message).toContain('317');
    const err = expectError(
      await officer.post(`/api/reports/${r.id}/submit`, { version: r.version }),
      'VALIDATION_FAILED',
    );
    expect(err.fields).toHaveLength(1);
    expect(err.fields?.[0]?.message).toContain('R_TV');
    expect((await officer.get(`/api/reports/${r.id}`)).json().status).toBe('draft');
    r = (
      await officer.put(`/api/reports/${r.id}`, {
        version: r.version,
        values: [{ indicatorId: TV, value: 3276 }],
      })
    ).json();
    expect(r.issues).toEqual([]);
    expect((await officer.post(`/api/reports/${r.id}/submit`, { version: r.version })).statusCode).toBe(200);
  });

  it('submits figures outside an indicator’s range as warnings the approver sees; a missing required value still blocks', async () => {
    const KP = (
      await buildIndicator(t.db, {
        code: 'R_KP',
        name: 'Kinh phí hỗ trợ hộ nghèo',
        uom: 'triệu đồng',
        valueType: 'decimal',
        maxValue: 500,
      })
    ).id;
    const TAU = (
      await buildIndicator(t.db, {
        code: 'R_TAU',
        name: 'Lượt tàu thuyền được kiểm soát',
        uom: 'lượt',
        minValue: 10,
      })
    ).id;
    const ranged = await buildForm(t.db, {
      agreementId,
      indicators: [KP, TAU, { indicatorId: HO, required: true }],
      unitIds: [post.id],
      approvalChain: [command.id],
    });
    let r = (
      await officer.post('/api/reports', { formId: ranged.id, unitId: post.id, period: '2024-Q2' })
    ).json();
    r = (
      await officer.put(`/api/reports/${r.id}`, {
        version: r.version,
        values: [
          { indicatorId: KP, value: 612.5 },
          { indicatorId: TAU, value: 4 },
        ],
      })
    ).json();
    expect(
      r.issues.map((i: { indicatorId: number; blocking: boolean }) => [i.indicatorId, i.blocking]),
    ).toEqual([
      [KP, false],
      [TAU, false],
      [HO, false],
    ]);
    // The required figure is missing: refused, naming it alone (the range warnings do not block).
    const err = expectError(
      await officer.post(`/api/reports/${r.id}/submit`, { version: r.version }),
      'VALIDATION_FAILED',
    );
    expect(paths(err)).toEqual([`indicators.${HO}`]);
    expect(err.fields?.[0]?.message).toContain('bắt buộc');
    r = (
      await officer.put(`/api/reports/${r.id}`, {
        version: r.version,
        values: [{ indicatorId: HO, value: 20 }],
      })
    ).json();
    const submitted = await officer.post(`/api/reports/${r.id}/submit`, { version: r.version });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    // The approver sees the out-of-range figures flagged on the submitted report.
    const seen = (await commandLeader.get(`/api/reports/${r.id}`)).json();
    expect(seen.abilities).toMatchObject({ approve: true, return: true });
    expect(seen.issues).toEqual([
      expect.objectContaining({ indicatorId: KP, path: 'values[0].value', blocking: false }),
      expect.objectContaining({ indicatorId: TAU, path: 'values[1].value', blocking: false }),
    ]);
    expect(seen.issues[0].message).toContain('612,5 lớn hơn mức tối đa 500');
    expect(seen.issues[1].message).toContain('4 nhỏ hơn mức tối thiểu 10');
    const approved = await commandLeader.post(`/api/reports/${r.id}/approve`, { version: seen.version });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', locked: true });
    expect(approved.json().issues).toHaveLength(2);
  });

  it('two officers editing the same report: the second gets 409 and the first’s values stay', async () => {
    const r = await opened('2023-Q4');
    const [a, b] = [
      (await officer.get(`/api/reports/${r.id}`)).json(),
      (await officer2.get(`/api/reports/${r.id}`)).json(),
    ];
    const first = await officer.put(`/api/reports/${r.id}`, {
      version: a.version,
      values: [{ indicatorId: HO, value: 150 }],
      narrative: { ket_qua: 'Bản của cán bộ thứ nhất' },
    });
    expect(first.statusCode).toBe(200);
    expectError(
      await officer2.put(`/api/reports/${r.id}`, {
        version: b.version,
        values: [{ indicatorId: HO, value: 999 }],
        narrative: { ket_qua: 'Bản của cán bộ thứ hai' },
      }),
      'VERSION_CONFLICT',
    );
    const now = (await officer2.get(`/api/reports/${r.id}`)).json();
    expect(cellOf(now, HO)).toBe(150);
    expect(now.narrative.ket_qua).toBe('Bản của cán bộ thứ nhất');
    expect(now.version).toBe(first.json().version);
  });

  it('keeps every save as a snapshot in the history', async () => {
    let r = await opened('2024-Q1');
    for (const n of [10, 20, 30]) {
      r = (
        await officer.put(`/api/reports/${r.id}`, {
          version: r.version,
          values: [{ indicatorId: HO, value: n }],
          narrative: { ket_qua: `Lần cập nhật ${n}` },
        })
      ).json();
    }
    const saves = r.events.filter((e: { action: string }) => e.action === 'save');
    expect(saves).toHaveLength(3);
    expect(saves.every((e: { hasSnapshot: boolean }) => e.hasSnapshot)).toBe(true);
    const snaps = [];
    for (const e of saves) {
      const res = await officer.get(`/api/reports/${r.id}/events/${e.id}`);
      expect(res.statusCode).toBe(200);
      snaps.push(res.json().snapshot);
    }
    expect(snaps.map((s) => [s.values[0].value, s.narrative.ket_qua])).toEqual([
      [10, 'Lần cập nhật 10'],
      [20, 'Lần cập nhật 20'],
      [30, 'Lần cập nhật 30'],
    ]);
    const rows = await t.db.select().from(reportEvents).where(eq(reportEvents.reportId, r.id));
    expect(rows.filter((e) => e.action === 'save')).toHaveLength(3);
    expectError(await siblingOfficer.get(`/api/reports/${r.id}/events/${saves[0].id}`), 'NOT_FOUND');
  });
});

describe('who sees a report', () => {
  it('404 for an officer of another unit and outsiders; parties read it without acting', async () => {
    const r = await opened('2024-Q3');
    for (const c of [siblingOfficer, outsider]) {
      expectError(await c.get(`/api/reports/${r.id}`), 'NOT_FOUND');
      expectError(await c.put(`/api/reports/${r.id}`, { version: r.version, values: [] }), 'NOT_FOUND');
      expectError(await c.post(`/api/reports/${r.id}/submit`, { version: r.version }), 'NOT_FOUND');
      const list = (await c.get(`/api/reports?formId=${formId}`)).json();
      expect(list.items.map((i: { id: number }) => i.id)).not.toContain(r.id);
    }
    const party = await ethnicLeader.get(`/api/reports/${r.id}`);
    expect(party.statusCode).toBe(200);
    expect(party.json().abilities).toEqual({
      edit: false,
      submit: false,
      approve: false,
      return: false,
      reopen: false,
      attach: false,
    });
    expectError(
      await ethnicLeader.put(`/api/reports/${r.id}`, { version: r.version, values: [] }),
      'FORBIDDEN',
    );
  });

  it('lists with filters, overdue derived and the unit subtree', async () => {
    const list = (
      await commandLeader.get(`/api/reports?formId=${formId}&unitId=${command.id}&limit=500`)
    ).json();
    expect(list.total).toBeGreaterThan(3);
    expect(list.items.every((i: { formId: number }) => i.formId === formId)).toBe(true);
    const q2 = (await officer.get(`/api/reports?formId=${formId}&period=2024-Q2`)).json();
    expect(q2.items).toHaveLength(1);
    expect(q2.items[0]).toMatchObject({
      period: '2024-Q2',
      periodLabel: 'Quý II/2024',
      status: 'draft',
      overdue: true,
      awaitingMe: false,
    });
    // The list carries each report's version (bulk approval sends it back).
    const detail = (await officer.get(`/api/reports/${q2.items[0].id}`)).json();
    expect(q2.items[0].version).toBe(detail.version);
    const approved = (await commandLeader.get(`/api/reports?formId=${formId}&status=approved`)).json();
    expect(
      approved.items.every(
        (i: { status: string; overdue: boolean }) => i.status === 'approved' && !i.overdue,
      ),
    ).toBe(true);
    const mine = (await siblingOfficer.get(`/api/reports?formId=${formId}`)).json();
    expect(mine.items.every((i: { unit: { id: number } }) => i.unit.id === sibling.id)).toBe(true);
  });
});

describe('the dashboards’ status filters', () => {
  it('lists overdue (draft or returned past the due date), due (a draft still in time) and returned reports', async () => {
    const form = await buildForm(t.db, {
      agreementId,
      name: 'Báo cáo quý (lọc trạng thái)',
      indicators: [HO],
      unitIds: [post.id, sibling.id],
      approvalChain: [command.id],
    });
    const FUTURE = '2999-12-31';
    const make = (
      period: string,
      status: 'draft' | 'returned' | 'submitted' | 'approved',
      dueDate?: string,
    ) =>
      buildReport(t.db, {
        formId: form.id,
        unitId: period.endsWith('Q1') || period.endsWith('Q2') ? post.id : sibling.id,
        period,
        status,
        ...(dueDate ? { dueDate } : {}),
        refresh: false,
      }).then((r) => r.id);
    const dueDraft = await make('2025-Q1', 'draft', FUTURE);
    const lateDraft = await make('2025-Q2', 'draft');
    const lateReturned = await make('2025-Q3', 'returned');
    const returnedInTime = await make('2025-Q4', 'returned', FUTURE);
    const submitted = await make('2024-Q4', 'submitted');
    const approved = await make('2024-Q3', 'approved');
    const ids = async (query: string) =>
      (
        (await commandLeader.get(`/api/reports?formId=${form.id}&${query}`)).json().items as {
          id: number;
          overdue: boolean;
        }[]
      )
        .map((i) => i.id)
        .sort((a, b) => a - b);
    const sorted = (...xs: number[]) => xs.sort((a, b) => a - b);
    expect(await ids('overdue=true')).toEqual(sorted(lateDraft, lateReturned));
    expect(await ids('overdue=false')).toEqual(sorted(dueDraft, returnedInTime, submitted, approved));
    expect(await ids('due=true')).toEqual([dueDraft]);
    expect(await ids('due=false')).toEqual(
      sorted(lateDraft, lateReturned, returnedInTime, submitted, approved),
    );
    expect(await ids('status=returned')).toEqual(sorted(lateReturned, returnedInTime));
    expect(await ids('status=returned&overdue=true')).toEqual([lateReturned]);
    // The list's own flag agrees with the filter.
    const overdue = (await commandLeader.get(`/api/reports?formId=${form.id}&overdue=true`)).json();
    expect(overdue.total).toBe(2);
    expect(overdue.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    // An officer sees only the post's reports through the same filters.
    expect(
      (
        (await officer.get(`/api/reports?formId=${form.id}&overdue=true`)).json().items as { id: number }[]
      ).map((i) => i.id),
    ).toEqual([lateDraft]);
    expectError(await officer.get(`/api/reports?formId=${form.id}&overdue=yes`), 'VALIDATION_FAILED');
  });
});

describe('the tree of the period', () => {
  it('keeps the unit’s path at the period’s end when the unit moves later', async () => {
    const mover = await buildUnit(t.db, {
      name: 'Đồn Biên phòng Bản Vược',
      kind: 'border_post',
      parentId: command.id,
    });
    await buildUser(t.db, {
      username: 'cv.bv',
      unitId: mover.id,
      grants: [{ unitId: mover.id, role: 'officer' }],
    });
    const moverOfficer = await signIn(t.app, 'cv.bv');
    const form = await buildForm(t.db, {
      agreementId,
      indicators: [HO],
      unitIds: [mover.id],
      approvalChain: [command.id],
    });
    const openFor = async (period: string) => {
      const res = await moverOfficer.post('/api/reports', { formId: form.id, unitId: mover.id, period });
      expect(res.statusCode).toBe(201);
      return res.json().id as number;
    };
    const q1 = await openFor('2024-Q1');
    // Moved under the ethnic board from 1 July 2024 (mid-year).
    const moved = await admin.post(`/api/units/${mover.id}/move`, {
      parentId: ethnic.id,
      effectiveDate: '2024-07-01',
      version: 1,
    });
    expect(moved.statusCode).toBe(200);
    const q2 = await openFor('2024-Q2');
    const q3 = await openFor('2024-Q3');
    const rows = await t.db
      .select({ id: reports.id, unitPath: reports.unitPath })
      .from(reports)
      .where(eq(reports.formId, form.id))
      .orderBy(asc(reports.periodKey));
    const before = `${command.path}${mover.id}/`;
    expect(rows).toEqual([
      // Opened before the move: unchanged by it.
      { id: q1, unitPath: before },
      // Opened after the move, for a period that ended before it: the tree of its time.
      { id: q2, unitPath: before },
      { id: q3, unitPath: `/${ethnic.id}/${mover.id}/` },
    ]);
    // Dissolved at the end of September: no report for a later period.
    const closed = await admin.post(`/api/units/${mover.id}/close`, { validTo: '2024-09-30', version: 2 });
    expect(closed.statusCode).toBe(200);
    const late = expectError(
      await moverOfficer.post('/api/reports', { formId: form.id, unitId: mover.id, period: '2024-Q4' }),
      'VALIDATION_FAILED',
    );
    expect(paths(late)).toEqual(['period']);
    expect(late.fields?.[0]?.message).toContain('30/09/2024');
  });
});

describe('attachments on a report', () => {
  const PDF = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  const upload = (c: Client, id: number, fileName = 'Biên bản kiểm tra.pdf') => {
    const boundary = `----phoihop${randomUUID()}`;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    return c.request({
      method: 'POST',
      url: `/api/reports/${id}/attachments`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(head), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
  };

  it('officers of the unit attach while editable; whoever sees the report downloads', async () => {
    let r = await opened('2024-Q4');
    const res = await upload(officer, r.id);
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ ownerType: 'report', ownerId: r.id, fileName: 'Biên bản kiểm tra.pdf' });
    r = (await officer.get(`/api/reports/${r.id}`)).json();
    expect(r.attachments.map((a: { id: number }) => a.id)).toEqual([file.id]);
    expectError(await upload(siblingOfficer, r.id), 'NOT_FOUND');
    expectError(await upload(ethnicLeader, r.id), 'FORBIDDEN');
    const got = await ethnicLeader.get(`/api/attachments/${file.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    expectError(await siblingOfficer.get(`/api/attachments/${file.id}`), 'NOT_FOUND');
    r = (await officer.post(`/api/reports/${r.id}/submit`, { version: r.version })).json();
    r = (await commandLeader.post(`/api/reports/${r.id}/approve`, { version: r.version })).json();
    expectError(await upload(officer, r.id), 'REPORT_LOCKED');
    expectError(await officer.delete(`/api/attachments/${file.id}`), 'REPORT_LOCKED');
  });
});
