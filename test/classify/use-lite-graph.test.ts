import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { USE_LITE_MODEL_ID, useLiteModelFile, type UseLitePrecision } from '../../lib/classify/model-files';
import { NODE_MODEL_ROOT } from '../../lib/classify/node-source';

const { onnx } = onnxProto;

const graphOf = (precision: UseLitePrecision) =>
  onnx.ModelProto.decode(readFileSync(join(NODE_MODEL_ROOT, USE_LITE_MODEL_ID, useLiteModelFile(precision)))).graph!;

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
