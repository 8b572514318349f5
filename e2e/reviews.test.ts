// Issue 5's acceptance journey: a provincial officer opens the Lào Cai program, drafts "Báo cáo
// sơ kết năm 2023" from the approved data (seed 001's figures of the Border Guard command),
// edits the situation paragraph, saves and downloads the DOCX, which must carry the edited
// paragraph and the figures in Vietnamese format. Then two tabs saving the same draft (409,
// nothing typed is lost), axe-core and 360 px.
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { launchBrowser, seriousViolations, signIn } from './browser.ts';
import { LAO_CAI_PROGRAM, selectInput } from './reportJourney.ts';
import { startServer, type TestServer } from './server.ts';

/** Officer of Ban Dân tộc tỉnh Lào Cai, a party of the program. */
const OFFICER = 'chuyenvien.bdt.laocai';
const PERIOD_OPTION = 'Báo cáo sơ kết năm 2023';
const SITUATION =
  'Năm 2023, tình hình an ninh chính trị, trật tự an toàn xã hội khu vực biên giới tỉnh Lào Cai ổn định; đồng bào các dân tộc Mông, Dao, Hà Nhì, Giáy tin tưởng vào sự lãnh đạo của Đảng (đoạn sửa trong thử nghiệm).';
/** Seed 001: 357 cán bộ giúp đỡ 1.734 hộ; 80 tổ tự quản đường biên/1.117 hộ; 317 tổ/3.276 thành viên; 150 nguồn tin. */
const SEED_FIGURES = ['1.734', '1.117', '3.276', '150'];

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

/** The paragraphs of a DOCX's body, each as its runs' text joined. */
async function docxParagraphs(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1] ?? '')).join(''),
  );
}

/** Opens the program from the list, as a user would, and its review tab. */
async function openProgramReviews() {
  await page.goto(`${server.baseUrl}/agreements`);
  await page.getByRole('link', { name: LAO_CAI_PROGRAM }).first().click();
  await page.getByRole('heading', { level: 1, name: LAO_CAI_PROGRAM }).waitFor();
  await page.getByRole('tab', { name: 'Báo cáo sơ kết, tổng kết' }).click();
  await page.getByRole('heading', { name: 'Báo cáo sơ kết, tổng kết' }).waitFor();
}

/** "Lập báo cáo sơ kết/tổng kết" → "Báo cáo sơ kết năm 2023" → the draft opens; its id. */
async function draftReview(): Promise<number> {
  await openProgramReviews();
  await page.getByRole('button', { name: 'Lập báo cáo sơ kết/tổng kết' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lập báo cáo sơ kết, tổng kết' });
  await selectInput(dialog, 'Kỳ sơ kết, tổng kết').click();
  await page.getByRole('option', { name: PERIOD_OPTION, exact: true }).click();
  expect(await selectInput(dialog, 'Kỳ sơ kết, tổng kết').inputValue()).toBe(PERIOD_OPTION);
  // the officer works for one party only: it is chosen already
  expect(await selectInput(dialog, 'Đơn vị ban hành báo cáo').inputValue()).toBe('Ban Dân tộc tỉnh Lào Cai');
  await dialog.getByRole('button', { name: 'Lập dự thảo' }).click();
  await page.waitForURL(/\/reviews\/\d+$/);
  await page.getByRole('heading', { name: 'I. Đặc điểm tình hình' }).waitFor();
  return Number(new URL(page.url()).pathname.split('/').pop());
}

const situationBox = (p: Page) => p.getByRole('textbox', { name: 'I. Đặc điểm tình hình' });

describe('review report (báo cáo sơ kết) in the browser', () => {
  test('a provincial officer drafts the 2023 interim review of the Lào Cai program, edits the situation and downloads a DOCX with seed 001 figures', async () => {
    await signIn(page, server.baseUrl, OFFICER);
    await draftReview();

    // Section II read from the approved data: seed 001's figures, Vietnamese separators.
    const results = page.getByTestId('review-results');
    await results.getByRole('columnheader', { name: 'Chỉ tiêu' }).first().waitFor();
    for (const h of ['Đơn vị tính', 'Kế hoạch', 'Thực hiện', '% đạt', 'So với kỳ trước']) {
      expect(await results.getByRole('columnheader', { name: h }).count()).toBeGreaterThan(0);
    }
    const resultsText = (await results.textContent()) ?? '';
    for (const figure of SEED_FIGURES) expect(resultsText).toContain(figure);
    expect(resultsText).toContain('Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai');
    expect(await page.getByTestId('review-no-data').count()).toBe(0);

    // The situation paragraph, edited and saved as a new version.
    const box = situationBox(page);
    expect((await box.inputValue()).length).toBeGreaterThan(0); // prefilled by the server
    await box.fill(SITUATION);
    await page.getByText('Có thay đổi chưa lưu.').waitFor();
    await page.getByRole('button', { name: 'Lưu báo cáo' }).click();
    await page.getByText('Đã lưu mọi thay đổi.').waitFor();
    await page
      .getByTestId('review-versions')
      .getByText(/Phiên bản 2/)
      .waitFor();

    // The DOCX: the edited paragraph, "BÁO CÁO", the figures, Vietnamese intact.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải DOCX' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.docx$/);
    const paragraphs = await docxParagraphs((await file.path()) as string);
    const text = paragraphs.join('\n');
    expect(paragraphs).toContain(SITUATION);
    expect(paragraphs.some((p) => p.trim() === 'BÁO CÁO')).toBe(true);
    for (const figure of SEED_FIGURES) expect(text).toContain(figure);
    expect(text).toContain('Ban Dân tộc tỉnh Lào Cai'.toUpperCase());
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).not.toMatch(/undefined|null|NaN|\uFFFD/);

    // PDF: a file when LibreOffice is installed, otherwise the server's message in Vietnamese.
    const reviewId = new URL(page.url()).pathname.split('/').pop();
    const pdf = await page.request.get(`${server.baseUrl}/api/reviews/${reviewId}/document.docx?format=pdf`);
    if (pdf.status() === 503) {
      const { message } = (await pdf.json()) as { message: string };
      await page.getByRole('button', { name: 'Tải PDF' }).click();
      await page.getByTestId('download-problem').filter({ hasText: message }).waitFor();
    } else {
      const pdfFile = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Tải PDF' }).click();
      expect((await pdfFile).suggestedFilename()).toMatch(/\.pdf$/);
    }
    // The figures as a workbook.
    const xlsx = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Bảng số liệu (Excel)' }).click();
    expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);

    // Accessible and usable on a phone.
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    await situationBox(page).waitFor();
    // no page-wide horizontal scroll (wide tables scroll inside their own container)
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 5000 })
      .toBeLessThanOrEqual(360);
  });

  test('a period without approved data says so plainly, with no figures invented', async () => {
    await signIn(page, server.baseUrl, OFFICER);
    await openProgramReviews();
    await page.getByRole('button', { name: 'Lập báo cáo sơ kết/tổng kết' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lập báo cáo sơ kết, tổng kết' });
    await selectInput(dialog, 'Kỳ sơ kết, tổng kết').click();
    const option = `Báo cáo sơ kết 6 tháng đầu năm ${new Date().getFullYear()}`;
    await page.getByRole('option', { name: option, exact: true }).click();
    await dialog.getByRole('button', { name: 'Lập dự thảo' }).click();
    await page.waitForURL(/\/reviews\/\d+$/);
    const notice = page.getByTestId('review-no-data');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Chưa có số liệu được duyệt/);
    // no zero is shown as an achieved figure
    const values = await page
      .getByTestId('review-figure')
      .evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2]?.textContent ?? ''));
    expect(values.filter((v) => v === '0')).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('two tabs save the same draft: the second is told, keeps its text, reloads and saves', async () => {
    await signIn(page, server.baseUrl, OFFICER);
    const id = await draftReview();
    const other = await context.newPage();
    await other.goto(`${server.baseUrl}/reviews/${id}`);
    await situationBox(other).waitFor();

    const mine = 'Đoạn của tab thứ nhất: thuận lợi, khó khăn ở khu vực biên giới Bát Xát, Mường Khương.';
    const theirs = 'Đoạn của tab thứ hai: bài học về phối hợp giữa đồn Biên phòng và phòng Dân tộc huyện.';
    await situationBox(page).fill(mine);
    await page.getByRole('button', { name: 'Lưu báo cáo' }).click();
    await page.getByText('Đã lưu mọi thay đổi.').waitFor();

    const lessons = other.getByRole('textbox', { name: 'IV. Bài học kinh nghiệm' });
    await lessons.fill(theirs);
    await other.getByRole('button', { name: 'Lưu báo cáo' }).click();
    const notice = other.getByRole('alert').filter({ hasText: 'Người khác đã lưu trước bạn' });
    await notice.waitFor();
    expect(await lessons.inputValue()).toBe(theirs); // nothing typed is lost
    await notice.getByRole('button', { name: 'Tải bản mới nhất' }).click();
    // the other tab's saved paragraph arrives; the typed one stays
    await expect.poll(() => situationBox(other).inputValue()).toBe(mine);
    expect(await lessons.inputValue()).toBe(theirs);
    await other.getByRole('button', { name: 'Lưu báo cáo' }).click();
    await other.getByText('Đã lưu mọi thay đổi.').waitFor();

    // both edits are in the saved report
    await page.reload();
    await situationBox(page).waitFor();
    expect(await situationBox(page).inputValue()).toBe(mine);
    expect(await page.getByRole('textbox', { name: 'IV. Bài học kinh nghiệm' }).inputValue()).toBe(theirs);
  });
});
