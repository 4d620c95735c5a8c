import { test, expect } from '@playwright/test';
import { freshEmail, login, logout, register, settled } from './helpers';

test('a new resident registers, staff verify them, and they see it', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo, 'newcomer');
  const name = `新邻居${testInfo.project.name === 'hydrated' ? '甲' : '乙'}${Date.now() % 10000}`;
  await register(page, testInfo, email, name, '花果山社区 1栋');
  await expect(page.locator('[data-status="pending"]')).toContainText('等待社区核实');
  await logout(page, testInfo);

  await login(page, testInfo, 'staff1@demo.jiayuan');
  await page.goto('/console/verify');
  await settled(page, testInfo);
  const candidate = page.getByTestId('candidate').filter({ hasText: name });
  await expect(candidate).toContainText(email);
  await candidate.getByRole('button', { name: '核实通过' }).click();
  await expect(page.getByTestId('candidate').filter({ hasText: name })).toHaveCount(0);
  await logout(page, testInfo);

  await login(page, testInfo, email, 'a-good-password');
  await expect(page.locator('[data-status="verified"]')).toContainText('已核实居民');
});

test('a declined resident sees the reason', async ({ page }, testInfo) => {
  const email = freshEmail(testInfo, 'declined');
  const name = `待核实${testInfo.project.name.length}${Date.now() % 10000}`;
  await register(page, testInfo, email, name, '花果山社区 2栋');
  await logout(page, testInfo);
  await login(page, testInfo, 'staff1@demo.jiayuan');
  await page.goto('/console/verify');
  await settled(page, testInfo);
  const candidate = page.getByTestId('candidate').filter({ hasText: name });
  await candidate.getByText('不通过', { exact: true }).first().click();
  await candidate.getByLabel('不通过的原因（居民会看到）').fill('门牌号与登记不符');
  await candidate.getByRole('button', { name: '不通过' }).click();
  await expect(page.getByTestId('candidate').filter({ hasText: name })).toHaveCount(0);
  await logout(page, testInfo);
  await login(page, testInfo, email, 'a-good-password');
  await expect(page.locator('[data-status="rejected"]')).toContainText('门牌号与登记不符');
});

test('a pending resident cannot do what needs verification', async ({ page }, testInfo) => {
  await login(page, testInfo, 'pending1@demo.jiayuan');
  await expect(page.locator('[data-status="pending"]')).toBeVisible();
  await page.goto('/help/new');
  await settled(page, testInfo);
  await page.getByLabel('简单说明').fill('想请人帮忙取快递');
  await page.getByRole('button', { name: '发出求助' }).click();
  await expect(page.getByRole('alert')).toContainText('社区核实您的住址后才能进行此操作');
  await page.goto('/alerts');
  await expect(page.getByRole('alert')).toContainText('社区核实您的住址后才能进行此操作');
  await expect(page.getByRole('link', { name: '工作台' })).toHaveCount(0);
  await page.goto('/console/verify');
  await expect(page.getByRole('alert')).toContainText('您没有权限进行此操作');
});

test('a resident cannot open the verification queue', async ({ page }, testInfo) => {
  await login(page, testInfo, 'resident1@demo.jiayuan');
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作台' })).toHaveCount(0);
  await page.goto('/console/verify');
  await expect(page.getByRole('alert')).toContainText('您没有权限进行此操作');
  await expect(page.getByTestId('candidate')).toHaveCount(0);
});

test('staff of one community cannot verify residents of another', async ({ page }, testInfo) => {
  const name = `海滨新人${testInfo.project.name.length}${Date.now() % 10000}`;
  await register(page, testInfo, freshEmail(testInfo, 'haibin'), name, '海滨社区 1栋');
  await logout(page, testInfo);
  await login(page, testInfo, 'staff1@demo.jiayuan');
  await page.goto('/console/verify');
  await settled(page, testInfo);
  await expect(page.getByRole('heading', { name: '核实居民' })).toBeVisible();
  await expect(page.getByTestId('candidate').filter({ hasText: name })).toHaveCount(0);
  await logout(page, testInfo);
  // The street admin sees every community's queue.
  await login(page, testInfo, 'admin@demo.jiayuan');
  await page.goto('/console/verify');
  await expect(page.getByTestId('candidate').filter({ hasText: name })).toHaveCount(1);
});

test('wrong passwords get a translated message', async ({ page }, testInfo) => {
  await page.goto('/login');
  await settled(page, testInfo);
  await page.getByLabel('手机号或邮箱').fill('resident5@demo.jiayuan');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('手机号/邮箱或密码不正确');
});

test('registration errors are shown next to each field', async ({ page }, testInfo) => {
  await page.goto('/register');
  await settled(page, testInfo);
  await page.getByLabel('手机号或邮箱').fill('12345');
  await page.getByLabel('称呼').fill('小王');
  await page.getByLabel('密码（至少 8 位）').fill('short');
  await page.getByLabel('所在楼栋').selectOption({ label: '花果山社区 1栋' });
  const unit = await page.locator('#f-unit_id optgroup[label="花果山社区 1栋"] option').first().getAttribute('value');
  await page.getByLabel('单元').selectOption(unit!);
  await page.getByLabel('门牌号', { exact: true }).fill('301');
  await page.getByLabel(/我已阅读并同意隐私说明/).check();
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('请检查标出的内容');
  await expect(page.locator('#f-contact-error')).toContainText('请填写有效的手机号');
  await expect(page.locator('#f-password-error')).toContainText('密码至少 8 位');
});
