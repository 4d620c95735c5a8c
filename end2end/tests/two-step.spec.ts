import { test, expect, type Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { DEMO_PASSWORD, login, logout, settled } from './helpers';

/** What an authenticator app shows for a base32 secret (RFC 6238), `steps` of 30 s from now. */
function totp(secret: string, steps = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secret.replace(/\s/g, '')].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + steps));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19] & 0xf;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

const shoot = async (page: Page, name: string) => {
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
};

test('a social worker turns on two-step sign-in and then signs in with a code', async ({ page }, testInfo) => {
  await login(page, testInfo, 'staff1@demo.jiayuan');
  await page.goto('/me');
  await settled(page, testInfo);
  await page.getByRole('link', { name: '两步验证' }).click();
  await expect(page.getByRole('heading', { name: '两步验证' })).toBeVisible();
  await expect(page.getByText('两步验证未开启。')).toBeVisible();
  await page.getByRole('button', { name: '开始设置' }).click();
  await expect(page.getByTestId('two-step-qr').locator('svg')).toBeVisible();
  await shoot(page, 'two-step-enrol');
  const secret = (await page.getByTestId('two-step-secret').textContent())!;
  await page.getByLabel('2. 输入应用现在显示的6位数字').fill('000000');
  await page.getByRole('button', { name: '开启两步验证' }).click();
  await expect(page.getByText('验证码不对').first()).toBeVisible();
  await page.getByLabel('2. 输入应用现在显示的6位数字').fill(totp(secret));
  await page.getByRole('button', { name: '开启两步验证' }).click();
  await expect(page.getByText('两步验证已开启。')).toBeVisible();

  await logout(page, testInfo);
  await page.getByLabel('手机号或邮箱').fill('staff1@demo.jiayuan');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/login\/code$/);
  await settled(page, testInfo);
  await shoot(page, 'two-step-code');
  // The enrolment used this step's code; the next step's is still in the window and unused.
  await page.getByLabel('6位验证码').fill(totp(secret, 1));
  await page.getByRole('button', { name: '验证并登录' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('h1.greeting')).toBeVisible();

  // Off again, so the other tests sign staff1 in with the password alone.
  await page.goto('/me/security');
  await settled(page, testInfo);
  await page.getByLabel('输入密码以关闭').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '关闭两步验证' }).click();
  await expect(page.getByText('两步验证未开启。')).toBeVisible();
});
