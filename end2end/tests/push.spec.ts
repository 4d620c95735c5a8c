import { test, expect } from '@playwright/test';
import { login, phone, settled } from './helpers';
import { PushService } from './push-service';

test('a pushed help request is shown by the service worker, confirmed, and waits in the inbox', async ({ page, browser, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'service workers need JavaScript');
  const service = new PushService();
  await service.start();
  try {
    await page.context().grantPermissions(['notifications'], { origin: baseURL });
    await login(page, testInfo, 'volunteer2@demo.jiayuan');
    await settled(page, testInfo);

    // The service worker registers at the root scope.
    const script = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    expect(script).toMatch(/\/sw\.js\?build=[\w-]+$/);

    // Chromium here cannot reach a real push service: register the stand-in's subscription
    // for this volunteer, as the page does after `pushManager.subscribe`.
    const subscribed = await page.request.post('/api/push/subscribe', { form: service.subscription('volunteer2') });
    expect(subscribed.ok()).toBeTruthy();

    // A resident of building 2 asks for urgent help from their own phone.
    const resident = await phone(browser, testInfo);
    await login(resident, testInfo, 'resident4@demo.jiayuan');
    await resident.goto('/help/new');
    await settled(resident, testInfo);
    await resident.getByLabel('跑腿代购').check();
    await resident.getByLabel('紧急（一小时内）').check();
    await resident.getByLabel('简单说明').fill(`请帮忙取快递 ${Date.now() % 100000}`);
    await resident.getByRole('button', { name: '发出求助' }).click();
    await expect(resident).toHaveURL(/\/help\/\d+$/);
    const requestPath = new URL(resident.url()).pathname;

    // The server pushes it, encrypted, within moments.
    await expect.poll(() => service.received.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const { payload, headers } = service.received[0];
    expect(payload.url).toBe(requestPath);
    expect(headers.urgency).toBe('high');
    expect(JSON.stringify(payload)).not.toContain('取快递');

    // The push service hands it to the browser (DevTools delivers it to the service worker).
    const cdp = await page.context().newCDPSession(page);
    const registrationId = await new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
        const found = event.registrations.find((r) => r.scopeURL.startsWith(baseURL!) && !r.isDeleted);
        if (found) resolve(found.registrationId);
      });
      void cdp.send('ServiceWorker.enable');
    });
    // It is shown with its title, replaces earlier ones about the same request, and opens it.
    // A push reaching a worker that is still starting can be dropped, as on a phone: the
    // service hands it over again until it is shown (same tag, so never twice on screen).
    const deliver = () => cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(baseURL!).origin,
      registrationId,
      data: JSON.stringify(payload),
    });
    await deliver();
    await expect
      .poll(async () => {
        const shown = await page.evaluate(async () => {
          const list = await (await navigator.serviceWorker.ready).getNotifications();
          return list.map((n) => ({ title: n.title, tag: n.tag, url: n.data?.url }));
        });
        if (shown.length === 0) await deliver();
        return shown;
      }, { timeout: 20_000, intervals: [500, 1_000, 2_000] })
      .toEqual([{ title: payload.title, tag: requestPath, url: requestPath }]);

    // The service worker's receipt reached the server: the device list says so.
    await page.goto('/me/notifications');
    await settled(page, testInfo);
    await expect(page.getByTestId('device')).toHaveCount(1);
    await expect(page.getByTestId('device-shown')).toBeVisible({ timeout: 10_000 });

    // The same item is in the inbox, unread, with a badge; opening it leads to the request.
    await expect(page.getByTestId('unread-badge')).toBeVisible();
    await page.goto('/inbox');
    await settled(page, testInfo);
    const item = page.getByTestId('inbox-item').filter({ hasText: payload.title }).first();
    await expect(item).toHaveClass(/unread/);
    await item.getByRole('button').click();
    await expect(page).toHaveURL(new RegExp(`${requestPath}$`));
  } finally {
    await service.stop();
  }
});

test('turning push on asks the browser and says what happened', async ({ page, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrated', 'push needs JavaScript');
  await page.context().grantPermissions(['notifications'], { origin: baseURL });
  await login(page, testInfo, 'resident3@demo.jiayuan');
  await page.goto('/me/notifications');
  await settled(page, testInfo);
  await expect(page.getByTestId('push-status')).toHaveText('本机尚未开启推送。');
  await page.getByRole('button', { name: '在本机开启推送' }).click();
  // This machine has no route to a real push service, so the browser's subscribe fails;
  // the person is told so in their language instead of being left waiting.
  await expect(page.getByTestId('push-status')).toHaveText(/未能开启推送|本机已开启推送/, { timeout: 20_000 });
});

test('notification settings save topics and quiet hours, and refuse half-set hours', async ({ page }, testInfo) => {
  await login(page, testInfo, 'resident5@demo.jiayuan');
  await page.goto('/me/notifications');
  await settled(page, testInfo);
  await expect(page.getByRole('heading', { name: '通知设置', level: 1 })).toBeVisible();
  if (testInfo.project.name === 'ssr-only') {
    await expect(page.getByTestId('push-status')).toHaveText('开启推送需要浏览器支持 JavaScript。');
  } else {
    await expect(page.getByTestId('push-status')).not.toHaveText('开启推送需要浏览器支持 JavaScript。');
  }
  await expect(page.getByLabel('我服务楼栋的新求助')).toHaveCount(0);

  // Both projects share this account: start from whatever the other one saved.
  await page.getByLabel('社区公告').uncheck();
  await page.getByLabel('开始').fill('22:00');
  await page.getByLabel('结束').fill('');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('请填写开始和结束时间（如 22:00 和 07:00），或都留空。')).toBeVisible();

  await page.goto('/me/notifications');
  await settled(page, testInfo);
  await page.getByLabel('社区公告').uncheck();
  await page.getByLabel('开始').fill('22:00');
  await page.getByLabel('结束').fill('07:00');
  await page.getByRole('button', { name: '保存设置' }).click();
  await page.goto('/me/notifications');
  await settled(page, testInfo);
  await expect(page.getByLabel('社区公告')).not.toBeChecked();
  await expect(page.getByLabel('守望提醒')).toBeChecked();
  await expect(page.getByLabel('开始')).toHaveValue('22:00');
  await expect(page.getByLabel('结束')).toHaveValue('07:00');
});
