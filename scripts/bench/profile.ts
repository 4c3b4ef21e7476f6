/**
 * CPU profiles of a tab (CDP Profiler): how much of its main thread a script's code took, and its longest stretch;
 * and its timeline trace (CDP Tracing): the thread time of a script's longest call.
 */
import type { CDPSession } from '@playwright/test';

/** The profiler's default is 1 ms; finer sampling shows short content script tasks. */
export const PROFILE_SAMPLING_US = 250;

export interface ProfileNode {
  id: number;
  callFrame: { url: string };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Main-thread time with a frame of `urlPrefix` anywhere on the stack: in total, and its longest unbroken stretch,
 * with the longest gap between two samples inside that stretch (samples are meant to be PROFILE_SAMPLING_US
 * apart; a gap of many milliseconds is time the OS gave to other work while the script was on the stack).
 */
export function timeInScripts(
  profile: Profile,
  urlPrefix: string,
): { totalMs: number; longestStretchMs: number; longestStretchWidestSampleMs: number } {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inScript = new Map<number, boolean>();
  const involves = (id: number): boolean => {
    let known = inScript.get(id);
    if (known === undefined) {
      const up = parent.get(id);
      known = byId.get(id)!.callFrame.url.startsWith(urlPrefix) || (up !== undefined && involves(up));
      inScript.set(id, known);
    }
    return known;
  };
  let totalUs = 0;
  let stretch = { us: 0, widestUs: 0 };
  let longest = stretch;
  profile.samples.forEach((id, i) => {
    // A sample stands for the time until the next one.
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (involves(id)) {
      totalUs += us;
      stretch = { us: stretch.us + us, widestUs: Math.max(stretch.widestUs, us) };
      if (stretch.us > longest.us) longest = stretch;
    } else stretch = { us: 0, widestUs: 0 };
  });
  return { totalMs: totalUs / 1000, longestStretchMs: longest.us / 1000, longestStretchWidestSampleMs: longest.widestUs / 1000 };
}

/** A complete ('X') trace event of Chromium's devtools.timeline category, as CDP's Tracing domain reports it. */
export interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  /** Thread (CPU) time of the event, µs: what the code itself took, without time the OS gave to others. */
  tdur?: number;
  args?: { data?: { url?: string } };
}

/**
 * The longest call into a script's code from the browser (a timer, idle callback, observer or event handler:
 * one `FunctionCall`), by the thread time it took, with its wall time beside. On a loaded machine a profile's
 * stretch also holds the time the OS ran other work; thread time does not, so it is what the code controls.
 */
export function longestScriptCall(events: readonly TraceEvent[], urlPrefix: string): { cpuMs: number; wallMs: number } {
  let longest = { cpuMs: 0, wallMs: 0 };
  for (const event of events) {
    if (event.name !== 'FunctionCall' || event.ph !== 'X' || !event.args?.data?.url?.startsWith(urlPrefix)) continue;
    const cpuMs = (event.tdur ?? 0) / 1000;
    if (cpuMs > longest.cpuMs) longest = { cpuMs, wallMs: (event.dur ?? 0) / 1000 };
  }
  return longest;
}

/** Records the tab's devtools.timeline trace while `during` runs. */
export async function traceTimeline(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  // CDP types trace events as string maps; they are the JSON objects above.
  const collect = (batch: { value: object[] }) => void events.push(...(batch.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline'] }, transferMode: 'ReportEvents' });
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
  return events;
}
