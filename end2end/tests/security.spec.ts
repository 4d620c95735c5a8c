import { test, expect } from '@playwright/test';
import { login, settled } from './helpers';

// Pages run under a Content-Security-Policy that allows no inline script without the page's
// nonce: everything the app itself runs (the shell script, the islands) must still run.
test('pages run their scripts and islands under the Content-Security-Policy', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'scripts run only with JavaScript');
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await login(page, testInfo, 'resident1@demo.jiayuan');
  for (const path of ['/', '/help/new', '/projects/ballot', '/alerts', '/me/notifications']) {
    const answer = await page.goto(path);
    expect(answer!.headers()['content-security-policy']).toContain("'nonce-");
    await settled(page, testInfo);
  }
  // The last page's push island started: it replaced the no-JavaScript text with this
  // device's state.
  await expect(page.getByTestId('push-status')).not.toHaveText('开启推送需要浏览器支持 JavaScript。');
  expect(refused).toEqual([]);
});
