import { test, expect, type Page } from '@playwright/test';
import { login, settled } from './helpers';

/** With SCREENSHOTS=1, a phone-sized picture for people to look at (not an assertion). */
const picture = async (page: Page, name: string) => {
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
};

/** Waits until the service worker controls the page (it claims pages once it is active). */
async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, {
    timeout: 20_000,
  });
}

test('the manifest is linked from every page and installable', async ({ page, request }) => {
  for (const path of ['/login', '/help', '/console']) {
    await page.goto(path);
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  }
  const answer = await request.get('/manifest.webmanifest');
  expect(answer.ok()).toBeTruthy();
  expect(answer.headers()['content-type']).toContain('manifest+json');
  const manifest = await answer.json();
  expect(manifest.name).toContain('家园');
  expect(manifest.name).toContain('Jiayuan');
  expect(manifest.short_name.length).toBeLessThanOrEqual(12);
  expect(manifest).toMatchObject({ start_url: expect.stringMatching(/^\//), scope: '/', display: 'standalone' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  const sizes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of manifest.icons) {
    const png = await request.get(icon.src);
    expect(png.ok(), icon.src).toBeTruthy();
    expect(png.headers()['content-type']).toBe('image/png');
  }
});

test.describe('with the service worker', () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== 'hydrated', 'a service worker needs JavaScript');
  });

  test('pages read before stay readable offline, others get the offline page', async ({ page, context }, testInfo) => {
    // Resident 3's request is in the demo from the start.
    await login(page, testInfo, 'resident3@demo.jiayuan');
    await page.goto('/help');
    await settled(page, testInfo);
    await controlled(page);
    // The second load is served through the worker, which keeps a copy.
    await page.reload();
    await settled(page, testInfo);
    const first = page.getByTestId('request').first();
    const description = (await first.locator('.request-text').innerText()).trim();
    await first.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/help\/\d+$/);
    const kept = page.url();
    await settled(page, testInfo);
    await expect(page.getByTestId('offline-banner')).toHaveCount(1);
    await expect(page.getByTestId('offline-banner')).toBeHidden();
    // Opened by a link: the worker keeps a copy of this one too.
    await page.waitForFunction(async (url) => Boolean(await caches.match(url, { ignoreVary: true })), kept);

    await context.setOffline(true);
    await page.goto(kept);
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await expect(page.getByText(description).first()).toBeVisible();
    await picture(page, 'offline-request');
    await page.goto('/forum/new');
    await expect(page.getByRole('heading', { name: '现在没有网络' })).toBeVisible();
    await picture(page, 'offline-page');
    await context.setOffline(false);
  });

  test('help requests and alerts made offline wait on the phone and are sent once', async ({ page, context }, testInfo) => {
    const first = `停电了，想借个充电宝 ${Date.now() % 100000}`;
    const second = `顺便想借一支手电筒 ${Date.now() % 100000}`;
    const alert = `3 楼楼道有积水，小心滑倒 ${Date.now() % 100000}`;
    await login(page, testInfo, 'resident2@demo.jiayuan');
    for (const path of ['/help/new', '/alerts']) {
      await page.goto(path);
      await settled(page, testInfo);
      await controlled(page);
      // The worker keeps a copy of the form, even of the page it first loaded with.
      await page.waitForFunction(async () => Boolean(await caches.match(location.href, { ignoreVary: true })));
    }

    await context.setOffline(true);
    await page.goto('/help/new');
    await page.getByLabel('简单说明').fill(first);
    await page.getByRole('button', { name: '发出求助' }).click();
    // Back on the form, kept on the phone, with what waits counted.
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await expect(page.getByTestId('outbox')).toContainText('1 项内容保存在手机上');
    await picture(page, 'offline-queued');
    // A second request written on the kept form is a second request, not a repeat.
    await page.getByLabel('简单说明').fill(second);
    await page.getByRole('button', { name: '发出求助' }).click();
    await expect(page.getByTestId('outbox')).toContainText('2 项内容');
    await page.goto('/alerts');
    await page.getByLabel('提醒内容').fill(alert);
    await page.getByRole('button', { name: '发出提醒' }).click();
    await expect(page.getByTestId('outbox')).toContainText('3 项内容');

    await context.setOffline(false);
    await expect(page.getByTestId('outbox')).toContainText('已经发出', { timeout: 20_000 });
    await page.goto('/help');
    await settled(page, testInfo);
    for (const what of [first, second]) {
      await expect(page.getByTestId('request').filter({ hasText: what })).toHaveCount(1);
    }
    await page.goto('/alerts');
    await expect(page.getByText(alert)).toHaveCount(1);
  });
});
