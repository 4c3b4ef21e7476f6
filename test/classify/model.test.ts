import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClassifier, type MessageClassifier } from '../../lib/classify/classifier';
import { parseLabelledRows } from '../../lib/classify/labelled-rows';
import { createNodeClassifier, createNodeTransformersEncoder } from '../../lib/classify/node-source';
import { shippedHead } from '../../lib/classify/shipped-head';
import { LABELS } from '../../lib/store/schema';

const clearExamples = parseLabelledRows(readFileSync(new URL('../../seeds/labelled/clear-examples.jsonl', import.meta.url), 'utf8'));

describe('the shipped classifier (real USE lite weights + trained head)', () => {
  let classifier: MessageClassifier;
  beforeAll(async () => {
    classifier = await createNodeClassifier();
  });

  it('reads a well-formed clear-examples file covering every label', () => {
    expect(clearExamples.problems).toEqual([]);
    expect(new Set(clearExamples.rows.map((r) => r.label))).toEqual(new Set(LABELS));
  });

  it('labels every clear example correctly', async () => {
    const predictions = await classifier.classify(clearExamples.rows.map((r) => r.text));
    const wrong = clearExamples.rows
      .map((row, i) => ({ text: row.text, expected: row.label, got: predictions[i]!.label }))
      .filter((r) => r.expected !== r.got);
    expect(wrong).toEqual([]);
  });

  it('gets the hard cases (short praise, closing thanks, suggestion-shaped critique, pings, status chatter) mostly right', async () => {
    const hard = parseLabelledRows(readFileSync(new URL('../../seeds/labelled/hard-cases.jsonl', import.meta.url), 'utf8')).rows;
    const predictions = await classifier.classify(hard.map((r) => r.text));
    const right = hard.filter((row, i) => predictions[i]!.label === row.label).length;
    // Measured 45 of 45 with the corpus words (e16e77d9 and 57167c47), 43 of 45 (0.956) with the written-corpus head before them; a regression below 0.9 fails.
    expect(right / hard.length).toBeGreaterThanOrEqual(0.9);
  });

  it('on the recognition boundary, keeps closing thanks and announcements out of recognition and short genuine praise in', async () => {
    const boundary = parseLabelledRows(readFileSync(new URL('../../seeds/labelled/recognition-boundary.jsonl', import.meta.url), 'utf8')).rows;
    const predictions = await classifier.classify(boundary.map((r) => r.text));
    const rows = boundary.map((row, i) => ({ expected: row.label, got: predictions[i]!.label }));
    const recognition = (r: { expected: string; got: string }) => r.got === 'recognition';
    const calledRecognition = rows.filter(recognition);
    const praise = rows.filter((r) => r.expected === 'recognition');
    // Measured with the corpus words (e16e77d9 and 57167c47): 18 of 18 right, all 7 praise found. Before them: 15 of 18 right; all
    // 4 called recognition are praise, 4 of the 7 praise found.
    expect(rows.filter((r) => r.expected === r.got).length / rows.length).toBeGreaterThanOrEqual(0.8);
    expect(calledRecognition.filter((r) => r.expected === 'recognition').length / calledRecognition.length).toBeGreaterThanOrEqual(0.8);
    expect(praise.filter(recognition).length / praise.length).toBeGreaterThanOrEqual(4 / 7);
  });

  it('keeps a probability per label and names its version', async () => {
    const [prediction] = await classifier.classify(['Thank you @Mei, the release notes were superb']);
    expect(Object.keys(prediction!.scores).sort()).toEqual([...LABELS].sort());
    expect(Object.values(prediction!.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(classifier.modelId).toBe(shippedHead().modelId);
    expect(classifier.modelId).toMatch(/^use-lite@0\.2\.0\+head-[0-9a-f]{8}$/);
  });

  it('gives the same answer alone or in a batch', async () => {
    const texts = clearExamples.rows.slice(0, 5).map((r) => r.text);
    const batch = await classifier.classify(texts);
    for (const [i, text] of texts.entries()) {
      const [single] = await classifier.classify([text]);
      expect(single!.label).toBe(batch[i]!.label);
      expect(single!.scores.recognition).toBeCloseTo(batch[i]!.scores.recognition, 4);
    }
  });

  it('refuses a head trained on another encoder', async () => {
    const encoder = await createNodeTransformersEncoder();
    expect(() => createClassifier(encoder, { ...shippedHead(), encoderId: 'other-encoder' })).toThrow(/trained on other-encoder/);
  });
});
