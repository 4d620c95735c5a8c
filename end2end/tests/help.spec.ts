import { test, expect } from '@playwright/test';
import { login, phone, settled } from './helpers';

test('an urgent request goes from a resident to a volunteer and back', async ({ page, browser }, testInfo) => {
  const hydrated = testInfo.project.name === 'hydrated';
  const what = `请帮忙买退烧药 ${testInfo.project.name} ${Date.now() % 100000}`;

  // The volunteer of building 1 has the board open.
  const volunteer = await phone(browser, testInfo);
  await login(volunteer, testInfo, 'volunteer1@demo.jiayuan');
  await volunteer.goto('/volunteer');
  await settled(volunteer, testInfo);
  await expect(volunteer.getByRole('heading', { name: '志愿者看板' })).toBeVisible();

  // A resident of building 1 asks for urgent help.
  await login(page, testInfo, 'resident1@demo.jiayuan');
  await page.goto('/help/new');
  await settled(page, testInfo);
  await page.getByLabel('跑腿代购').check();
  await page.getByLabel('紧急（一小时内）').check();
  await page.getByLabel('简单说明').fill(what);
  await page.getByRole('button', { name: '发出求助' }).click();
  await expect(page).toHaveURL(/\/help\/\d+$/);
  const requestUrl = page.url();
  await expect(page.getByText('等待接单')).toBeVisible();

  // The request appears on the volunteer's board: by itself with JavaScript (the board
  // refreshes itself), on reload without.
  if (!hydrated) await volunteer.reload();
  const card = volunteer.getByTestId('request').filter({ hasText: what });
  await expect(card).toBeVisible({ timeout: 20_000 });
  await card.getByRole('button', { name: '我来帮忙' }).click();
  await expect(volunteer.getByTestId('board-open').getByText(what)).toHaveCount(0);
  await volunteer.goto(requestUrl);
  await settled(volunteer, testInfo);
  await expect(volunteer.getByTestId('contact')).toContainText('+8613800000001');

  // A volunteer of another building neither sees the number nor can take the request.
  const other = await phone(browser, testInfo);
  await login(other, testInfo, 'volunteer2@demo.jiayuan');
  await other.goto(requestUrl);
  await expect(other.getByRole('alert')).toContainText('您没有权限进行此操作');
  await expect(other.getByText('+8613800000001')).toHaveCount(0);

  // The volunteer helps and says so; the resident confirms and thanks.
  await volunteer.getByRole('button', { name: '开始' }).click();
  await volunteer.getByLabel('用了多少分钟').fill('40');
  await volunteer.getByRole('button', { name: '已帮忙完成' }).click();
  await expect(volunteer.getByTestId('timeline')).toContainText('志愿者报告已完成');

  await page.goto(requestUrl);
  await settled(page, testInfo);
  await expect(page.getByRole('status')).toContainText('志愿者说已完成');
  await page.getByRole('button', { name: '确认已解决' }).click();
  await expect(page.getByText('已完成').first()).toBeVisible();
  await page.getByLabel('想说的话').fill('谢谢小刘，药已经吃上了');
  await page.getByRole('button', { name: '感谢志愿者' }).click();
  const timeline = page.getByTestId('timeline');
  for (const step of ['发起求助', '志愿者接单', '开始帮忙', '志愿者报告已完成', '确认已解决', '求助人致谢']) {
    await expect(timeline).toContainText(step);
  }
});
