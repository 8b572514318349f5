// The issue-4 journey in the browser, as a reusable flow: an officer of Đồn Biên phòng Tả Gia
// Khâu fills this quarter's report of the Lào Cai program (demo data: the quarterly form of the
// BĐBP – Ban Dân tộc Lào Cai program), submits it; the provincial leader (Bộ Chỉ huy BĐBP tỉnh
// Lào Cai) returns it with a comment; the officer sees the comment, corrects and resubmits; the
// leader approves. Dashboard and status-matrix checks can follow it (see reports.test.ts).

import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { periodKeyOf, periodLabel } from '../src/contracts/periods.ts';
import { signIn } from './browser.ts';

export const LAO_CAI_PROGRAM =
  'Chương trình phối hợp giữa Bộ Chỉ huy Bộ đội Biên phòng tỉnh và Ban Dân tộc tỉnh Lào Cai';
export const QUARTERLY_FORM = 'Báo cáo quý của đồn Biên phòng về kết quả thực hiện chương trình phối hợp';
export const OFFICER = 'canbo.dbp.tagiakhau';
export const LEADER = 'lanhdao.bdbp.laocai';
export const POST = 'Đồn Biên phòng Tả Gia Khâu';

/** The figures the officer reports (after the correction the leader asks for), by indicator code. */
export const JOURNEY_VALUES = {
  CAN_BO_PHU_TRACH_HO: 24,
  HO_DUOC_GIUP_DO: 96,
  TO_TU_QUAN_DUONG_BIEN: 6,
  HO_TU_QUAN_DUONG_BIEN: 1117,
  TO_TU_QUAN_ANTT: 11,
  THANH_VIEN_TU_QUAN_ANTT: 103,
  NGUON_TIN: 14,
} as const;

/** The cell names of the indicators above, as the grid labels them ("name (unit of measure)"). */
export const CELL = {
  CAN_BO_PHU_TRACH_HO: /^Cán bộ, đảng viên đồn biên phòng được phân công phụ trách/,
  HO_DUOC_GIUP_DO: /^Hộ gia đình được cán bộ, đảng viên/,
  TO_TU_QUAN_DUONG_BIEN: /^Tổ tự quản đường biên, mốc giới \(/,
  HO_TU_QUAN_DUONG_BIEN: /^Hộ tham gia tổ tự quản đường biên/,
  TO_TU_QUAN_ANTT: /^Tổ tự quản an ninh trật tự khu vực biên giới \(/,
  THANH_VIEN_TU_QUAN_ANTT: /^Thành viên tổ tự quản an ninh trật tự/,
  NGUON_TIN: /^Nguồn tin Nhân dân khu vực biên giới/,
} as const;

export const RETURN_COMMENT =
  'Số nguồn tin chưa khớp sổ theo dõi của đồn (14, không phải 12). Đề nghị kiểm tra, sửa lại rồi gửi.';

/** This quarter, as the "Lập báo cáo" screen offers it by default. */
export function currentQuarter() {
  const key = periodKeyOf('quarter', new Date().toISOString().slice(0, 10));
  return { key, label: periodLabel(key) };
}

export const cell = (page: Page, name: RegExp) => page.getByRole('textbox', { name }).first();

/** The input of a Mantine Select (a combobox when searchable, a read-only textbox otherwise). */
export const selectInput = (scope: Page | Locator, label: string) =>
  scope
    .getByRole('combobox', { name: label })
    .or(scope.getByRole('textbox', { name: label }))
    .first();

/** Picks an option of a Mantine Select by typing (without diacritics, as users do). */
export async function pick(scope: Page | Locator, page: Page, label: string, query: string, option: RegExp) {
  const input = selectInput(scope, label);
  await input.click();
  // A searchable select takes the typed words; a plain one just opens its list.
  if ((await input.getAttribute('readonly')) === null) await input.fill(query);
  await page.getByRole('option', { name: option }).first().click();
}

const statusBadge = (page: Page) => page.getByTestId('report-status').first();

async function typeFigures(page: Page, values: Partial<Record<keyof typeof CELL, number | string>>) {
  for (const [code, value] of Object.entries(values)) {
    await cell(page, CELL[code as keyof typeof CELL]).fill(String(value));
  }
}

/**
 * The whole journey; returns where the approved report is and what it holds, for further
 * checks (dashboard totals, status matrix). Leaves no browser context open.
 */
export async function fileReturnAndApproveQuarterReport(browser: Browser, baseUrl: string) {
  const quarter = currentQuarter();
  const officerCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const officer = await officerCtx.newPage();
  await signIn(officer, baseUrl, OFFICER);

  // "Lập báo cáo": program, quarterly form; the post and this quarter are chosen already.
  await officer
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Báo cáo', exact: true })
    .click();
  await officer.getByRole('heading', { level: 1, name: 'Báo cáo' }).waitFor();
  await officer.getByRole('tab', { name: 'Lập báo cáo' }).click();
  await pick(officer, officer, 'Văn bản phối hợp', 'chuong trinh lao cai', new RegExp(LAO_CAI_PROGRAM));
  await pick(officer, officer, 'Biểu mẫu báo cáo', 'quy', /Hằng quý/);
  await expect.poll(() => selectInput(officer, 'Đơn vị báo cáo').inputValue()).toBe(POST);
  await expect.poll(() => selectInput(officer, 'Kỳ báo cáo').inputValue()).toBe(quarter.label);
  await officer.getByRole('button', { name: 'Lập báo cáo' }).click();
  await officer.waitForURL(/\/reports\/\d+$/);
  const reportUrl = officer.url();
  const reportId = Number(reportUrl.split('/').pop());
  await officer.getByRole('heading', { level: 1, name: `${QUARTERLY_FORM} — ${quarter.label}` }).waitFor();
  expect(await statusBadge(officer).textContent()).toBe('Đang soạn');

  // Live validation: text in a number cell is refused as it is typed.
  const sources = cell(officer, CELL.NGUON_TIN);
  await sources.fill('mười hai');
  await officer.getByText('Phải là số (ví dụ 1.734 hoặc 12,5)').waitFor();
  expect(await sources.getAttribute('aria-invalid')).toBe('true');
  // A cross-field rule broken: fewer members than teams is flagged while typing.
  await typeFigures(officer, { TO_TU_QUAN_ANTT: 11, THANH_VIEN_TU_QUAN_ANTT: 9 });
  await officer.getByText('Số thành viên không thể ít hơn số tổ tự quản an ninh trật tự').waitFor();
  // Vietnamese thousands ("1.117") and the corrected figures; 12 sources, as the post first counted.
  await typeFigures(officer, { ...JOURNEY_VALUES, NGUON_TIN: 12 });
  await expect.poll(() => sources.getAttribute('aria-invalid')).not.toBe('true');
  await expect
    .poll(() => officer.getByText('Số thành viên không thể ít hơn số tổ tự quản an ninh trật tự').count())
    .toBe(0);
  await officer
    .getByRole('textbox', { name: '1. Kết quả thực hiện' })
    .fill('Đồn duy trì 11 tổ tự quản an ninh trật tự; phối hợp tuyên truyền tại các thôn, bản biên giới.');
  await officer.getByRole('button', { name: 'Lưu nháp' }).click();
  await officer.getByText('Đã lưu nháp báo cáo.').waitFor();
  await officer.getByText('Mọi thay đổi đã được lưu').waitFor();
  expect(await cell(officer, CELL.HO_TU_QUAN_DUONG_BIEN).inputValue()).toBe('1.117');
  await officer.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect.poll(() => statusBadge(officer).textContent()).toBe('Đã gửi, chờ duyệt');
  await officerCtx.close();

  // The provincial leader finds it waiting for approval and returns it with a comment.
  const leaderCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const leader = await leaderCtx.newPage();
  await signIn(leader, baseUrl, LEADER);
  await leader.goto(`${baseUrl}/reports`);
  await leader.getByRole('tab', { name: /Chờ tôi duyệt/ }).click();
  const waiting = leader.getByRole('row').filter({ hasText: quarter.label }).filter({ hasText: POST });
  await waiting.getByRole('link').click();
  await leader.waitForURL(reportUrl);
  await leader.getByRole('button', { name: 'Trả lại' }).click();
  const dialog = leader.getByRole('dialog', { name: 'Trả lại báo cáo' });
  // A return needs its reason.
  await dialog.getByRole('button', { name: 'Trả lại' }).click();
  await dialog.getByText('Hãy nêu lý do trả lại để đơn vị biết cần sửa gì').waitFor();
  await dialog.getByRole('textbox', { name: /Ý kiến, lý do trả lại/ }).fill(RETURN_COMMENT);
  await dialog.getByRole('button', { name: 'Trả lại' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => statusBadge(leader).textContent()).toBe('Bị trả lại');

  // The officer sees why, corrects the figure and submits again (the change is saved with it).
  const againCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const again = await againCtx.newPage();
  await signIn(again, baseUrl, OFFICER);
  await again.goto(reportUrl);
  const notice = again.getByTestId('return-comment');
  await notice.waitFor();
  expect(await notice.textContent()).toContain(RETURN_COMMENT);
  expect(await cell(again, CELL.NGUON_TIN).inputValue()).toBe('12');
  await cell(again, CELL.NGUON_TIN).fill(String(JOURNEY_VALUES.NGUON_TIN));
  await again.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect.poll(() => statusBadge(again).textContent()).toBe('Đã gửi, chờ duyệt');
  await againCtx.close();

  // The leader approves: the report is locked, its history tells the whole story.
  await leader.reload();
  await leader.getByRole('button', { name: 'Duyệt', exact: true }).click();
  const approve = leader.getByRole('dialog', { name: 'Duyệt báo cáo' });
  await approve.getByRole('button', { name: 'Duyệt báo cáo' }).click();
  await approve.waitFor({ state: 'detached' });
  await expect.poll(() => statusBadge(leader).textContent()).toBe('Đã duyệt');
  expect(await leader.getByRole('textbox', { name: CELL.NGUON_TIN }).count()).toBe(0);
  const history = leader.getByTestId('report-history');
  expect(await history.textContent()).toContain(RETURN_COMMENT);
  for (const step of ['Lập báo cáo', 'Lưu nháp', 'Gửi duyệt', 'Trả lại', 'Duyệt']) {
    await history.getByText(step, { exact: true }).first().waitFor();
  }
  await leaderCtx.close();
  return { reportId, reportUrl, period: quarter.key, periodLabel: quarter.label, values: JOURNEY_VALUES };
}
