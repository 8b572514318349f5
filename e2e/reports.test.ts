import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { periodLabel, previousPeriod } from '../src/contracts/periods.ts';
import { launchBrowser, seriousViolations, signIn } from './browser.ts';
import {
  CELL,
  cell,
  currentQuarter,
  fileReturnAndApproveQuarterReport,
  JOURNEY_VALUES,
  LAO_CAI_PROGRAM,
  LEADER,
  OFFICER,
  POST,
  pick,
  QUARTERLY_FORM,
  selectInput,
} from './reportJourney.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  // bypassCSP only so that axe-core can be injected as an inline script
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

/** A signed-in API client for set-up (what the test is not about). */
async function apiAs(username: string) {
  const login = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken, 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, b: unknown) => call<T>('POST', path, b),
    patch: <T>(path: string, b: unknown) => call<T>('PATCH', path, b),
  };
}

/** The demo's Lào Cai program (BĐBP – Ban Dân tộc), as the user sees it. */
async function laoCaiProgram(api: Awaited<ReturnType<typeof apiAs>>) {
  const agreements = await api.get<{ items: Array<{ id: number; subject: string }> }>(
    '/api/agreements?limit=100',
  );
  const program = agreements.items.find((a) => a.subject === LAO_CAI_PROGRAM);
  if (!program) throw new Error('Lào Cai program not in the demo data');
  return program;
}

/** The officer's draft report of the quarterly form for a period, opened through the API. */
async function openDraft(period: string) {
  const api = await apiAs(OFFICER);
  const program = await laoCaiProgram(api);
  const forms = await api.get<
    Array<{ id: number; name: string; units: Array<{ id: number; name: string }> }>
  >(`/api/agreements/${program.id}/forms`);
  const form = forms.find((f) => f.name === QUARTERLY_FORM);
  const unit = form?.units.find((u) => u.name === POST);
  if (!form || !unit) throw new Error('quarterly form of the Lào Cai posts not in the demo data');
  const report = await api.post<{ id: number; version: number }>('/api/reports', {
    formId: form.id,
    unitId: unit.id,
    period,
  });
  return { id: report.id, programId: program.id };
}

describe('periodic reports in the browser', () => {
  test('an officer of Đồn Biên phòng Tả Gia Khâu files the quarter; the provincial leader returns it, then approves the correction', async () => {
    const done = await fileReturnAndApproveQuarterReport(browser, server.baseUrl);
    expect(done.period).toBe(currentQuarter().key);
    // The approved report is listed as such for the post.
    await signIn(page, server.baseUrl, OFFICER);
    await page.goto(`${server.baseUrl}/reports`);
    const row = page
      .getByRole('row')
      .filter({ hasText: done.periodLabel })
      .filter({ hasText: QUARTERLY_FORM });
    await row.waitFor();
    expect(await row.getByTestId('report-status').textContent()).toBe('Đã duyệt');

    // The province dashboard shows the new totals for the quarter…
    const api = await apiAs(LEADER);
    const program = await laoCaiProgram(api);
    const forms = await api.get<
      Array<{ id: number; name: string; units: Array<{ id: number; name: string }> }>
    >(`/api/agreements/${program.id}/forms`);
    const form = forms.find((f) => f.name === QUARTERLY_FORM);
    const post = form?.units.find((u) => u.name === POST);
    if (!form || !post) throw new Error('quarterly form of the Lào Cai posts not in the demo data');
    const year = done.period.slice(0, 4);
    const leaderContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const leader = await leaderContext.newPage();
    await signIn(leader, server.baseUrl, LEADER);
    await leader.goto(`${server.baseUrl}/agreements/${program.id}/dashboard`);
    await leader.getByTestId('agreement-dashboard').waitFor();
    await leader.getByRole('combobox', { name: 'Năm' }).click();
    await leader.getByRole('option', { name: year, exact: true }).click();
    await leader.getByRole('combobox', { name: 'Kỳ' }).click();
    await leader.getByRole('option', { name: done.periodLabel, exact: true }).click();
    const card = (code: string) =>
      leader.locator(`[data-testid="indicator-cards"] [data-indicator="${code}"]`);
    // No other report of the program is approved for this quarter: the totals are the post's figures.
    await expect
      .poll(() => card('NGUON_TIN').getAttribute('data-value'))
      .toBe(String(JOURNEY_VALUES.NGUON_TIN));
    expect(await card('HO_DUOC_GIUP_DO').getAttribute('data-value')).toBe(
      String(JOURNEY_VALUES.HO_DUOC_GIUP_DO),
    );
    expect(await card('HO_TU_QUAN_DUONG_BIEN').getByTestId('indicator-value').textContent()).toBe('1.117');

    // …and the reporting-status matrix turns green for that cell.
    await leader.goto(`${server.baseUrl}/forms/${form.id}/status`);
    await leader.getByRole('combobox', { name: 'Năm' }).click();
    await leader.getByRole('option', { name: year, exact: true }).click();
    const matrixCell = leader
      .getByTestId('status-matrix')
      .locator(`tr[data-unit-id="${post.id}"] td[data-period="${done.period}"]`);
    await expect.poll(() => matrixCell.getAttribute('data-state')).toBe('approved');
    expect(await matrixCell.textContent()).toContain('Đã duyệt');
    await leaderContext.close();
  });

  test('the leader approves every report waiting for him at once', async () => {
    await signIn(page, server.baseUrl, LEADER);
    await page.goto(`${server.baseUrl}/reports?tab=awaiting`);
    const table = page.getByTestId('report-table');
    await table.waitFor();
    const waiting = await table.locator('tbody tr').count();
    expect(waiting).toBeGreaterThan(0);
    await page.getByRole('checkbox', { name: 'Chọn tất cả báo cáo' }).check();
    await page.getByRole('button', { name: `Duyệt ${waiting} báo cáo đã chọn` }).click();
    const dialog = page.getByRole('dialog', { name: 'Duyệt các báo cáo đã chọn' });
    await dialog.getByRole('button', { name: `Duyệt ${waiting} báo cáo đã chọn` }).click();
    await page.getByText(`Đã duyệt ${waiting} báo cáo.`).waitFor();
    await page.getByText('Không có báo cáo nào chờ bạn duyệt.').waitFor();
  });

  test('two sessions on one draft: the later save keeps what was typed and merges after reload; a bad Excel file lists its errors (phone width)', async () => {
    const period = previousPeriod(currentQuarter().key) as string;
    const { id } = await openDraft(period);
    const url = `${server.baseUrl}/reports/${id}`;
    await signIn(page, server.baseUrl, OFFICER);
    await page.goto(url);
    await cell(page, CELL.NGUON_TIN).waitFor();

    const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const other = await phone.newPage();
    await signIn(other, server.baseUrl, OFFICER);
    await other.goto(url);
    await other
      .getByRole('heading', { level: 1, name: new RegExp(periodLabel(period).replace('/', '\\/')) })
      .waitFor();
    // The grid fits a 360-pixel screen: no sideways scrolling.
    expect(await other.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await cell(page, CELL.NGUON_TIN).fill('7');
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText('Đã lưu nháp báo cáo.').waitFor();

    await cell(other, CELL.TO_TU_QUAN_ANTT).fill('11');
    await other.getByRole('button', { name: 'Lưu nháp' }).click();
    await other.getByText('Người khác đã lưu trước bạn').waitFor();
    expect(await cell(other, CELL.TO_TU_QUAN_ANTT).inputValue()).toBe('11');
    await other.getByRole('button', { name: 'Tải bản mới nhất' }).click();
    await other.getByText(/Đã tải bản mới nhất/).waitFor();
    expect(await cell(other, CELL.NGUON_TIN).inputValue()).toBe('7');
    expect(await cell(other, CELL.TO_TU_QUAN_ANTT).inputValue()).toBe('11');
    await other.getByRole('button', { name: 'Lưu nháp' }).click();
    await other.getByText('Đã lưu nháp báo cáo.').waitFor();

    // A file that is not an Excel workbook: every error listed, nothing applied.
    await other.locator('input[type="file"][accept^=".xlsx"]').setInputFiles({
      name: 'so-lieu.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('TT;Chỉ tiêu;Số liệu\n1;Nguồn tin;9\n'),
    });
    const refused = other.getByRole('dialog', { name: 'Tệp Excel chưa được nhập' });
    await refused.waitFor();
    expect(await refused.getByTestId('import-errors').locator('tbody tr').count()).toBeGreaterThan(0);
    await refused.getByRole('button', { name: 'Đóng' }).last().click();
    // Evidence attached to the draft: listed with a download link.
    await other.locator('input[type="file"][accept^=".pdf"]').setInputFiles({
      name: 'bien-ban-hop-to-tu-quan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await other
      .getByRole('region', { name: 'Tài liệu kèm theo' })
      .getByRole('link', { name: 'bien-ban-hop-to-tu-quan.pdf' })
      .waitFor();
    await phone.close();

    await page.reload();
    await cell(page, CELL.NGUON_TIN).waitFor();
    expect(await cell(page, CELL.NGUON_TIN).inputValue()).toBe('7');
    expect(await cell(page, CELL.TO_TU_QUAN_ANTT).inputValue()).toBe('11');

    // Submitting with required figures missing is stopped before it leaves the page…
    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await page.getByText('Còn 5 chỉ tiêu bắt buộc chưa nhập.').waitFor();
    expect(await cell(page, CELL.CAN_BO_PHU_TRACH_HO).getAttribute('aria-invalid')).toBe('true');
    // …and a broken rule is refused by the server, its message put back under the cell.
    for (const [code, value] of Object.entries(JOURNEY_VALUES)) {
      await cell(page, CELL[code as keyof typeof CELL]).fill(String(value));
    }
    await cell(page, CELL.THANH_VIEN_TU_QUAN_ANTT).fill('9');
    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await page.getByText('Chưa gửi được').waitFor();
    const members = cell(page, CELL.THANH_VIEN_TU_QUAN_ANTT);
    await expect.poll(() => members.getAttribute('aria-invalid')).toBe('true');
    // the server's own words ("… (9 ≥ 11 không đúng)"), not only the live warning
    const under = page.locator('td').filter({ has: members });
    await expect.poll(() => under.textContent()).toContain('không đúng');
    expect(await page.getByTestId('report-status').first().textContent()).toBe('Đang soạn');
  });

  test('the provincial leader adds a monthly report form and sets a yearly target on the program page', async () => {
    const name = `Báo cáo tháng của đồn Biên phòng — thử nghiệm ${Date.now()}`;
    const programId = (await laoCaiProgram(await apiAs(LEADER))).id;
    await signIn(page, server.baseUrl, LEADER);
    await page.goto(`${server.baseUrl}/agreements/${programId}`);
    await page.getByRole('tab', { name: 'Chỉ tiêu, biểu mẫu báo cáo' }).click();
    const forms = page.getByRole('region', { name: 'Biểu mẫu báo cáo' });
    await forms.getByRole('button', { name: 'Thêm biểu mẫu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm biểu mẫu báo cáo' });
    await dialog.getByRole('textbox', { name: 'Tên biểu mẫu' }).fill(name);
    await pick(dialog, page, 'Kỳ báo cáo', '', /^Hằng tháng$/);
    // The agreement's indicators come pre-selected; the approver is the program's owner.
    await dialog.getByRole('row').filter({ hasText: 'NGUON_TIN' }).waitFor();
    await pick(dialog, page, 'Đơn vị phải báo cáo', 'ta gia khau', /^Đồn Biên phòng Tả Gia Khâu$/);
    await dialog.getByRole('heading').first().click();
    await dialog.getByRole('button', { name: 'Tạo mới' }).click();
    await dialog.waitFor({ state: 'detached' });
    const created = forms.getByRole('article', { name });
    await created.waitFor();
    expect(await created.textContent()).toContain('Hằng tháng · hạn ngày 20 của tháng cuối kỳ');
    expect(await created.textContent()).toContain('Đồn Biên phòng Tả Gia Khâu');

    const year = new Date().getFullYear();
    const target = page.getByRole('textbox', {
      name: new RegExp(
        `^Chỉ tiêu kế hoạch "Nguồn tin Nhân dân.*" của Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai năm ${year}$`,
      ),
    });
    await target.fill('1.734');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu kế hoạch' }).click();
    await page.getByText('Đã lưu 1 chỉ tiêu kế hoạch.').waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'Chỉ tiêu, biểu mẫu báo cáo' }).click();
    await expect.poll(() => target.inputValue()).toBe('1.734');
  });

  test('report, indicator and form screens have no serious accessibility violations', async () => {
    const twoBack = previousPeriod(previousPeriod(currentQuarter().key) as string) as string;
    const { id, programId } = await openDraft(twoBack);
    await signIn(page, server.baseUrl, OFFICER);
    await page.goto(`${server.baseUrl}/reports`);
    await page.getByTestId('report-table').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.baseUrl}/reports/${id}`);
    await cell(page, CELL.NGUON_TIN).fill('12');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.baseUrl}/reports?tab=new`);
    await page.getByText('Chọn văn bản phối hợp, biểu mẫu').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.baseUrl}/indicators`);
    await page.getByTestId('indicator-table').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();

    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page = await context.newPage();
    await signIn(page, server.baseUrl, LEADER);
    await page.goto(`${server.baseUrl}/indicators`);
    await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    await page.getByRole('dialog', { name: 'Thêm chỉ tiêu' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.baseUrl}/agreements/${programId}`);
    await page.getByRole('tab', { name: 'Chỉ tiêu, biểu mẫu báo cáo' }).click();
    await page.getByRole('region', { name: 'Biểu mẫu báo cáo' }).getByRole('article').first().waitFor();
    await page.getByTestId('agreement-indicators').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.baseUrl}/reports?tab=awaiting`);
    await page.getByText('Các báo cáo đang chờ đơn vị của bạn duyệt').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the home page’s report counts open the list filtered by status, and the filter stays in the URL', async () => {
    const fourBack = [1, 2, 3, 4].reduce((k) => previousPeriod(k) as string, currentQuarter().key);
    const { id } = await openDraft(fourBack);
    await signIn(page, server.baseUrl, OFFICER);
    const overdueCard = page.locator('[data-count="reportsOverdue"]');
    await overdueCard.getByRole('link').click();
    await page.waitForURL(/\/reports\?.*status=overdue/);
    const status = selectInput(page, 'Trạng thái');
    await expect.poll(() => status.inputValue()).toBe('Quá hạn');
    const table = page.getByTestId('report-table');
    const draft = table.locator(`tr[data-report-id="${id}"]`);
    await draft.waitFor();
    for (const row of await table.locator('tbody tr').all()) {
      expect(await row.getByTestId('report-overdue').count(), (await row.textContent()) ?? '').toBe(1);
    }

    // Another status: the URL follows, a reload keeps it, the overdue draft is not "due".
    await pick(page, page, 'Trạng thái', '', /^Đến hạn, chưa gửi$/);
    await page.waitForURL(/status=due(&|$)/);
    await expect.poll(() => draft.count()).toBe(0);
    await page.reload();
    await expect.poll(() => status.inputValue()).toBe('Đến hạn, chưa gửi');
    expect(page.url()).toMatch(/status=due(&|$)/);
    await pick(page, page, 'Trạng thái', '', /^Bị trả lại$/);
    await page.waitForURL(/status=returned/);
    await expect.poll(() => draft.count()).toBe(0);
    for (const row of await table.locator('tbody tr').all()) {
      expect(await row.getByTestId('report-status').textContent()).toBe('Bị trả lại');
    }
  });

  test('a figure outside the indicator’s range is submitted; the approver sees the warning under it and in the approval dialog', async () => {
    // Last in the file: it narrows an indicator's range for the rest of this server's life.
    const leaderApi = await apiAs(LEADER);
    const catalogue = await leaderApi.get<{ items: Array<{ id: number; code: string; version: number }> }>(
      '/api/indicators?q=NGUON_TIN',
    );
    const sources = catalogue.items.find((i) => i.code === 'NGUON_TIN');
    if (!sources) throw new Error('NGUON_TIN not in the demo catalogue');
    await leaderApi.patch(`/api/indicators/${sources.id}`, { maxValue: 50, version: sources.version });
    const threeBack = previousPeriod(
      previousPeriod(previousPeriod(currentQuarter().key) as string) as string,
    ) as string;
    const { id } = await openDraft(threeBack);
    const url = `${server.baseUrl}/reports/${id}`;

    await signIn(page, server.baseUrl, OFFICER);
    await page.goto(url);
    await cell(page, CELL.NGUON_TIN).waitFor();
    for (const [code, value] of Object.entries({ ...JOURNEY_VALUES, NGUON_TIN: 140 })) {
      await cell(page, CELL[code as keyof typeof CELL]).fill(String(value));
    }
    await page.getByText('Vượt mức tối đa 50').waitFor();
    await page.getByText(/1 ô có số liệu ngoài giới hạn thông thường.*báo cáo vẫn gửi được/).waitFor();
    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await expect
      .poll(() => page.getByTestId('report-status').first().textContent())
      .toBe('Đã gửi, chờ duyệt');
    await context.close();

    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page = await context.newPage();
    await signIn(page, server.baseUrl, LEADER);
    await page.goto(url);
    const warning = page.getByTestId('cell-warning');
    await warning.waitFor();
    expect(await warning.count()).toBe(1);
    expect(await warning.textContent()).toBe('140 lớn hơn mức tối đa 50.');
    // under the figure of its own row
    const row = page.getByRole('row').filter({ has: warning });
    expect(await row.getByRole('rowheader').textContent()).toMatch(/^Nguồn tin Nhân dân khu vực biên giới/);
    await page.getByText('Báo cáo có 1 ô số liệu bị cảnh báo').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Duyệt báo cáo' });
    expect(await dialog.getByTestId('approve-warnings').textContent()).toContain('1 ô số liệu bị cảnh báo');
    await dialog.getByRole('button', { name: 'Duyệt báo cáo' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('report-status').first().textContent()).toBe('Đã duyệt');
  });
});
