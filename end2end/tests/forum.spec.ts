import { test, expect } from '@playwright/test';
import { login, phone, settled } from './helpers';

test('a resident opens a forum topic and a neighbour replies', async ({ page, browser }, testInfo) => {
  const title = `周末一起打扫中心花园 ${testInfo.project.name}`;
  await login(page, testInfo, 'resident1@demo.jiayuan');
  await page.goto('/forum');
  await settled(page, testInfo);
  await page.getByRole('link', { name: '发起话题' }).click();
  await settled(page, testInfo);
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('想说的话').fill('这周六上午九点，带上手套，中心花园见。');
  await page.getByRole('button', { name: '发布' }).click();
  await expect(page).toHaveURL(/\/forum\/\d+$/);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const url = page.url();

  const neighbour = await phone(browser, testInfo);
  await login(neighbour, testInfo, 'resident4@demo.jiayuan');
  await neighbour.goto('/forum');
  await expect(neighbour.getByTestId('topic').filter({ hasText: title })).toBeVisible();
  await neighbour.goto(url);
  await settled(neighbour, testInfo);
  await expect(neighbour.getByText('您的立场')).toHaveCount(0);
  await neighbour.getByLabel('您的意见').fill('算我一个，我带扫帚。');
  await neighbour.getByRole('button', { name: '发表' }).click();
  await expect(neighbour.getByTestId('comment')).toContainText('算我一个');
  await page.goto('/forum');
  await expect(page.getByTestId('topic').filter({ hasText: title })).toContainText('1 条回复');
});
