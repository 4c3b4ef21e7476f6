import { expect, readStore, test } from './extension';

const LABELS = ['recognition', 'constructive', 'coaching', 'request', 'other'];

test('captured messages get labels from the in-browser model, with no request leaving', async ({
  context,
  extensionId,
  slack,
  leakedRequests,
}) => {
  await expect.poll(async () => (await readStore(context, extensionId, 'messages')).length, { timeout: 30_000 }).toBeGreaterThan(20);
  const messages = await readStore<{ key: string }>(context, extensionId, 'messages');
  // The model loads from the extension's own files and runs in workers that the offscreen document starts.
  await expect
    .poll(async () => (await readStore(context, extensionId, 'classifications')).length, { timeout: 90_000, intervals: [1000] })
    .toBe(messages.length);
  const classifications = await readStore<{ key: string; label: string; scores: Record<string, number>; modelId: string }>(
    context,
    extensionId,
    'classifications',
  );
  for (const c of classifications) {
    expect(LABELS).toContain(c.label);
    expect(c.modelId).toMatch(/^use-lite@/);
    const total = Object.values(c.scores).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 3);
    expect(c.scores[c.label]).toBe(Math.max(...Object.values(c.scores)));
  }
  expect(new Set(classifications.map((c) => c.label)).size).toBeGreaterThanOrEqual(3);
  expect((await readStore<{ queue?: unknown }>(context, extensionId, 'messages')).filter((m) => m.queue !== undefined)).toEqual([]);

  // Off every page's own thread, one copy: the offscreen document, cross-origin isolated by the manifest, runs
  // the model in one dedicated worker on onnxruntime-web's own threads. Chromium lists each worker as a target
  // whose parent is the document that started it.
  const cdp = await context.newCDPSession(slack);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; type: string; url: string; parentId?: string }>;
  };
  await cdp.detach();
  const offscreen = targetInfos.find((t) => t.url === `chrome-extension://${extensionId}/offscreen.html`);
  const encoderWorkers = targetInfos.filter((t) => t.type === 'worker' && t.parentId === offscreen?.targetId);
  expect(encoderWorkers).toHaveLength(1);
  const extensionPage = await context.newPage();
  await extensionPage.goto(`chrome-extension://${extensionId}/options.html`);
  expect(await extensionPage.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  await extensionPage.close();
  await slack.close();
  expect(leakedRequests).toEqual([]);
});
