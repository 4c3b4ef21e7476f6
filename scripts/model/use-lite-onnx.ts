import onnxProto from 'onnx-proto';
import { USE_LITE_EMBEDDING_OUTPUT, type UseLitePrecision } from '../../lib/classify/model-files';
import { USE_LITE_HEADS, useLiteLayout, type Dense, type Norm, type UseLiteLayout } from '../../lib/classify/use-lite-layout';
import type { RawWeight } from './tfjs-weights';

const { onnx } = onnxProto;

/** LayerNormalization is an ONNX op from opset 17; onnxruntime-web runs opsets well past it. */
const OPSET = 17;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const INT8 = onnx.TensorProto.DataType.INT8;
const UINT8 = onnx.TensorProto.DataType.UINT8;
/**
 * Integer ranges of the products. onnxruntime's x86 kernels without VNNI (SSE4.1, AVX2, AVX-512 without VNNI)
 * multiply u8 by s8 with (v)pmaddubsw, which adds each pair of products into int16 and saturates there
 * (https://onnxruntime.ai/docs/performance/model-optimizations/quantization.html, "reduce_range"). With full
 * ranges (activations 1 to 255 around 128, weights ±127) a pair reaches 64,770, and on such a CPU Node's
 * embeddings fell to a cosine of 0.90 of float32 (2026-12-02, an EPYC without AVX2). Activations 0 to 148
 * around 74 and weights ±110 keep every pair within 2 × 148 × 110 = 32,560, so every kernel (VNNI, pmaddubsw,
 * wasm's int16 widening) gives the same exact sums. Among the splits that fit (activations ±127 with weights
 * ±64, ±110 with ±74, ±90 with ±90, ±74 with ±110, ±64 with ±127) this one agreed best with float32 on
 * validation: 99.76% of labels, mean cosine 0.99893 (±127/±64: 99.60%; ±90/±90: 99.62%).
 */
const ACTIVATION_LEVELS = 74;
/** int8 activations are stored as uint8 around this (MatMulInteger's a_zero_point): 0 to 2 × ACTIVATION_LEVELS. */
const ACTIVATION_ZERO_POINT = ACTIVATION_LEVELS;
/** Weight matrices that MatMulInteger multiplies: ±WEIGHT_LEVELS, one scale per output column. */
const WEIGHT_LEVELS = 110;
/** The embedding table is only gathered, never multiplied in integers, so it keeps the whole signed range. */
const EMBEDDING_LEVELS = 127;

export const INPUT_IDS = 'input_ids';
export const ATTENTION_MASK = 'attention_mask';

type Attribute = number | number[];

/** Nodes and initializers of one graph, with names generated in order (so the output is deterministic). */
class GraphBuilder {
  readonly nodes: onnxProto.onnx.INodeProto[] = [];
  readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private count = 0;

  constant(name: string, dims: number[], values: Float32Array | number[]): string {
    const data = values instanceof Float32Array ? values : Float32Array.from(values);
    if (data.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`${name}: ${data.length} values for shape [${dims}]`);
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  /** int8 values (quantized weights). */
  int8s(name: string, dims: number[], values: Int8Array): string {
    this.initializers.push({ name, dims, dataType: INT8, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) });
    return name;
  }

  /** One uint8 value as a scalar (a zero point). */
  uint8Scalar(name: string, value: number): string {
    this.initializers.push({ name, dims: [], dataType: UINT8, rawData: Uint8Array.of(value) });
    return name;
  }

  /** int64 values; a single value as a scalar when `scalar`. */
  ints(name: string, values: number[], scalar = false): string {
    this.initializers.push({ name, dims: scalar ? [] : [values.length], dataType: INT64, int64Data: values });
    return name;
  }

  /** One node with one output, named `output` when given (the graph's own outputs). */
  op(type: string, inputs: string[], attributes: Record<string, Attribute> = {}, output?: string): string {
    const [generated] = this.ops(type, inputs, 1, attributes);
    if (output === undefined) return generated!;
    this.nodes.at(-1)!.output = [output];
    return output;
  }

  ops(type: string, inputs: string[], outputs: number, attributes: Record<string, Attribute> = {}): string[] {
    const name = `${type}_${this.count++}`;
    const attribute = Object.entries(attributes).map(([key, value]) =>
      Array.isArray(value)
        ? { name: key, type: onnx.AttributeProto.AttributeType.INTS, ints: value }
        : key === 'epsilon'
          ? { name: key, type: onnx.AttributeProto.AttributeType.FLOAT, f: value }
          : { name: key, type: onnx.AttributeProto.AttributeType.INT, i: value },
    );
    const output = Array.from({ length: outputs }, (_, i) => (outputs === 1 ? name : `${name}:${i}`));
    this.nodes.push({ opType: type, input: inputs, output, name, attribute });
    return output;
  }
}

const floats = (weight: RawWeight): Float32Array => {
  if (!(weight.data instanceof Float32Array)) throw new Error('expected a float32 weight');
  return weight.data;
};
const scalarOf = (weight: RawWeight): number => floats(weight)[0]!;

/**
 * USE lite as an ONNX graph: exactly the arithmetic of lib/classify/use-lite-forward.ts, for a padded batch.
 * Inputs `input_ids` and `attention_mask` ([batch, tokens], int64, 1 for a real token); output
 * `sentence_embedding` ([batch, 512], L2-normalised). Padded positions are masked as attention keys and
 * weigh nothing in the pooling, so a text embeds the same alone or padded in a batch. `int8` stores the weight
 * matrices and the embedding table as int8 with float scales and multiplies in integers (see `dense`).
 *
 * The graph holds no Cast. onnxruntime-web's Cast kernel is one 490 KB wasm function (every pair of types);
 * once it runs hot, V8 recompiles it with TurboFan, which took 106 MB of compiler memory for 1.7 s in
 * Chromium and most of the classifier's peak memory above its bar (README, *Performance*). Floats of int8
 * and int32 come from DequantizeLinear, uint8 from QuantizeLinear, each at scale 1 and so exact; the mask
 * comes from a Gather and the positions from a running sum. The embeddings are the same to the bit.
 */
export function useLiteOnnxModel(weights: Map<string, RawWeight>, producerVersion: string, precision: UseLitePrecision = 'fp32'): Uint8Array {
  const raw = useLiteLayout((name) => {
    const found = weights.get(name);
    if (!found) throw new Error(`USE lite weights lack ${name}`);
    return found;
  });
  const g = new GraphBuilder();
  const layout = nameWeights(g, raw, precision);
  const width = raw.layers.at(-1)!.output.kernel.shape.at(-1)!;

  const dense = (x: string, weight: Dense<string>) => {
    if (precision === 'fp32') return g.op('Add', [g.op('MatMul', [x, weight.kernel]), weight.bias]);
    // Each token's input is quantized on its own (symmetric, ACTIVATION_LEVELS steps each side of zero, stored
    // as uint8 around ACTIVATION_ZERO_POINT), so a text embeds the same whatever it is batched with;
    // DynamicQuantizeLinear's one range per tensor would let the other texts of a batch (and their padding) move it.
    // The Slice is a no-op but for an empty text (no tokens), where onnxruntime's ReduceMax keeps the last axis.
    const largest = g.op('Slice', [g.op('ReduceMax', [g.op('Abs', [x])], { axes: [-1], keepdims: 1 }), 'first_index', 'second_index', 'last_axis']);
    const tokenScale = g.op('Max', [g.op('Div', [largest, 'activation_levels']), 'activation_floor']);
    const centred = g.op('Add', [g.op('Round', [g.op('Div', [x, tokenScale])]), 'activation_zero_point_float']);
    const quantized = g.op('QuantizeLinear', [g.op('Clip', [centred, 'activation_min', 'activation_max']), 'unit_scale', 'uint8_zero']);
    const products = g.op('DequantizeLinear', [g.op('MatMulInteger', [quantized, weight.kernel, 'activation_zero_point']), 'unit_scale']);
    return g.op('Add', [g.op('Mul', [g.op('Mul', [products, tokenScale]), `${weight.kernel}.scale`]), weight.bias]);
  };
  if (precision === 'int8') {
    g.constant('activation_levels', [], [ACTIVATION_LEVELS]);
    // A token of zeros (padding after a layer norm can be one) keeps a scale that divides safely.
    g.constant('activation_floor', [], [1e-12]);
    g.constant('activation_zero_point_float', [], [ACTIVATION_ZERO_POINT]);
    g.constant('activation_min', [], [ACTIVATION_ZERO_POINT - ACTIVATION_LEVELS]);
    g.constant('activation_max', [], [ACTIVATION_ZERO_POINT + ACTIVATION_LEVELS]);
    g.uint8Scalar('activation_zero_point', ACTIVATION_ZERO_POINT);
    // Type conversions, never by Cast (see above).
    g.constant('unit_scale', [], [1]);
    g.uint8Scalar('uint8_zero', 0);
    g.ints('first_index', [0]);
    g.ints('second_index', [1]);
    g.ints('last_axis', [-1]);
  }
  const layerNorm = (x: string, norm: Norm<string>) =>
    g.op('LayerNormalization', [x, norm.scale, norm.bias], { axis: -1, epsilon: scalarOf(raw.layerNormEpsilon) });

  // Token embeddings enter twice (the graph adds them to themselves), then the sinusoid timing signal.
  const rows =
    precision === 'fp32'
      ? g.op('Gather', [layout.embeddings, INPUT_IDS], { axis: 0 })
      : g.op('Mul', [
          g.op('DequantizeLinear', [g.op('Gather', [layout.embeddings, INPUT_IDS], { axis: 0 }), 'unit_scale']),
          g.op('Unsqueeze', [g.op('Gather', [`${layout.embeddings}.scale`, INPUT_IDS], { axis: 0 }), g.ints('feature_axis', [2])]),
        ]);
  const embedded = g.op('Mul', [rows, g.constant('two', [], [2])]);
  // Positions 0, 1, … as floats: a running sum of ones, exact for any length a float can count.
  const tokens = g.op('Gather', [g.op('Shape', [INPUT_IDS]), g.ints('token_axis', [1])], { axis: 0 });
  const ones = g.op('Expand', [g.constant('one', [], [1]), tokens]);
  const positions = g.op('CumSum', [ones, g.ints('position_axis', [0], true)], { exclusive: 1 });
  const angles = g.op('Mul', [g.op('Unsqueeze', [positions, g.ints('column_axis', [1])]), layout.timescales]);
  let x = g.op('Add', [embedded, g.op('Concat', [g.op('Sin', [angles]), g.op('Cos', [angles])], { axis: 1 })]);

  // 0 for a real token, -1e9 for padding: added to every query's score for that key.
  const mask = g.op('Gather', [g.constant('mask_values', [2], [0, 1]), ATTENTION_MASK], { axis: 0 });
  const keyBias = g.op('Mul', [g.op('Sub', [mask, 'one']), g.constant('masked_score', [], [1e9])]);
  const attentionBias = g.op('Unsqueeze', [keyBias, g.ints('head_and_query_axes', [1, 2])]);

  raw.layers.forEach((rawLayer, index) => {
    const layer = layout.layers[index]!;
    const attentionWidth = rawLayer.qkv.kernel.shape.at(-1)! / 3;
    const headWidth = attentionWidth / USE_LITE_HEADS;
    const residual = layer.residual ? dense(x, layer.residual) : x;
    const qkv = dense(layerNorm(x, layer.attentionNorm), layer.qkv);
    const split = g.ints(`layer_${index}.qkv_split`, [attentionWidth, attentionWidth, attentionWidth]);
    const [query, key, value] = g.ops('Split', [qkv, split], 3, { axis: -1 }) as [string, string, string];
    // [batch, tokens, width] → [batch, heads, tokens, head width]; keys as [batch, heads, head width, tokens].
    const headShape = g.ints(`layer_${index}.head_shape`, [0, 0, USE_LITE_HEADS, headWidth]);
    const heads = (part: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [part, headShape])], { perm });
    // Scaled after the product, not before it as USE lite does: onnxruntime's optimizer turns either into
    // FusedMatMul's alpha × (query · keys), and this order gives its bits without it (USE_LITE_SESSION_OPTIONS).
    const scores = g.op('Mul', [g.op('MatMul', [heads(query, [0, 2, 1, 3]), heads(key, [0, 2, 3, 1])]), layer.queryScale]);
    const weightsOfKeys = g.op('Softmax', [g.op('Add', [scores, attentionBias])], { axis: -1 });
    const mixed = g.op('Transpose', [g.op('MatMul', [weightsOfKeys, heads(value, [0, 2, 1, 3])])], { perm: [0, 2, 1, 3] });
    const combined = g.op('Reshape', [mixed, g.ints(`layer_${index}.combined_shape`, [0, 0, attentionWidth])]);
    const attended = g.op('Add', [dense(combined, layer.output), residual]);
    const hidden = g.op('Relu', [dense(layerNorm(attended, layer.feedForwardNorm), layer.feedForwardIn)]);
    x = g.op('Add', [dense(hidden, layer.feedForwardOut), attended]);
  });

  // Mean over each sentence's own tokens, as one product with averaging weights (1/length on its tokens).
  const lengths = g.op('ReduceSum', [mask, g.ints('token_axes', [1])], { keepdims: 1 });
  const averaging = g.op('Div', [mask, g.op('Max', [lengths, 'one'])]);
  const pooled = g.op('Squeeze', [g.op('MatMul', [g.op('Unsqueeze', [averaging, 'column_axis']), x]), 'column_axis']);
  const hidden = g.op('Tanh', [dense(pooled, layout.pooled)]);
  const squaredNorm = g.op('Max', [g.op('ReduceSumSquare', [hidden], { axes: [1], keepdims: 1 }), layout.normEpsilon]);
  g.op('Div', [hidden, g.op('Sqrt', [squaredNorm])], {}, USE_LITE_EMBEDDING_OUTPUT);

  const tensorType = (elemType: number, shape: Array<string | number>) => ({
    tensorType: { elemType, shape: { dim: shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'aspen scripts/model.ts',
    producerVersion,
    graph: {
      name: 'use-lite',
      node: g.nodes,
      initializer: g.initializers,
      input: [
        { name: INPUT_IDS, type: tensorType(INT64, ['batch', 'tokens']) },
        { name: ATTENTION_MASK, type: tensorType(INT64, ['batch', 'tokens']) },
      ],
      output: [{ name: USE_LITE_EMBEDDING_OUTPUT, type: tensorType(FLOAT, ['batch', width]) }],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/**
 * A [rows, columns] matrix as int8 with one scale per row (`perRow`) or per column: the largest magnitude
 * maps to `levels`, symmetric, so no zero point is stored.
 */
function quantize(values: Float32Array, rows: number, columns: number, perRow: boolean, levels: number): { quantized: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(perRow ? rows : columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const k = perRow ? r : c;
      scales[k] = Math.max(scales[k]!, Math.abs(values[r * columns + c]!));
    }
  }
  for (let k = 0; k < scales.length; k++) scales[k] = Math.fround(scales[k]! / levels) || 1;
  const quantized = new Int8Array(values.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) quantized[r * columns + c] = Math.round(values[r * columns + c]! / scales[perRow ? r : c]!);
  }
  return { quantized, scales };
}

/**
 * The weights as named initializers; the layer norm epsilon is an attribute, not a tensor. At int8, a
 * matrix `name` is stored as int8 beside its float scales `name.scale`.
 */
function nameWeights(g: GraphBuilder, raw: UseLiteLayout<RawWeight>, precision: UseLitePrecision): Omit<UseLiteLayout<string>, 'layerNormEpsilon'> {
  const tensor = (name: string, weight: RawWeight, dims = weight.shape) => g.constant(name, dims, floats(weight));
  const matrix = (name: string, weight: RawWeight, perRow: boolean, levels: number) => {
    const [rows, columns] = weight.shape.slice(-2) as [number, number];
    if (precision === 'fp32') return tensor(name, weight, [rows, columns]);
    const { quantized, scales } = quantize(floats(weight), rows, columns, perRow, levels);
    g.constant(`${name}.scale`, [scales.length], scales);
    return g.int8s(name, [rows, columns], quantized);
  };
  const dense = (name: string, weight: Dense<RawWeight>): Dense<string> => ({
    // 1×1 convolutions keep their kernels as [1, 1, in, out]; the graph multiplies by [in, out].
    kernel: matrix(`${name}.kernel`, weight.kernel, false, WEIGHT_LEVELS),
    bias: tensor(`${name}.bias`, weight.bias),
  });
  const norm = (name: string, weight: Norm<RawWeight>): Norm<string> => ({ scale: tensor(`${name}.scale`, weight.scale), bias: tensor(`${name}.bias`, weight.bias) });
  return {
    embeddings: matrix('embeddings', raw.embeddings, true, EMBEDDING_LEVELS),
    timescales: tensor('timescales', raw.timescales),
    layers: raw.layers.map((layer, i) => ({
      attentionNorm: norm(`layer_${i}.attention_norm`, layer.attentionNorm),
      qkv: dense(`layer_${i}.qkv`, layer.qkv),
      output: dense(`layer_${i}.output`, layer.output),
      residual: layer.residual && dense(`layer_${i}.residual`, layer.residual),
      queryScale: g.constant(`layer_${i}.query_scale`, [], [scalarOf(layer.queryScale)]),
      feedForwardNorm: norm(`layer_${i}.feed_forward_norm`, layer.feedForwardNorm),
      feedForwardIn: dense(`layer_${i}.feed_forward_in`, layer.feedForwardIn),
      feedForwardOut: dense(`layer_${i}.feed_forward_out`, layer.feedForwardOut),
    })),
    pooled: dense('pooled', raw.pooled),
    normEpsilon: g.constant('norm_epsilon', [], [scalarOf(raw.normEpsilon)]),
  };
}
