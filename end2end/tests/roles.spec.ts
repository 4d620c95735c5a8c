import { test, expect } from '@playwright/test';
import { login, settled } from './helpers';

const nav = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: '主导航' });

test('each demo role sees its own view', async ({ page }, testInfo) => {
  await login(page, testInfo, 'resident1@demo.jiayuan');
  await expect(page.locator('h1.greeting')).toContainText('王阿姨');
  await expect(page.locator('[data-status="verified"]')).toBeVisible();
  await expect(nav(page).getByRole('link', { name: '工作台' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /0755/ })).toBeVisible();

  await page.context().clearCookies();
  await login(page, testInfo, 'volunteer1@demo.jiayuan');
  await expect(page.getByText('楼栋志愿者')).toBeVisible();
  await expect(nav(page).getByRole('link', { name: '工作台' })).toHaveCount(0);

  await page.context().clearCookies();
  await login(page, testInfo, 'staff1@demo.jiayuan');
  await nav(page).getByRole('link', { name: '工作台' }).click();
  await expect(page.getByText('待核实居民')).toBeVisible();
  await expect(page.getByText('楼栋管理')).toHaveCount(0);

  await page.context().clearCookies();
  await login(page, testInfo, 'committee1@demo.jiayuan');
  await expect(page.getByText('环境建设委员会')).toBeVisible();
  await nav(page).getByRole('link', { name: '工作台' }).click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  await expect(page.getByText('待核实居民')).toHaveCount(0);

  await page.context().clearCookies();
  await login(page, testInfo, 'admin@demo.jiayuan');
  await nav(page).getByRole('link', { name: '工作台' }).click();
  await expect(page.getByText('楼栋管理')).toBeVisible();
  await expect(page.getByText('人员与角色')).toBeVisible();
});

test('an admin adds a building', async ({ page }, testInfo) => {
  await login(page, testInfo, 'admin@demo.jiayuan');
  await page.goto('/console/places');
  await settled(page, testInfo);
  const name = `${testInfo.project.name === 'hydrated' ? 8 : 9}栋`;
  const form = page.locator('section', { has: page.getByRole('heading', { name: '新增楼栋' }) });
  await form.getByLabel('社区').selectOption({ label: '花果山社区' });
  await form.getByLabel('中文名称').fill(name);
  await form.getByRole('button', { name: '新增楼栋' }).click();
  await expect(page.locator('details.place').first()).toContainText(name);
});

test('the language can be switched to English', async ({ page }, testInfo) => {
  await page.goto('/me');
  await settled(page, testInfo);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Language' })).toBeVisible();
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.goto('/me');
  await settled(page, testInfo);
  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('unknown pages answer 404 with a way home', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('link', { name: '回到首页' })).toBeVisible();
});
