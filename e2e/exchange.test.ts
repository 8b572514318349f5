// Issue 6, "done when": Đồn Biên phòng Tả Gia Khâu sends a tip-off to Ban Dân tộc tỉnh Lào Cai
// under the Lào Cai program; an officer of Ban Dân tộc, with the bulletins page already open in
// another browser, sees it appear without reloading (the bell count rises), opens it and
// acknowledges it; the post sees the acknowledgement arrive on its open detail page; the post's
// 2024 tip-off indicator (NGUON_TIN) went up by exactly one on the program's dashboard.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, seriousViolations, signIn } from './browser.ts';
import { LAO_CAI_PROGRAM, OFFICER, POST, pick, selectInput } from './reportJourney.ts';
import { startServer, type TestServer } from './server.ts';

const BDT_OFFICER = 'chuyenvien.bdt.laocai';
const BDT = 'Ban Dân tộc tỉnh Lào Cai';
const SUBJECT = `Tin báo về người lạ vào bản Tả Gia Khâu ${Date.now()}`;
const BODY =
  'Ngày 15/10/2024, Nhân dân thôn Tả Gia Khâu báo có hai người lạ hỏi đường sang biên giới.\nĐề nghị Ban Dân tộc nắm tình hình tại các thôn giáp biên.';
const LIVE_TIMEOUT = 20_000;

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  while (contexts.length) await contexts.pop()?.close();
});

/** A fresh browser (own cookies), signed in through the login form. */
async function signedIn(username: string, width = 1280): Promise<Page> {
  // bypassCSP only so that axe-core can be injected as an inline script
  const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, server.baseUrl, username);
  return page;
}

/** The Lào Cai program as the signed-in user sees it (the page's own session). */
async function programId(page: Page): Promise<number> {
  const items = await page.evaluate(async () => {
    const res = await fetch('/api/agreements?limit=100', { credentials: 'same-origin' });
    return ((await res.json()) as { items: Array<{ id: number; subject: string }> }).items;
  });
  const program = items.find((a) => a.subject === LAO_CAI_PROGRAM);
  if (!program) throw new Error('the Lào Cai program is not in the demo data');
  return program.id;
}

/** The post's 2024 figure of NGUON_TIN on the program's dashboard, as the post's officer sees it. */
async function tipOffs2024(page: Page, agreementId: number): Promise<number> {
  await page.goto(`${server.baseUrl}/agreements/${agreementId}/dashboard`);
  await page.getByTestId('agreement-dashboard').waitFor();
  await page.getByRole('combobox', { name: 'Năm' }).click();
  await page.getByRole('option', { name: '2024', exact: true }).click();
  const card = page.locator('[data-testid="indicator-cards"] [data-indicator="NGUON_TIN"]');
  await card.waitFor();
  expect(await card.textContent()).toContain(
    'Nguồn tin Nhân dân khu vực biên giới cung cấp cho Bộ đội Biên phòng',
  );
  await expect.poll(() => card.getAttribute('data-value')).toMatch(/^\d+$/);
  return Number(await card.getAttribute('data-value'));
}

const bellCount = async (page: Page) =>
  Number(await page.getByTestId('bell-count').getAttribute('data-count'));

/** Marks the document; a reload would lose the mark. */
const markDocument = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
const stillSameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

describe('information exchange between the border post and Ban Dân tộc', () => {
  test('a tip-off sent by the post appears live at Ban Dân tộc, is acknowledged there, the post sees it and the tip-off indicator goes up by one', async () => {
    // (b) Ban Dân tộc has its inbox open before anything is sent.
    const bdt = await signedIn(BDT_OFFICER);
    await bdt.goto(`${server.baseUrl}/bulletins`);
    await bdt.getByRole('heading', { level: 1, name: 'Trao đổi thông tin' }).waitFor();
    await bdt.getByRole('tab', { name: 'Hộp đến', selected: true }).waitFor();
    expect(await bdt.getByRole('link', { name: SUBJECT }).count()).toBe(0);
    await bdt.getByTestId('bell-count').waitFor({ state: 'attached' });
    const bellBefore = await bellCount(bdt);
    await markDocument(bdt);

    // (a) The post's officer reads the 2024 tip-off figure, then composes the tip-off.
    const post = await signedIn(OFFICER);
    const agreementId = await programId(post);
    const before = await tipOffs2024(post, agreementId);

    await post.goto(`${server.baseUrl}/bulletins`);
    await post.getByRole('link', { name: 'Gửi thông tin', exact: true }).click();
    await post.getByRole('heading', { level: 1, name: 'Gửi thông tin trao đổi' }).waitFor();
    // the state-secret warning is on the form, and the labels are exactly the three allowed
    await post
      .getByText('Không gửi thông tin Mật, Tối mật, Tuyệt mật qua hệ thống — dùng kênh thông tin mật.')
      .waitFor();
    await selectInput(post, 'Mức độ phổ biến').click();
    const labels = await post.getByRole('option').allTextContents();
    expect(labels).toEqual(['Thường', 'Nội bộ', 'Hạn chế']);
    await post.getByRole('option', { name: 'Thường', exact: true }).click();
    // the sending unit defaults to the officer's post
    expect(await selectInput(post, 'Đơn vị gửi').inputValue()).toBe(POST);

    await pick(
      post,
      post,
      'Văn bản phối hợp',
      'chuong trinh phoi hop bien phong lao cai',
      new RegExp(`^${LAO_CAI_PROGRAM}$`),
    );
    await pick(post, post, 'Đơn vị nhận', 'ban dan toc lao cai', new RegExp(`^${BDT}$`));
    await post.keyboard.press('Escape');
    await pick(post, post, 'Loại thông tin', '', /^Tin báo \(nguồn tin\)$/);
    await post.getByRole('textbox', { name: 'Tiêu đề' }).fill(SUBJECT);
    await post.getByRole('textbox', { name: 'Nội dung' }).fill(BODY);
    const occurred = post.getByRole('textbox', { name: 'Ngày nắm được thông tin' });
    await occurred.fill('15/10/2024');
    await occurred.press('Tab');
    await post.getByRole('button', { name: 'Gửi thông tin', exact: true }).click();

    // The post lands on the new bulletin: not yet acknowledged by its one recipient.
    await post.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    const bulletinUrl = post.url();
    expect(bulletinUrl).toMatch(/\/bulletins\/\d+$/);
    expect(await post.getByTestId('bulletin-body').textContent()).toBe(BODY);
    const recipients = post.getByTestId('bulletin-recipients');
    const bdtRow = recipients.getByRole('row').filter({ hasText: BDT });
    await bdtRow.waitFor();
    expect(await bdtRow.textContent()).toContain('Chưa xác nhận');
    expect(await post.getByRole('region', { name: 'Thông tin chung' }).textContent()).toContain(
      'Ngày nắm được thông tin: 15/10/2024',
    );
    await expect.poll(() => post.getByTestId('ack-status').first().textContent()).toBe('0/1 đơn vị đã nhận');
    expect(await seriousViolations(post)).toEqual([]);
    await markDocument(post);

    // (b) Without reloading, Ban Dân tộc sees it arrive, emphasised as not acknowledged, and
    // the bell counts one more unread notification.
    const item = bdt.getByTestId('bulletin-item').filter({ hasText: SUBJECT });
    await item.waitFor({ timeout: LIVE_TIMEOUT });
    // a toast announces it, titled with the subject
    await bdt.getByRole('alert').filter({ hasText: SUBJECT }).first().waitFor({ timeout: LIVE_TIMEOUT });
    expect(await item.getAttribute('data-unacknowledged')).toBe('true');
    expect(await item.textContent()).toContain('Tin báo (nguồn tin)');
    expect(await item.textContent()).toContain(`Từ: ${POST}`);
    expect(await item.getByTestId('ack-status').textContent()).toBe('0/1 đơn vị đã nhận');
    // (a reminder raised meanwhile by the scheduler could add more: "at least one more")
    await expect.poll(() => bellCount(bdt), { timeout: LIVE_TIMEOUT }).toBeGreaterThanOrEqual(bellBefore + 1);
    expect(await stillSameDocument(bdt)).toBe(true);
    expect(await seriousViolations(bdt)).toEqual([]);

    // The bell lists the notification; it opens the centre.
    await bdt.getByRole('button', { name: /^Thông báo, \d+ chưa đọc$/ }).click();
    const bellItem = bdt.getByTestId('bell-list').getByTestId('notification-item').first();
    await bellItem.waitFor();
    expect(await bellItem.getAttribute('data-unread')).toBe('true');
    await bdt.keyboard.press('Escape');

    // Ban Dân tộc opens it and acknowledges receipt.
    await item.getByRole('link', { name: SUBJECT }).click();
    await bdt.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    expect(await bdt.getByRole('region', { name: 'Thông tin chung' }).textContent()).toContain(
      'Tin báo (nguồn tin)',
    );
    await bdt.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
    const ackedRow = bdt.getByTestId('bulletin-recipients').getByRole('row').filter({ hasText: BDT });
    await expect.poll(() => ackedRow.textContent()).toContain('Đã nhận');
    expect(await ackedRow.textContent()).toContain('Chuyên viên Ban Dân tộc tỉnh Lào Cai');
    expect(await bdt.getByRole('button', { name: 'Xác nhận đã nhận' }).count()).toBe(0);
    expect(await seriousViolations(bdt)).toEqual([]);

    // (a) The post's open detail page shows the acknowledgement without reloading.
    await expect
      .poll(() => bdtRow.textContent(), { timeout: LIVE_TIMEOUT })
      .toContain('Chuyên viên Ban Dân tộc tỉnh Lào Cai');
    expect(await bdtRow.textContent()).toContain('Đã nhận');
    expect(await post.getByTestId('ack-status').first().textContent()).toBe('1/1 đơn vị đã nhận');
    expect(await stillSameDocument(post)).toBe(true);

    // The 2024 tip-off figure of the post went up by exactly one.
    expect(await tipOffs2024(post, agreementId)).toBe(before + 1);

    // The notification centre: the received bulletin, then read after "mark all as read".
    await bdt.goto(`${server.baseUrl}/notifications`);
    await bdt.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    const received = bdt
      .getByTestId('notification-list')
      .getByTestId('notification-item')
      .filter({ hasText: SUBJECT })
      .first();
    await received.waitFor();
    expect(await received.getAttribute('data-unread')).toBe('true');
    expect(await received.textContent()).toContain(POST);
    await bdt
      .getByRole('region', { name: 'Cài đặt nhận thông báo' })
      .getByText('Nhận thông tin trao đổi mới')
      .waitFor();
    expect(await seriousViolations(bdt)).toEqual([]);
    await bdt.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).first().click();
    await expect.poll(() => received.getAttribute('data-unread')).toBeNull();
    await expect.poll(() => bellCount(bdt)).toBe(0);
  });

  test("the server's refusals are shown where they belong: a recipient outside the parties under its field, a disallowed file by name", async () => {
    const post = await signedIn(OFFICER);
    await post.goto(`${server.baseUrl}/bulletins/new`);
    await post.getByRole('heading', { level: 1, name: 'Gửi thông tin trao đổi' }).waitFor();
    await pick(
      post,
      post,
      'Văn bản phối hợp',
      'chuong trinh phoi hop bien phong lao cai',
      new RegExp(`^${LAO_CAI_PROGRAM}$`),
    );
    // a unit of another province is offered (units under the parties may receive), the server refuses it
    await pick(post, post, 'Đơn vị nhận', 'uy ban nhan dan tinh lai chau', /^Ủy ban nhân dân tỉnh Lai Châu$/);
    await post.keyboard.press('Escape');
    await pick(post, post, 'Loại thông tin', '', /^An ninh trật tự$/);
    const subject = `Tình hình an ninh trật tự thôn Sín Chải ${Date.now()}`;
    await post.getByRole('textbox', { name: 'Tiêu đề' }).fill(subject);
    await post
      .getByRole('textbox', { name: 'Nội dung' })
      .fill('Tình hình ổn định, không có vụ việc phức tạp.');
    await post.locator('input[type="file"]').setInputFiles([
      {
        name: 'Biên bản nắm tình hình.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(
          '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
        ),
      },
      { name: 'cai-dat.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ not a document') },
    ]);
    await post.getByRole('button', { name: 'Gửi thông tin', exact: true }).click();
    const recipients = selectInput(post, 'Đơn vị nhận');
    await expect.poll(() => recipients.getAttribute('aria-invalid')).toBe('true');
    await post
      .getByText(/^Đơn vị nhận không phải bên tham gia văn bản phối hợp.*Ủy ban nhân dân tỉnh Lai Châu/)
      .waitFor();
    expect(post.url()).toMatch(/\/bulletins\/new$/);

    // the post corrects the recipient: sent, the PDF attached, the .exe refused with the server's reason
    await recipients.click();
    await recipients.press('Backspace');
    await pick(post, post, 'Đơn vị nhận', 'ban dan toc lao cai', new RegExp(`^${BDT}$`));
    await post.keyboard.press('Escape');
    await post.getByRole('button', { name: 'Gửi thông tin', exact: true }).click();
    await post.getByRole('heading', { level: 1, name: subject }).waitFor();
    const files = post.getByRole('region', { name: 'Tệp đính kèm' });
    await files.getByRole('link', { name: 'Biên bản nắm tình hình.pdf' }).waitFor();
    await post
      .getByRole('alert')
      .filter({ hasText: 'Không tải lên được tệp "cai-dat.exe": Loại tệp không được chấp nhận' })
      .waitFor();
    expect(await files.getByRole('link', { name: 'cai-dat.exe' }).count()).toBe(0);
    expect(await post.getByTestId('bulletin-recipients').textContent()).toContain(BDT);
    expect(await post.getByTestId('bulletin-recipients').textContent()).not.toContain('Lai Châu');
  });

  // uses the bulletin the journey above sent (the demo data has none)
  test('the bulletins list, a bulletin and the form fit a 360 px screen', async () => {
    const page = await signedIn(BDT_OFFICER, 360);
    await page.goto(`${server.baseUrl}/bulletins`);
    await page.getByRole('heading', { level: 1, name: 'Trao đổi thông tin' }).waitFor();
    await page.getByRole('tab', { name: 'Tất cả' }).click();
    const link = page.getByTestId('bulletin-item').first().getByRole('link');
    await link.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await link.click();
    await page.getByTestId('bulletin-recipients').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.goto(`${server.baseUrl}/bulletins/new`);
    await page.getByRole('heading', { level: 1, name: 'Gửi thông tin trao đổi' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
