import { test, expect } from '@playwright/test';
import { login, phone, settled } from './helpers';

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

test('a micro-project goes from a draft to the committee through neighbours\' support', async ({ page, browser }, testInfo) => {
  const title = `3 栋门前加装休息座椅 ${testInfo.project.name}`;

  // The committee opens the community's round (once for the whole run).
  const committee = await phone(browser, testInfo);
  await login(committee, testInfo, 'committee1@demo.jiayuan');
  await committee.goto('/projects');
  await settled(committee, testInfo);
  if (await committee.getByText('本社区目前没有进行中的一轮微实事。').isVisible()) {
    await committee.goto('/console/rounds/new');
    await settled(committee, testInfo);
    await committee.getByLabel('名称').fill('2027 年第一轮民生微实事');
    await committee.getByLabel('预算（元）').fill('100000');
    await committee.getByLabel('单个项目上限（元）').fill('30000');
    await committee.getByLabel('进入审议所需支持人数').fill('2');
    await committee.getByLabel('征集支持天数').fill('30');
    const ends = ['征集提案', '委员会审议', '公示', '居民投票', '项目实施', '验收评价'];
    for (const [i, phase] of ends.entries()) {
      await committee.getByLabel(phase, { exact: true }).fill(day(30 * (i + 1)));
    }
    await committee.getByRole('button', { name: '开启本轮' }).click();
    await expect(committee).toHaveURL(/\/projects$/);
  }
  await expect(committee.getByTestId('round-budget')).toHaveText('¥100,000');

  // A resident drafts a proposal, checks it, and submits it for support.
  await login(page, testInfo, 'resident1@demo.jiayuan');
  await page.goto('/projects/new');
  await settled(page, testInfo);
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('要做什么，为什么').fill('3 栋门前老人常站着等人，建议加装两张不锈钢座椅，方便休息。');
  await page.getByLabel('工程类').check();
  await page.getByLabel('地点').fill('3 栋门前');
  await page.getByLabel('受益人群').fill('3 栋老人，约 30 人');
  await page.getByLabel('估算费用（元）').fill('40000');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('金额须大于 0 且不超过本轮单个项目上限。')).toBeVisible();
  if (testInfo.project.name === 'ssr-only') {
    // Without JavaScript the form came back empty with the error: fill it again.
    await page.getByLabel('标题').fill(title);
    await page.getByLabel('要做什么，为什么').fill('3 栋门前老人常站着等人，建议加装两张不锈钢座椅，方便休息。');
    await page.getByLabel('工程类').check();
    await page.getByLabel('地点').fill('3 栋门前');
    await page.getByLabel('受益人群').fill('3 栋老人，约 30 人');
  }
  await page.getByLabel('估算费用（元）').fill('20000');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  const url = page.url();
  await settled(page, testInfo);
  await expect(page.getByTestId('proposal-state')).toHaveText('草稿');
  await page.getByRole('button', { name: '提交，开始征集支持' }).click();
  await expect(page.getByTestId('proposal-state')).toHaveText('征集支持中');

  // Two neighbours support it; the second support sends it to the committee.
  for (const neighbour of ['resident2@demo.jiayuan', 'resident4@demo.jiayuan']) {
    const other = await phone(browser, testInfo);
    await login(other, testInfo, neighbour);
    await other.goto(url);
    await settled(other, testInfo);
    await other.getByRole('button', { name: '我支持' }).click();
    await expect(other.getByText('您已支持这个提案。')).toBeVisible();
    await expect(other.getByRole('button', { name: '我支持' })).toHaveCount(0);
  }
  await page.reload();
  await expect(page.getByTestId('proposal-state')).toHaveText('审议中');
  await expect(page.getByTestId('supports')).toHaveText('2 / 2');

  // The 环境建设 sub-committee finds it feasible at a reviewed cost.
  await committee.goto('/console/review');
  await settled(committee, testInfo);
  await committee.getByTestId('proposal').filter({ hasText: title }).locator('a').click();
  await settled(committee, testInfo);
  await committee.getByLabel('可行（填写审定费用）').check();
  await committee.getByLabel('审定费用（元）').fill('18000');
  await committee.getByRole('button', { name: '提交审议结论' }).click();
  await expect(committee.getByTestId('proposal-state')).toHaveText('可行');
  await expect(committee.getByText('委员会认定可行')).toBeVisible();
  await expect(committee.getByText('¥18,000')).toBeVisible();
});
