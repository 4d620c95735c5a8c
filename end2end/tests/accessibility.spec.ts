import { test, expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { login, settled } from './helpers';

// WCAG 2.1 AA, checked by axe-core on every main page of each role, in both languages and
// in senior mode (长辈模式). Serious and critical findings fail the run.
const PAGES: Record<string, string[]> = {
  '': ['/login', '/register'],
  'resident1@demo.jiayuan': ['/', '/help', '/help/new', '/alerts', '/projects', '/services', '/announcements', '/forum', '/orgs', '/magazine', '/inbox', '/me', '/me/notifications'],
  'volunteer1@demo.jiayuan': ['/volunteer'],
  'staff1@demo.jiayuan': ['/console', '/console/triage', '/console/verify', '/console/services', '/console/hotline'],
  'committee1@demo.jiayuan': ['/console/review', '/console/supervision'],
  'admin@demo.jiayuan': ['/console/audit', '/console/people', '/console/places'],
};

async function check(page: Page, testInfo: TestInfo, path: string, label: string) {
  await page.goto(path);
  await settled(page, testInfo);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const found = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  expect.soft(found, `${label} ${path}`).toEqual([]);
}

for (const [mode, cookies] of [
  ['中文', [] as { name: string; value: string }[]],
  ['English', [{ name: 'jy_lang', value: 'en' }]],
  ['长辈模式', [{ name: 'jy_elderly', value: '1' }]],
] as const) {
  test(`no serious accessibility problems on the main pages: ${mode}`, async ({ page, context, baseURL }, testInfo) => {
    test.skip(testInfo.project.name !== 'hydrated', 'the same pages, checked once, hydrated');
    test.setTimeout(180_000);
    const set = async () => context.addCookies(cookies.map((c) => ({ ...c, url: baseURL! })));
    for (const [who, paths] of Object.entries(PAGES)) {
      await context.clearCookies();
      if (who) await login(page, testInfo, who);
      // Signing in sets the account's own senior-mode cookie: the mode under test goes after.
      await set();
      for (const path of paths) await check(page, testInfo, path, `${mode} ${who || 'anonymous'}`);
    }
  });
}
