import { test } from '@playwright/test';
import { login, settled } from './helpers';

// Phone-sized pictures of the main pages for people to look at (not assertions).
// Run with SCREENSHOTS=1; they land in end2end/screenshots/.
test.skip(!process.env.SCREENSHOTS, 'only when SCREENSHOTS=1');

const shot = (name: string) => `screenshots/${name}.png`;

test('screenshots', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated');
  for (const [path, name] of [['/', 'home-anonymous'], ['/login', 'login'], ['/register', 'register']]) {
    await page.goto(path);
    await settled(page, testInfo);
    await page.screenshot({ path: shot(name), fullPage: true });
  }
  await login(page, testInfo, 'pending1@demo.jiayuan');
  await page.screenshot({ path: shot('home-pending'), fullPage: true });
  await page.context().clearCookies();
  await login(page, testInfo, 'resident1@demo.jiayuan');
  await page.screenshot({ path: shot('home-resident'), fullPage: true });
  await page.goto('/me');
  await settled(page, testInfo);
  await page.screenshot({ path: shot('me'), fullPage: true });
  for (const [path, name] of [['/help/new', 'help-new'], ['/help', 'help-mine'], ['/alerts', 'alerts'], ['/projects', 'projects'], ['/projects/new', 'proposal-new']]) {
    await page.goto(path);
    await settled(page, testInfo);
    await page.screenshot({ path: shot(name), fullPage: true });
  }
  await page.context().clearCookies();
  await login(page, testInfo, 'volunteer1@demo.jiayuan');
  await page.goto('/volunteer');
  await settled(page, testInfo);
  await page.screenshot({ path: shot('volunteer-board'), fullPage: true });
  await page.getByTestId('request').first().locator('a').click();
  await settled(page, testInfo);
  await page.screenshot({ path: shot('help-detail'), fullPage: true });
  for (const [path, name] of [['/inbox', 'inbox'], ['/me/notifications', 'notifications']]) {
    await page.goto(path);
    await settled(page, testInfo);
    await page.screenshot({ path: shot(name), fullPage: true });
  }
  await page.context().clearCookies();
  await login(page, testInfo, 'staff1@demo.jiayuan');
  await page.goto('/console');
  await page.screenshot({ path: shot('console-staff'), fullPage: true });
  await page.goto('/console/verify');
  await page.screenshot({ path: shot('verify'), fullPage: true });
  await page.goto('/console/triage');
  await page.screenshot({ path: shot('triage'), fullPage: true });
  await page.context().clearCookies();
  await login(page, testInfo, 'committee1@demo.jiayuan');
  await page.goto('/console/rounds/new');
  await settled(page, testInfo);
  await page.screenshot({ path: shot('round-new'), fullPage: true });
  await page.goto('/console/review');
  await settled(page, testInfo);
  await page.screenshot({ path: shot('review-queue'), fullPage: true });
  await page.goto('/projects');
  await page.getByTestId('proposal').first().locator('a').click();
  await settled(page, testInfo);
  await page.screenshot({ path: shot('proposal'), fullPage: true });
  await page.context().clearCookies();
  await login(page, testInfo, 'admin@demo.jiayuan');
  await page.goto('/console/people?q=demo');
  await page.screenshot({ path: shot('people'), fullPage: true });
  await page.goto('/console/places');
  await page.screenshot({ path: shot('places'), fullPage: true });
});
