import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { login, phone, settled } from './helpers';

/** With SCREENSHOTS=1, a phone-sized picture for people to look at (not an assertion). */
const picture = async (page: Page, name: string) => {
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
};

test('a resident requests a service, staff complete it, the resident rates it, the committee supervises', async ({ page, browser }, testInfo) => {
  // Each project uses its own service: one open request per service and person.
  const service = testInfo.project.name === 'hydrated' ? '志愿者管理' : '文体活动';
  const details = `想报名参加，周末上午方便 ${testInfo.project.name}`;
  const comment = `报名后等了好几天才回复 ${testInfo.project.name}`;
  await login(page, testInfo, 'resident3@demo.jiayuan');
  await page.goto('/services');
  await settled(page, testInfo);
  await picture(page, 'services');
  await page.getByTestId('service').filter({ hasText: service }).getByRole('link').click();
  await settled(page, testInfo);
  await page.getByLabel('需要什么帮助').fill(details);
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('申请已提交')).toBeVisible();
  await expect(page.getByTestId('my-service-request').filter({ hasText: details })).toContainText('已提交');
  const serviceUrl = page.url().replace(/\?.*$/, '');

  const staff = await phone(browser, testInfo);
  await login(staff, testInfo, 'staff1@demo.jiayuan');
  await staff.goto('/console');
  await settled(staff, testInfo);
  await expect(staff.getByTestId('chart-help')).toBeVisible();
  await picture(staff, 'console-dashboard');
  await staff.goto('/console/services');
  await settled(staff, testInfo);
  const item = staff.getByTestId('service-request').filter({ hasText: details });
  for (const [button, state] of [['受理', '已受理'], ['开始办理', '办理中'], ['办结', '']]) {
    await item.getByRole('button', { name: button, exact: true }).click();
    if (state) await expect(item).toContainText(state);
  }
  // Done requests leave the open queue.
  await expect(item).toHaveCount(0);

  await page.goto(serviceUrl);
  await settled(page, testInfo);
  const mine = page.getByTestId('my-service-request').filter({ hasText: details });
  await expect(mine).toContainText('已办结');
  await mine.getByText('★★', { exact: true }).click();
  await mine.getByLabel('说说感受（选填）').fill(comment);
  await mine.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByTestId('my-service-request').filter({ hasText: details })).toContainText('您的评价 ★★');
  await picture(page, 'service-rated');

  const committee = await phone(browser, testInfo);
  await login(committee, testInfo, 'committee1@demo.jiayuan');
  await committee.goto('/console/supervision');
  await settled(committee, testInfo);
  await expect(committee.getByTestId('supervision').getByRole('row', { name: new RegExp(service) })).toBeVisible();
  await expect(committee.getByTestId('lowest')).toContainText(comment);
  await picture(committee, 'supervision');
  const csv = await committee.request.get(
    (await committee.getByRole('link', { name: '导出 CSV' }).getAttribute('href'))!,
  );
  expect(csv.ok()).toBeTruthy();
  expect(csv.headers()['content-disposition']).toContain('attachment');
  expect(await csv.text()).toContain(comment);
});

test('staff publish an announcement that only the addressed building sees', async ({ page, browser }, testInfo) => {
  const title = `1栋电梯检修通知 ${testInfo.project.name}`;
  await login(page, testInfo, 'staff1@demo.jiayuan');
  await page.goto('/console/announcements/new');
  await settled(page, testInfo);
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('正文').fill('周五 9:00–12:00 检修 1 栋电梯，请走楼梯，行动不便的居民可致电服务中心。');
  await page.getByLabel('发给').selectOption({ label: '1栋' });
  await page.getByRole('button', { name: '发布公告' }).click();
  await expect(page).toHaveURL(/\/announcements\/\d+$/);
  await expect(page.getByTestId('send-progress')).toBeVisible();
  await expect(page.getByTestId('recipients')).not.toHaveText('0');
  await picture(page, 'announcement-progress');

  const wang = await phone(browser, testInfo);
  await login(wang, testInfo, 'resident1@demo.jiayuan');
  await wang.goto('/announcements');
  await expect(wang.getByTestId('announcement').filter({ hasText: title })).toBeVisible();
  await picture(wang, 'announcements');
  const chen = await phone(browser, testInfo);
  await login(chen, testInfo, 'resident4@demo.jiayuan');
  await chen.goto('/announcements');
  await expect(chen.getByRole('heading', { name: '社区公告' })).toBeVisible();
  await expect(chen.getByTestId('announcement').filter({ hasText: title })).toHaveCount(0);
});

test('an admin filters the audit log', async ({ page }, testInfo) => {
  await login(page, testInfo, 'admin@demo.jiayuan');
  await page.goto('/console/audit');
  await settled(page, testInfo);
  await page.getByLabel('操作', { exact: true }).selectOption('role.grant');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/action=role\.grant/);
  const entries = page.getByTestId('audit').getByRole('listitem');
  await expect(entries.first()).toContainText('role.grant');
  await picture(page, 'audit-log');
});

test('staff search the triage list and download what it shows', async ({ page }, testInfo) => {
  await login(page, testInfo, 'staff1@demo.jiayuan');
  await page.goto('/console/triage');
  await settled(page, testInfo);
  const total = Number((await page.getByTestId('list-total').innerText()).match(/\d+/)![0]);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: '导出 CSV' }).click();
  const file = await (await downloading).path();
  const lines = readFileSync(file, 'utf8').trim().split('\r\n');
  expect(lines[0]).toContain('求助时间');
  expect(lines.length).toBe(total + 1);
  await picture(page, 'console-triage');

  await page.getByLabel('按说明或求助人称呼搜索').fill('没有这样的求助');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/q=%E6%B2%A1/);
  await expect(page.getByTestId('list-total')).toHaveText('0 条符合');
  await expect(page.getByRole('link', { name: '导出 CSV' })).toHaveAttribute('href', /triage\.csv\?q=/);
});
