import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, expectError, setupTestApp, signIn } from '../../../../test/app.ts';
import type { AgreementDetail, AgreementSummary } from '../../../contracts/agreements.ts';
import type { Task } from '../../../contracts/tasks.ts';
import { seedDemo } from '../demo/seed.ts';

// The acceptance journey over the API, on the demo data built from the seeds.
const PASSWORD = 'Demo-mat-khau-2026';
const t = setupTestApp({ PHOIHOP_LOGIN_MAX_PER_MINUTE: '1000' });
let ethnicLeader: Client;
let postOfficer: Client;
let daNang: Client;

beforeAll(async () => {
  await seedDemo(t.db, PASSWORD);
  ethnicLeader = await signIn(t.app, 'lanhdao.bdt.laichau', PASSWORD);
  postOfficer = await signIn(t.app, 'canbo.dbp.malu', PASSWORD);
  daNang = await signIn(t.app, 'xem.danang', PASSWORD);
}, 60_000);

const list = async (c: Client, query: string) => {
  const res = await c.get(`/api/agreements?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: AgreementSummary[]; total: number };
};

async function laiChauProgram(): Promise<AgreementSummary> {
  const found = await list(ethnicLeader, `q=${encodeURIComponent('chuong trinh phoi hop lai chau')}`);
  const first = found.items[0];
  if (!first) throw new Error('program not found');
  return first;
}

describe('agreement list and search', () => {
  it('finds the Lai Châu 2022–2025 program typed without diacritics, best match first', async () => {
    const program = await laiChauProgram();
    expect(program.kind).toBe('program');
    expect(program.subject).toContain('Ban Dân tộc tỉnh Lai Châu giai đoạn 2022-2025');
    expect(program.parties.map((p) => p.name)).toContain('Ban Dân tộc tỉnh Lai Châu');
  });

  it('finds agreements by a party name that is not in the subject', async () => {
    const found = await list(ethnicLeader, `q=${encodeURIComponent('bo chi huy bien phong')}&kind=plan`);
    expect(found.total).toBeGreaterThan(0);
    for (const a of found.items) expect(a.kind).toBe('plan');
  });

  it('filters by kind and status and pages with a total', async () => {
    const all = await list(ethnicLeader, 'limit=1');
    expect(all.items).toHaveLength(1);
    expect(all.total).toBeGreaterThan(1);
    const programs = await list(ethnicLeader, 'kind=program&status=in_effect');
    expect(programs.items.every((a) => a.kind === 'program' && a.status === 'in_effect')).toBe(true);
  });

  it('shows another province nothing of Lai Châu (list empty, detail 404)', async () => {
    const program = await laiChauProgram();
    const found = await list(daNang, `q=${encodeURIComponent('lai chau')}`);
    expect(found.items.map((a) => a.id)).not.toContain(program.id);
    expectError(await daNang.get(`/api/agreements/${program.id}`), 'NOT_FOUND');
    const tasks = (await daNang.get(`/api/tasks?agreementId=${program.id}`)).json() as { total: number };
    expect(tasks.total).toBe(0);
  });
});

describe('agreement page', () => {
  it('shows parties with signatories, legal bases, the 2022 plan and abilities', async () => {
    const program = await laiChauProgram();
    const res = await ethnicLeader.get(`/api/agreements/${program.id}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json() as AgreementDetail;
    expect(detail.limitedToTasks).toBe(false);
    expect(detail.partyDetails.find((p) => p.unit.name === 'Ban Dân tộc tỉnh Lai Châu')?.signatoryName).toBe(
      'Trần Hữu Chí',
    );
    expect(detail.legalBases.map((b) => b.number)).toContain('65-KL/TW');
    expect(detail.legalBases[0]?.citation).toMatch(/^Kết luận số 65-KL\/TW/);
    expect(detail.plans.map((p) => p.year)).toContain(2022);
    expect(detail.versions.length).toBeGreaterThan(0);
    // A leader of a party of an agreement in effect may end it; nobody edits its text.
    expect(detail.abilities.transition).toContain('ended');
    expect(detail.abilities.update).toBe(false);
  });

  it('lists the 2022 plan tasks in plan order with lead and cooperating units', async () => {
    const program = await laiChauProgram();
    const detail = (await ethnicLeader.get(`/api/agreements/${program.id}`)).json() as AgreementDetail;
    const plan = detail.plans.find((p) => p.year === 2022);
    const res = await ethnicLeader.get(`/api/tasks?agreementId=${plan?.id}&limit=1000`);
    expect(res.statusCode, res.body).toBe(200);
    const { items, total } = res.json() as { items: Task[]; total: number };
    expect(total).toBe(7);
    const models = items.find((x) => x.title.includes('3 mô hình điểm "Dân vận khéo"'));
    expect(models?.lead.name).toBe('Ban Dân tộc tỉnh Lai Châu');
    expect(models?.cooperating.map((u) => u.name)).toEqual(['Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu']);
    expect(models?.myRoles).toEqual(['lead']);
    const posts = items.find((x) => x.title.includes('Nâng bước em tới trường'));
    expect(posts?.implementing.map((u) => u.name)).toContain('Đồn Biên phòng Ma Lù Thàng');
    expect(posts?.timeframeLabel).toMatch(/Thường xuyên/);
    // Plan order: the first section's tasks come first.
    expect(items[0]?.sectionTitle).toBe('Ban Dân tộc tỉnh chủ trì, phối hợp với Bộ Chỉ huy BĐBP tỉnh');
  });
});

describe('task list and "Việc của đơn vị tôi"', () => {
  it('searches tasks without diacritics', async () => {
    const res = await ethnicLeader.get(`/api/tasks?q=${encodeURIComponent('nang buoc em toi truong')}`);
    const { items } = res.json() as { items: Task[] };
    expect(items.length).toBeGreaterThan(0);
    for (const task of items) expect(task.title).toMatch(/Nâng bước em tới trường/);
  });

  it('pages "Việc của đơn vị tôi" with a total, and filters it by role', async () => {
    const all = (await ethnicLeader.get('/api/tasks/mine?limit=500')).json() as {
      items: Task[];
      total: number;
    };
    expect(all.total).toBe(all.items.length);
    const first = (await ethnicLeader.get('/api/tasks/mine?limit=2')).json() as {
      items: Task[];
      total: number;
    };
    expect(first.total).toBe(all.total);
    expect(first.items.map((x) => x.id)).toEqual(all.items.slice(0, 2).map((x) => x.id));
    const leading = (await ethnicLeader.get('/api/tasks/mine?role=lead&limit=500')).json() as {
      items: Task[];
    };
    expect(leading.items.length).toBeGreaterThan(0);
    expect(leading.items.length).toBeLessThan(all.total);
    for (const task of leading.items) expect(task.myRoles).toContain('lead');
  });

  it('filters by unit and role', async () => {
    const mine = ((await ethnicLeader.get('/api/tasks/mine')).json() as { items: Task[] }).items;
    const leadUnitId = mine.find((x) => x.myRoles.includes('lead'))?.lead.id;
    const res = await ethnicLeader.get(`/api/tasks?unitId=${leadUnitId}&role=lead&limit=500`);
    const { items } = res.json() as { items: Task[] };
    expect(items.length).toBeGreaterThan(0);
    for (const task of items) expect(task.lead.id).toBe(leadUnitId);
  });

  it('shows a border post the tasks it implements, and the agreement only through them', async () => {
    const res = await postOfficer.get('/api/tasks/mine');
    expect(res.statusCode).toBe(200);
    const { items: mine, total } = res.json() as { items: Task[]; total: number };
    expect(total).toBe(mine.length);
    expect(mine.length).toBeGreaterThan(0);
    for (const task of mine) {
      expect(task.implementing.map((u) => u.name)).toContain('Đồn Biên phòng Ma Lù Thàng');
      expect(task.myRoles).toEqual(['implementing']);
      expect(task.abilities.postUpdate).toBe(true);
      expect(task.abilities.setStatus).toBe(false);
    }
    // Overdue first, then open, then by due date.
    const open = (x: Task) => x.status === 'not_started' || x.status === 'in_progress';
    const keys = mine.map((x) => `${x.overdue ? 0 : 1}${open(x) ? 0 : 1}${x.dueDate ?? '9'}`);
    expect(keys).toEqual([...keys].sort());
    const plan = (await postOfficer.get(`/api/agreements/${mine[0]?.agreementId}`)).json() as AgreementDetail;
    expect(plan.abilities.manageTasks).toBe(false);
  });

  it('gives another province an empty "Việc của đơn vị tôi" and 404 on a Lai Châu task', async () => {
    const lcTask = ((await postOfficer.get('/api/tasks/mine')).json() as { items: Task[] }).items[0];
    expect(
      ((await daNang.get('/api/tasks/mine')).json() as { items: Task[] }).items.map((x) => x.id),
    ).not.toContain(lcTask?.id);
    expectError(await daNang.get(`/api/tasks/${lcTask?.id}`), 'NOT_FOUND');
  });
});
