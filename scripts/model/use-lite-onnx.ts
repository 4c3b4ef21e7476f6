import onnxProto from 'onnx-proto';
import { USE_LITE_EMBEDDING_OUTPUT } from '../../lib/classify/model-files';
import { USE_LITE_HEADS, useLiteLayout, type Dense, type Norm, type UseLiteLayout } from '../../lib/classify/use-lite-layout';
import type { RawWeight } from './tfjs-weights';

const { onnx } = onnxProto;

/** LayerNormalization is an ONNX op from opset 17; onnxruntime-web runs opsets well past it. */
const OPSET = 17;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

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
 * weigh nothing in the pooling, so a text embeds the same alone or padded in a batch.
 */
export function useLiteOnnxModel(weights: Map<string, RawWeight>, producerVersion: string): Uint8Array {
  const raw = useLiteLayout((name) => {
    const found = weights.get(name);
    if (!found) throw new Error(`USE lite weights lack ${name}`);
    return found;
  });
  const g = new GraphBuilder();
  const layout = nameWeights(g, raw);
  const width = raw.layers.at(-1)!.output.kernel.shape.at(-1)!;

  const dense = (x: string, weight: Dense<string>) => g.op('Add', [g.op('MatMul', [x, weight.kernel]), weight.bias]);
  const layerNorm = (x: string, norm: Norm<string>) =>
    g.op('LayerNormalization', [x, norm.scale, norm.bias], { axis: -1, epsilon: scalarOf(raw.layerNormEpsilon) });

  // Token embeddings enter twice (the graph adds them to themselves), then the sinusoid timing signal.
  const embedded = g.op('Mul', [g.op('Gather', [layout.embeddings, INPUT_IDS], { axis: 0 }), g.constant('two', [], [2])]);
  const tokens = g.op('Gather', [g.op('Shape', [INPUT_IDS]), g.ints('token_axis', [1], true)], { axis: 0 });
  const positions = g.op('Cast', [g.op('Range', [g.ints('range_start', [0], true), tokens, g.ints('range_step', [1], true)])], { to: FLOAT });
  const angles = g.op('Mul', [g.op('Unsqueeze', [positions, g.ints('column_axis', [1])]), layout.timescales]);
  let x = g.op('Add', [embedded, g.op('Concat', [g.op('Sin', [angles]), g.op('Cos', [angles])], { axis: 1 })]);

  // 0 for a real token, -1e9 for padding: added to every query's score for that key.
  const mask = g.op('Cast', [ATTENTION_MASK], { to: FLOAT });
  const keyBias = g.op('Mul', [g.op('Sub', [mask, g.constant('one', [], [1])]), g.constant('masked_score', [], [1e9])]);
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
    const scores = g.op('MatMul', [g.op('Mul', [heads(query, [0, 2, 1, 3]), layer.queryScale]), heads(key, [0, 2, 3, 1])]);
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

/** The weights as named initializers; the layer norm epsilon is an attribute, not a tensor. */
function nameWeights(g: GraphBuilder, raw: UseLiteLayout<RawWeight>): Omit<UseLiteLayout<string>, 'layerNormEpsilon'> {
  const tensor = (name: string, weight: RawWeight, dims = weight.shape) => g.constant(name, dims, floats(weight));
  const dense = (name: string, weight: Dense<RawWeight>): Dense<string> => ({
    // 1×1 convolutions keep their kernels as [1, 1, in, out]; the graph multiplies by [in, out].
    kernel: tensor(`${name}.kernel`, weight.kernel, weight.kernel.shape.slice(-2)),
    bias: tensor(`${name}.bias`, weight.bias),
  });
  const norm = (name: string, weight: Norm<RawWeight>): Norm<string> => ({ scale: tensor(`${name}.scale`, weight.scale), bias: tensor(`${name}.bias`, weight.bias) });
  return {
    embeddings: tensor('embeddings', raw.embeddings),
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
