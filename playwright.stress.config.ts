import { defineConfig } from '@playwright/test';

/** `npm run test:stress`: Aspen over a 50,000-message workspace; minutes long, so kept out of `npm test`. */
export default defineConfig({
  testDir: 'test/stress',
  timeout: 300_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
