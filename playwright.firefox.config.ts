import { defineConfig } from '@playwright/test';

/** The end-to-end suite in Debian's Firefox ESR, driven over WebDriver BiDi by Puppeteer inside fixtures. */
export default defineConfig({
  testDir: 'test/e2e-firefox',
  timeout: 120_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/firefox',
});
