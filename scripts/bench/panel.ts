/*
 * The store and the side panel in Chromium, with the built extension: 50,000 messages ingested into the
 * extension's real IndexedDB from one of its own pages, a person's timeline and signals read back, then the
 * panel opened on that data (team view, then a person).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import type { FillFigures, TimelineFigures } from './extension-page';
import { launchBenchBrowser } from './extension';
import { median, round1, type BenchRow } from './figures';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MESSAGES = 50_000;
/** What one capture message carries at most, as the content script batches rows. */
const BATCH = 200;
/** People marked as reports: the team view shows one row each. */
const REPORTS = 8;
const TIMELINE_RUNS = 7;
const PANEL_RUNS = 5;

async function pageBundle(): Promise<string> {
  const result = await build({
    entryPoints: [`${ROOT}scripts/bench/extension-page.ts`],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    // Code evaluated through DevTools passes zod's eval probe, then fails the page's CSP (no 'unsafe-eval')
    // when it compiles a parser. The extension's own pages fail the probe and validate without compiled
    // parsers; set before any schema is built, this makes the bench do the same.
    banner: { js: 'globalThis.__zod_globalConfig = { jitless: true };' },
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

/**
 * The offscreen classifier drains the queue once when the extension starts; filling before that run ends
 * would race it for the queue. Returns its model id (for the stored classifications) once it is idle.
 */
async function waitForIdleClassifier(page: Page): Promise<string> {
  const handle = await page.waitForFunction(
    () => {
      const status = JSON.parse(localStorage.getItem('aspen.classifierStatus') ?? 'null') as { state?: string; modelId?: string } | null;
      // A model that failed to load has stopped too; the store and panel figures do not need it.
      if (status?.state === 'error') return 'unloaded';
      return status?.state === 'ready' ? (status.modelId ?? 'unknown') : null;
    },
    undefined,
    { timeout: 60_000 },
  );
  return (await handle.jsonValue()) as string;
}

declare global {
  interface Window {
    /** performance.now() when the first team row reached the DOM (set by the init script below). */
    __aspenTeamRenderedAt?: number;
  }
}

/** Before any panel code runs: note when React first commits a team row. Measures without touching the panel. */
function watchForTeamRows() {
  const observer = new MutationObserver(() => {
    if (document.querySelector('.team-row')) {
      window.__aspenTeamRenderedAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

interface PanelRun {
  teamMs: number;
  teamRows: number;
  personMs: number;
  timelineRows: number;
  heapBytes: number;
}

/** One cold open of the panel: navigation to team rows in the DOM, then a click to the person's timeline in the DOM. */
async function openPanel(page: Page, url: string): Promise<PanelRun> {
  await page.goto(url);
  await page.waitForFunction(() => window.__aspenTeamRenderedAt !== undefined, undefined, { timeout: 60_000 });
  const team = await page.evaluate(() => ({ ms: window.__aspenTeamRenderedAt!, rows: document.querySelectorAll('.team-row').length }));
  const person = await page.evaluate(
    () =>
      new Promise<{ ms: number; rows: number }>((done) => {
        const start = performance.now();
        // Set up before the click: React may commit the person view before click() returns.
        const observer = new MutationObserver(() => {
          const timeline = document.querySelector('ol.timeline');
          if (!timeline) return;
          observer.disconnect();
          done({ ms: performance.now() - start, rows: timeline.children.length });
        });
        observer.observe(document.body, { childList: true, subtree: true });
        document.querySelector<HTMLButtonElement>('.team-row-name button')!.click();
      }),
  );
  const cdp = await page.context().newCDPSession(page);
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { teamMs: team.ms, teamRows: team.rows, personMs: person.ms, timelineRows: person.rows, heapBytes: usedSize };
}

function storeRows(fill: FillFigures, timeline: TimelineFigures): BenchRow[] {
  return [
    { name: 'store.ingest50k.chromium-idb', value: Math.round(fill.ingestMs), unit: 'ms' },
    { name: 'store.classificationWrites50k.chromium-idb', value: Math.round(fill.classificationWritesMs), unit: 'ms' },
    { name: 'store.personTimelineSignals50k.chromium-idb', value: round1(median(timeline.times)), unit: 'ms' },
    { name: 'store.personTimelineSignals50k.chromium-idb.fastest', value: round1(Math.min(...timeline.times)), unit: 'ms' },
    { name: 'store.personTimeline50k.chromium-idb.items', value: timeline.items, unit: 'items' },
  ];
}

function panelRows(runs: PanelRun[]): BenchRow[] {
  const first = runs[0]!;
  if (runs.some((r) => r.teamRows !== REPORTS)) throw new Error(`team view showed ${runs.map((r) => r.teamRows).join(', ')} rows, not ${REPORTS}`);
  if (first.timelineRows === 0) throw new Error('the person view rendered an empty timeline');
  return [
    { name: 'panel.teamFirstRender50k.chromium', value: Math.round(median(runs.map((r) => r.teamMs))), unit: 'ms' },
    { name: 'panel.teamFirstRender50k.chromium.fastest', value: Math.round(Math.min(...runs.map((r) => r.teamMs))), unit: 'ms' },
    { name: 'panel.personFirstRender50k.chromium', value: Math.round(median(runs.map((r) => r.personMs))), unit: 'ms' },
    { name: 'panel.personTimelineRowsShown', value: first.timelineRows, unit: 'rows' },
    { name: 'panel.jsHeapAfterRender50k.chromium', value: round1(median(runs.map((r) => r.heapBytes)) / 2 ** 20), unit: 'MiB' },
  ];
}

/**
 * Fills the extension's IndexedDB once and reports the Chromium store figures, the panel figures, or both.
 * The panel runs are medians of PANEL_RUNS cold opens, each in a new tab.
 */
export async function benchExtensionData(parts: { store: boolean; panel: boolean }): Promise<BenchRow[]> {
  const bundle = await pageBundle();
  const { context, extensionId } = await launchBenchBrowser(true);
  try {
    const panelUrl = `chrome-extension://${extensionId}/sidepanel.html`;
    const page = await context.newPage();
    await page.goto(panelUrl);
    const modelId = await waitForIdleClassifier(page);
    // Evaluated through DevTools, which the extension page's CSP (script-src 'self') does not govern.
    await page.evaluate(bundle);
    const fill = await page.evaluate((options) => window.aspenBench!.fill(options), {
      messages: MESSAGES,
      batch: BATCH,
      reports: REPORTS,
      modelId,
    });
    const timeline = await page.evaluate((runs) => window.aspenBench!.timeline(runs), TIMELINE_RUNS);
    await page.close();
    const rows = parts.store ? storeRows(fill, timeline) : [];
    if (!parts.panel) return rows;

    const runs: PanelRun[] = [];
    for (let run = 0; run < PANEL_RUNS; run += 1) {
      const panel = await context.newPage();
      await panel.addInitScript(watchForTeamRows);
      runs.push(await openPanel(panel, panelUrl));
      await panel.close();
    }
    return [...rows, ...panelRows(runs)];
  } finally {
    await context.close();
  }
}
