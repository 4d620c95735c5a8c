import { defineConfig } from '@playwright/test';

// The release server on its own port with a fresh SQLite database seeded with the demo street.
const port = 3100;
const baseURL = `http://127.0.0.1:${port}`;

const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  launchOptions: {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { baseURL, locale: 'zh-CN', trace: 'retain-on-failure' },
  projects: [
    // Pages must render and forms must submit with no JavaScript at all.
    { name: 'ssr-only', use: { ...phone, javaScriptEnabled: false } },
    { name: 'hydrated', use: { ...phone, javaScriptEnabled: true } },
  ],
  webServer: {
    command: 'rm -rf .e2e-data && ../target/release/server serve --demo',
    url: `${baseURL}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: 'sqlite://.e2e-data/jiayuan.db?mode=rwc',
      JIAYUAN_SERVER__PORT: String(port),
      JIAYUAN_SERVER__PUBLIC_URL: baseURL,
      LEPTOS_SITE_ROOT: '../target/site',
      // Every test signs in from 127.0.0.1 as the same demo people, many times a run: lift the
      // sign-in limits here (the integration tests check them).
      JIAYUAN_POLICY__LIMITS__LOGIN_PER_IP__MAX: '100000',
      JIAYUAN_POLICY__LIMITS__LOGIN_PER_ACCOUNT__MAX: '100000',
      JIAYUAN_POLICY__LIMITS__REGISTER_PER_IP__MAX: '100000',
      RUST_LOG: 'warn',
      // The push services of real browsers, plus the test's own stand-in (tests/push-service.ts).
      JIAYUAN_POLICY__PUSH__ALLOWED_ORIGINS: 'https://fcm.googleapis.com,https://*.push.apple.com,http://127.0.0.1:3199',
    },
  },
});
