import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, setupTestApp, signIn } from '../../../../test/app.ts';
import { buildUnit, buildUser } from '../../../../test/factories.ts';
import { meetings } from '../../db/schema/index.ts';

// A meeting's search text holds the names of its host and attending units; renaming a unit
// (or changing its short name) must not leave the old name findable and the new one not.
const t = setupTestApp();
let admin: Client;
let officer: Client;
let command: { id: number };
let post: { id: number };
let ethnic: { id: number };

beforeAll(async () => {
  command = await buildUnit(t.db, {
    name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Giang',
    kind: 'border_command',
  });
  post = await buildUnit(t.db, { name: 'Đồn Biên phòng Săm Pun', kind: 'border_post', parentId: command.id });
  ethnic = await buildUnit(t.db, { name: 'Ban Dân tộc tỉnh Cao Bằng', shortName: 'BDT' });
  await buildUser(t.db, { username: 'qt.toanquoc', grants: [{ unitId: null, role: 'admin' }] });
  await buildUser(t.db, {
    username: 'cv.hagiang',
    unitId: command.id,
    grants: [{ unitId: command.id, role: 'officer' }],
  });
  admin = await signIn(t.app, 'qt.toanquoc');
  officer = await signIn(t.app, 'cv.hagiang');
});

async function createMeeting(title: string, unitIds: number[]) {
  const res = await officer.post('/api/meetings', {
    kind: 'briefing',
    title,
    startsAt: '2024-03-05T08:00:00+07:00',
    place: 'Hội trường Bộ Chỉ huy',
    hostUnitId: command.id,
    unitIds,
    attendees: [{ role: 'chair', name: 'Hoàng Văn Chiến', title: 'Chỉ huy trưởng' }],
    agenda: [{ title: 'Đánh giá tình hình biên giới quý I' }],
    conclusions: [{ text: 'Tăng cường tuần tra song phương' }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number };
}

const titles = async (q: string) =>
  (await officer.get(`/api/meetings?q=${encodeURIComponent(q)}`))
    .json()
    .items.map((m: { title: string }) => m.title)
    .sort();

const storedText = async (id: number) =>
  (
    await t.db
      .select({ s: meetings.searchText, v: meetings.version })
      .from(meetings)
      .where(eq(meetings.id, id))
  )[0]!;

async function renameUnit(id: number, body: Record<string, unknown>) {
  const version = (await admin.get(`/api/units/${id}`)).json().version;
  const res = await admin.patch(`/api/units/${id}`, { ...body, version });
  expect(res.statusCode, res.body).toBe(200);
}

describe('renaming a unit refreshes the search text of the meetings naming it', () => {
  it('an attending unit renamed: found by the new name without diacritics, no longer by the old', async () => {
    const attended = await createMeeting('Giao ban cụm đồn phía Tây', [post.id, ethnic.id]);
    const without = await createMeeting('Giao ban với Ban Dân tộc', [ethnic.id]);
    const untouched = await storedText(without.id);
    expect(await titles('sam pun')).toEqual(['Giao ban cụm đồn phía Tây']);
    expect(await titles('lung cu')).toEqual([]);

    await renameUnit(post.id, { name: 'Đồn Biên phòng Lũng Cú' });

    expect(await titles('lung cu')).toEqual(['Giao ban cụm đồn phía Tây']);
    expect(await titles('Lũng Cú')).toEqual(['Giao ban cụm đồn phía Tây']);
    expect(await titles('sam pun')).toEqual([]);
    // Only meetings naming the unit are rewritten; nobody edited the meeting, so no new version.
    expect(await storedText(without.id)).toEqual(untouched);
    const refreshed = await storedText(attended.id);
    expect(refreshed.v).toBe(attended.version);

    // The refreshed text is exactly what saving the meeting writes.
    const saved = await officer.patch(`/api/meetings/${attended.id}`, {
      title: 'Giao ban cụm đồn phía Tây',
      version: attended.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await storedText(attended.id)).s).toBe(refreshed.s);
  });

  it('the host unit renamed and a short name changed are both refreshed', async () => {
    const m = await createMeeting('Hội nghị giao ban tháng Ba', [ethnic.id]);
    expect(await titles('bdt giao ban thang ba')).toEqual(['Hội nghị giao ban tháng Ba']);

    await renameUnit(ethnic.id, { shortName: 'BDTHG' });
    expect(await titles('bdthg thang ba')).toEqual(['Hội nghị giao ban tháng Ba']);

    await renameUnit(command.id, { name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Tuyên Quang' });
    expect(await titles('tuyen quang thang ba')).toEqual(['Hội nghị giao ban tháng Ba']);
    expect(await titles('ha giang thang ba')).toEqual([]);
    // The abbreviation index follows the new name too ("bdbp" finds "Bộ đội Biên phòng").
    expect(await titles('bdbp tuyen quang thang ba')).toEqual(['Hội nghị giao ban tháng Ba']);
    expect((await storedText(m.id)).v).toBe(m.version);
  });
});
