import type * as TF from '@energetic-ai/core';
import type { Tensor } from '@energetic-ai/core';

/**
 * USE lite's encoder ("KonaTransformer": two Transformer layers, mean pooling, a tanh layer, L2 norm) run as
 * about 80 direct TF.js ops instead of through the converted TF graph. The graph spends ~250 kernels on
 * sparse-input bookkeeping and shape arithmetic, which costs a third of the time of a short message; the
 * weights and the arithmetic are the graph's own, and a test holds the two to the same embeddings.
 */

type TensorFlow = typeof TF;

/** The graph's input clip: tokens past this position are dropped. */
export const USE_LITE_MAX_TOKENS = 128;
const HEADS = 4;

const ENCODE = 'module_apply_default/Encoder_en/KonaTransformer/Encode';
const STACK = `${ENCODE}/TransformerStack`;
const VARIABLES = 'module/Encoder_en/KonaTransformer/Encode';

interface LayerWeights {
  attentionNorm: { scale: Tensor; bias: Tensor };
  /** Query, key and value projections side by side: [inputs, 3 × width]. */
  qkv: { kernel: Tensor; bias: Tensor };
  output: { kernel: Tensor; bias: Tensor };
  /** Layer 0 widens its residual from the 256-wide embeddings to the 512-wide stack. */
  residual?: { kernel: Tensor; bias: Tensor };
  /** 1/√(head width), as the graph stores it. */
  queryScale: number;
  feedForwardNorm: { scale: Tensor; bias: Tensor };
  feedForwardIn: { kernel: Tensor; bias: Tensor };
  feedForwardOut: { kernel: Tensor; bias: Tensor };
}

export interface UseLiteWeights {
  embeddings: Float32Array;
  embeddingWidth: number;
  /** Sinusoid frequencies of the timing signal, one per sin/cos pair. */
  timescales: Float32Array;
  layers: LayerWeights[];
  layerNormEpsilon: number;
  pooled: { kernel: Tensor; bias: Tensor };
  normEpsilon: number;
}

/** Picks the encoder's weights out of the loaded graph model, by the names the converter gave them. */
export function useLiteWeights(tf: TensorFlow, graphWeights: Record<string, Tensor[]>): UseLiteWeights {
  const weight = (name: string): Tensor => {
    const found = graphWeights[name]?.[0];
    if (!found) throw new Error(`USE lite weights lack ${name}`);
    return found;
  };
  const scalar = (name: string) => weight(name).dataSync()[0]!;
  // The graph keeps 1×1 convolutions as [1, 1, in, out]; the forward pass multiplies by [in, out].
  const asMatrix = (name: string) => {
    const kernel = weight(name);
    return tf.reshape(kernel, kernel.shape.slice(-2));
  };
  const normAt = (path: string) => ({
    scale: weight(`${path}/layer_norm/layer_norm_scale/ConcatPartitions/concat`),
    bias: weight(`${path}/layer_norm/layer_norm_bias/ConcatPartitions/concat`),
  });
  const layer = (index: number): LayerWeights => {
    const own = `${ENCODE}/Layer_${index}/TransformerLayer`;
    const stacked = `${STACK}/Layer_${index}/TransformerLayer`;
    const attention = `${own}/MultiheadAttention`;
    const attentionVariables = `${VARIABLES}/Layer_${index}/TransformerLayer/MultiheadAttention`;
    return {
      attentionNorm: normAt(`${own}/layer_prepostprocess`),
      qkv: {
        kernel: asMatrix(`${attentionVariables}/qkv_transform_single/kernel/part_0`),
        bias: weight(`${attention}/qkv_transform_single/bias/ConcatPartitions/concat`),
      },
      output: {
        kernel: asMatrix(`${attentionVariables}/output_transform_single/kernel/part_0`),
        bias: weight(`${attention}/output_transform_single/bias/ConcatPartitions/concat`),
      },
      residual:
        index === 0
          ? { kernel: weight(`${own}/dense/kernel/ConcatPartitions/concat`), bias: weight(`${own}/dense/bias/ConcatPartitions/concat`) }
          : undefined,
      queryScale: scalar(`${stacked}/MultiheadAttention/mul/y`),
      feedForwardNorm: normAt(`${own}/FFN/layer_prepostprocess`),
      feedForwardIn: { kernel: weight(`${stacked}/FFN/conv1/Tensordot/Reshape_1`), bias: weight(`${own}/FFN/conv1/bias/ConcatPartitions/concat`) },
      feedForwardOut: { kernel: weight(`${stacked}/FFN/conv2/Tensordot/Reshape_1`), bias: weight(`${own}/FFN/conv2/bias/ConcatPartitions/concat`) },
    };
  };
  const embeddings = weight('module/Embeddings_en');
  return {
    embeddings: embeddings.dataSync() as Float32Array,
    embeddingWidth: embeddings.shape[1]!,
    timescales: weight(`${STACK}/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`).dataSync() as Float32Array,
    layers: [layer(0), layer(1)],
    layerNormEpsilon: scalar(`${STACK}/Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x`),
    pooled: { kernel: weight('module/Encoder_en/hidden_layers/tanh_layer_0/weights'), bias: weight('module/Encoder_en/hidden_layers/tanh_layer_0/bias') },
    normEpsilon: scalar('module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y'),
  };
}

/**
 * Sentences padded to the longest, in one [sentences × positions, width] matrix: padded rows are computed
 * and never read (attention masks them as keys, pooling skips them). Sorting a batch by length keeps the
 * padding small; a gather to drop it costs more than the padded rows in TF.js's wasm kernels.
 */
interface BatchLayout {
  lengths: number[];
  positions: number;
}

/** Token embeddings plus the sinusoid timing signal, as the graph adds them (the embedding enters twice). */
function embedTokens(weights: UseLiteWeights, ids: number[][], layout: BatchLayout): Float32Array {
  const width = weights.embeddingWidth;
  const half = weights.timescales.length;
  const out = new Float32Array(ids.length * layout.positions * width);
  ids.forEach((sentence, index) => {
    sentence.forEach((id, position) => {
      const offset = (index * layout.positions + position) * width;
      const embedding = weights.embeddings.subarray(id * width, (id + 1) * width);
      for (let i = 0; i < width; i++) out[offset + i] = 2 * embedding[i]!;
      for (let i = 0; i < half; i++) {
        const angle = Math.fround(position * weights.timescales[i]!);
        out[offset + i]! += Math.sin(angle);
        out[offset + half + i]! += Math.cos(angle);
      }
    });
  });
  return out;
}

/**
 * Embeds token id sequences (already clipped to USE_LITE_MAX_TOKENS) into L2-normalised 512-wide vectors,
 * one per sequence, in order. Synchronous: the wasm backend runs every kernel on this thread anyway.
 */
export function useLiteForward(tf: TensorFlow, weights: UseLiteWeights, ids: number[][]): Float32Array[] {
  const lengths = ids.map((sentence) => sentence.length);
  const layout: BatchLayout = { lengths, positions: Math.max(1, ...lengths) };
  const sentences = ids.length;
  const rows = sentences * layout.positions;
  const input = embedTokens(weights, ids, layout);

  const flat = tf.tidy(() => {
    const layerNorm = (x: Tensor, norm: { scale: Tensor; bias: Tensor }) => {
      const centred = tf.sub(x, tf.mean(x, -1, true));
      const variance = tf.mean(tf.square(centred), -1, true);
      return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, weights.layerNormEpsilon))), norm.scale), norm.bias);
    };
    const dense = (x: Tensor, weight: { kernel: Tensor; bias: Tensor }, activation?: 'relu' | 'linear') =>
      tf.fused.matMul({ a: x, b: weight.kernel, bias: weight.bias, activation });

    const keyMask = new Float32Array(rows);
    lengths.forEach((length, sentence) => keyMask.fill(-1e9, sentence * layout.positions + length, (sentence + 1) * layout.positions));
    const attentionBias = tf.tensor4d(keyMask, [sentences, 1, 1, layout.positions]);

    const attend = (normed: Tensor, layer: LayerWeights) => {
      const qkv = dense(normed, layer.qkv);
      const width = qkv.shape[1]! / 3;
      const headWidth = width / HEADS;
      // [sentences, heads, positions, head width] for each of query, key and value.
      const heads = (part: Tensor) =>
        tf.transpose(tf.reshape(part, [sentences, layout.positions, HEADS, headWidth]), [0, 2, 1, 3]);
      const [query, key, value] = tf.split(qkv, 3, 1).map(heads) as [Tensor, Tensor, Tensor];
      const scores = tf.add(tf.matMul(tf.mul(query, layer.queryScale), key, false, true), attentionBias);
      const mixed = tf.matMul(tf.softmax(scores), value);
      return dense(tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [rows, width]), layer.output);
    };

    let x: Tensor = tf.tensor2d(input, [rows, weights.embeddingWidth]);
    for (const layer of weights.layers) {
      const residual = layer.residual ? dense(x, layer.residual) : x;
      const attended = tf.add(attend(layerNorm(x, layer.attentionNorm), layer), residual);
      const hidden = dense(layerNorm(attended, layer.feedForwardNorm), layer.feedForwardIn, 'relu');
      x = tf.add(dense(hidden, layer.feedForwardOut), attended);
    }

    // Mean over each sentence's own tokens, as one product with an averaging matrix.
    const averaging = new Float32Array(sentences * rows);
    lengths.forEach((length, sentence) => {
      const start = sentence * rows + sentence * layout.positions;
      averaging.fill(1 / Math.max(1, length), start, start + length);
    });
    const pooled = tf.tanh(dense(tf.matMul(tf.tensor2d(averaging, [sentences, rows]), x), weights.pooled));
    const squaredNorm = tf.maximum(tf.sum(tf.square(pooled), -1, true), weights.normEpsilon);
    return tf.mul(pooled, tf.rsqrt(squaredNorm));
  });

  const values = flat.dataSync() as Float32Array;
  flat.dispose();
  const width = values.length / sentences;
  return ids.map((_, i) => values.slice(i * width, (i + 1) * width));
}
