// `phoihop reminders --once` as an operator runs it: its own process on the configured database.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresDatabaseUrl, engine } from '../../../../test/db.ts';
import { buildUnit, buildUser } from '../../../../test/factories.ts';
import { buildMeeting } from '../../../../test/meetingFactories.ts';
import { searchIndexText } from '../../../contracts/text.ts';
import { type Database, openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { bulletinRecipients, bulletins, notifications } from '../../db/schema/index.ts';
import { addDays, todayInVietnam } from '../../lib/time.ts';

const run = promisify(execFile);
const NODE = join(process.cwd(), 'node_modules/.bin/node');

let env: Record<string, string>;
let open: () => Promise<Database>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  if (engine === 'postgres') {
    const pg = await createPostgresDatabaseUrl();
    env = { DATABASE_URL: pg.url };
    open = () => openDatabase({ url: pg.url, poolSize: 2 });
    cleanup = pg.drop;
    const d = await open();
    await migrate(d);
    await d.close();
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'phoihop-reminders-cli-'));
    env = { PHOIHOP_DATA_DIR: dir, DATABASE_URL: '' };
    let first = true;
    open = () => {
      const template = first ? new Blob([readFileSync(inject('pgliteTemplate'))]) : undefined;
      first = false;
      return openDatabase({ dataDir: join(dir, 'pglite'), ...(template ? { loadDataDir: template } : {}) });
    };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(() => cleanup());

const cli = (args: string[]) =>
  run(NODE, ['bin/phoihop.js', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', SMTP_URL: '', ...env },
  });

describe('phoihop reminders --once', () => {
  it('sends what is due now, once; a second run sends nothing', async () => {
    const d = await open();
    const host = await buildUnit(d.db, { name: 'Bộ Chỉ huy BĐBP tỉnh Lào Cai' });
    const post = await buildUnit(d.db, { name: 'Đồn Biên phòng Tả Gia Khâu' });
    const hostOfficer = await buildUser(d.db, { grants: [{ unitId: host.id, role: 'officer' }] });
    const postOfficer = await buildUser(d.db, { grants: [{ unitId: post.id, role: 'officer' }] });
    // A meeting at 09:00 tomorrow (Vietnam) and a bulletin sent two days ago, not acknowledged.
    const tomorrow = addDays(todayInVietnam(), 1);
    await buildMeeting(d.db, {
      hostUnitId: host.id,
      title: 'Hội nghị giao ban',
      startsAt: new Date(`${tomorrow}T02:00:00Z`),
    });
    const [b] = await d.db
      .insert(bulletins)
      .values({
        senderUnitId: host.id,
        kind: 'security_situation',
        subject: 'Tình hình an ninh',
        body: 'Nội dung',
        searchText: searchIndexText('Tình hình an ninh'),
        createdAt: new Date(Date.now() - 2 * 86_400_000),
      })
      .returning();
    await d.db.insert(bulletinRecipients).values({ bulletinId: b!.id, unitId: post.id });
    await d.close();

    const first = await cli(['reminders', '--once']);
    expect(first.stdout).toContain('Nhắc việc: 2 việc mới, 2 đã xử lý, 0 sẽ thử lại, 0 thất bại.');
    const second = await cli(['reminders', '--once']);
    expect(second.stdout).toContain('Nhắc việc: 0 việc mới, 0 đã xử lý, 0 sẽ thử lại, 0 thất bại.');

    const check = await open();
    try {
      const list = await check.db.select().from(notifications);
      expect(list.map((n) => [n.userId, n.kind]).sort()).toEqual(
        [
          [hostOfficer.id, 'meeting_tomorrow'],
          [postOfficer.id, 'bulletin_unacknowledged'],
        ].sort(),
      );
    } finally {
      await check.close();
    }
  }, 60_000);
});
