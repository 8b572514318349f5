import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { launchBrowser, seriousViolations, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

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

const PROGRAM = /Chương trình phối hợp giữa Bộ Chỉ huy Bộ đội Biên phòng tỉnh và Ban Dân tộc tỉnh Lai Châu/;
const PLAN_2022 = /Kế hoạch phối hợp .* năm 2022/;
const POSTS_TASK = 'Chỉ đạo các đồn Biên phòng phối hợp với phòng Dân tộc huyện biên giới';

describe('agreements, plans and tasks in the browser', () => {
  test('a Ban Dân tộc leader finds the Lai Châu program without diacritics and sees the 2022 plan tasks', async () => {
    await signIn(page, server.baseUrl, 'lanhdao.bdt.laichau');
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Văn bản phối hợp' })
      .click();
    await expect.poll(() => page.url()).toMatch(/\/agreements$/);
    await page.getByLabel('Tìm văn bản, kế hoạch').fill('chuong trinh phoi hop lai chau');
    const programLink = page.getByRole('link', { name: PROGRAM });
    // the results of the typed query, not the unfiltered list shown before it
    await programLink.first().locator('mark').first().waitFor();
    // the matched words are highlighted although the query had no diacritics
    expect(await programLink.first().locator('mark').allTextContents()).toEqual(
      expect.arrayContaining(['Chương', 'trình', 'phối', 'hợp', 'Châu']),
    );
    await programLink.first().click();
    await page.getByRole('heading', { level: 1, name: PROGRAM }).waitFor();
    await page.getByRole('link', { name: PLAN_2022 }).click();
    await page.getByRole('heading', { level: 1, name: PLAN_2022 }).waitFor();

    const row = page.getByRole('row').filter({ hasText: POSTS_TASK });
    await row.waitFor();
    expect(await row.locator('[data-role="lead"]').textContent()).toMatch(/Biên phòng|BĐBP/);
    expect(await row.locator('[data-role="cooperating"]').textContent()).toMatch(/Dân tộc|BDT/i);
    expect(await row.locator('[data-role="implementing"]').textContent()).toMatch(/Ma Lù Thàng/);
  });

  test('a border-post officer posts progress on a task his post implements; the lead unit sees it', async () => {
    const note = `Đồn đã phối hợp phòng Dân tộc huyện tổ chức tuyên truyền — ${Date.now()}`;
    await signIn(page, server.baseUrl, 'canbo.dbp.malu');
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Việc của đơn vị tôi' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Việc của đơn vị tôi' }).waitFor();
    const card = page.getByRole('article').filter({ hasText: POSTS_TASK });
    await card.waitFor();
    expect(await card.textContent()).toContain('Thực hiện');
    await card.getByRole('link', { name: 'Cập nhật tiến độ' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(POSTS_TASK) }).waitFor();
    const taskUrl = page.url().split('#')[0] ?? '';
    await page.getByRole('textbox', { name: /Nội dung cập nhật/ }).fill(note);
    await page.getByRole('button', { name: 'Gửi cập nhật' }).click();
    await page.getByTestId('updates').getByText(note).waitFor();
    await context.close();

    context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    page = await context.newPage();
    await signIn(page, server.baseUrl, 'lanhdao.bdbp.laichau');
    await page.goto(taskUrl);
    const update = page.getByTestId('updates').getByRole('article').filter({ hasText: note });
    await update.waitFor();
    expect(await update.textContent()).toMatch(/Ma Lù Thàng/);
  });

  test('agreement, plan, task, "Việc của đơn vị tôi" and register pages have no serious accessibility violations', async () => {
    await signIn(page, server.baseUrl, 'lanhdao.bdt.laichau');
    await page.goto(`${server.baseUrl}/agreements`);
    const programLink = page.getByRole('link', { name: PROGRAM }).first();
    await programLink.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await programLink.click();
    await page.getByRole('heading', { level: 1, name: PROGRAM }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: PLAN_2022 }).click();
    await page.getByRole('row').filter({ hasText: POSTS_TASK }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('row').filter({ hasText: POSTS_TASK }).first().getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: new RegExp(POSTS_TASK) }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.baseUrl}/my-tasks`);
    await page.getByRole('article').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.baseUrl}/legal`);
    await page.getByText('65-KL/TW').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
