import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import {
  USE_LITE_EMBEDDING_OUTPUT,
  USE_LITE_MODEL_ID,
  USE_LITE_SESSION_OPTIONS,
  useLiteModelFile,
  type UseLitePrecision,
} from '../../lib/classify/model-files';
import { NODE_MODEL_ROOT } from '../../lib/classify/node-source';
import { seededRandom } from '../../lib/seeded-random';

const { onnx } = onnxProto;

const modelOf = (precision: UseLitePrecision) => readFileSync(join(NODE_MODEL_ROOT, USE_LITE_MODEL_ID, useLiteModelFile(precision)));
const graphOf = (precision: UseLitePrecision) => onnx.ModelProto.decode(modelOf(precision)).graph!;

describe.each(['int8', 'fp32'] as const)('the converted %s graph', (precision) => {
  const graph = graphOf(precision);

  // onnxruntime-web's Cast kernel is one 490 KB wasm function; once it runs hot, V8 recompiles it with
  // TurboFan, and that compile alone took 106 MB in Chromium (scripts/model/use-lite-onnx.ts).
  it('holds no Cast node', () => {
    expect(graph.node!.length).toBeGreaterThan(0);
    expect(graph.node!.filter((node) => node.opType === 'Cast').map((node) => node.name)).toEqual([]);
  });

  it('converts types only at scale 1 and zero point 0, so every conversion is exact', () => {
    const initializer = (name: string) => graph.initializer!.find((tensor) => tensor.name === name);
    const valueOf = (name: string) => {
      const tensor = initializer(name)!;
      const bytes = Uint8Array.from(tensor.rawData!);
      return tensor.dataType === onnx.TensorProto.DataType.FLOAT ? new Float32Array(bytes.buffer)[0] : bytes[0];
    };
    const conversions = graph.node!.filter((node) => node.opType === 'QuantizeLinear' || node.opType === 'DequantizeLinear');
    if (precision === 'fp32') expect(conversions).toEqual([]);
    else expect(conversions.length).toBeGreaterThan(0);
    for (const node of conversions) {
      expect(valueOf(node.input![1]!)).toBe(1);
      if (node.input![2] !== undefined) expect(valueOf(node.input![2])).toBe(0);
    }
  });
});

/** Padded batches of random tokens, [batch, tokens] from one token to the longest message, and an empty batch. */
function randomBatches(): { ids: BigInt64Array; mask: BigInt64Array; dims: [number, number] }[] {
  const random = seededRandom(3);
  return (
    [
      [1, 1],
      [1, 7],
      [4, 17],
      [8, 48],
      [3, 128],
      [32, 33],
      [2, 0],
    ] as const
  ).map(([batch, tokens]) => {
    const lengths = Array.from({ length: batch }, () => Math.max(1, Math.ceil(tokens * (0.3 + 0.7 * random()))));
    const ids = BigInt64Array.from({ length: batch * tokens }, (_, i) => (i % tokens < lengths[Math.floor(i / tokens)]! ? BigInt(2 + Math.floor(random() * 7990)) : 0n));
    const mask = ids.map((id) => (id === 0n ? 0n : 1n));
    return { ids, mask, dims: [batch, tokens] };
  });
}

describe.each([
  ['onnxruntime-node (tests, eval, training)', ortNode],
  ['onnxruntime-web (the extension)', ortWeb],
] as const)('the converted graph in %s, without the graph optimizer it skips', (_, runtime) => {
  const embeddings = async (precision: UseLitePrecision, options: ortWeb.InferenceSession.SessionOptions) => {
    const session = await runtime.InferenceSession.create(modelOf(precision), options);
    const outputs: Float32Array[] = [];
    for (const { ids, mask, dims } of randomBatches()) {
      const feeds = { input_ids: new runtime.Tensor('int64', ids, dims), attention_mask: new runtime.Tensor('int64', mask, dims) };
      outputs.push((await session.run(feeds))[USE_LITE_EMBEDDING_OUTPUT]!.data as Float32Array);
    }
    await session.release();
    return outputs;
  };
  const largestDifference = (a: Float32Array[], b: Float32Array[]) => Math.max(...a.map((batch, i) => batch.reduce((max, value, j) => Math.max(max, Math.abs(value - b[i]![j]!)), 0)));

  // Skipping the optimizer is only free while it has nothing to change: were the query scaled before its
  // product again, as USE lite does, int8 embeddings would move by up to 0.003 (measured) once it is skipped.
  it('gives the int8 graph every embedding to the bit that full optimization gives', async () => {
    const [optimized, shipped] = [await embeddings('int8', { graphOptimizationLevel: 'all' }), await embeddings('int8', USE_LITE_SESSION_OPTIONS)];
    expect(shipped.map((batch) => batch.length)).toEqual([1, 1, 4, 8, 3, 32, 2].map((batch) => batch * 512));
    expect(largestDifference(optimized, shipped)).toBe(0);
  });

  it('keeps the float32 reference within 1e-6 of full optimization (it fuses the pooled layer’s bias into its product)', async () => {
    const [optimized, shipped] = [await embeddings('fp32', { graphOptimizationLevel: 'all' }), await embeddings('fp32', USE_LITE_SESSION_OPTIONS)];
    expect(largestDifference(optimized, shipped)).toBeLessThan(1e-6);
  });
});
