// PostgreSQL only: two app instances, each with its own pool and LISTEN connection, on one
// database — a write through one reaches streams opened on the other.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn } from '../../../../test/app.ts';
import { createPostgresDatabaseUrl } from '../../../../test/db.ts';
import { buildAgreement, buildUnit, buildUser } from '../../../../test/factories.ts';
import { openSse, type SseMessage, type SseStream } from '../../../../test/sseReader.ts';
import { type App, buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { type Database, openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { type LiveEvent, publishLive } from './publish.ts';

interface Instance {
  database: Database;
  app: App;
  base: string;
}
let created: { url: string; drop(): Promise<void> };
let a: Instance;
let b: Instance;
let postOfficer: Client;
let ethnicOfficerId: number;
let ethnicCookie: string;
let outsiderCookie: string;
let paths: { post: string; ethnic: string };
let tipOff: Record<string, unknown>;
const streams: SseStream[] = [];

async function instance(url: string): Promise<Instance> {
  const database = await openDatabase({ url, poolSize: 3 });
  const app = await buildApp(database, loadConfig({ LOG_LEVEL: 'silent', PHOIHOP_DEMO: '0' }), {
    logger: false,
    serveWeb: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { database, app, base: `http://127.0.0.1:${address.port}` };
}

beforeAll(async () => {
  created = await createPostgresDatabaseUrl();
  const setup = await openDatabase({ url: created.url, poolSize: 1 });
  await migrate(setup);
  await setup.close();
  a = await instance(created.url);
  b = await instance(created.url);
  const db = a.database.db;
  const command = await buildUnit(db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai', kind: 'border_command' });
  const post = await buildUnit(db, { name: 'Đồn Biên phòng Tả Gia Khâu', parentId: command.id });
  const ethnic = await buildUnit(db, { name: 'Ban Dân tộc tỉnh Lào Cai' });
  const health = await buildUnit(db, { name: 'Sở Y tế tỉnh Quảng Bình' });
  paths = { post: post.path, ethnic: ethnic.path };
  await buildUser(db, {
    username: 'cv.tgk',
    unitId: post.id,
    grants: [{ unitId: post.id, role: 'officer' }],
  });
  ethnicOfficerId = (
    await buildUser(db, {
      username: 'cv.bdt',
      unitId: ethnic.id,
      grants: [{ unitId: ethnic.id, role: 'officer' }],
    })
  ).id;
  await buildUser(db, {
    username: 'cv.yte',
    unitId: health.id,
    grants: [{ unitId: health.id, role: 'officer' }],
  });
  const agreement = await buildAgreement(db, {
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
  postOfficer = await signIn(a.app, 'cv.tgk');
  ethnicCookie = (await signIn(b.app, 'cv.bdt')).cookie;
  outsiderCookie = (await signIn(b.app, 'cv.yte')).cookie;
});

afterAll(async () => {
  for (const s of streams) s.close();
  for (const i of [a, b]) {
    await i?.app.close();
    await i?.database.close();
  }
  await created?.drop();
});

async function connect(on: Instance, cookie: string): Promise<SseStream> {
  const stream = await openSse(`${on.base}/api/live`, { cookie });
  expect(stream.status, stream.body ?? '').toBe(200);
  streams.push(stream);
  return stream;
}

const data = (m: SseMessage) => m.data as Record<string, unknown>;
const publishOn = (on: Instance, event: LiveEvent) =>
  on.database.db.transaction((tx) => publishLive(tx, event));

describe('live updates across app instances (PostgreSQL LISTEN/NOTIFY)', () => {
  it('a bulletin written through instance A reaches a stream open on instance B, not an outsider there', async () => {
    const onB = await connect(b, ethnicCookie);
    const onA = await connect(a, ethnicCookie);
    const other = await connect(b, outsiderCookie);
    await publishOn(a, { type: 'bulletin', id: 41, action: 'sent', unitPaths: [paths.post, paths.ethnic] });
    const got = await onB.waitFor((m) => m.event === 'bulletin');
    expect(got.data).toMatchObject({ type: 'bulletin', id: 41, action: 'sent' });
    await onA.waitFor((m) => m.event === 'bulletin' && data(m).id === 41);
    // Commit order holds across instances: once B delivered a later event, the earlier
    // one would have come before it.
    await publishOn(a, { type: 'bulletin', id: 42, action: 'sent', unitPaths: [paths.post] });
    await publishOn(a, { type: 'bulletin', id: 43, action: 'sent', unitPaths: ['/nowhere/', paths.ethnic] });
    await onB.waitFor((m) => m.event === 'bulletin' && data(m).id === 43);
    expect(onB.messages.filter((m) => m.event === 'bulletin').map((m) => data(m).id)).toEqual([41, 43]);
    await publishOn(a, { type: 'bulletin', id: 44, action: 'sent', unitPaths: [paths.post, paths.ethnic] });
    await onB.waitFor((m) => m.event === 'bulletin' && data(m).id === 44);
    expect(other.messages.filter((m) => m.event === 'bulletin')).toEqual([]);
  });

  it("a bulletin sent through instance A's API reaches the recipient's browser on instance B", async () => {
    const onB = await connect(b, ethnicCookie);
    const res = await postOfficer.post('/api/bulletins', tipOff);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const got = await onB.waitFor((m) => m.event === 'bulletin' && data(m).id === id);
    expect(got.data).toMatchObject({ action: 'sent' });
    const note = await onB.waitFor((m) => m.event === 'notification');
    expect(data(note).userId).toBe(ethnicOfficerId);
  });

  it('when the LISTEN connection drops, it comes back: streams are told to resync and events flow again', async () => {
    const onB = await connect(b, ethnicCookie);
    const onA = await connect(a, ethnicCookie);
    await publishOn(a, { type: 'notification', userId: ethnicOfficerId, id: 1 });
    await onB.waitFor((m) => m.event === 'notification' && data(m).id === 1);
    const killed = await a.database.db.execute(
      sql`select pg_terminate_backend(pid) as ok from pg_stat_activity
          where application_name = 'phoihop_listen' and datname = current_database()`,
    );
    // Both instances' LISTEN connections were ended by the server.
    expect((killed as unknown as { rows: unknown[] }).rows).toHaveLength(2);
    await onB.waitFor((m) => m.event === 'resync', 15_000);
    await publishOn(a, { type: 'notification', userId: ethnicOfficerId, id: 2 });
    await onB.waitFor((m) => m.event === 'notification' && data(m).id === 2);
    await onA.waitFor((m) => m.event === 'resync', 15_000);
    await onA.waitFor((m) => m.event === 'notification' && data(m).id === 2);
  });
});
