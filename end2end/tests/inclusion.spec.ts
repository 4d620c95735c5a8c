import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { freshEmail, login, register, settled } from './helpers';

/** With SCREENSHOTS=1, a phone-sized picture for people to look at (not an assertion). */
const picture = async (page: Page, name: string) => {
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
};

test('senior mode makes everything larger and the home page three big buttons', async ({ page }, testInfo) => {
  await login(page, testInfo, 'resident5@demo.jiayuan');
  await page.goto('/me');
  await settled(page, testInfo);
  const before = await page.locator('html').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  await page.getByRole('button', { name: '打开长辈模式' }).click();
  await expect(page.locator('html')).toHaveClass(/elderly/);
  const after = await page.locator('html').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(after).toBeGreaterThan(before);

  await page.goto('/');
  await settled(page, testInfo);
  await expect(page.getByRole('link', { name: '我要求助' })).toBeVisible();
  await expect(page.getByRole('link', { name: '我的求助' })).toBeVisible();
  await expect(page.getByRole('link', { name: /打电话给服务中心/ })).toHaveAttribute('href', /^tel:/);
  const box = await page.getByRole('link', { name: '我要求助' }).boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(88);
  await picture(page, 'senior-home');

  await page.goto('/me');
  await settled(page, testInfo);
  await page.getByRole('button', { name: '关闭长辈模式' }).click();
  await expect(page.locator('html')).not.toHaveClass(/elderly/);
});

test('a person downloads their data, then deletes the account and cannot sign in', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo, 'leaving');
  const name = `搬走的邻居${testInfo.project.name === 'hydrated' ? '乙' : '甲'}`;
  await register(page, testInfo, email, name, '花果山社区 1栋');
  await page.goto('/me');
  await settled(page, testInfo);

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载我的数据' }).click();
  const data = JSON.parse(readFileSync(await (await downloading).path(), 'utf8'));
  expect(data.profile.name).toBe(name);
  expect(data.profile.email).toBe(email);
  expect(data.profile.privacy_notice_version).toBeTruthy();

  await page.getByText('注销账户', { exact: true }).click();
  await page.getByLabel('当前密码').last().fill('a-good-password');
  await page.getByLabel('我明白注销后无法恢复').check();
  await picture(page, 'delete-account');
  await page.getByRole('button', { name: '注销我的账户' }).click();
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('手机号或邮箱').fill(email);
  await page.getByLabel('密码').fill('a-good-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('手机号/邮箱或密码不正确。')).toBeVisible();
});
