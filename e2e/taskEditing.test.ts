import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { launchBrowser, signIn } from './browser.ts';
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
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

const PLAN_2022 = /Vận động đồng bào các dân tộc .* năm 2022/;
const BDT = 'Ban Dân tộc tỉnh Lai Châu';
const TRAINING_TASK = 'Tổ chức tập huấn, bồi dưỡng kiến thức công tác dân tộc';

/** Picks a unit in a searchable unit picker (typed without diacritics, as users do). */
async function pickUnit(scope: Locator, p: Page, label: string, query: string, name: string) {
  const input = scope
    .getByRole('combobox', { name: label, exact: true })
    .or(scope.getByRole('textbox', { name: label, exact: true }))
    .first();
  await input.fill(query);
  await p.getByRole('option', { name, exact: true }).click();
  // a multi-select keeps its list open: click outside it
  await scope.getByRole('heading').first().click();
}

const titlesIn = (region: Locator) => region.getByRole('row').locator('td a').allTextContents();

describe('editing a plan and its tasks', () => {
  test('a BĐBP Lai Châu leader adds a section and tasks, reorders, edits and reassigns the lead', async () => {
    const stamp = Date.now();
    const sectionTitle = `Nội dung bổ sung ${stamp}`;
    const taskA = `Tuần tra song phương tại cột mốc 17 — ${stamp}`;
    const taskB = `Tổng kết công tác phối hợp — ${stamp}`;
    await signIn(page, server.baseUrl, 'lanhdao.bdbp.laichau');
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Văn bản phối hợp' })
      .click();
    await page.getByLabel('Tìm văn bản, kế hoạch').fill('ke hoach phoi hop 2022 lai chau');
    const planLink = page.getByRole('link', { name: PLAN_2022 }).first();
    await planLink.locator('mark').first().waitFor();
    await planLink.click();
    await page.getByRole('heading', { level: 1, name: PLAN_2022 }).waitFor();

    // a new section, then two tasks in it through its own "add task" button
    await page.getByRole('textbox', { name: 'Tên nội dung mới' }).fill(sectionTitle);
    await page.getByRole('button', { name: 'Thêm nội dung' }).click();
    const section = page.getByRole('region', { name: sectionTitle });
    await section.waitFor();
    for (const [title, implementing] of [
      [taskA, true],
      [taskB, false],
    ] as const) {
      await section.getByRole('button', { name: 'Thêm nhiệm vụ vào nội dung này' }).click();
      const dialog = page.getByRole('dialog', { name: 'Thêm nhiệm vụ' });
      await dialog.getByRole('textbox', { name: 'Tên nhiệm vụ' }).fill(title);
      await pickUnit(
        dialog,
        page,
        'Chủ trì',
        'bien phong tinh lai chau',
        'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu',
      );
      if (implementing)
        await pickUnit(dialog, page, 'Thực hiện', 'ma lu thang', 'Đồn Biên phòng Ma Lù Thàng');
      await dialog.getByRole('button', { name: 'Tạo mới' }).click();
      await dialog.waitFor({ state: 'detached' });
      await section.getByRole('link', { name: title }).waitFor();
    }
    expect(await titlesIn(section)).toEqual([taskA, taskB]);
    expect(
      await section
        .getByRole('row')
        .filter({ hasText: taskA })
        .locator('[data-role="implementing"]')
        .textContent(),
    ).toBe('Đồn Biên phòng Ma Lù Thàng');

    // reorder: the first task goes down
    await section.getByRole('button', { name: 'Chuyển nhiệm vụ số 1 xuống' }).click();
    await expect.poll(() => titlesIn(section)).toEqual([taskB, taskA]);
    await page.reload();
    await expect
      .poll(() => titlesIn(page.getByRole('region', { name: sectionTitle })))
      .toEqual([taskB, taskA]);

    // edit the task
    await page.getByRole('link', { name: taskA }).click();
    await page.getByRole('heading', { level: 1, name: taskA }).waitFor();
    await page.getByRole('button', { name: 'Sửa nhiệm vụ' }).click();
    const edit = page.getByRole('dialog', { name: 'Sửa nhiệm vụ' });
    const edited = `${taskA} (đã sửa)`;
    await edit.getByRole('textbox', { name: 'Tên nhiệm vụ' }).fill(edited);
    await edit.getByRole('textbox', { name: 'Sản phẩm dự kiến' }).fill('Biên bản tuần tra song phương');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('heading', { level: 1, name: edited }).waitFor();
    await page.getByText('Biên bản tuần tra song phương').waitFor();

    // reassign the lead to the other party
    await page.getByRole('button', { name: 'Giao lại chủ trì' }).click();
    const reassign = page.getByRole('dialog', { name: 'Giao lại đơn vị chủ trì' });
    await pickUnit(reassign, page, 'Đơn vị chủ trì mới', 'ban dan toc tinh lai', BDT);
    await reassign.getByRole('textbox', { name: /Lý do/ }).fill('Nội dung thuộc lĩnh vực công tác dân tộc');
    await reassign.getByRole('button', { name: 'Giao lại', exact: true }).click();
    await reassign.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('task-lead').textContent()).toContain(BDT);
  });

  test('two people edit the same task: the second save shows the conflict notice and keeps the typed text', async () => {
    const api = await apiSession(server.baseUrl, 'lanhdao.bdbp.laichau');
    const found = await api.get<{ items: { id: number; title: string }[] }>(
      '/api/tasks?q=to%20chuc%20tap%20huan%20boi%20duong%20kien%20thuc',
    );
    const task = found.items.find((x) => x.title.startsWith(TRAINING_TASK));
    expect(task).toBeDefined();
    const url = `${server.baseUrl}/tasks/${task?.id}`;

    await signIn(page, server.baseUrl, 'lanhdao.bdbp.laichau');
    const other = await browser.newContext({ viewport: { width: 360, height: 780 } });
    try {
      const page2 = await other.newPage();
      await signIn(page2, server.baseUrl, 'lanhdao.bdt.laichau');
      const open = async (p: Page) => {
        await p.goto(url);
        await p.getByRole('heading', { level: 1, name: new RegExp(TRAINING_TASK) }).waitFor();
        await p.getByRole('button', { name: 'Sửa nhiệm vụ' }).click();
        return p.getByRole('dialog', { name: 'Sửa nhiệm vụ' });
      };
      const first = await open(page);
      const second = await open(page2);
      const mine = 'Báo cáo kết quả tập huấn của Ban Dân tộc';
      await first.getByRole('textbox', { name: 'Sản phẩm dự kiến' }).fill('Báo cáo của Bộ Chỉ huy');
      await second.getByRole('textbox', { name: 'Sản phẩm dự kiến' }).fill(mine);

      await first.getByRole('button', { name: 'Lưu' }).click();
      await first.waitFor({ state: 'detached' });
      await second.getByRole('button', { name: 'Lưu' }).click();
      const notice = second.getByRole('alert').filter({ hasText: 'Người khác đã lưu trước bạn' });
      await notice.waitFor();
      expect(await second.getByRole('textbox', { name: 'Sản phẩm dự kiến' }).inputValue()).toBe(mine);

      // reload the latest version: the typed text stays, and the save now goes through
      await notice.getByRole('button', { name: 'Tải bản mới nhất' }).click();
      await second.getByText('Đã tải bản mới nhất').waitFor();
      expect(await second.getByRole('textbox', { name: 'Sản phẩm dự kiến' }).inputValue()).toBe(mine);
      await second.getByRole('button', { name: 'Lưu' }).click();
      await second.waitFor({ state: 'detached' });
      await page2.getByText(mine).waitFor();
    } finally {
      await other.close();
    }
  });
});
