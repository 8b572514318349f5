import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildUnit, buildUser } from '../../../../test/factories.ts';
import { attachments, auditLog } from '../../db/schema/index.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'phoihop-attachments-'));
const t = setupTestApp({ PHOIHOP_DATA_DIR: dataDir, PHOIHOP_MAX_UPLOAD_MB: '1' });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let ethnicOfficer: Client;
let borderOfficer: Client;
let postOfficer: Client;
let outsider: Client;
let agreementId: number;
let taskId: number;
let updateId: number;

beforeAll(async () => {
  const ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lai Châu' });
  const border = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lai Châu', kind: 'border_command' });
  const post = await buildUnit(t.db, {
    name: 'Đồn Biên phòng Ma Lù Thàng',
    kind: 'border_post',
    parentId: border.id,
  });
  const other = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Lào Cai' });
  for (const [username, unitId] of [
    ['cv.bdt', ethnic.id],
    ['cv.bdbp', border.id],
    ['cb.malu', post.id],
    ['cv.yte', other.id],
  ] as const) {
    await buildUser(t.db, { username, unitId, grants: [{ unitId, role: 'officer' }] });
  }
  ethnicOfficer = await signIn(t.app, 'cv.bdt');
  borderOfficer = await signIn(t.app, 'cv.bdbp');
  postOfficer = await signIn(t.app, 'cb.malu');
  outsider = await signIn(t.app, 'cv.yte');
  const created = await ethnicOfficer.post('/api/agreements', {
    kind: 'plan',
    subject: 'Kế hoạch phối hợp công tác dân tộc năm 2024',
    ownerUnitId: ethnic.id,
    parties: [{ unitId: ethnic.id }, { unitId: border.id }],
  });
  agreementId = created.json().id;
  const task = await ethnicOfficer.post(`/api/agreements/${agreementId}/tasks`, {
    title: 'Tuyên truyền, vận động đồng bào dân tộc thiểu số',
    timeframe: { kind: 'quarter', year: 2024, quarter: 2 },
    leadUnitId: ethnic.id,
    cooperatingUnitIds: [border.id],
    implementingUnitIds: [post.id],
  });
  taskId = task.json().id;
  const update = await postOfficer.post(`/api/tasks/${taskId}/updates`, {
    unitId: post.id,
    body: 'Đã tổ chức hội nghị tuyên truyền tại bản Ma Lù Thàng.',
  });
  expect(update.statusCode).toBe(201);
  updateId = update.json().updates[0].id;
});

// ── Real (small) files, built here ──────────────────────────────────────────────────────
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A ZIP archive with stored (uncompressed) entries: enough for a minimal DOCX. */
function zip(entries: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, fileName, data);
    central.push(entry, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const DOCX = zip({
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  'word/document.xml':
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Biên bản họp</w:t></w:r></w:p></w:body></w:document>',
});

function upload(client: Client, url: string, fileName: string, data: Buffer, field = 'file') {
  const boundary = `----phoihop${randomUUID()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return client.request({
    method: 'POST',
    url,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

const agreementUrl = () => `/api/agreements/${agreementId}/attachments`;

function filesOnDisk(): string[] {
  const root = join(dataDir, 'attachments');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

async function snapshot() {
  return { rows: (await t.db.select().from(attachments)).length, files: filesOnDisk() };
}

describe('attachments', () => {
  it('stores a PDF, a PNG and a DOCX and gives each back byte for byte', async () => {
    const files = [
      { name: 'Biên bản họp Đồn Ma Lù Thàng.pdf', data: PDF, mime: 'application/pdf' },
      { name: 'ảnh hiện trường.PNG', data: PNG, mime: 'image/png' },
      {
        name: 'Dự thảo kế hoạch.docx',
        data: DOCX,
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
    ];
    for (const f of files) {
      const res = await upload(borderOfficer, agreementUrl(), f.name, f.data);
      expect(res.statusCode, res.body).toBe(201);
      const att = res.json();
      const sha256 = createHash('sha256').update(f.data).digest('hex');
      expect(att).toMatchObject({
        ownerType: 'agreement',
        ownerId: agreementId,
        fileName: f.name,
        mimeType: f.mime,
        size: f.data.length,
        sha256,
        createdBy: 'Người dùng cv.bdbp',
      });
      const [row] = await t.db.select().from(attachments).where(eq(attachments.id, att.id));
      expect(row?.storageKey.startsWith(`${sha256.slice(0, 2)}/`)).toBe(true);
      expect(readFileSync(join(dataDir, 'attachments', row?.storageKey ?? '')).equals(f.data)).toBe(true);

      // The post under the signing border command sees the agreement, so it may download.
      const got = await postOfficer.get(`/api/attachments/${att.id}`);
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(f.data)).toBe(true);
      expect(got.headers['content-type']).toBe(f.mime);
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(f.name)}`);
    }
    const first = (await ethnicOfficer.get(agreementUrl())).json();
    expect(first.map((a: { fileName: string }) => a.fileName)).toEqual(files.map((f) => f.name));
    const pdf = await ethnicOfficer.get(`/api/attachments/${first[0].id}`);
    expect(pdf.headers['content-disposition']).toBe(
      `attachment; filename="Bien ban hop Don Ma Lu Thang.pdf"; filename*=UTF-8''${encodeURIComponent(files[0]?.name ?? '')}`,
    );
    expect(filesOnDisk().some((f) => f.includes('/attachments/tmp/'))).toBe(false);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'attachment.create'));
    expect(audits.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses what is not really an accepted file type (415), naming the file', async () => {
    const before = await snapshot();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(256)]);
    const cases: Array<[string, Buffer]> = [
      ['chuong-trinh.pdf', exe],
      ['ghi-chu.pdf', Buffer.from('Đây chỉ là văn bản thuần, không phải PDF.')],
      ['anh.png', PDF],
      ['cai-dat.exe', exe],
      ['ghi-chu.txt', Buffer.from('văn bản')],
      ['khong-duoi', PDF],
    ];
    for (const [name, data] of cases) {
      const err = expectError(
        await upload(borderOfficer, agreementUrl(), name, data),
        'FILE_TYPE_NOT_ALLOWED',
      );
      expect(err.fields?.[0]?.path).toBe('file');
      expect(err.fields?.[0]?.message).toContain(name);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file over PHOIHOP_MAX_UPLOAD_MB (413) and a request without a file', async () => {
    const before = await snapshot();
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]);
    const err = expectError(await upload(borderOfficer, agreementUrl(), 'quet.pdf', big), 'FILE_TOO_LARGE');
    expect(err.fields).toEqual([
      { path: 'file', message: 'Tệp "quet.pdf" vượt quá dung lượng tối đa 1 MB.' },
    ]);
    const json = expectError(await borderOfficer.post(agreementUrl(), { file: 'x' }), 'VALIDATION_FAILED');
    expect(json.fields?.[0]?.path).toBe('file');
    const wrongField = expectError(
      await upload(borderOfficer, agreementUrl(), 'a.pdf', PDF, 'tep'),
      'VALIDATION_FAILED',
    );
    expect(wrongField.fields?.[0]?.path).toBe('file');
    expect(await snapshot()).toEqual(before);
  });

  it('leaves neither a row nor a file when the database refuses the insert', async () => {
    const before = await snapshot();
    await t.db.execute(
      sql.raw(`alter table attachments add constraint test_refuse check (file_name <> 'loi-csdl.pdf')`),
    );
    try {
      expectError(await upload(borderOfficer, agreementUrl(), 'loi-csdl.pdf', PDF), 'INTERNAL');
    } finally {
      await t.db.execute(sql.raw('alter table attachments drop constraint test_refuse'));
    }
    expect(await snapshot()).toEqual(before);
  });

  it('attaches to a progress update by a unit named on the task; outsiders get 404 everywhere', async () => {
    const url = `/api/tasks/${taskId}/updates/${updateId}/attachments`;
    const res = await upload(postOfficer, url, 'danh-sach-ho.png', PNG);
    expect(res.statusCode, res.body).toBe(201);
    const att = res.json();
    expect(att).toMatchObject({ ownerType: 'task_update', ownerId: updateId });
    const seen = await ethnicOfficer.get(`/api/attachments/${att.id}`);
    expect(seen.rawPayload.equals(PNG)).toBe(true);
    const task = (await ethnicOfficer.get(`/api/tasks/${taskId}`)).json();
    const update = task.updates.find((u: { id: number }) => u.id === updateId);
    expect(update.attachments).toEqual([{ id: att.id, fileName: 'danh-sach-ho.png', size: PNG.length }]);

    const before = await snapshot();
    expectError(await outsider.get(`/api/attachments/${att.id}`), 'NOT_FOUND');
    expectError(await outsider.delete(`/api/attachments/${att.id}`), 'NOT_FOUND');
    expectError(await outsider.get(agreementUrl()), 'NOT_FOUND');
    expectError(await upload(outsider, agreementUrl(), 'a.pdf', PDF), 'NOT_FOUND');
    expectError(await upload(outsider, url, 'a.pdf', PDF), 'NOT_FOUND');
    expectError(
      await upload(postOfficer, `/api/tasks/${taskId}/updates/${updateId + 1000}/attachments`, 'a.pdf', PDF),
      'NOT_FOUND',
    );
    expectError(await ethnicOfficer.get('/api/attachments/999999'), 'NOT_FOUND');
    expect(await snapshot()).toEqual(before);
  });

  it('deletes by the uploader or an officer of the owner unit, audited, file and row gone', async () => {
    const mine = (await upload(ethnicOfficer, agreementUrl(), 'ke-hoach.pdf', PDF)).json();
    const theirs = (await upload(borderOfficer, agreementUrl(), 'bao-cao.pdf', PDF)).json();
    const ownUpload = (await upload(borderOfficer, agreementUrl(), 'bao-cao-2.pdf', PDF)).json();
    const before = await snapshot();
    // A party officer who neither uploaded it nor belongs to the owner unit.
    expectError(await borderOfficer.delete(`/api/attachments/${mine.id}`), 'FORBIDDEN');
    expect(await snapshot()).toEqual(before);

    for (const [client, att] of [
      [borderOfficer, ownUpload], // the uploader
      [ethnicOfficer, theirs], // an officer of the owner unit
    ] as const) {
      const [row] = await t.db.select().from(attachments).where(eq(attachments.id, att.id));
      const res = await client.delete(`/api/attachments/${att.id}`);
      expect(res.json()).toEqual({ ok: true });
      expect(await t.db.select().from(attachments).where(eq(attachments.id, att.id))).toHaveLength(0);
      expect(existsSync(join(dataDir, 'attachments', row?.storageKey ?? 'x'))).toBe(false);
      expectError(await client.get(`/api/attachments/${att.id}`), 'NOT_FOUND');
    }
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'attachment.delete'));
    expect(audits.map((a) => a.entityId)).toEqual([String(agreementId), String(agreementId)]);
  });
});
