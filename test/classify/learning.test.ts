import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier, embedMessages } from '../../lib/classify/classifier';
import type { EncoderPool } from '../../lib/classify/encoder-pool';
import { REFIT_AFTER_NEW_EXAMPLES, refitExamples, refitOnRows, sampleStratified } from '../../lib/classify/learning';
import { headInUse, refitIfDue } from '../../lib/classify/manager-model';
import { createNodeEncoderPool } from '../../lib/classify/node-pool';
import { shippedHead } from '../../lib/classify/shipped-head';
import { getLearnedModel, ingestCapturedBatch, messageKey, recordLabelledTag, resetLearning, type AspenDb } from '../../lib/store';
import { predictLabels } from '../../lib/classify/train-head';
import { LABELS } from '../../lib/store/schema';
import { loadClearExamples, loadLabelledSplit } from '../../seeds/labelled/dataset';
import { captured, freshDb } from '../store/helpers';

/** A team whose review pings are a bell, a repo and a PR number: the shipped model reads these as chatter. */
const PINGS = [':bell: billing-api #4412', ':bell: web-app #981', ':bell: infra #77 (terraform)', ':bell: mobile #3021', ':bell: payments-svc #5150'];
const NEW_PING = ':bell: search-indexer #212';

describe("the manager's own model, refitted in a classifier worker (real model)", () => {
  const shipped = shippedHead();
  let pool: EncoderPool;
  let workersStarted = 0;
  const startWorker = async () => {
    workersStarted++;
    return createNodeEncoderPool(1);
  };
  beforeAll(async () => {
    pool = await createNodeEncoderPool(1);
  });
  afterAll(() => pool.close?.());

  async function correctPings(db: AspenDb, count: number, from = 0): Promise<void> {
    const messages = PINGS.slice(from, from + count).map((text) => captured({ text }));
    await ingestCapturedBatch(db, messages);
    for (const [i, message] of messages.entries()) {
      await recordLabelledTag(db, messageKey(message), { label: 'request', subjects: [], dismissed: false }, 'correction', 1000 + from + i);
    }
  }

  it('waits for a handful of examples, then changes the labels of messages like them and not of others; reset restores the shipped model', async () => {
    const db = await freshDb();
    const shippedClassifier = createClassifier(pool, shipped);
    const unrelated = loadClearExamples().map((e) => e.text);
    const [before] = await shippedClassifier.classify([NEW_PING]);
    expect(before!.label).not.toBe('request');

    await correctPings(db, REFIT_AFTER_NEW_EXAMPLES - 1);
    expect(await refitIfDue(db, shipped, startWorker)).toBe(false);
    expect(workersStarted).toBe(0);
    expect((await headInUse(db, shipped)).modelId).toBe(shipped.modelId);

    await correctPings(db, 1, REFIT_AFTER_NEW_EXAMPLES - 1);
    expect(await refitIfDue(db, shipped, startWorker)).toBe(true);
    expect(workersStarted).toBe(1);
    const learned = await headInUse(db, shipped);
    expect(learned.modelId).not.toBe(shipped.modelId);
    expect(learned.modelId.startsWith(`${shipped.modelId}+learned-`)).toBe(true);
    expect((await getLearnedModel(db))?.examples).toBe(REFIT_AFTER_NEW_EXAMPLES);
    // Nothing new since: no second refit.
    expect(await refitIfDue(db, shipped, startWorker)).toBe(false);

    const learnedClassifier = createClassifier(pool, learned);
    const [after] = await learnedClassifier.classify([NEW_PING]);
    expect(after!.label).toBe('request');
    const [shippedLabels, learnedLabels] = await Promise.all([shippedClassifier.classify(unrelated), learnedClassifier.classify(unrelated)]);
    // Measured with the written-corpus head: at most one of the 25 clear examples moves (a known cost of the refit).
    const moved = learnedLabels.filter((p, i) => p.label !== shippedLabels[i]!.label);
    expect(moved.length).toBeLessThanOrEqual(1);

    await resetLearning(db);
    expect((await headInUse(db, shipped)).modelId).toBe(shipped.modelId);
    const [reset] = await createClassifier(pool, await headInUse(db, shipped)).classify([NEW_PING]);
    expect(reset!.label).toBe(before!.label);
  });

  it("makes every correction stick for its own text, where the refitted weights alone leave some on the model's label", async () => {
    // Corrections are the messages the shipped model got wrong: 40 of validation's first 700 (it gets about 11% wrong).
    const validation = loadLabelledSplit('validation').slice(0, 700);
    const shippedLabels = await createClassifier(pool, shipped).classify(validation.map((r) => r.text));
    const corrections = validation.filter((r, i) => shippedLabels[i]!.label !== r.label).slice(0, 40);
    expect(corrections).toHaveLength(40);
    const learned = await refitOnRows(pool, shipped, corrections);
    const byWeights = async (texts: string[]) => predictLabels(learned.layers, { features: await embedMessages(pool, texts), labels: [] }).map((l) => LABELS[l]);
    const correctionsByWeights = await byWeights(corrections.map((r) => r.text));
    expect(correctionsByWeights.filter((label, i) => label !== corrections[i]!.label).length).toBeGreaterThan(0);

    const learnedClassifier = createClassifier(pool, learned);
    const again = await learnedClassifier.classify(corrections.map((r) => r.text));
    expect(again.map((p) => p.label)).toEqual(corrections.map((r) => r.label));
    expect(again.every((p) => !p.unsure)).toBe(true);
    // Messages that read like none of them keep what the refitted weights say.
    const unrelated = loadClearExamples().map((e) => e.text);
    expect((await learnedClassifier.classify(unrelated)).map((p) => p.label)).toEqual(await byWeights(unrelated));
  });

  it('refits at once when the shipped model changed under a learned head', async () => {
    const db = await freshDb();
    await correctPings(db, REFIT_AFTER_NEW_EXAMPLES);
    expect(await refitIfDue(db, shipped, startWorker)).toBe(true);
    const newShipped = { ...shipped, modelId: `${shipped.modelId}-next` };
    expect((await headInUse(db, newShipped)).modelId).toBe(newShipped.modelId);
    expect(await refitIfDue(db, newShipped, startWorker)).toBe(true);
    expect((await headInUse(db, newShipped)).learned?.baseModelId).toBe(newShipped.modelId);
  });
});

describe('examples for a refit', () => {
  it('keeps the latest label of a text given two, and leaves out empty texts', () => {
    expect(
      refitExamples([
        { text: 'PTAL', label: 'other', addedAt: 1 },
        { text: '   ', label: 'other', addedAt: 2 },
        { text: 'ptal', label: 'request', addedAt: 3 },
        { text: 'lunch?', label: 'other', addedAt: 0 },
      ]),
    ).toEqual([
      { text: 'lunch?', label: 'other' },
      { text: 'ptal', label: 'request' },
    ]);
  });

  it('samples k rows stratified by label, the same way for the same seed', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ label: i < 60 ? ('other' as const) : ('request' as const), i }));
    const { sample, rest } = sampleStratified(rows, 10, 1);
    expect(sample.filter((r) => r.label === 'other')).toHaveLength(6);
    expect(sample).toHaveLength(10);
    expect(rest).toHaveLength(90);
    expect(sampleStratified(rows, 10, 1).sample).toEqual(sample);
    expect(sampleStratified(rows, 10, 2).sample).not.toEqual(sample);
  });
});
