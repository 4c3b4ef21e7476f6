import { EXTENSION_ORIGIN } from '../../scripts/firefox';
import { expect, test } from './firefox';

const LABELS = ['recognition', 'constructive', 'coaching', 'request', 'other'];

test('Firefox: captured messages get labels from the model in the background page, in workers, with no request leaving', async ({
  firefox,
  slack,
  leakedRequests,
}) => {
  await expect.poll(async () => (await firefox.readStore('messages')).length, { timeout: 30_000 }).toBeGreaterThan(20);
  // While the model is loaded, its workers run in the process of Aspen's background page, not in Slack's.
  await expect
    .poll(
      async () => {
        const processes = await firefox.processes();
        const background = processes.find((p) => p.documents.includes(`${EXTENSION_ORIGIN}/_generated_background_page.html`));
        const slackProcess = processes.find((p) => p.documents.some((d) => d.startsWith('https://app.slack.com/')));
        const workers = background?.workerThreads ?? 0;
        // One encoder worker per core, at most two.
        return { background: background?.type, encoderWorkersRunning: workers >= 1 && workers <= 2, slackWorkers: slackProcess?.workerThreads };
      },
      { timeout: 30_000, intervals: [250] },
    )
    .toEqual({ background: 'extension', encoderWorkersRunning: true, slackWorkers: 0 });

  const messages = await firefox.readStore<{ key: string }>('messages');
  await expect
    .poll(async () => (await firefox.readStore('classifications')).length, { timeout: 90_000, intervals: [1000] })
    .toBe(messages.length);
  const classifications = await firefox.readStore<{ label: string; scores: Record<string, number>; modelId: string }>('classifications');
  for (const c of classifications) {
    expect(LABELS).toContain(c.label);
    expect(c.modelId).toMatch(/^use-lite@/);
    expect(Object.values(c.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(c.scores[c.label]).toBe(Math.max(...Object.values(c.scores)));
  }
  expect(new Set(classifications.map((c) => c.label)).size).toBeGreaterThanOrEqual(3);
  expect((await firefox.readStore<{ queue?: unknown }>('messages')).filter((m) => m.queue !== undefined)).toEqual([]);
  await slack.close();
  expect(leakedRequests).toEqual([]);
});
