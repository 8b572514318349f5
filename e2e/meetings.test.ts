import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { launchBrowser, seriousViolations, signIn } from './browser.ts';
import { pick, selectInput } from './reportJourney.ts';
import { apiSession, startServer, type TestServer } from './server.ts';

// A provincial officer of the Ban Dân tộc tỉnh Lào Cai prepares a review conference of the
// Lào Cai program: attendees and a conclusion, the invitation in Word, the conclusion turned
// into a task of the 2023 plan, and a commendation proposal in the register.
const OFFICER = 'chuyenvien.bdt.laocai';
const PROGRAM = 'Chương trình phối hợp giữa Bộ Chỉ huy Bộ đội Biên phòng tỉnh và Ban Dân tộc tỉnh Lào Cai';
const PLAN = 'Kế hoạch phối hợp năm 2023 giữa Bộ Chỉ huy Bộ đội Biên phòng tỉnh và Ban Dân tộc tỉnh Lào Cai';
const TITLE = 'Hội nghị sơ kết 6 tháng đầu năm chương trình phối hợp Biên phòng – Dân tộc tỉnh Lào Cai';
const CONCLUSION =
  'Tiếp tục tuyên truyền, vận động đồng bào dân tộc thiểu số ở khu vực biên giới không nghe theo kẻ xấu';
const ATTENDEE = 'Nguyễn Thị Hường';

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

/** Picks the first option a searchable select offers for the typed words, by keyboard; checks the choice. */
async function choose(scope: Page | Locator, label: string, query: string, expected: string) {
  const input = selectInput(scope, label);
  await input.fill(query);
  await page.getByRole('option', { name: expected, exact: true }).first().waitFor();
  await input.press('ArrowDown');
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(expected);
}

async function expectAxeClean() {
  expect(await seriousViolations(page)).toEqual([]);
}

/** The text of word/document.xml of a downloaded DOCX. */
async function docxXml(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('no word/document.xml in the download');
  return xml;
}

describe('meetings and commendations', () => {
  test('an officer creates a meeting with attendees and a conclusion, downloads the invitation, turns the conclusion into a task; a commendation proposal goes into the register', async () => {
    await signIn(page, server.baseUrl, OFFICER);
    await page.getByRole('navigation').getByRole('link', { name: 'Hội nghị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hội nghị' }).waitFor();
    await page.getByTestId('meeting-list').or(page.getByText('Chưa có hội nghị nào.')).waitFor();
    await expectAxeClean();

    await page.getByRole('link', { name: 'Thêm hội nghị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hội nghị mới' }).waitFor();
    await pick(page, page, 'Loại hội nghị', '', /^Sơ kết$/);
    await page.getByRole('textbox', { name: 'Tên hội nghị' }).fill(TITLE);
    await pick(
      page,
      page,
      'Văn bản phối hợp',
      'chuong trinh phoi hop bien phong lao cai',
      new RegExp(`^${PROGRAM}$`),
    );
    await page.getByRole('textbox', { name: 'Kỳ sơ kết, tổng kết' }).fill('2030-H1');
    const start = page.getByRole('textbox', { name: 'Bắt đầu' });
    await start.fill('15/07/2030');
    await start.press('Tab');
    await page.getByLabel('Thời gian').fill('14:00');
    await page.getByLabel('Kết thúc').fill('16:30');
    await page.getByRole('textbox', { name: 'Địa điểm' }).fill('Hội trường Ban Dân tộc tỉnh Lào Cai');

    await page.getByRole('button', { name: 'Thêm người tham dự' }).click();
    const attendee = page.getByTestId('attendee-row').first();
    await attendee.getByRole('textbox', { name: 'Họ và tên' }).fill(ATTENDEE);
    await attendee.getByRole('textbox', { name: 'Chức vụ' }).fill('Phó Trưởng ban Ban Dân tộc tỉnh');

    await page.getByRole('button', { name: 'Thêm nội dung' }).click();
    await page
      .getByRole('textbox', { name: 'Nội dung 1' })
      .fill('Báo cáo kết quả thực hiện chương trình phối hợp');

    await page.getByRole('button', { name: 'Thêm kết luận' }).click();
    await page.getByRole('textbox', { name: 'Nội dung kết luận 1' }).fill(CONCLUSION);
    await choose(
      page.getByTestId('conclusion-row').first(),
      'Đơn vị chủ trì',
      'ban dan toc tinh lao cai',
      'Ban Dân tộc tỉnh Lào Cai',
    );
    await expectAxeClean();
    await page.getByRole('button', { name: 'Tạo mới' }).click();

    await page.waitForURL(/\/meetings\/\d+$/);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const meetingUrl = page.url();
    // dates dd/mm/yyyy and times "14:00"
    await page.getByText('15/07/2030, 14:00 – 16:30').waitFor();
    await page.getByRole('cell', { name: ATTENDEE }).waitFor();
    await expectAxeClean();

    // The invitation in Word: its name, and the title with its diacritics in the XML.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Giấy mời (DOCX)', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.docx$/);
    const xml = await docxXml(await file.path());
    expect(xml.normalize('NFC')).toContain(TITLE);

    // The PDF next to it: a PDF file when LibreOffice is installed, else the server's Vietnamese message.
    const pdf = page.waitForEvent('download', { timeout: 60_000 }).then(async (d) => ({
      name: d.suggestedFilename(),
      head: (await readFile(await d.path())).subarray(0, 5).toString('latin1'),
    }));
    const refused = page.getByRole('alert').filter({ hasText: 'LibreOffice' });
    await page.getByRole('button', { name: 'Tải bản PDF: Giấy mời', exact: true }).click();
    const outcome = await Promise.race([pdf, refused.waitFor({ timeout: 60_000 }).then(() => null)]);
    if (outcome) {
      expect(outcome.name).toMatch(/\.pdf$/);
      expect(outcome.head).toBe('%PDF-');
    } else {
      expect(await refused.textContent()).toContain('chưa xuất được PDF');
      pdf.catch(() => undefined);
    }

    // A document of the meeting, uploaded and listed with its Vietnamese name.
    await page
      .getByRole('region', { name: 'Tài liệu hội nghị' })
      .locator('input[type=file]')
      .setInputFiles({
        name: 'Báo cáo tham luận.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
      });
    await page
      .getByRole('region', { name: 'Tài liệu hội nghị' })
      .getByRole('link', { name: 'Báo cáo tham luận.pdf' })
      .waitFor();

    // The conclusion becomes a task of the 2023 plan, linked back to the meeting.
    await page.getByRole('button', { name: 'Chuyển thành nhiệm vụ' }).click();
    const dialog = page.getByRole('dialog', { name: 'Chuyển kết luận thành nhiệm vụ' });
    await pick(dialog, page, 'Kế hoạch', 'ke hoach 2023 lao cai', new RegExp(`^${PLAN}`));
    await dialog.getByRole('button', { name: 'Chuyển thành nhiệm vụ' }).click();
    const taskLink = page.getByRole('link', { name: 'Mở nhiệm vụ đã tạo từ kết luận 1' });
    await taskLink.waitFor();
    await taskLink.click();
    await page.waitForURL(/\/tasks\/\d+$/);
    const taskId = /\/tasks\/(\d+)$/.exec(page.url())?.[1] ?? '';
    await page.getByText(CONCLUSION).first().waitFor();

    // At 360 px the meeting page fits the screen.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(meetingUrl);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The upcoming meeting is on the home page and in "Việc của đơn vị tôi".
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByRole('region', { name: 'Hội nghị sắp tới' }).getByRole('link', { name: TITLE }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Việc của đơn vị tôi' }).click();
    await page.getByRole('region', { name: 'Hội nghị sắp tới' }).getByRole('link', { name: TITLE }).waitFor();

    // The plan's Word document from the agreement's "Văn bản" menu; the meeting in its tab.
    await page.goto(`${server.baseUrl}/agreements`);
    await page.getByRole('link', { name: PLAN }).first().click();
    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
    await page.getByRole('button', { name: 'Văn bản' }).click();
    const planDownload = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Kế hoạch (DOCX)', exact: true }).click();
    const planFile = await planDownload;
    expect(planFile.suggestedFilename()).toMatch(/\.docx$/);
    expect((await docxXml(await planFile.path())).normalize('NFC')).toContain('Kế hoạch');
    await page.goto(meetingUrl.replace(/\/meetings\/\d+$/, '/meetings'));
    await page.getByTestId('meeting-list').getByRole('link', { name: TITLE }).waitFor();

    // A commendation proposal for the provincial Border Guard command, awarded at this meeting.
    await page.getByRole('navigation').getByRole('link', { name: 'Khen thưởng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sổ khen thưởng' }).waitFor();
    await page.getByRole('button', { name: 'Thêm khen thưởng' }).click();
    const form = page.getByRole('dialog');
    await pick(
      form,
      page,
      'Đơn vị',
      'bo chi huy bien phong lao cai',
      /^Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai$/,
    );
    await form
      .getByRole('textbox', { name: 'Hình thức khen thưởng' })
      .fill('Bằng khen của Chủ tịch UBND tỉnh Lào Cai');
    await form
      .getByRole('textbox', { name: 'Thành tích' })
      .fill('Có thành tích xuất sắc trong thực hiện chương trình phối hợp năm 2030');
    await choose(form, 'Hội nghị', 'so ket 6 thang', TITLE);
    // evidence: the task made from the conclusion, found by its number and named by its title
    await form.getByRole('textbox', { name: 'Số hiệu (id)' }).fill(taskId);
    await form.getByRole('button', { name: 'Thêm minh chứng' }).click();
    await form.getByText(`Nhiệm vụ #${taskId}: ${CONCLUSION}`).waitFor();
    await expectAxeClean();
    await form.getByRole('button', { name: 'Tạo mới' }).click();
    await form.waitFor({ state: 'detached' });
    const list = page.getByTestId('award-list');
    await list.getByText('Bằng khen của Chủ tịch UBND tỉnh Lào Cai').waitFor();
    await list.getByText('Đề nghị', { exact: true }).first().waitFor();
    await expectAxeClean();
    const xlsx = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Xuất Excel' }).click();
    expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);

    // and it shows under the meeting, with the commendation list in Word
    await page.goto(meetingUrl);
    const awards = page.getByRole('region', { name: 'Khen thưởng tại hội nghị' });
    await awards.getByText('Bằng khen của Chủ tịch UBND tỉnh Lào Cai').waitFor();
    await awards.getByRole('button', { name: 'Danh sách khen thưởng (DOCX)', exact: true }).waitFor();
  });

  test('two people edit a meeting: the later save gets the conflict notice, the typed title kept', async () => {
    const api = await apiSession(server.baseUrl, OFFICER);
    const list = await api.get<{ items: Array<{ id: number }> }>('/api/meetings?limit=100');
    let meeting: { id: number; title: string; version: number; abilities: { update: boolean } } | undefined;
    for (const m of list.items) {
      const full = await api.get<{
        id: number;
        title: string;
        version: number;
        abilities: { update: boolean };
      }>(`/api/meetings/${m.id}`);
      if (full.abilities.update) {
        meeting = full;
        break;
      }
    }
    if (!meeting) throw new Error('no meeting the officer may edit in the demo data');

    await signIn(page, server.baseUrl, OFFICER);
    await page.goto(`${server.baseUrl}/meetings/${meeting.id}/edit`);
    await page.getByRole('heading', { level: 1, name: 'Sửa hội nghị' }).waitFor();
    const typed = `${meeting.title} (bản sửa trong trình duyệt)`;
    await page.getByRole('textbox', { name: 'Tên hội nghị' }).fill(typed);
    // meanwhile someone else saves the place
    await api.patch(`/api/meetings/${meeting.id}`, {
      place: 'Hội trường Bộ Chỉ huy BĐBP tỉnh',
      version: meeting.version,
    });
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Người khác đã lưu trước bạn' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Tên hội nghị' }).inputValue()).toBe(typed);
    await expectAxeClean(); // the conflict notice reads at 4.5:1 too
    await page.getByRole('button', { name: 'Tải bản mới nhất' }).click();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Địa điểm' }).inputValue())
      .toBe('Hội trường Bộ Chỉ huy BĐBP tỉnh');
    expect(await page.getByRole('textbox', { name: 'Tên hội nghị' }).inputValue()).toBe(typed);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: typed }).waitFor();
    await page.getByText('Hội trường Bộ Chỉ huy BĐBP tỉnh').waitFor();
  });
});
