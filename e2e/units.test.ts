import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { launchBrowser, seriousViolations, signIn } from './browser.ts';
import { apiSession, startServer, type TestServer } from './server.ts';

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

const LAI_CHAU_COMMAND = 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu';

describe('units in the browser', () => {
  test('an administrator creates a border post, sees it in the tree and in the audit log', async () => {
    await signIn(page, server.baseUrl, 'admin');
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Đơn vị', exact: true })
      .click();
    await expect.poll(() => page.url()).toMatch(/\/units$/);

    // find the parent with a diacritic-free search, as officers type on phones
    await page.getByLabel('Tìm đơn vị').fill('bdbp lai chau');
    await page.getByRole('link', { name: LAI_CHAU_COMMAND, exact: true }).click();
    await page.getByRole('heading', { level: 2, name: LAI_CHAU_COMMAND }).waitFor();
    await page.getByLabel('Tìm đơn vị').fill('');

    await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm đơn vị trực thuộc' });
    await expect(dialog.getByText(LAI_CHAU_COMMAND).isVisible()).resolves.toBe(true);
    await dialog.getByRole('textbox', { name: /^Tên( \*)?$/ }).fill('Đồn Biên phòng Dào San');
    await dialog.getByLabel('Tên viết tắt').fill('ĐBP Dào San');
    await dialog.getByRole('button', { name: 'Tạo mới' }).click();

    // the new unit opens, under its parent, and appears in the tree below the command
    await page.getByRole('heading', { level: 2, name: 'Đồn Biên phòng Dào San' }).waitFor();
    const newId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(newId).toBeGreaterThan(0);
    const detail = page.locator('section[aria-labelledby="unit-title"]');
    const breadcrumb = detail.getByRole('navigation', { name: 'Đơn vị cấp trên' });
    expect(await breadcrumb.getByRole('link', { name: LAI_CHAU_COMMAND, exact: true }).count()).toBe(1);
    expect(await detail.getByText('Đồn Biên phòng', { exact: true }).count()).toBeGreaterThan(0);
    const tree = page.getByRole('navigation', { name: 'Cây đơn vị' });
    const inTree = tree.getByRole('link', { name: 'Đồn Biên phòng Dào San' });
    await inTree.waitFor();
    expect(await inTree.getAttribute('aria-current')).toBe('page');
    // nested inside the Lai Châu command's list item
    const parentItem = tree.locator('li', {
      has: page.getByRole('link', { name: LAI_CHAU_COMMAND, exact: true }),
    });
    expect(await parentItem.getByRole('link', { name: 'Đồn Biên phòng Dào San' }).count()).toBe(1);

    // the audit log shows the creation, labelled in Vietnamese, linked to the unit
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Nhật ký' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Nhật ký thao tác' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Đồn Biên phòng Dào San' });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.getByText('Tạo đơn vị', { exact: true }).count()).toBe(1);
    expect(await row.getByRole('cell', { name: 'admin', exact: true }).count()).toBe(1);
    expect(await row.getByRole('link', { name: 'Đồn Biên phòng Dào San' }).getAttribute('href')).toBe(
      `/units/${newId}`,
    );
    // dd/mm/yyyy HH:mm
    expect(await row.getByRole('cell').nth(1).textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    // and its details show what was recorded
    await row.getByRole('button', { name: 'Xem chi tiết thay đổi' }).click();
    const changes = page.getByRole('row').filter({ hasText: 'Tên viết tắt' });
    expect(await changes.first().textContent()).toContain('ĐBP Dào San');
  });

  test('a border-post officer sees only their own unit, and another province answers not found', async () => {
    const admin = await apiSession(server.baseUrl, 'admin');
    const all = await admin.get<Array<{ id: number; name: string }>>('/api/units/tree');
    const laiChau = all.find((u) => u.name === LAI_CHAU_COMMAND);
    expect(laiChau).toBeDefined();
    const laiChauNames = all.filter((u) => u.name.includes('Lai Châu')).map((u) => u.name);
    expect(laiChauNames.length).toBeGreaterThan(2);

    await signIn(page, server.baseUrl, 'canbo.dbp.tagiakhau');
    await page.goto(`${server.baseUrl}/units`);
    const tree = page.getByRole('navigation', { name: 'Cây đơn vị' });
    await tree.getByRole('link', { name: 'Đồn Biên phòng Tả Gia Khâu' }).waitFor();
    const treeText = (await tree.textContent()) ?? '';
    for (const name of laiChauNames) expect(treeText).not.toContain(name);
    expect(treeText).not.toContain('Lai Châu');
    // no menu entries this officer may not use
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(await nav.getByRole('link', { name: 'Người dùng' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Nhật ký' }).count()).toBe(0);

    await page.goto(`${server.baseUrl}/units/${laiChau!.id}`);
    const alert = page.getByRole('alert').filter({ hasText: 'Không tìm thấy đơn vị này' });
    await alert.waitFor();
    expect(await page.getByText(LAI_CHAU_COMMAND).count()).toBe(0);

    // a search does not reveal it either
    await page.goto(`${server.baseUrl}/units`);
    await page.getByLabel('Tìm đơn vị').fill('lai chau');
    await page.getByText('Tổng số: 0').waitFor();
  });

  test('a concurrent edit is detected; the user keeps their input and the other change survives', async () => {
    await signIn(page, server.baseUrl, 'admin');
    const admin = await apiSession(server.baseUrl, 'admin');
    const all = await admin.get<Array<{ id: number; name: string }>>('/api/units/tree');
    const post = all.find((u) => u.name === 'Đồn Biên phòng Mù Cả')!;
    await page.goto(`${server.baseUrl}/units/${post.id}`);
    await page.getByRole('button', { name: 'Sửa thông tin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sửa thông tin' });
    await dialog.getByLabel('Địa chỉ').fill('Xã Mù Cả, tỉnh Lai Châu');

    // meanwhile someone else changes the phone number
    const other = await admin.get<{ version: number }>(`/api/units/${post.id}`);
    await admin.patch(`/api/units/${post.id}`, { phone: '0213 3888 999', version: other.version });

    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Dữ liệu đã được người khác thay đổi trong lúc bạn sửa').waitFor();
    expect(await dialog.getByLabel('Địa chỉ').inputValue()).toBe('Xã Mù Cả, tỉnh Lai Châu');
    expect(await dialog.getByLabel('Điện thoại').inputValue()).toBe('0213 3888 999');

    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    const saved = await admin.get<{ address: string; phone: string }>(`/api/units/${post.id}`);
    expect(saved).toMatchObject({ address: 'Xã Mù Cả, tỉnh Lai Châu', phone: '0213 3888 999' });
  });

  test('login, units and users pages have no serious or critical accessibility violations', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await signIn(page, server.baseUrl, 'admin');
    await page.goto(`${server.baseUrl}/units`);
    await page.getByRole('navigation', { name: 'Cây đơn vị' }).getByRole('link').first().waitFor();
    await page.getByRole('navigation', { name: 'Cây đơn vị' }).getByRole('link').first().click();
    await page.locator('section[aria-labelledby="unit-title"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${server.baseUrl}/users`);
    await page.getByRole('heading', { level: 1, name: 'Người dùng' }).waitFor();
    await page.getByText('canbo.dbp.tagiakhau').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // the same at phone width, where the menu collapses behind a burger
    await page.setViewportSize({ width: 360, height: 760 });
    await page.goto(`${server.baseUrl}/units`);
    await page.getByRole('navigation', { name: 'Cây đơn vị' }).getByRole('link').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
  });

  test('the login page is in Vietnamese and switches to English', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await page.getByLabel('Tên đăng nhập').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');

    // a wrong password shows the server's Vietnamese message
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng.' }).waitFor();

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByLabel('Username').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Đăng nhập' }).count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // the choice survives a reload
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await page.getByText('Tiếng Việt', { exact: true }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  });
});
