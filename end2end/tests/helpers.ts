import { expect, type Browser, type BrowserContextOptions, type Page, type TestInfo } from '@playwright/test';

export const DEMO_PASSWORD = 'jiayuan-demo';

/** Waits until the WebAssembly app has taken over the page (no-op without JavaScript). */
export async function settled(page: Page, testInfo: TestInfo) {
  if (testInfo.project.name === 'hydrated') {
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 15_000 });
  }
}

export async function login(page: Page, testInfo: TestInfo, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await settled(page, testInfo);
  await page.getByLabel('手机号或邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('h1.greeting')).toBeVisible();
}

export async function logout(page: Page, testInfo: TestInfo) {
  await page.goto('/me');
  await settled(page, testInfo);
  await page.getByRole('button', { name: '退出登录', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** A contact nobody has used yet in this run, per project. */
export function freshEmail(testInfo: TestInfo, who: string) {
  return `${who}.${testInfo.project.name}.${Date.now()}@example.cn`;
}

/** Fills the registration form for building `building` (e.g. "花果山社区 1栋"). */
export async function register(page: Page, testInfo: TestInfo, email: string, name: string, building: string) {
  await page.goto('/register');
  await settled(page, testInfo);
  await page.getByLabel('手机号或邮箱').fill(email);
  await page.getByLabel('称呼').fill(name);
  await page.getByLabel('密码（至少 8 位）').fill('a-good-password');
  await page.getByLabel('所在楼栋').selectOption({ label: building });
  const unit = await page.locator(`#f-unit_id optgroup[label="${building}"] option`).first().getAttribute('value');
  await page.getByLabel('单元').selectOption(unit!);
  await page.getByLabel('门牌号', { exact: true }).fill('1201');
  await page.getByLabel(/我已阅读并同意隐私说明/).check();
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** A second person on their own phone: a new browser context with this project's settings. */
export async function phone(browser: Browser, testInfo: TestInfo, options: BrowserContextOptions = {}) {
  const use = testInfo.project.use;
  const context = await browser.newContext({
    baseURL: use.baseURL, viewport: use.viewport, javaScriptEnabled: use.javaScriptEnabled,
    locale: use.locale, isMobile: use.isMobile, hasTouch: use.hasTouch, deviceScaleFactor: use.deviceScaleFactor,
    ...options,
  });
  return context.newPage();
}
