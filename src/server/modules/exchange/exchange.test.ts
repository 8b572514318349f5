import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { attachments, auditLog } from '../../db/schema/index.ts';
import { todayInVietnam } from '../../lib/time.ts';
import type { BulletinOut } from './service.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'phoihop-bulletins-'));
const t = setupTestApp({ PHOIHOP_DATA_DIR: dataDir, PHOIHOP_MAX_UPLOAD_MB: '1' });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
let postOfficer: Client; // Đồn Biên phòng Tả Gia Khâu (đơn vị gửi)
let ethnicOfficer: Client; // Ban Dân tộc tỉnh Lào Cai (đơn vị nhận)
let ethnicLeaderAbove: Client; // lãnh đạo UBND tỉnh, cấp trên của Ban Dân tộc
let commandOfficer: Client; // chuyên viên Bộ Chỉ huy BĐBP (cấp trên của đồn, không phải lãnh đạo)
let outsider: Client; // Sở Y tế tỉnh Quảng Bình
let post: { id: number };
let ethnic: { id: number };
let command: { id: number };
let health: { id: number };
let agreementId: number;

beforeAll(async () => {
  const province = await buildUnit(t.db, { name: 'Ủy ban nhân dân tỉnh Lào Cai', shortName: 'UBND' });
  command = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', kind: 'border_command' });
  post = await buildUnit(t.db, { name: 'Đồn Biên phòng Tả Gia Khâu', parentId: command.id });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lào Cai', parentId: province.id });
  health = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Quảng Bình' });
  const user = (username: string, unitId: number, role: 'officer' | 'leader') =>
    buildUser(t.db, { username, unitId, grants: [{ unitId, role }] });
  await user('cv.tgk', post.id, 'officer');
  await user('cv.bdt', ethnic.id, 'officer');
  await user('ld.ubnd', province.id, 'leader');
  await user('cv.bchbp', command.id, 'officer');
  await user('cv.yte', health.id, 'officer');
  postOfficer = await signIn(t.app, 'cv.tgk');
  ethnicOfficer = await signIn(t.app, 'cv.bdt');
  ethnicLeaderAbove = await signIn(t.app, 'ld.ubnd');
  commandOfficer = await signIn(t.app, 'cv.bchbp');
  outsider = await signIn(t.app, 'cv.yte');
  agreementId = (
    await buildAgreement(t.db, {
      kind: 'program',
      status: 'in_effect',
      subject: 'Chương trình phối hợp công tác dân tộc vùng biên giới',
      parties: [command.id, ethnic.id],
    })
  ).id;
});

const tipOff = (over: Record<string, unknown> = {}) => ({
  agreementId,
  recipientUnitIds: [ethnic.id],
  kind: 'tip_off',
  subject: 'Nguồn tin về hoạt động tuyên truyền đạo trái phép',
  body: 'Phát hiện đối tượng lạ tuyên truyền tại thôn Tả Gia Khâu, đề nghị phối hợp nắm tình hình.',
  sensitivity: 'Hạn chế',
  ...over,
});

async function audits(action: string, id: number) {
  return t.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, action),
        eq(auditLog.entityType, 'bulletin'),
        eq(auditLog.entityId, String(id)),
      ),
    );
}

const ids = (items: BulletinOut[]) => items.map((b) => b.id);

describe('bulletins (thông tin trao đổi)', () => {
  let tipId: number;

  it('a border post sends a tip-off to Ban Dân tộc; the recipient sees it in the inbox and acknowledges', async () => {
    const res = await postOfficer.post('/api/bulletins', tipOff());
    expect(res.statusCode, res.body).toBe(201);
    const sent = res.json() as BulletinOut;
    tipId = sent.id;
    expect(sent.senderUnit.id).toBe(post.id);
    expect(sent.sensitivity).toBe('han_che');
    expect(sent.notAcknowledged.map((u) => u.id)).toEqual([ethnic.id]);
    expect(await audits('bulletin.send', tipId)).toHaveLength(1);

    const inbox = (await ethnicOfficer.get('/api/bulletins?box=inbox&unacknowledged=true')).json();
    expect(ids(inbox.items)).toContain(tipId);
    expect(inbox.items[0].abilities.acknowledge).toBe(true);
    // Diacritic-free search over subject and body.
    const found = (await ethnicOfficer.get('/api/bulletins?q=dao%20trai%20phep')).json();
    expect(ids(found.items)).toEqual([tipId]);
    expect((await ethnicOfficer.get('/api/bulletins?q=lu%20quet')).json().items).toEqual([]);

    // Reading is audited once per user.
    await ethnicOfficer.get(`/api/bulletins/${tipId}`);
    await ethnicOfficer.get(`/api/bulletins/${tipId}`);
    expect(await audits('bulletin.read', tipId)).toHaveLength(1);
    // The sender's own reading is not a recipient's read.
    await postOfficer.get(`/api/bulletins/${tipId}`);
    expect(await audits('bulletin.read', tipId)).toHaveLength(1);

    const ack = await ethnicOfficer.post(`/api/bulletins/${tipId}/ack`);
    expect(ack.statusCode, ack.body).toBe(200);
    const again = await ethnicOfficer.post(`/api/bulletins/${tipId}/ack`);
    expect(again.statusCode).toBe(200);
    expect(again.json().recipients[0].acknowledgedAt).toBe(ack.json().recipients[0].acknowledgedAt);
    expect(await audits('bulletin.ack', tipId)).toHaveLength(1);
    const pending = (await ethnicOfficer.get('/api/bulletins?box=inbox&unacknowledged=true')).json();
    expect(ids(pending.items)).not.toContain(tipId);
    // The sender cannot acknowledge for the recipient.
    expectError(await postOfficer.post(`/api/bulletins/${tipId}/ack`), 'FORBIDDEN');
  });

  it('the sender sees who acknowledged and when, and who has not', async () => {
    const detail = (await postOfficer.get(`/api/bulletins/${tipId}`)).json();
    expect(detail.recipients).toHaveLength(1);
    expect(detail.recipients[0].unit.name).toBe('Ban Dân tộc tỉnh Lào Cai');
    expect(detail.recipients[0].acknowledgedBy.fullName).toBe('Người dùng cv.bdt');
    expect(Date.parse(detail.recipients[0].acknowledgedAt)).toBeGreaterThan(0);
    expect(detail.notAcknowledged).toEqual([]);

    // To all parties: the command (a party) has not acknowledged yet.
    const all = await postOfficer.post('/api/bulletins', tipOff({ recipientUnitIds: [], allParties: true }));
    expect(all.statusCode, all.body).toBe(201);
    expect(
      all
        .json()
        .recipients.map((r: { unit: { id: number } }) => r.unit.id)
        .sort(),
    ).toEqual([command.id, ethnic.id].sort());
    await ethnicOfficer.post(`/api/bulletins/${all.json().id}/ack`);
    const sent = (await postOfficer.get('/api/bulletins?box=sent&unacknowledged=true')).json();
    expect(ids(sent.items)).toEqual([all.json().id]);
    expect(sent.items[0].notAcknowledged.map((u: { id: number }) => u.id)).toEqual([command.id]);
  });

  it('refuses state-secret labels, recipients outside the agreement and an empty body', async () => {
    for (const label of ['mat', 'Tối mật', 'Tuyệt mật', 'toi_mat']) {
      const body = expectError(
        await postOfficer.post('/api/bulletins', tipOff({ sensitivity: label })),
        'STATE_SECRET_NOT_ALLOWED',
      );
      expect(body.fields?.[0]?.path).toBe('sensitivity');
      expect(body.message).toContain('kênh thông tin mật');
      expect(body.fields?.[0]?.message).toBe('Mức độ phổ biến chỉ được là Thường, Nội bộ hoặc Hạn chế.');
    }
    const notParty = expectError(
      await postOfficer.post('/api/bulletins', tipOff({ recipientUnitIds: [health.id] })),
      'VALIDATION_FAILED',
    );
    expect(notParty.fields?.[0]?.path).toBe('recipientUnitIds');
    expect(notParty.fields?.[0]?.message).toContain('Sở Y tế tỉnh Quảng Bình');
    const empty = expectError(
      await postOfficer.post('/api/bulletins', tipOff({ body: '   ' })),
      'VALIDATION_FAILED',
    );
    expect(empty.fields?.map((f) => f.path)).toContain('body');
    const noDeadline = expectError(
      await postOfficer.post('/api/bulletins', tipOff({ kind: 'coordination_request' })),
      'VALIDATION_FAILED',
    );
    expect(noDeadline.fields?.[0]?.path).toBe('respondBy');
    const future = expectError(
      await postOfficer.post('/api/bulletins', tipOff({ occurredOn: '2999-01-01' })),
      'VALIDATION_FAILED',
    );
    expect(future.fields?.[0]?.path).toBe('occurredOn');
    expect(future.fields?.[0]?.message).toContain('không được sau ngày hôm nay');
  });

  it('records the day the information was received (default today, in Vietnam)', async () => {
    const dated = await postOfficer.post('/api/bulletins', tipOff({ occurredOn: '2024-10-15' }));
    expect(dated.statusCode).toBe(201);
    expect(dated.json().occurredOn).toBe('2024-10-15');
    const today = await postOfficer.post('/api/bulletins', tipOff());
    expect(today.json().occurredOn).toBe(todayInVietnam());
  });

  it('an outsider gets 404 and sees nothing; a leader above the recipient sees it', async () => {
    expectError(await outsider.get(`/api/bulletins/${tipId}`), 'NOT_FOUND');
    expectError(await outsider.post(`/api/bulletins/${tipId}/ack`), 'NOT_FOUND');
    expectError(
      await outsider.post(`/api/bulletins/${tipId}/replies`, { body: 'Xin thông tin' }),
      'NOT_FOUND',
    );
    expect((await outsider.get('/api/bulletins')).json()).toEqual({ items: [], total: 0 });
    // An officer of the command above the post is not the post's mail reader.
    expectError(await commandOfficer.get(`/api/bulletins/${tipId}`), 'NOT_FOUND');

    const seen = await ethnicLeaderAbove.get(`/api/bulletins/${tipId}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(ids((await ethnicLeaderAbove.get('/api/bulletins?box=inbox')).json().items)).toContain(tipId);
  });

  it('a request with respondBy stays open until a recipient replies in the thread', async () => {
    const req = await postOfficer.post(
      '/api/bulletins',
      tipOff({
        kind: 'coordination_request',
        subject: 'Đề nghị cung cấp danh sách hộ nghèo thôn Tả Gia Khâu',
        respondBy: '2024-06-30',
      }),
    );
    expect(req.statusCode, req.body).toBe(201);
    const requestId = req.json().id as number;
    expect(req.json().open).toBe(true);
    expect(req.json().respondBy).toBe('2024-06-30');

    // The sender's own follow-up does not answer it.
    const follow = await postOfficer.post(`/api/bulletins/${requestId}/replies`, {
      body: 'Đề nghị khẩn trương.',
    });
    expect(follow.statusCode, follow.body).toBe(201);
    expect(follow.json().recipients.map((r: { unit: { id: number } }) => r.unit.id)).toEqual([ethnic.id]);
    expect((await postOfficer.get(`/api/bulletins/${requestId}`)).json().open).toBe(true);

    const answer = await ethnicOfficer.post('/api/bulletins', {
      replyToId: requestId,
      kind: 'reply',
      subject: 'Trả lời đề nghị',
      body: 'Gửi kèm danh sách 42 hộ nghèo.',
    });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json().kind).toBe('reply');
    expect(answer.json().senderUnit.id).toBe(ethnic.id);
    expect(answer.json().recipients.map((r: { unit: { id: number } }) => r.unit.id)).toEqual([post.id]);

    const detail = (await postOfficer.get(`/api/bulletins/${requestId}`)).json();
    expect(detail.open).toBe(false);
    expect(detail.answeredAt).not.toBeNull();
    expect(detail.thread.map((b: BulletinOut) => b.id)).toEqual([
      requestId,
      follow.json().id,
      answer.json().id,
    ]);
    expect(await audits('bulletin.answered', requestId)).toHaveLength(1);
    expect(await audits('bulletin.send', answer.json().id)).toHaveLength(1);
  });
});

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

function attach(client: Client, bulletinId: number, fileName: string, data: Buffer) {
  const boundary = `----phoihop${randomUUID()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return client.request({
    method: 'POST',
    url: `/api/bulletins/${bulletinId}/attachments`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

describe('bulletin attachments (tệp đính kèm bản tin)', () => {
  let bulletinId: number;

  beforeAll(async () => {
    const res = await postOfficer.post('/api/bulletins', tipOff({ subject: 'Nguồn tin kèm ảnh chụp' }));
    expect(res.statusCode, res.body).toBe(201);
    bulletinId = res.json().id;
  });

  const stored = () => t.db.select().from(attachments).where(eq(attachments.ownerType, 'bulletin'));

  it('the sender attaches a PDF; a recipient sees it in the detail and downloads it; an outsider gets 404', async () => {
    const res = await attach(postOfficer, bulletinId, 'Ảnh chụp đối tượng.pdf', PDF);
    expect(res.statusCode, res.body).toBe(201);
    const att = res.json();
    expect(att).toMatchObject({
      ownerType: 'bulletin',
      ownerId: bulletinId,
      fileName: 'Ảnh chụp đối tượng.pdf',
      mimeType: 'application/pdf',
      size: PDF.length,
    });

    const detail = (await ethnicOfficer.get(`/api/bulletins/${bulletinId}`)).json();
    expect(detail.attachments.map((a: { id: number }) => a.id)).toEqual([att.id]);
    const download = await ethnicOfficer.get(`/api/attachments/${att.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(download.rawPayload, PDF)).toBe(0);
    expect((await ethnicLeaderAbove.get(`/api/attachments/${att.id}`)).statusCode).toBe(200);

    expectError(await outsider.get(`/api/attachments/${att.id}`), 'NOT_FOUND');
    expectError(await commandOfficer.get(`/api/attachments/${att.id}`), 'NOT_FOUND');

    const audited = await t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'attachment.create'),
          eq(auditLog.entityType, 'bulletin'),
          eq(auditLog.entityId, String(bulletinId)),
        ),
      );
    expect(audited).toHaveLength(1);
    expect(audited[0]?.scopeUnitId).toBe(post.id);
  });

  it('a recipient may not attach (403) and an outsider is not told the bulletin exists (404)', async () => {
    const before = (await stored()).length;
    expectError(await attach(ethnicOfficer, bulletinId, 'tra-loi.pdf', PDF), 'FORBIDDEN');
    expectError(await attach(outsider, bulletinId, 'a.pdf', PDF), 'NOT_FOUND');
    expect(await stored()).toHaveLength(before);
  });

  it('refuses an .exe or plain text renamed .pdf (415) and a file over the limit (413)', async () => {
    const before = (await stored()).length;
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(256)]);
    for (const [name, data] of [
      ['cai-dat.exe', exe],
      ['nguon-tin.pdf', exe],
      ['ghi-chu.pdf', Buffer.from('Đây chỉ là văn bản thuần, không phải PDF.')],
    ] as const) {
      const err = expectError(await attach(postOfficer, bulletinId, name, data), 'FILE_TYPE_NOT_ALLOWED');
      expect(err.fields?.[0]?.path).toBe('file');
      expect(err.fields?.[0]?.message).toContain(name);
    }
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]);
    const err = expectError(await attach(postOfficer, bulletinId, 'quet.pdf', big), 'FILE_TOO_LARGE');
    expect(err.fields).toEqual([
      { path: 'file', message: 'Tệp "quet.pdf" vượt quá dung lượng tối đa 1 MB.' },
    ]);
    expect(await stored()).toHaveLength(before);
  });
});
