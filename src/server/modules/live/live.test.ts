import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { openSse, type SseMessage, type SseStream } from '../../../../test/sseReader.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Actor } from '../../lib/context.ts';
import { sha256 } from '../auth/session.ts';
import { LiveHub } from './hub.ts';
import { type LiveEvent, publishLive } from './publish.ts';

const t = setupTestApp();
let base: string;
let postOfficer: Client; // Đồn Biên phòng Tả Gia Khâu (gửi)
let ethnicOfficer: Client; // Ban Dân tộc tỉnh Lào Cai (nhận)
let ethnicLeaderAbove: Client; // lãnh đạo UBND tỉnh, cấp trên của Ban Dân tộc
let commandOfficer: Client; // chuyên viên Bộ Chỉ huy BĐBP (cấp trên của đồn, không phải lãnh đạo)
let outsider: Client; // Sở Y tế tỉnh Quảng Bình
const userIds: Record<string, number> = {};
let paths: { post: string; ethnic: string };
const streams: SseStream[] = [];
let tipOff: Record<string, unknown>;

beforeAll(async () => {
  const province = await buildUnit(t.db, { name: 'Ủy ban nhân dân tỉnh Lào Cai', shortName: 'UBND' });
  const command = await buildUnit(t.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', kind: 'border_command' });
  const post = await buildUnit(t.db, { name: 'Đồn Biên phòng Tả Gia Khâu', parentId: command.id });
  const ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Lào Cai', parentId: province.id });
  const health = await buildUnit(t.db, { name: 'Sở Y tế tỉnh Quảng Bình' });
  paths = { post: post.path, ethnic: ethnic.path };
  const agreement = await buildAgreement(t.db, {
    kind: 'program',
    status: 'in_effect',
    subject: 'Chương trình phối hợp công tác dân tộc vùng biên giới',
    parties: [command.id, ethnic.id],
  });
  tipOff = {
    agreementId: agreement.id,
    recipientUnitIds: [ethnic.id],
    kind: 'tip_off',
    subject: 'Nguồn tin về hoạt động tuyên truyền đạo trái phép',
    body: 'Phát hiện đối tượng lạ tuyên truyền tại thôn Tả Gia Khâu, đề nghị phối hợp nắm tình hình.',
    sensitivity: 'Hạn chế',
  };
  const user = async (username: string, unitId: number, role: 'officer' | 'leader') => {
    userIds[username] = (await buildUser(t.db, { username, unitId, grants: [{ unitId, role }] })).id;
  };
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
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(() => {
  for (const s of streams) s.close();
});

async function connect(client: Client): Promise<SseStream> {
  const stream = await openSse(`${base}/api/live`, { cookie: client.cookie });
  expect(stream.status, stream.body ?? '').toBe(200);
  streams.push(stream);
  return stream;
}

async function publish(event: LiveEvent) {
  await t.db.transaction((tx) => publishLive(tx, event));
}

/**
 * NOTIFY keeps commit order on one channel, so once a later event addressed to every stream
 * arrived, anything published before it has been delivered or never will be.
 */
async function barrier(all: SseStream[], marker: number) {
  for (const userId of Object.values(userIds)) await publish({ type: 'notification', userId, id: marker });
  await Promise.all(all.map((s) => s.waitFor((m) => m.event === 'notification' && data(m).id === marker)));
}

const data = (m: SseMessage) => m.data as Record<string, unknown>;
const bulletinIds = (s: SseStream) => s.messages.filter((m) => m.event === 'bulletin').map((m) => data(m).id);
const notificationIds = (s: SseStream) =>
  s.messages.filter((m) => m.event === 'notification').map((m) => data(m).id);

describe('GET /api/live (Server-Sent Events)', () => {
  it('refuses a request without a session: 401 in the catalogue format', async () => {
    const res = await openSse(`${base}/api/live`);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body ?? '{}').code).toBe('UNAUTHENTICATED');
    const bad = await openSse(`${base}/api/live`, { cookie: 'phoihop_session=khong-hop-le' });
    expect(bad.status).toBe(401);
  });

  it('opens an event stream that proxies and compression leave alone', async () => {
    const stream = await connect(ethnicOfficer);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toContain('no-cache');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('content-encoding')).toBeNull();
    // Helmet's headers and the request id still go out with the hijacked response.
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    expect(stream.headers.get('x-request-id')).toBeTruthy();
    await publish({ type: 'notification', userId: userIds['cv.bdt']!, id: 1 });
    await stream.waitFor((m) => m.event === 'notification' && data(m).id === 1);
    expect(stream.retry).toBe(5000);
    stream.close();
  });

  it("a bulletin reaches the recipient unit's officer and the leaders above, nobody else", async () => {
    const ethnic = await connect(ethnicOfficer);
    const leader = await connect(ethnicLeaderAbove);
    const sender = await connect(postOfficer);
    const command = await connect(commandOfficer);
    const other = await connect(outsider);
    await publish({ type: 'bulletin', id: 501, action: 'sent', unitPaths: [paths.post, paths.ethnic] });
    const got = await ethnic.waitFor((m) => m.event === 'bulletin');
    expect(got.data).toMatchObject({ type: 'bulletin', id: 501, action: 'sent' });
    expect(Date.parse(String(data(got).sentAt))).toBeGreaterThan(0);
    await leader.waitFor((m) => m.event === 'bulletin' && data(m).id === 501);
    await sender.waitFor((m) => m.event === 'bulletin' && data(m).id === 501);

    await barrier([ethnic, leader, sender, command, other], 9001);
    // An officer of the post's command does not act for the post; another province's
    // department sees nothing.
    expect(bulletinIds(command)).toEqual([]);
    expect(bulletinIds(other)).toEqual([]);
    expect(bulletinIds(ethnic)).toEqual([501]);
    for (const s of [ethnic, leader, sender, command, other]) s.close();
  });

  it("a notification reaches every open tab of its user and only that user's", async () => {
    const tab1 = await connect(ethnicOfficer);
    const tab2 = await connect(ethnicOfficer);
    const sender = await connect(postOfficer);
    await publish({ type: 'notification', userId: userIds['cv.bdt']!, id: 77 });
    await tab1.waitFor((m) => m.event === 'notification' && data(m).id === 77);
    await tab2.waitFor((m) => m.event === 'notification' && data(m).id === 77);
    await barrier([tab1, tab2, sender], 9002);
    expect(notificationIds(sender)).toEqual([9002]);
    expect(notificationIds(tab1)).toEqual([77, 9002]);
    for (const s of [tab1, tab2, sender]) s.close();
  });

  it('a rolled-back write publishes nothing', async () => {
    const ethnic = await connect(ethnicOfficer);
    await expect(
      t.db.transaction(async (tx) => {
        await publishLive(tx, { type: 'notification', userId: userIds['cv.bdt']!, id: 666 });
        await publishLive(tx, { type: 'bulletin', id: 667, action: 'sent', unitPaths: [paths.ethnic] });
        throw new Error('the write fails');
      }),
    ).rejects.toThrow('the write fails');
    await barrier([ethnic], 9003);
    expect(notificationIds(ethnic)).toEqual([9003]);
    expect(bulletinIds(ethnic)).toEqual([]);
    ethnic.close();
  });

  it('a bulletin sent through the API reaches the recipient officer live, with their notification', async () => {
    const ethnic = await connect(ethnicOfficer);
    const leader = await connect(ethnicLeaderAbove);
    const other = await connect(outsider);
    const command = await connect(commandOfficer);
    const res = await postOfficer.post('/api/bulletins', tipOff);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const got = await ethnic.waitFor((m) => m.event === 'bulletin' && data(m).id === id);
    expect(got.data).toMatchObject({ type: 'bulletin', id, action: 'sent' });
    await leader.waitFor((m) => m.event === 'bulletin' && data(m).id === id);
    // The notification centre's new line arrives too: it is the recipient's own.
    const note = await ethnic.waitFor((m) => m.event === 'notification');
    const centre = (await ethnicOfficer.get('/api/notifications')).json();
    expect(JSON.stringify(centre)).toContain(`"id":${data(note).id}`);

    await barrier([ethnic, leader, other, command], 9004);
    expect(bulletinIds(other)).toEqual([]);
    expect(bulletinIds(command)).toEqual([]);
    expect(notificationIds(other)).toEqual([9004]);

    // Acknowledged by the recipient: the sender's open list hears of it.
    const sender = await connect(postOfficer);
    expect((await ethnicOfficer.post(`/api/bulletins/${id}/ack`)).statusCode).toBe(200);
    const ack = await sender.waitFor((m) => m.event === 'bulletin' && data(m).action === 'acknowledged');
    expect(data(ack).id).toBe(id);
    for (const s of [ethnic, leader, other, command, sender]) s.close();
  });

  it('a bulletin announced without its units (too many for NOTIFY) is resolved from the database', async () => {
    const res = await postOfficer.post('/api/bulletins', tipOff);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const ethnic = await connect(ethnicOfficer);
    const other = await connect(outsider);
    await publish({ type: 'bulletin', id, action: 'replied', unitPaths: null as unknown as string[] });
    await ethnic.waitFor((m) => m.event === 'bulletin' && data(m).id === id && data(m).action === 'replied');
    await barrier([ethnic, other], 9005);
    expect(bulletinIds(other)).toEqual([]);
    ethnic.close();
    other.close();
  });
});

describe('LiveHub', () => {
  it('closes the stream of a session that signed out at the next heartbeat, keeps the others', async () => {
    const hub = new LiveHub(t.database, { heartbeatMs: 3_600_000 });
    await hub.start();
    const session = await signIn(t.app, 'cv.bdt');
    const token = session.cookie.slice('phoihop_session='.length);
    const actor: Actor = {
      userId: userIds['cv.bdt']!,
      username: 'cv.bdt',
      unitId: null,
      grants: [],
      sessionId: sha256(token),
    };
    const sinks = [0, 1].map(() => ({ chunks: [] as string[], ended: false }));
    const [gone, kept] = sinks as [(typeof sinks)[0], (typeof sinks)[0]];
    hub.add(actor, { write: (c) => gone.chunks.push(c), end: () => (gone.ended = true) });
    hub.add(
      { ...actor, sessionId: sha256(ethnicOfficer.cookie.slice('phoihop_session='.length)) },
      { write: (c) => kept.chunks.push(c), end: () => (kept.ended = true) },
    );
    await hub.tick();
    expect(gone.ended).toBe(false);
    expect(gone.chunks).toContain(': ping\n\n');
    expect((await session.post('/api/auth/logout')).statusCode).toBe(200);
    await hub.tick();
    expect(gone.ended).toBe(true);
    expect(kept.ended).toBe(false);
    expect(hub.size).toBe(1);
    await hub.close();
    expect(kept.ended).toBe(true);
    expect(hub.size).toBe(0);
  });

  it('app.close() ends open streams instead of waiting for them', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', PHOIHOP_DEMO: '0' });
    const app = await buildApp(t.database, config, { logger: false, serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const stream = await openSse(`http://127.0.0.1:${address.port}/api/live`, {
      cookie: ethnicOfficer.cookie,
    });
    expect(stream.status).toBe(200);
    await app.close();
    await stream.ended;
    stream.close();
  });
});
