import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { launchBrowser, seriousViolations, signIn } from './browser.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from './server.ts';

// The dashboards of an agreement, read in the browser against figures the test reports and
// approves through the API and adds up by hand.
//
// Lai Châu program (BĐBP Lai Châu – Ban Dân tộc, 2022–2025), a quarterly form of the posts Ma
// Lù Thàng and Pa Tần approved by BĐBP Lai Châu, year 2024:
//   E2E_HO (hộ, sum over time):  Ma Lù Thàng Q1 40 + Q2 60 = 100; Pa Tần Q1 25  → 125 (target 200: 62,5 %)
//   E2E_TO (tổ, last value):     Ma Lù Thàng Q1 3, Q2 4 → 4;      Pa Tần Q1 2   → 6
// Pa Tần files nothing for Q2: overdue.

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** Signs in through the API for the set-up (reads and writes, CSRF header on writes). */
async function apiSession(baseUrl: string, username: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { cookie };
    if (method !== 'GET') {
      headers['x-csrf-token'] = csrfToken;
      headers['content-type'] = 'application/json';
    }
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${username} ${method} ${path}: HTTP ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
  };
}
type Session = Awaited<ReturnType<typeof apiSession>>;
interface Ids {
  agreementId: number;
  formId: number;
  maLu: number;
  paTan: number;
  command: number;
  approvedReportId: number;
  laoCaiProgram: number;
}
let ids: Ids;

const PROGRAM = 'Chương trình phối hợp giữa Bộ Chỉ huy Bộ đội Biên phòng tỉnh và Ban Dân tộc tỉnh Lai Châu';

async function unitId(s: Session, name: string): Promise<number> {
  const res = await s.get<{ items: Array<{ id: number; name: string }> }>(
    `/api/units?q=${encodeURIComponent(name)}&limit=20`,
  );
  const unit = res.items.find((u) => u.name === name);
  if (!unit) throw new Error(`unit not found: ${name}`);
  return unit.id;
}

/** Opens (or creates) a report, saves the values, submits it; the leader approves it. */
async function reportApproved(
  author: Session,
  leader: Session,
  body: { formId: number; unitId: number; period: string },
  values: Array<{ indicatorId: number; value: number }>,
): Promise<number> {
  type R = { id: number; version: number; status: string };
  const opened = await author.post<R>('/api/reports', body);
  const saved = await author.put<R>(`/api/reports/${opened.id}`, {
    values,
    narrative: {},
    version: opened.version,
  });
  const submitted = await author.post<R>(`/api/reports/${opened.id}/submit`, { version: saved.version });
  const approved = await leader.post<R>(`/api/reports/${opened.id}/approve`, { version: submitted.version });
  expect(approved.status).toBe('approved');
  return opened.id;
}

async function seed(): Promise<Ids> {
  const admin = await apiSession(server.baseUrl, 'admin');
  const leader = await apiSession(server.baseUrl, 'lanhdao.bdbp.laichau');
  const officer = await apiSession(server.baseUrl, 'canbo.dbp.malu');
  const agreements = await admin.get<{ items: Array<{ id: number; subject: string }> }>(
    `/api/agreements?q=${encodeURIComponent('chuong trinh phoi hop lai chau')}&kind=program`,
  );
  const agreement = agreements.items.find((a) => a.subject.startsWith(PROGRAM));
  if (!agreement) throw new Error('Lai Châu program not found');
  const laoCai = (
    await admin.get<{ items: Array<{ id: number; subject: string }> }>(
      `/api/agreements?q=${encodeURIComponent('chuong trinh phoi hop lao cai')}&kind=program`,
    )
  ).items.find((a) => a.subject.endsWith('Ban Dân tộc tỉnh Lào Cai'));
  if (!laoCai) throw new Error('Lào Cai program not found');
  const command = await unitId(admin, 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu');
  const maLu = await unitId(admin, 'Đồn Biên phòng Ma Lù Thàng');
  const paTan = await unitId(admin, 'Đồn Biên phòng Pa Tần');

  const indicator = (code: string, name: string, uom: string, aggTime: string) =>
    admin.post<{ id: number }>('/api/indicators', {
      code,
      name,
      uom,
      valueType: 'integer',
      aggUnits: 'sum',
      aggTime,
      minValue: 0,
    });
  const ho = await indicator('E2E_HO', 'Hộ gia đình được giúp đỡ (kiểm thử)', 'hộ', 'sum');
  const to = await indicator('E2E_TO', 'Tổ tự quản đường biên (kiểm thử)', 'tổ', 'last');
  for (const i of [ho, to]) await admin.post(`/api/indicators/${i.id}/links`, { agreementId: agreement.id });
  await admin.put(`/api/agreements/${agreement.id}/targets`, {
    targets: [{ indicatorId: ho.id, unitId: command, year: 2024, value: 200 }],
  });
  const form = await admin.post<{ id: number }>(`/api/agreements/${agreement.id}/forms`, {
    name: 'Báo cáo quý của đồn Biên phòng (kiểm thử bảng điều khiển)',
    frequency: 'quarter',
    deadlineDay: 20,
    approvalChain: [command],
    indicators: [
      { indicatorId: ho.id, required: true },
      { indicatorId: to.id, required: true },
    ],
    unitIds: [maLu, paTan],
  });
  const approvedReportId = await reportApproved(
    officer,
    leader,
    { formId: form.id, unitId: maLu, period: '2024-Q1' },
    [
      { indicatorId: ho.id, value: 40 },
      { indicatorId: to.id, value: 3 },
    ],
  );
  await reportApproved(officer, leader, { formId: form.id, unitId: maLu, period: '2024-Q2' }, [
    { indicatorId: ho.id, value: 60 },
    { indicatorId: to.id, value: 4 },
  ]);
  await reportApproved(admin, leader, { formId: form.id, unitId: paTan, period: '2024-Q1' }, [
    { indicatorId: ho.id, value: 25 },
    { indicatorId: to.id, value: 2 },
  ]);
  return {
    agreementId: agreement.id,
    formId: form.id,
    maLu,
    paTan,
    command,
    approvedReportId,
    laoCaiProgram: laoCai.id,
  };
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ids = await seed();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  // bypassCSP only so that axe-core can be injected as an inline script
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    bypassCSP: true,
    acceptDownloads: true,
  });
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

const NB = '\u00a0';

async function openDashboard(year: string) {
  await signIn(page, server.baseUrl, 'lanhdao.bdbp.laichau');
  await page.goto(`${server.baseUrl}/agreements/${ids.agreementId}/dashboard`);
  await page.getByTestId('agreement-dashboard').waitFor();
  await page.getByRole('combobox', { name: 'Năm' }).click();
  await page.getByRole('option', { name: year, exact: true }).click();
  await expect.poll(() => card('E2E_HO').getAttribute('data-value')).toBe('125');
}

const card = (code: string) => page.locator(`[data-testid="indicator-cards"] [data-indicator="${code}"]`);

describe('agreement dashboard and reporting status in the browser', () => {
  test('the cards and the table show the hand-computed totals; drilling down to a post shows its own figure', async () => {
    await openDashboard('2024');
    const ho = card('E2E_HO');
    expect(await ho.getByTestId('indicator-value').textContent()).toBe('125');
    expect(await ho.textContent()).toContain('hộ');
    expect(await ho.getByTestId('indicator-achieved').textContent()).toBe(`Đạt: 62,5${NB}%`);
    expect(await ho.textContent()).toContain('Chỉ tiêu: 200 hộ');
    expect(await card('E2E_TO').getAttribute('data-value')).toBe('6');

    // target vs actual: the table (shown on request) holds the figures the chart draws
    const targets = page.getByTestId('chart-targets');
    await targets.getByRole('button', { name: 'Xem bảng số liệu' }).click();
    const row = targets.getByTestId('table-targets').locator('tr[data-code="E2E_HO"]');
    await row.waitFor();
    expect(await row.locator('[data-col="actual"]').textContent()).toBe('125');
    expect(await row.locator('[data-col="target"]').textContent()).toBe('200');
    const drawn = JSON.parse(
      (await targets.locator('[data-chart-data]').getAttribute('data-chart-data')) ?? '[]',
    ) as Array<{ code: string; actual: number | null; target: number | null }>;
    expect(drawn.find((d) => d.code === 'E2E_HO')).toEqual({ code: 'E2E_HO', actual: 125, target: 200 });
    for (const d of drawn) {
      const r = targets.locator(`tr[data-code="${d.code}"]`);
      expect(await r.locator('[data-col="actual"]').textContent()).toBe(
        d.actual === null ? '—' : d.actual.toLocaleString('vi-VN'),
      );
    }

    // the XLSX export downloads a workbook
    const download = page.waitForEvent('download');
    await targets.getByRole('link', { name: 'Xuất Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe('PK');

    // drill down: the command, then Ma Lù Thàng's own figures
    const byUnit = page.getByTestId('chart-by-unit');
    await page.getByRole('combobox', { name: 'Chỉ tiêu hiển thị trên biểu đồ' }).click();
    await page.getByRole('option', { name: /E2E_HO/ }).click();
    await byUnit.getByRole('button', { name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu' }).click();
    const maLuRow = byUnit.locator(`tr[data-unit-id="${ids.maLu}"]`);
    await maLuRow.waitFor();
    expect(await maLuRow.locator('td[data-code="E2E_HO"]').textContent()).toBe('100');
    expect(await byUnit.locator(`tr[data-unit-id="${ids.paTan}"] td[data-code="E2E_HO"]`).textContent()).toBe(
      '25',
    );
    // the by-unit chart draws what the table says
    const bars = JSON.parse(
      (await byUnit.locator('[data-chart-data]').getAttribute('data-chart-data')) ?? '[]',
    ) as Array<{ unit: string; value: number | null }>;
    expect(bars).toEqual(
      expect.arrayContaining([
        { unit: 'Đồn BP Ma Lù Thàng', value: 100 },
        { unit: 'Đồn BP Pa Tần', value: 25 },
      ]),
    );
    await maLuRow.getByRole('button', { name: 'Đồn Biên phòng Ma Lù Thàng' }).click();
    await expect.poll(() => card('E2E_HO').getAttribute('data-value')).toBe('100');
    expect(await card('E2E_TO').getAttribute('data-value')).toBe('4');
    expect(await page.getByTestId('drill-trail').textContent()).toContain('Đồn Biên phòng Ma Lù Thàng');
    // and back up to the whole program
    await page.getByTestId('drill-trail').getByRole('button', { name: 'Toàn chương trình' }).click();
    await expect.poll(() => card('E2E_HO').getAttribute('data-value')).toBe('125');

    // the trend over the quarters of 2024, chart and table alike
    const trend = page.getByTestId('chart-trend');
    await trend.getByRole('button', { name: 'Xem bảng số liệu' }).click();
    const q2 = trend.locator('tr[data-period="2024-Q2"] td');
    await q2.waitFor();
    expect(await q2.textContent()).toBe('60');
    expect(await trend.locator('tr[data-period="2024-Q1"] td').textContent()).toBe('65');
    const points = JSON.parse(
      (await trend.locator('[data-chart-data]').getAttribute('data-chart-data')) ?? '[]',
    ) as Array<{ period: string; value: number | null }>;
    expect(points.filter((p) => p.period.startsWith('2024-Q')).map((p) => p.value)).toEqual([
      65,
      60,
      null,
      null,
    ]);
    // the trend's XLSX comes from the server (trend.xlsx, same query): the same points, as numbers
    const trendFile = page.waitForEvent('download');
    await trend.getByRole('link', { name: 'Xuất Excel' }).click();
    const trendDownload = await trendFile;
    expect(trendDownload.url()).toContain(`/api/agreements/${ids.agreementId}/trend.xlsx?`);
    expect(trendDownload.suggestedFilename()).toBe('Diễn biến E2E_HO 2022-2024.xlsx');
    const trendChunks: Buffer[] = [];
    for await (const c of await trendDownload.createReadStream()) trendChunks.push(c as Buffer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(trendChunks) as unknown as ArrayBuffer);
    const sheetRows: Array<[unknown, unknown]> = [];
    wb.getWorksheet('Diễn biến')!.eachRow((row, n) => {
      if (n > 5) sheetRows.push([row.getCell(1).value, row.getCell(2).value]);
    });
    expect(sheetRows).toHaveLength(points.length);
    expect(sheetRows.slice(-4)).toEqual([
      ['Quý I/2024', 65],
      ['Quý II/2024', 60],
      ['Quý III/2024', null],
      ['Quý IV/2024', null],
    ]);

    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the status matrix shows the approved cell green (approved) and the missing one overdue; XLSX downloads', async () => {
    await signIn(page, server.baseUrl, 'lanhdao.bdbp.laichau');
    await page.goto(`${server.baseUrl}/forms/${ids.formId}/status`);
    await page.getByRole('combobox', { name: 'Năm' }).click();
    await page.getByRole('option', { name: '2024', exact: true }).click();
    const matrix = page.getByTestId('status-matrix');
    const approved = matrix.locator(`tr[data-unit-id="${ids.maLu}"] td[data-period="2024-Q1"]`);
    await approved.waitFor();
    expect(await approved.getAttribute('data-state')).toBe('approved');
    expect(await approved.textContent()).toContain('Đã duyệt');
    expect(await approved.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(140, 233, 154)');
    const overdue = matrix.locator(`tr[data-unit-id="${ids.paTan}"] td[data-period="2024-Q2"]`);
    expect(await overdue.getAttribute('data-state')).toBe('overdue');
    expect(await overdue.textContent()).toContain('Quá hạn');
    // Pa Tần filed one of the four quarters
    expect(
      await matrix.locator(`tr[data-unit-id="${ids.paTan}"] td[data-col="completeness"]`).textContent(),
    ).toBe(`25${NB}%`);
    expect(await seriousViolations(page)).toEqual([]);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Xuất Excel' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

    // a cell opens its report
    await approved.getByRole('link').click();
    await page.waitForURL(new RegExp(`/reports/${ids.approvedReportId}$`));
  });

  test('the agreement page has the dashboard and status tabs; the home page counts and headline figures', async () => {
    await signIn(page, server.baseUrl, 'lanhdao.bdbp.laichau');
    await page.getByTestId('home-overview').waitFor();
    expect(await page.locator('[data-count="awaitingMe"]').getAttribute('data-value')).toMatch(/^\d+$/);
    // nothing approved in the current year yet: the headline figures are those of 2024
    const headline = page.locator(`[data-agreement="${ids.agreementId}"] [data-indicator="E2E_HO"]`);
    await expect.poll(() => headline.getAttribute('data-value')).toBe('125');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${server.baseUrl}/agreements/${ids.agreementId}`);
    await page.getByRole('tab', { name: 'Tình hình báo cáo' }).click();
    await page.getByRole('combobox', { name: 'Năm' }).click();
    await page.getByRole('option', { name: '2024', exact: true }).click();
    const cell = page.locator(`tr[data-unit-id="${ids.paTan}"] td[data-period="2024-Q1"]`).first();
    await cell.waitFor();
    expect(await cell.getAttribute('data-state')).toBe('approved');
    await page.getByRole('tab', { name: 'Kết quả / Bảng điều khiển' }).click();
    await page.getByTestId('agreement-dashboard').waitFor();
    // overdue reports of the agreement list Pa Tần's second quarter
    await page
      .getByTestId('overdue-reports')
      .getByText('Đồn Biên phòng Pa Tần — Quý II/2024')
      .first()
      .waitFor();

    // the unit dashboard of the command: the program's figures of its subtree in 2024
    await page.goto(`${server.baseUrl}/units/${ids.command}/dashboard`);
    await page.getByTestId('unit-dashboard').waitFor();
    await page.getByRole('combobox', { name: 'Năm' }).click();
    await page.getByRole('option', { name: '2024', exact: true }).click();
    const unitCard = page.locator(`[data-agreement="${ids.agreementId}"] [data-indicator="E2E_HO"]`);
    await expect.poll(() => unitCard.getAttribute('data-value')).toBe('125');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('generated sample figures are labelled as such; the dashboard fits a 360 px screen', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 360, height: 800 }, bypassCSP: true });
    page = await context.newPage();
    await signIn(page, server.baseUrl, 'lanhdao.bdbp.laocai');
    await page.goto(`${server.baseUrl}/agreements/${ids.laoCaiProgram}/dashboard`);
    await page.getByTestId('agreement-dashboard').waitFor();
    await page.getByRole('combobox', { name: 'Năm' }).click();
    await page.getByRole('option', { name: '2024', exact: true }).click();
    await page.getByTestId('sample-notice').waitFor();
    expect(await page.getByTestId('sample-notice').textContent()).toContain('Dữ liệu mẫu');
    await page.getByTestId('chart-by-unit').waitFor();
    // nothing wider than the screen: wide tables scroll inside their own box
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
