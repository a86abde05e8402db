import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the real product: tests/global-setup.ts starts a mail catcher and scripts/run.sh (the
 * services and nginx serving dist/ on http://localhost:8080), and stops both afterwards. Debian's Chromium is
 * used as it is installed; Playwright never downloads a browser (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
 */
export default defineConfig({
  testDir: './tests',
  globalSetup: './tests/global-setup.ts',
  // One product, shared accounts and screenshots: the tests run one after the other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    baseURL: process.env.PARLEY_WEB_URL ?? 'http://localhost:8080',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
