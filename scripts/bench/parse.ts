import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { median, type BenchRow } from './figures';

/**
 * Parser speed in real Chromium: the demo client with 1,000 rendered message rows, parsed by the same
 * parseSlackMessages the content script ships, bundled with esbuild and injected into the page.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROWS = 1000;
const RUNS = 25;

async function parserBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: "import { parseSlackMessages } from './lib/slack/parse'; (window as any).__aspenParse = parseSlackMessages;",
      loader: 'ts',
      resolveDir: ROOT,
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify: true,
  });
  return result.outputFiles[0].text;
}

/** Loads the demo with exactly ROWS message rows mounted, then times the parser over the whole document. */
async function timeParse(page: Page, html: string, bundle: string, markup: '2024' | '2025'): Promise<number[]> {
  await page.route('https://app.slack.com/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`https://app.slack.com/client/T0ASPEN01/C0PLATFRM1?markup=${markup}&size=20000&rows=${ROWS + 200}&history=${ROWS + 200}`);
  await page.waitForFunction((n) => document.querySelectorAll('[data-qa="message_container"]').length >= n, ROWS);
  await page.addScriptTag({ content: bundle });
  return page.evaluate(
    ({ rows, runs }) => {
      // Trim to exactly `rows` message rows so the figure is per 1,000 rows.
      const items = [...document.querySelectorAll('[data-qa="virtual-list-item"]')].filter((el) => el.querySelector('[data-qa="message_container"]'));
      for (const extra of items.slice(rows)) extra.remove();
      const parse = (window as unknown as { __aspenParse: (root: ParentNode, ctx: object) => { messages: unknown[] } }).__aspenParse;
      const context = { teamId: 'T0ASPEN01', channelId: 'C0PLATFRM1', channelName: 'eng-platform' };
      for (let i = 0; i < 3; i++) parse(document, context);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        const { messages } = parse(document, context);
        times.push(performance.now() - start);
        if (messages.length !== rows) throw new Error(`parsed ${messages.length} of ${rows} rows`);
      }
      return times;
    },
    { rows: ROWS, runs: RUNS },
  );
}

export async function benchParse(): Promise<BenchRow[]> {
  const [html, bundle] = await Promise.all([readFile(`${ROOT}seeds/slack.html`, 'utf8'), parserBundle()]);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const results: BenchRow[] = [];
    for (const markup of ['2025', '2024'] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const times = await timeParse(page, html, bundle, markup);
      await page.close();
      const ms = median(times);
      results.push(
        { name: `parse.rows${ROWS}.${markup}.chromium`, value: ms, unit: 'ms' },
        // The fastest run shows the cost without interference from other work on a shared machine.
        { name: `parse.rows${ROWS}.${markup}.chromium.fastest`, value: Math.min(...times), unit: 'ms' },
        { name: `parse.throughput.${markup}.chromium`, value: ROWS / ms, unit: 'rows/ms' },
      );
    }
    return results;
  } finally {
    await browser.close();
  }
}
