import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, signIn } from './browser.ts';
import { apiSession, startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const scratch = mkdtempSync(join(tmpdir(), 'phoihop-e2e-files-'));

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

afterEach(async () => {
  await context?.close();
});

async function open(width: number) {
  context = await browser.newContext({ viewport: { width, height: 900 } });
  page = await context.newPage();
}

const OFFICER = 'chuyenvien.bdt.laichau';
const BORDER_GUARD = /^Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu/;

describe('drafting coordination documents in the browser', () => {
  test('an officer of Ban Dân tộc Lai Châu drafts a regulation with two parties and a legal basis, edits it and finds it without diacritics', async () => {
    const stamp = Date.now().toString(36);
    const subject = `Quy chế phối hợp tuyên truyền vùng biên giới ${stamp}`;
    const edited = `Quy chế phối hợp tuyên truyền, vận động đồng bào vùng biên giới ${stamp}`;
    await open(1280);
    await signIn(page, server.baseUrl, OFFICER);
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Văn bản phối hợp' })
      .click();
    await page.getByRole('link', { name: 'Tạo văn bản' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tạo văn bản phối hợp' }).waitFor();

    await page.getByRole('radio', { name: 'Quy chế' }).check();
    await page.getByLabel('Trích yếu').fill(subject);
    // party 1 is the officer's own unit; party 2 is a partner agency, found without diacritics
    expect(await page.getByRole('combobox', { name: 'Đơn vị tham gia 1' }).inputValue()).toMatch(
      /^Ban Dân tộc tỉnh Lai Châu/,
    );
    await page.getByRole('combobox', { name: 'Đơn vị tham gia 2' }).fill('bien phong lai chau');
    await page.getByRole('option', { name: BORDER_GUARD }).click();
    await page.getByLabel('Chức vụ người ký (bên 2)').fill('Chỉ huy trưởng');
    await page.getByLabel('Họ tên người ký (bên 2)').fill('Nguyễn Văn Bình');
    expect(await page.getByRole('combobox', { name: 'Đơn vị chủ trì' }).inputValue()).toMatch(
      /^Ban Dân tộc tỉnh Lai Châu/,
    );
    // a legal basis from the register
    await page.getByRole('combobox', { name: 'Văn bản căn cứ' }).fill('tiep tuc thuc hien nghi quyet 24');
    // the register's answer to the typed words, not the first page shown before them
    await expect.poll(() => page.getByRole('option').count()).toBe(1);
    await page.getByRole('option', { name: /65-KL\/TW/ }).click();
    await page.getByRole('button', { name: 'Tạo văn bản' }).click();

    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: BORDER_GUARD }).textContent()).toContain(
      'Chỉ huy trưởng Nguyễn Văn Bình',
    );
    await page.getByText(/Kết luận số 65-KL\/TW/).waitFor();

    await page.getByRole('link', { name: 'Sửa', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sửa văn bản phối hợp' }).waitFor();
    await page.getByLabel('Trích yếu').fill(edited);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: edited }).waitFor();

    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Văn bản phối hợp' })
      .click();
    await page.getByLabel('Tìm văn bản, kế hoạch').fill(`van dong dong bao vung bien gioi ${stamp}`);
    const found = page.getByRole('link', { name: edited });
    await found.locator('mark').first().waitFor();
    expect(await found.locator('mark').allTextContents()).toEqual(
      expect.arrayContaining(['vận', 'động', 'đồng', 'bào', 'biên', 'giới']),
    );
  });

  test('a party officer attaches a PDF to the Lai Châu program on a 360 px screen', async () => {
    const officer = await apiSession(server.baseUrl, OFFICER);
    const { items } = await officer.get<{ items: { id: number; subject: string }[] }>(
      `/api/agreements?kind=program&q=${encodeURIComponent('chuong trinh phoi hop lai chau')}`,
    );
    const program = items[0];
    if (!program) throw new Error('the seeded Lai Châu program is missing');
    const pdf = join(scratch, `Biên bản làm việc ${Date.now()}.pdf`);
    writeFileSync(
      pdf,
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    );

    await open(360);
    await signIn(page, server.baseUrl, OFFICER);
    await page.goto(`${server.baseUrl}/agreements/${program.id}`);
    await page.getByRole('heading', { level: 1, name: program.subject }).waitFor();
    const files = page.getByRole('region', { name: 'Tệp đính kèm' });
    await files.locator('input[type="file"]').setInputFiles(pdf);
    const link = files.getByRole('link', { name: /Biên bản làm việc .*\.pdf/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^\/api\/attachments\/\d+$/);
    // nothing spills sideways on a narrow phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
