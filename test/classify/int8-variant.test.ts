import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedMessages, topLabel } from '../../lib/classify/classifier';
import type { SentenceEncoder } from '../../lib/classify/encoder';
import { headScores } from '../../lib/classify/head';
import { parseLabelledRows } from '../../lib/classify/labelled-rows';
import { evaluatePredictions } from '../../lib/classify/metrics';
import { SHIPPED_PRECISION } from '../../lib/classify/model-files';
import { createNodeTransformersEncoder, NODE_MODEL_ROOT } from '../../lib/classify/node-source';
import { shippedHead } from '../../lib/classify/shipped-head';

const LABELLED = new URL('../../seeds/labelled/', import.meta.url);
const head = shippedHead();
const splits = readdirSync(LABELLED)
  .filter((file) => file.endsWith('.jsonl'))
  .map((file) => ({ file, rows: parseLabelledRows(readFileSync(new URL(file, LABELLED), 'utf8')).rows }));

/** Issue 12's terms for a quantized variant to ship: on every split, against the float32 graph. */
const MIN_LABEL_AGREEMENT = 0.99;
const MAX_MACRO_F1_MOVE = 0.005;

describe('the int8 graph the extension ships, against the float32 reference', () => {
  let fp32: SentenceEncoder;
  let int8: SentenceEncoder;
  beforeAll(async () => {
    [fp32, int8] = await Promise.all([createNodeTransformersEncoder(NODE_MODEL_ROOT, 'fp32'), createNodeTransformersEncoder(NODE_MODEL_ROOT, 'int8')]);
  });

  it('is what ships', () => expect(SHIPPED_PRECISION).toBe('int8'));

  it.each(splits)(
    'labels $file as float32 does (≥ 99% of rows) and moves its macro-F1 by at most 0.005',
    async ({ rows }) => {
      const texts = rows.map((row) => row.text);
      const labels = async (encoder: SentenceEncoder) => (await embedMessages(encoder, texts)).map((embedding) => topLabel(headScores(head, embedding)));
      const [reference, quantized] = [await labels(fp32), await labels(int8)];
      const agreement = reference.filter((label, i) => label === quantized[i]).length / rows.length;
      const truth = rows.map((row) => row.label);
      const move = evaluatePredictions(truth, quantized).macroF1 - evaluatePredictions(truth, reference).macroF1;
      expect(agreement).toBeGreaterThanOrEqual(MIN_LABEL_AGREEMENT);
      expect(Math.abs(move)).toBeLessThanOrEqual(MAX_MACRO_F1_MOVE);
    },
    // The train split is 4,842 rows through both graphs: minutes on a loaded 2-core machine.
    600_000,
  );

  it('keeps every embedding within a cosine of 0.99 of float32, and unit length', async () => {
    const texts = splits.flatMap(({ rows }) => rows.slice(0, 200).map((row) => row.text));
    const [reference, quantized] = [await embedMessages(fp32, texts), await embedMessages(int8, texts)];
    const cosines = reference.map((row, i) => row.reduce((sum, value, j) => sum + value * quantized[i]![j]!, 0));
    expect(Math.min(...cosines)).toBeGreaterThan(0.99);
    for (const embedding of quantized) expect(Math.hypot(...embedding)).toBeCloseTo(1, 4);
  });

  it('embeds a text the same alone as padded in a batch: each token is quantized on its own', async () => {
    const texts = ['ok', 'Thanks for staying late to get the release out, it made a real difference to the launch', ''];
    const batched = await int8.embed(texts);
    const alone = (await Promise.all(texts.map((text) => int8.embed([text])))).map(([embedding]) => embedding!);
    const differences = alone.map((embedding, i) => Math.max(...embedding.map((value, j) => Math.abs(value - batched[i]![j]!))));
    expect(Math.max(...differences)).toBeLessThan(1e-5);
  });
});
