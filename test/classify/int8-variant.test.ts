import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedMessages, topLabel } from '../../lib/classify/classifier';
import { USE_LITE_DIMENSIONS, type SentenceEncoder } from '../../lib/classify/encoder';
import { headScores } from '../../lib/classify/head';
import { parseLabelledRows } from '../../lib/classify/labelled-rows';
import { evaluatePredictions } from '../../lib/classify/metrics';
import { SHIPPED_PRECISION, USE_LITE_EMBEDDING_OUTPUT, USE_LITE_MODEL_ID, USE_LITE_SESSION_OPTIONS, useLiteModelFile } from '../../lib/classify/model-files';
import { createNodeTransformersEncoder, NODE_MODEL_ROOT } from '../../lib/classify/node-source';
import { shippedHead } from '../../lib/classify/shipped-head';
import { seededRandom } from '../../lib/seeded-random';

const { onnx } = onnxProto;

const LABELLED = new URL('../../seeds/labelled/', import.meta.url);
const head = shippedHead();
const splits = readdirSync(LABELLED)
  .filter((file) => file.endsWith('.jsonl'))
  .map((file) => ({ file, rows: parseLabelledRows(readFileSync(new URL(file, LABELLED), 'utf8')).rows }));

/** Issue 12's terms for a quantized variant to ship: on every split, against the float32 graph. */
const MIN_LABEL_AGREEMENT = 0.99;
const MAX_MACRO_F1_MOVE = 0.005;
/**
 * A row whose top two float32 scores are this close is a coin toss for any graph: a flip there says nothing of
 * int8, and on a 45-row file one such row is 2.2%. Such rows are left out of both measures, at most 2% of a
 * file (or one row). Measured with the head trained after writers E and F: one hard case, coaching 0.3360
 * against request 0.3347 in float32, request (its label) in int8.
 */
const NEAR_TIE = 0.01;
const margin = (scores: Record<string, number>) => {
  const [first, second] = Object.values(scores).sort((a, b) => b - a);
  return first! - second!;
};

describe('the int8 graph the extension ships, against the float32 reference', () => {
  let fp32: SentenceEncoder;
  let int8: SentenceEncoder;
  beforeAll(async () => {
    [fp32, int8] = await Promise.all([createNodeTransformersEncoder(NODE_MODEL_ROOT, 'fp32'), createNodeTransformersEncoder(NODE_MODEL_ROOT, 'int8')]);
  });

  it('is what ships', () => expect(SHIPPED_PRECISION).toBe('int8'));

  it.each(splits)(
    'labels $file as float32 does (≥ 99% of rows, near ties aside) and moves its macro-F1 by at most 0.005',
    async ({ rows }) => {
      const texts = rows.map((row) => row.text);
      const scores = async (encoder: SentenceEncoder) => (await embedMessages(encoder, texts)).map((embedding, i) => headScores(head, embedding, texts[i]!));
      const [referenceScores, quantizedScores] = [await scores(fp32), await scores(int8)];
      const kept = rows.map((_, i) => i).filter((i) => margin(referenceScores[i]!) >= NEAR_TIE);
      expect(rows.length - kept.length).toBeLessThanOrEqual(Math.max(1, Math.floor(rows.length * 0.02)));
      const [reference, quantized] = [kept.map((i) => topLabel(referenceScores[i]!)), kept.map((i) => topLabel(quantizedScores[i]!))];
      const agreement = reference.filter((label, i) => label === quantized[i]).length / kept.length;
      const truth = kept.map((i) => rows[i]!.label);
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

describe('the int8 graph’s integer products', () => {
  const model = readFileSync(join(NODE_MODEL_ROOT, USE_LITE_MODEL_ID, useLiteModelFile('int8')));
  const graph = onnx.ModelProto.decode(model).graph!;
  const initializer = (name: string) => graph.initializer!.find((tensor) => tensor.name === name)!;
  const floatOf = (name: string) => new Float32Array(Uint8Array.from(initializer(name).rawData!).buffer)[0]!;

  it('stay within int16 for every pair of products, so no x86 kernel saturates', () => {
    const products = graph.node!.filter((node) => node.opType === 'MatMulInteger');
    expect(products.length).toBeGreaterThan(0);
    const [lowest, highest] = [floatOf('activation_min'), floatOf('activation_max')];
    expect(lowest).toBeGreaterThanOrEqual(0);
    for (const node of products) {
      const weights = new Int8Array(Uint8Array.from(initializer(node.input![1]!).rawData!).buffer);
      const largest = weights.reduce((max, w) => Math.max(max, Math.abs(w)), 0);
      // (v)pmaddubsw adds two u8 × s8 products into an int16.
      expect(2 * highest * largest).toBeLessThanOrEqual(32_767);
    }
  });

  it('give onnxruntime-node (tests, eval, training) the embeddings of onnxruntime-web’s wasm (the extension), on any CPU', async () => {
    const random = seededRandom(1);
    const [batch, tokens] = [8, 48];
    const ids = BigInt64Array.from({ length: batch * tokens }, () => BigInt(1 + Math.floor(random() * 8000)));
    const mask = BigInt64Array.from({ length: batch * tokens }, (_, i) => (i % tokens < 8 + (Math.floor(i / tokens) * 5) ? 1n : 0n));
    const run = async (runtime: typeof ortNode | typeof ortWeb) => {
      const session = await runtime.InferenceSession.create(model, USE_LITE_SESSION_OPTIONS);
      const feeds = { input_ids: new runtime.Tensor('int64', ids, [batch, tokens]), attention_mask: new runtime.Tensor('int64', mask, [batch, tokens]) };
      const output = (await session.run(feeds))[USE_LITE_EMBEDDING_OUTPUT]!.data as Float32Array;
      await session.release();
      return output;
    };
    const [native, wasm] = [await run(ortNode), await run(ortWeb)];
    expect(native.length).toBe(batch * USE_LITE_DIMENSIONS);
    // Not bit for bit: a float op a ulp apart can round an activation to the next integer. With saturating
    // products (full ranges, an x86 CPU without VNNI) every row fell to a cosine of 0.966 to 0.977; now ≥ 0.998.
    const cosines = Array.from({ length: batch }, (_, row) => native.subarray(row * USE_LITE_DIMENSIONS, (row + 1) * USE_LITE_DIMENSIONS).reduce((sum, value, j) => sum + value * wasm[row * USE_LITE_DIMENSIONS + j]!, 0));
    expect(Math.min(...cosines)).toBeGreaterThan(0.995);
  });
});
