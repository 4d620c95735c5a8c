import { test, expect } from '@playwright/test';
import { login, phone, settled } from './helpers';

// A 4×4 PNG, as a phone would send a (much larger) photo.
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4UaEBRwzEcQBTUhaBGaoOzwAAAABJRU5ErkJggg==',
  'base64',
);

/** With SCREENSHOTS=1, a phone-sized picture for people to look at (not an assertion). */
const picture = async (page: import('@playwright/test').Page, name: string) => {
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
};

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
    // A small budget: the two proposals of the run (one per project) cannot both be afforded.
    await committee.getByLabel('预算（元）').fill('30000');
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
  await expect(committee.getByTestId('round-budget')).toHaveText('¥30,000');

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
  // The form is posted as a page load (with JavaScript too): it comes back empty with the
  // error, so fill it again.
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('要做什么，为什么').fill('3 栋门前老人常站着等人，建议加装两张不锈钢座椅，方便休息。');
  await page.getByLabel('工程类').check();
  await page.getByLabel('地点').fill('3 栋门前');
  await page.getByLabel('受益人群').fill('3 栋老人，约 30 人');
  await page.getByLabel('估算费用（元）').fill('20000');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  const url = page.url();
  await settled(page, testInfo);
  await expect(page.getByTestId('proposal-state')).toHaveText('草稿');

  // A photo of the spot, re-encoded by the server (a plain form: it works without JavaScript).
  await page.getByLabel('添加照片').setInputFiles({ name: 'spot.png', mimeType: 'image/png', buffer: PHOTO });
  await page.getByRole('button', { name: '上传照片' }).click();
  await expect(page.getByText('照片已添加。')).toBeVisible();
  await expect(page.locator('.photos img')).toHaveCount(1);
  expect(await page.locator('.photos img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await settled(page, testInfo);
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

// The rest of the round, once per run (it moves the shared round past collecting, so it runs
// last, in the hydrated project): notice, vote within budget, tally, delivery, acceptance.
test('the round votes within its budget and residents accept the delivered winner', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'ends the shared round\'s phases');
  test.setTimeout(180_000);
  const mine = `3 栋门前加装休息座椅 hydrated`;
  const other = `3 栋门前加装休息座椅 ssr-only`;

  const committee = await phone(browser, testInfo);
  await login(committee, testInfo, 'committee1@demo.jiayuan');
  await committee.goto('/projects');
  await settled(committee, testInfo);
  // The committee closes collecting, review and the public notice early.
  for (const next of ['委员会审议', '公示', '居民投票']) {
    await committee.getByRole('button', { name: '提前结束当前阶段' }).click();
    await expect(committee.locator('.badge.phase')).toHaveText(next);
  }

  // Both feasible proposals cost ¥18,000: together they are over the ¥30,000 budget.
  const voter = await phone(browser, testInfo);
  await login(voter, testInfo, 'resident1@demo.jiayuan');
  await voter.goto('/projects/ballot');
  await settled(voter, testInfo);
  await voter.getByLabel(mine).check();
  await voter.getByLabel(other).check();
  await expect(voter.getByTestId('money-left')).toHaveText('-¥6,000');
  await voter.getByRole('button', { name: '投出选票' }).click();
  await expect(voter.getByText('所选项目合计超出本轮预算，请少选一些。')).toBeVisible();
  await picture(voter, 'ballot-over-budget');
  // The refused ballot changed nothing: the form shows the ballot as it stands, none ticked.
  await expect(voter.getByTestId('money-left')).toHaveText('¥30,000');
  await voter.getByLabel(mine).check();
  await expect(voter.getByTestId('money-left')).toHaveText('¥12,000');
  await voter.getByRole('button', { name: '投出选票' }).click();
  await expect(voter.getByText('您的选票已记录。')).toBeVisible();
  // Said once: a reload shows the ballot as cast, without the confirmation.
  await voter.reload();
  await expect(voter.getByLabel(mine)).toBeChecked();
  await expect(voter.getByTestId('flash')).toHaveCount(0);
  for (const neighbour of ['resident2@demo.jiayuan', 'resident4@demo.jiayuan']) {
    const p = await phone(browser, testInfo);
    await login(p, testInfo, neighbour);
    await p.goto('/projects/ballot');
    await settled(p, testInfo);
    await p.getByLabel(mine).check();
    await p.getByRole('button', { name: '投出选票' }).click();
    await expect(p.getByText('您的选票已记录。')).toBeVisible();
  }

  // The vote closes; the results show the winner.
  await committee.getByRole('button', { name: '提前结束当前阶段' }).click();
  await expect(committee.locator('.badge.phase')).toHaveText('项目实施');
  await voter.goto('/projects/results');
  await expect(voter.getByTestId('result').filter({ hasText: mine })).toContainText('入选');
  await expect(voter.getByTestId('allocated')).toHaveText('¥18,000');

  // Staff run the delivery: provider, progress to 100 %, hand-over.
  const staff = await phone(browser, testInfo);
  await login(staff, testInfo, 'staff1@demo.jiayuan');
  await staff.goto('/projects');
  await settled(staff, testInfo);
  await staff.getByTestId('proposal').filter({ hasText: mine }).locator('a').click();
  await settled(staff, testInfo);
  const url = staff.url();
  await staff.getByLabel('实施方名称').fill('花果山物业');
  await staff.getByRole('button', { name: '开始实施' }).click();
  await expect(staff.getByTestId('proposal-state')).toHaveText('实施中');
  await staff.getByLabel('完成度（%）', { exact: true }).fill('100');
  await staff.getByLabel('累计支出（元）').fill('17800');
  await staff.getByLabel('做了什么').fill('两张不锈钢座椅已安装完毕');
  await staff.getByRole('button', { name: '发布进展' }).click();
  await expect(staff.getByTestId('progress')).toHaveText('100%');
  await staff.getByRole('button', { name: '已完工，提交居民验收' }).click();
  await expect(staff.getByTestId('proposal-state')).toHaveText('已完工');
  await picture(staff, 'proposal-delivered-staff');

  // Two residents accept it (the round's threshold): it is accepted.
  for (const [i, neighbour] of ['resident2@demo.jiayuan', 'resident4@demo.jiayuan'].entries()) {
    const p = await phone(browser, testInfo);
    await login(p, testInfo, neighbour);
    await p.goto(url);
    await settled(p, testInfo);
    await p.getByLabel('验收通过', { exact: true }).check();
    await p.getByLabel('给实施方打分（1–5，可不填）').selectOption(i === 0 ? '5' : '4');
    await p.getByRole('button', { name: '提交验收意见' }).click();
    await expect(p.getByTestId('proposal-state')).toHaveText(i === 0 ? '已完工' : '已验收');
    if (i === 0) {
      // A neighbour's word under the proposal, then the page as residents see it.
      await p.getByLabel('您的意见').fill('座椅很结实，谢谢！希望再加一个遮阳棚。');
      await p.getByRole('button', { name: '发表' }).click();
      await expect(p.getByTestId('comment')).toContainText('座椅很结实');
      await picture(p, 'proposal-acceptance');
    }
  }

  // The ledger adds it up, with the provider's rating.
  await voter.goto('/projects/ledger');
  await expect(voter.getByTestId('ledger-budget')).toHaveText('¥30,000');
  await expect(voter.getByTestId('ledger-allocated')).toHaveText('¥18,000');
  await expect(voter.getByTestId('ledger-remaining')).toHaveText('¥12,000');
  await expect(voter.getByTestId('ledger-spent')).toHaveText('¥17,800');
  await expect(voter.getByTestId('provider-rating')).toContainText('★ 4.5');
  await picture(voter, 'ledger');
});
