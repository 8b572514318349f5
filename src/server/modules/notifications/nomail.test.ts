import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildUnit, buildUser } from '../../../../test/factories.ts';
import { emailOutbox, notificationPrefs, users } from '../../db/schema/index.ts';
import { runMailTick } from './mail.ts';

// E-mail off (no SMTP_URL): the centre works, nothing is queued, preferences say so.
const t = setupTestApp({ PHOIHOP_SCHEDULER: '0' });
let sender: Client;
let receiver: Client;
let receiverId: number;
let recipientUnit: { id: number };

beforeAll(async () => {
  const from = await buildUnit(t.db, { name: 'Đồn Biên phòng Bát Xát' });
  recipientUnit = await buildUnit(t.db, { name: 'Công an huyện Bát Xát' });
  await buildUser(t.db, { username: 'gui', unitId: from.id, grants: [{ unitId: from.id, role: 'officer' }] });
  const r = await buildUser(t.db, {
    username: 'nhan',
    unitId: recipientUnit.id,
    grants: [{ unitId: recipientUnit.id, role: 'officer' }],
  });
  receiverId = r.id;
  await t.db.update(users).set({ email: 'nhan@ca.laocai.gov.vn' }).where(eq(users.id, r.id));
  sender = await signIn(t.app, 'gui');
  receiver = await signIn(t.app, 'nhan');
});

describe('notifications without SMTP', () => {
  it('a bulletin is notified in the centre only; no e-mail is queued; digests and delivery do nothing', async () => {
    const res = await sender.post('/api/bulletins', {
      recipientUnitIds: [recipientUnit.id],
      kind: 'disaster',
      subject: 'Mưa lớn gây sạt lở tại xã Y Tý',
      body: 'Đường vào xã Y Tý bị sạt lở, đề nghị phối hợp hỗ trợ người dân.',
    });
    expect(res.statusCode, res.body).toBe(201);
    const list = (await receiver.get('/api/notifications')).json();
    expect(list.unread).toBe(1);
    // A Thường bulletin carries an excerpt of its content.
    expect(list.items[0].body).toContain('Đường vào xã Y Tý bị sạt lở');
    expect(await t.db.select().from(emailOutbox)).toHaveLength(0);

    const prefs = (await receiver.get('/api/notifications/preferences')).json();
    expect(prefs).toMatchObject({
      emailAvailable: false,
      emailAddress: 'nhan@ca.laocai.gov.vn',
      email: 'immediate',
    });
    // The choice can still be stored for when e-mail is configured.
    expect((await receiver.put('/api/notifications/preferences', { email: 'daily' })).json().email).toBe(
      'daily',
    );
    const [row] = await t.db.select().from(notificationPrefs).where(eq(notificationPrefs.userId, receiverId));
    expect(row!.email).toBe('daily');
    expect(await runMailTick(t.db, new Date(Date.now() + 2 * 86_400_000), 0)).toEqual({
      digests: 0,
      sent: 0,
      retried: 0,
      failed: 0,
      purged: 0,
    });
    expect(await t.db.select().from(emailOutbox)).toHaveLength(0);
  });

  it('the centre needs a signed-in user; a read call without a body marks all', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/notifications' }), 'UNAUTHENTICATED');
    expectError(
      await t.app.inject({ method: 'GET', url: '/api/notifications/unread-count' }),
      'UNAUTHENTICATED',
    );
    const res = await receiver.request({ method: 'POST', url: '/api/notifications/read' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 1, unread: 0 });
  });
});
