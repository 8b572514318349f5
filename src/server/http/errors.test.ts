import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../test/app.ts';
import { buildUnit, buildUser } from '../../../test/factories.ts';
import { ERRORS } from '../../contracts/errors.ts';
import { auditLog, units } from '../db/schema/index.ts';

const t = setupTestApp();
let admin: Client;
let root: { id: number };

beforeAll(async () => {
  root = await buildUnit(t.db, { name: 'Bộ Tư lệnh Bộ đội Biên phòng', kind: 'border_command' });
  await buildUser(t.db, { username: 'sysadmin', grants: [{ unitId: null, role: 'admin' }] });
  admin = await signIn(t.app, 'sysadmin');
});

async function counts() {
  const [u] = await t.db.select({ n: sql<number>`count(*)::int` }).from(units);
  const [a] = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return { units: u!.n, audit: a!.n };
}

/** Asserts the catalogue's status, code and Vietnamese message, plus a request id. */

/** No SQL text, table names or stack frames may reach the client. */
function expectNoInternals(res: LightMyRequestResponse) {
  expect(res.body).not.toMatch(/select |insert |delete from|update "|violates|constraint|foreign key/i);
  expect(res.body).not.toMatch(/\bat .+\.ts:\d+|node_modules|stack/i);
}

const postUnitRaw = (payload: string, contentType = 'application/json') =>
  admin.request({ method: 'POST', url: '/api/units', payload, headers: { 'content-type': contentType } });

describe('request errors', () => {
  it('answers malformed JSON with 400 MALFORMED_JSON and writes nothing', async () => {
    const before = await counts();
    const res = await postUnitRaw('{"kind": "other", "name": ');
    expectError(res, 'MALFORMED_JSON');
    expectNoInternals(res);
    expect(await counts()).toEqual(before);
  });

  it('answers an empty JSON body with 400 MALFORMED_JSON', async () => {
    const res = await postUnitRaw('');
    expectError(res, 'MALFORMED_JSON');
  });

  it('names the field of a wrong type with its Vietnamese label', async () => {
    const before = await counts();
    const res = await admin.post('/api/units', { kind: 'other', name: 42, parentId: root.id });
    const body = expectError(res, 'VALIDATION_FAILED');
    const field = body.fields?.find((f) => f.path === 'name');
    expect(field).toBeDefined();
    expect(field!.message.startsWith('Tên:')).toBe(true);
    expect(body.message).toContain('Tên:');
    expect(await counts()).toEqual(before);
  });

  it('reports an unknown enum value on its field', async () => {
    const res = await admin.post('/api/units', { kind: 'spaceship', name: 'Đơn vị', parentId: root.id });
    const body = expectError(res, 'VALIDATION_FAILED');
    expect(body.fields?.map((f) => f.path)).toContain('kind');
    expect(body.fields?.find((f) => f.path === 'kind')?.message).toContain('Loại đơn vị');
  });

  it('refuses a name longer than 300 characters', async () => {
    const before = await counts();
    const res = await admin.post('/api/units', { kind: 'other', name: 'Đ'.repeat(301), parentId: root.id });
    const body = expectError(res, 'VALIDATION_FAILED');
    expect(body.fields?.map((f) => f.path)).toEqual(['name']);
    expect(await counts()).toEqual(before);
    // exactly 300 is still accepted
    const ok = await admin.post('/api/units', { kind: 'other', name: 'Đ'.repeat(300), parentId: root.id });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses unknown fields (strict bodies), naming the key', async () => {
    const before = await counts();
    const res = await admin.post('/api/units', {
      kind: 'other',
      name: 'Đơn vị hợp lệ',
      parentId: root.id,
      isAdmin: true,
    });
    const body = expectError(res, 'VALIDATION_FAILED');
    expect(body.fields?.map((f) => f.path)).toEqual(['isAdmin']);
    expect(body.fields![0]!.message).toContain('isAdmin');
    expect(body.message).toContain('không được phép');
    expect(await counts()).toEqual(before);
  });

  it('refuses unknown query parameters too', async () => {
    const res = await admin.get('/api/units?sortBy=name');
    const body = expectError(res, 'VALIDATION_FAILED');
    expect(body.fields?.map((f) => f.path)).toEqual(['sortBy']);
  });

  it('refuses a non-JSON content type with 415', async () => {
    const before = await counts();
    const res = await postUnitRaw('kind=other&name=x', 'text/plain');
    expectError(res, 'UNSUPPORTED_MEDIA_TYPE');
    const form = await postUnitRaw('kind=other&name=x', 'application/x-www-form-urlencoded');
    expectError(form, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await counts()).toEqual(before);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const before = await counts();
    const payload = JSON.stringify({ kind: 'other', name: 'x', address: 'a'.repeat(1_100_000) });
    const res = await postUnitRaw(payload);
    expectError(res, 'PAYLOAD_TOO_LARGE');
    expect(await counts()).toEqual(before);
  });

  it('answers unknown API routes with 404 ROUTE_NOT_FOUND', async () => {
    expectError(await admin.get('/api/khong-ton-tai'), 'ROUTE_NOT_FOUND');
    expectError(await admin.post('/api/units/1/explode', {}), 'ROUTE_NOT_FOUND');
  });

  it('answers a missing record with 404 NOT_FOUND and an invalid id with 400', async () => {
    expectError(await admin.get('/api/units/999999'), 'NOT_FOUND');
    const bad = expectError(await admin.get('/api/units/abc'), 'VALIDATION_FAILED');
    expect(bad.fields?.map((f) => f.path)).toContain('id');
  });

  it('answers in English when asked', async () => {
    const res = await admin.request({
      method: 'GET',
      url: '/api/units/999999',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe(ERRORS.NOT_FOUND.en);
  });
});

describe('request ids', () => {
  it('puts x-request-id on every response, success or error, and in error bodies', async () => {
    const responses = [
      await admin.get('/api/units'),
      await admin.get('/api/health').catch(() => null),
      await t.app.inject({ method: 'GET', url: '/api/units' }),
      await admin.get('/api/khong-ton-tai'),
      await postUnitRaw('{'),
    ].filter((r): r is LightMyRequestResponse => r !== null);
    const ids = new Set<string>();
    for (const res of responses) {
      const id = res.headers['x-request-id'];
      expect(typeof id).toBe('string');
      expect((id as string).length).toBeGreaterThanOrEqual(8);
      ids.add(id as string);
      if (res.statusCode >= 400) expect(res.json().requestId).toBe(id);
    }
    expect(ids.size).toBe(responses.length);
  });

  it('keeps a sane caller-supplied request id and replaces an unsafe one', async () => {
    const kept = await admin.request({
      method: 'GET',
      url: '/api/units',
      headers: { 'x-request-id': 'client-req-12345' },
    });
    expect(kept.headers['x-request-id']).toBe('client-req-12345');
    const replaced = await admin.request({
      method: 'GET',
      url: '/api/units',
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    });
    expect(replaced.headers['x-request-id']).not.toContain('<');
  });
});

describe('database errors', () => {
  it('reports a foreign-key failure as 409 IN_USE without SQL text, rolling back the change', async () => {
    // A unit that once had a child keeps being referenced by the parent history after the
    // child moved away: deleting it trips the foreign key in the database, not a service check.
    const former = await buildUnit(t.db, { name: 'Đơn vị cấp trên cũ', parentId: root.id });
    const child = await buildUnit(t.db, { name: 'Đơn vị con', parentId: former.id });
    const moved = await admin.post(`/api/units/${child.id}/move`, { parentId: root.id, version: 1 });
    expect(moved.statusCode).toBe(200);
    const before = await counts();
    const res = await admin.request({ method: 'DELETE', url: `/api/units/${former.id}?version=1` });
    expectError(res, 'IN_USE');
    expectNoInternals(res);
    expect(await counts()).toEqual(before);
    const [still] = await t.db
      .execute(sql`select count(*)::int as n from units where id = ${former.id}`)
      .then((r) => ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as Array<{ n: number }>);
    expect(Number(still!.n)).toBe(1);
  });
});
