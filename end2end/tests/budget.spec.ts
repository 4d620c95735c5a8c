import { test, expect, type BrowserContext, type Page, type Request } from '@playwright/test';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEMO_PASSWORD, phone, settled } from './helpers';

// Issue 7: a cheap phone on a weak connection gets the whole first load (HTML, CSS, JS and
// WebAssembly, as compressed on the wire) within 250 KB. Issue 9: once the service worker is
// in, a second load fetches no part of the app shell over the network.
const BUDGET = 250 * 1024;

/** Bytes over the wire by kind of file; `make bench` reads them from PAGE_WEIGHT_OUT. */
type Weight = { html: number; css: number; js: number; wasm: number; other: number; total: number; responses: number };
const figures: Record<string, Weight> = {};

const kind = (path: string): keyof Omit<Weight, 'total' | 'responses'> => {
  // The worker's own script: the browser checks it for updates, it is not the app shell.
  if (path === '/sw.js') return 'other';
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (/^\/(api|pkg|icons)\//.test(path) || /\.(svg|png|webmanifest|json)$/.test(path)) return 'other';
  return 'html';
};

/**
 * Counts what `load` fetches over the network, in the context (so the service worker's own
 * fetches count too). An answer the worker gave from its cache costs 0 bytes.
 */
async function weigh(context: BrowserContext, load: () => Promise<void>): Promise<[Weight, string[]]> {
  const pending: Promise<[string, number]>[] = [];
  const listener = (request: Request) => {
    pending.push(
      (async (): Promise<[string, number]> => {
        const path = new URL(request.url()).pathname;
        const response = await request.response();
        if (response?.fromServiceWorker()) return [path, 0];
        const s = await request.sizes();
        return [path, s.responseBodySize + s.responseHeadersSize];
      })(),
    );
  };
  context.on('requestfinished', listener);
  await load();
  context.off('requestfinished', listener);
  const loaded = await Promise.all(pending);
  const weight: Weight = { html: 0, css: 0, js: 0, wasm: 0, other: 0, total: 0, responses: loaded.length };
  for (const [path, bytes] of loaded) {
    weight[kind(path)] += bytes;
    weight.total += bytes;
  }
  return [weight, loaded.filter(([, b]) => b > 0).map(([p, b]) => `${p} ${b}`)];
}

async function signIn(page: Page, who: string) {
  const answer = await page.context().request.post('/api/accounts/login', { form: { identifier: who, password: DEMO_PASSWORD } });
  expect(answer.ok()).toBeTruthy();
}

for (const [who, path] of [['resident1@demo.jiayuan', '/'], ['volunteer1@demo.jiayuan', '/volunteer']]) {
  test(`the first load of ${path} fits in 250 KB`, async ({ browser }, testInfo) => {
    test.skip(testInfo.project.name !== 'hydrated', 'the bundle loads only with JavaScript');
    // A phone that has never been here: empty cache, no service worker yet.
    const page = await phone(browser, testInfo, { serviceWorkers: 'block' });
    await signIn(page, who);
    const [first, fetched] = await weigh(page.context(), async () => {
      await page.goto(path);
      await settled(page, testInfo);
      await page.waitForLoadState('networkidle');
    });
    // The figure goes in the report; the budget is the assertion.
    console.log(`first load of ${path}: ${first.total} bytes in ${first.responses} responses: ${fetched.join(', ')}`);
    expect(first.wasm, 'the WebAssembly bundle is part of the measured load').toBeGreaterThan(0);
    expect(first.css).toBeGreaterThan(0);
    expect(first.total).toBeLessThanOrEqual(BUDGET);
    figures[`first ${path}`] = first;
    await page.context().close();
  });

  test(`with the service worker, a second load of ${path} fetches no app shell`, async ({ browser }, testInfo) => {
    test.skip(testInfo.project.name !== 'hydrated', 'a service worker needs JavaScript');
    const page = await phone(browser, testInfo);
    await signIn(page, who);
    await page.goto(path);
    await settled(page, testInfo);
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    // A new visit with the browser's HTTP cache emptied: whatever is not fetched now came
    // from the worker's own cache.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    const again = await page.context().newPage();
    const [second, fetched] = await weigh(page.context(), async () => {
      await again.goto(path);
      await settled(again, testInfo);
      await again.waitForLoadState('networkidle');
    });
    console.log(`second load of ${path}: ${second.total} bytes over the network: ${fetched.join(', ') || 'nothing'}`);
    expect(second.css + second.js + second.wasm, `the app shell came over the network: ${fetched.join(', ')}`).toBe(0);
    figures[`second ${path}`] = second;
    await page.context().close();
  });
}

test.afterAll(() => {
  const out = process.env.PAGE_WEIGHT_OUT;
  if (out && Object.keys(figures).length > 0) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(figures, null, 2));
  }
});
