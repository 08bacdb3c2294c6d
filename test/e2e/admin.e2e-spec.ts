import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AuditService } from '@ioc/server/dist/access/audit.service';
import { startTestServer, type TestServer } from '@ioc/server/dist/testing/test-server';
import { launchChromium, signIn } from '../support/chromium';

const RESULTS = join(__dirname, '../../test-results');
/** The smallest desktop the administration screens are made for. */
const DESK = { width: 1366, height: 768 } as const;
/** A leader's password: 15+ characters, not a breached one. */
const LEADER_PASSWORD = 'ba con cá vàng bơi trong hồ Xuân Hương';

/**
 * The administration screens as an admin uses them, in Chromium at 1366×768: people (a leader
 * created here signs in through the sign-in screen), walls (one paired by the code it shows, then
 * revoked and told so within seconds; one created by link), ingest keys and the audit; and what a
 * leader sees at an administration URL.
 */
jest.setTimeout(5 * 60_000);
describe('administration in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let adminContext: BrowserContext;
  let admin: Page;
  /** Page errors and what the content security policy refused, on any page. */
  const problems: string[] = [];

  const watch = (page: Page): Page => {
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    return page;
  };
  const newPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport: DESK });
    return { context, page: watch(await context.newPage()) };
  };
  const screenshot = (page: Page, name: string) => {
    const { width, height } = page.viewportSize() ?? DESK;
    return page.screenshot({ path: join(RESULTS, `admin-${name}-${width}x${height}.png`) });
  };
  /** Nothing of an administration screen is wider than the window (no sideways scrolling). */
  const overflowsSideways = (page: Page) =>
    page.evaluate(() => {
      const main = document.querySelector('main');
      return main === null || main.scrollWidth > main.clientWidth + 1;
    });

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    t = await startTestServer();
    browser = await launchChromium();
    ({ context: adminContext, page: admin } = await newPage());
    await signIn(adminContext, t, 'admin');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('an admin creates a leader, with the server refusing a common password in words; the leader signs in', async () => {
    await admin.goto(`${t.url}/`);
    await admin.getByTestId('nav-admin').click();
    await admin.waitForURL(`${t.url}/admin/users`);
    await admin.getByTestId('users-table').waitFor();
    expect(await admin.getByTestId('nav-admin').getAttribute('aria-current')).toBe('page');

    // Labelled controls: found by their Vietnamese labels.
    await admin.getByLabel('Tên đăng nhập', { exact: true }).fill('lanhdao.tinh');
    await admin.getByLabel('Họ và tên', { exact: true }).fill('Trần Thị Lãnh Đạo');
    await admin.getByLabel('Vai trò', { exact: true }).selectOption('leader');
    await admin.getByLabel('Mật khẩu', { exact: true }).fill('ngắn quá');
    await admin.getByTestId('user-create').click();
    await admin.getByText('Mật khẩu cần ít nhất 15 ký tự (còn thiếu 7)').waitFor();

    // Long enough, but on the breached list: the server's refusal, next to the password.
    await admin.getByLabel('Mật khẩu', { exact: true }).fill('passwordpassword');
    await admin.getByTestId('user-create').click();
    const refusal = admin.getByText('Mật khẩu này quá phổ biến hoặc đã bị lộ trong các vụ rò rỉ dữ liệu.', {
      exact: false,
    });
    await refusal.waitFor();
    expect(await admin.getByTestId('user-password').getAttribute('aria-invalid')).toBe('true');
    await screenshot(admin, 'users-refused');

    await admin.getByLabel('Mật khẩu', { exact: true }).fill(LEADER_PASSWORD);
    await admin.getByTestId('user-create').click();
    await admin
      .getByTestId('admin-notice')
      .getByText('Đã tạo người dùng lanhdao.tinh', { exact: false })
      .waitFor();
    const row = admin.getByTestId('user-row-lanhdao.tinh');
    await row.waitFor();
    expect(await row.innerText()).toContain('Lãnh đạo');

    // A unit officer needs a unit: said before sending; then one chosen by name.
    await admin.getByLabel('Tên đăng nhập', { exact: true }).fill('canbo.xuanhuong');
    await admin.getByLabel('Họ và tên', { exact: true }).fill('Lê Văn Cán Bộ');
    await admin.getByLabel('Vai trò', { exact: true }).selectOption('unit-officer');
    await admin.getByLabel('Mật khẩu', { exact: true }).fill(LEADER_PASSWORD);
    await admin.getByTestId('user-create').click();
    await admin.getByText('Chọn đơn vị', { exact: true }).waitFor();
    await admin.getByTestId('user-unit').selectOption('24781');
    await admin.getByTestId('user-create').click();
    await admin
      .getByTestId('user-row-canbo.xuanhuong')
      .getByText('Đơn vị: Phường Xuân Hương - Đà Lạt')
      .waitFor();
    await screenshot(admin, 'users');

    // The leader, in a browser of their own: a wrong password first (for the audit), then theirs.
    const { page: leader } = await newPage();
    await leader.goto(`${t.url}/`);
    await leader.getByTestId('sign-in-screen').waitFor();
    await leader.getByLabel('Tên đăng nhập', { exact: true }).fill('lanhdao.tinh');
    await leader.getByLabel('Mật khẩu').fill('không phải mật khẩu này đâu');
    await leader.getByTestId('sign-in-submit').click();
    await leader.getByTestId('sign-in-error').waitFor();
    await leader.getByLabel('Mật khẩu').fill(LEADER_PASSWORD);
    await leader.getByTestId('sign-in-submit').click();
    await leader.getByTestId('signed-in-as').getByText('Trần Thị Lãnh Đạo').waitFor();
    expect(await leader.getByTestId('nav-admin').count()).toBe(0);

    // The leader at an administration URL: a clear refusal, not a broken screen.
    await leader.goto(`${t.url}/admin/users`);
    const refused = leader.getByTestId('admin-not-allowed');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('Không được phép truy cập');
    expect(await refused.innerText()).toContain('Lãnh đạo');
    await screenshot(leader, 'not-allowed');
    await leader.context().close();

    // The admin edits the leader: a department head of two fields, then disabled and enabled again.
    await admin.getByTestId('user-edit-lanhdao.tinh').click();
    await admin.getByTestId('user-edit-form').waitFor();
    await admin.getByLabel('Vai trò', { exact: true }).selectOption('department-head');
    await admin.getByTestId('user-save').click();
    await admin.getByText('Chọn ít nhất một lĩnh vực').waitFor();
    await admin.getByLabel('Hộ tịch').check();
    await admin.getByLabel('Đất đai').check();
    await admin.getByTestId('user-save').click();
    await row.getByText('Lĩnh vực: Hộ tịch, Đất đai').waitFor();
    await admin.getByTestId('user-disable').click();
    await admin.getByTestId('confirm-yes').click();
    await row.getByText('Đã vô hiệu hóa').waitFor();
    await screenshot(admin, 'users-edit');
    await admin.getByTestId('user-enable').click();
    await row.getByText('Đang hoạt động').waitFor();
  });

  it('an admin pairs a wall by the code it shows, then revokes it and the wall says so within seconds', async () => {
    const { page: wall } = await newPage();
    await wall.goto(`${t.url}/`);
    await wall.getByTestId('pair-this-screen').click();
    const shown = wall.getByTestId('pairing-code');
    await wall.waitForFunction(() =>
      /^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(
        document.querySelector('[data-testid="pairing-code"]')?.textContent ?? '',
      ),
    );
    const code = await shown.innerText();
    await screenshot(wall, 'wall-pairing');

    await admin.goto(`${t.url}/admin/displays`);
    await admin.getByTestId('displays-panel').waitFor();
    // Typed as people type it: lower case, a space for the dash.
    await admin.getByLabel('Mã ghép nối').fill(code.toLowerCase().replace('-', ' '));
    await admin.getByTestId('pair-name').fill('Màn hình sảnh e2e');
    await admin.getByTestId('pair-submit').click();
    await admin
      .getByTestId('admin-notice')
      .getByText('Đã ghép Màn hình sảnh e2e', { exact: false })
      .waitFor();

    // The wall collects its session at its next poll (every 3 s) and shows the operations screen.
    await wall.locator('[data-screen="operations"]').waitFor({ timeout: 15_000 });
    await wall
      .getByTestId('connection-state')
      .and(wall.locator('[data-state="live"]'))
      .waitFor({ timeout: 15_000 });

    // Last contact and state, once the list is read again.
    await admin.reload();
    const row = admin.getByTestId('display-row-Màn hình sảnh e2e');
    await row.and(admin.locator('[data-state="online"]')).waitFor();
    expect(await row.getByTestId('display-last-seen').innerText()).toBe('vừa xong');

    // Citizens' comments on, then a wall created by link: the whole URL, shown once.
    await row.getByTestId('display-show-comments').click();
    await admin.getByTestId('admin-notice').getByText('hiện nội dung ý kiến', { exact: false }).waitFor();
    await admin.getByTestId('create-display-name').fill('Phòng họp UBND tỉnh');
    await admin.getByTestId('create-display-submit').click();
    const url = await admin.getByTestId('display-link-url').inputValue();
    expect(url).toMatch(new RegExp(`^${t.url}/\\?display=[\\w-]+$`));
    expect(await admin.getByTestId('display-link-kiosk').inputValue()).toBe(`${url}&kiosk=1&rotate=30`);
    await screenshot(admin, 'displays');
    expect(await overflowsSideways(admin)).toBe(false);
    // A tablet: the forms go below the list, nothing scrolls sideways.
    await admin.setViewportSize({ width: 1024, height: 768 });
    expect(await overflowsSideways(admin)).toBe(false);
    await screenshot(admin, 'displays');
    await admin.setViewportSize(DESK);

    // That link opens a wall without a sign-in.
    const { page: linked } = await newPage();
    await linked.goto(url);
    await linked.locator('[data-screen="operations"]').waitFor({ timeout: 15_000 });
    expect(linked.url()).not.toContain('display=');
    await linked.context().close();

    // Revoked: the wall is told over its live connection and says so.
    await row.getByTestId('display-revoke').click();
    await admin
      .getByTestId('confirm-dialog')
      .getByText('Thu hồi Màn hình sảnh e2e?', { exact: false })
      .waitFor();
    const revokedAt = Date.now();
    await admin.getByTestId('confirm-yes').click();
    await wall
      .getByTestId('display-revoked')
      .getByText('Màn hình đã bị thu hồi')
      .waitFor({ timeout: 10_000 });
    const seconds = (Date.now() - revokedAt) / 1000;
    expect(seconds).toBeLessThan(5);
    await wall.getByTestId('pairing-screen').waitFor();
    await screenshot(wall, 'wall-revoked');
    await admin
      .getByTestId('display-row-Màn hình sảnh e2e')
      .and(admin.locator('[data-state="revoked"]'))
      .waitFor();
    await wall.context().close();
  });

  it('an admin creates an ingest key, shown once, that works until revoked', async () => {
    await admin.goto(`${t.url}/admin/keys`);
    await admin.getByTestId('keys-panel').waitFor();
    await admin.getByTestId('key-create').click();
    await admin.getByText('Cần nhập tên').waitFor();
    await admin.getByTestId('key-name').fill('iGate Xuân Hương');
    await admin.getByTestId('key-unit').selectOption('24781');
    await admin.getByTestId('key-create').click();
    const key = await admin.getByTestId('issued-key-value').inputValue();
    const row = admin.getByTestId('key-row-iGate Xuân Hương');
    await row.getByText('Phường Xuân Hương - Đà Lạt').waitFor();
    const send = () =>
      fetch(`${t.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: '[]',
      });
    expect((await send()).status).toBe(200);
    await screenshot(admin, 'keys');

    // Keyboard: the revocation asks first, and Escape changes nothing.
    await row.getByTestId('key-revoke').focus();
    await admin.keyboard.press('Enter');
    await admin
      .getByTestId('confirm-dialog')
      .getByText('Thu hồi khóa «iGate Xuân Hương»', { exact: false })
      .waitFor();
    await admin.keyboard.press('Escape');
    await admin.getByTestId('confirm-dialog').waitFor({ state: 'hidden' });
    expect((await send()).status).toBe(200);
    await row.getByTestId('key-revoke').click();
    await admin.getByTestId('confirm-yes').click();
    await row.and(admin.locator('[data-revoked="true"]')).waitFor();
    expect((await send()).status).toBe(401);
  });

  it('the audit lists newest first, filters in the URL and pages to older entries', async () => {
    // A guessing attack's worth of failed sign-ins: more than a page.
    const audit = t.server.app.get(AuditService);
    for (let i = 0; i < 55; i++)
      await audit.record({
        action: 'auth.sign-in',
        outcome: 'failure',
        actor: { kind: 'anonymous', name: `doan.${i}` },
        address: '203.0.113.9',
        details: { reason: 'unknown login' },
      });

    await admin.goto(`${t.url}/admin/audit`);
    const rows = admin.getByTestId('audit-row');
    await rows.first().waitFor();
    // Newest first: the last guess, then the key revoked just before.
    expect(await rows.first().innerText()).toContain('doan.54 (chưa đăng nhập)');

    await admin.getByTestId('audit-action').selectOption('key.revoke');
    await admin.waitForURL(`${t.url}/admin/audit?action=key.revoke`);
    await admin.getByTestId('audit-row').getByText('Khóa iGate Xuân Hương').waitFor();
    expect(await rows.count()).toBe(1);

    await admin.getByTestId('audit-action').selectOption('auth.sign-in');
    await admin.getByTestId('audit-outcome').selectOption('failure');
    await admin.waitForURL(`${t.url}/admin/audit?action=auth.sign-in&outcome=failure`);
    await admin.getByTestId('audit-older').waitFor();
    expect(await rows.count()).toBe(50);
    expect(await rows.first().innerText()).toContain('tên đăng nhập không tồn tại');
    await screenshot(admin, 'audit');

    await admin.getByTestId('audit-older').click();
    await admin.waitForURL(/before=\d+/);
    // The six left: five guesses and the leader's wrong password.
    await admin.getByTestId('audit-row').getByText('sai mật khẩu').waitFor();
    expect(await rows.count()).toBe(6);
    expect(await rows.last().innerText()).toContain('lanhdao.tinh (chưa đăng nhập)');
    expect(await admin.getByTestId('audit-older').count()).toBe(0);

    // A day range in Vietnam days: today has them all, a reversed range is said, not sent.
    await admin.getByTestId('audit-newest').click();
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const filtered = admin.waitForResponse((response) => response.url().includes('from='));
    await admin.getByTestId('audit-from').fill(today);
    await admin.waitForURL(new RegExp(`from=${today}`));
    expect((await filtered).status()).toBe(200);
    await rows.nth(49).waitFor();
    expect(await rows.count()).toBe(50);
    await admin.getByTestId('audit-to').fill('2020-01-01');
    await admin.getByText('Ngày bắt đầu sau ngày kết thúc').first().waitFor();
    await admin.getByTestId('audit-clear').click();
    await admin.waitForURL(`${t.url}/admin/audit`);

    // English second: the same screen with `lang=en`.
    await admin.goto(`${t.url}/admin/audit?lang=en&outcome=failure`);
    await admin.getByTestId('audit-panel').getByText('Access audit').waitFor();
    await rows.first().getByText('Failure').waitFor();
    await screenshot(admin, 'audit-en');
  });
});
