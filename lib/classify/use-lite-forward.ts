import type * as TF from '@energetic-ai/core';
import type { Tensor } from '@energetic-ai/core';
import { USE_LITE_HEADS as HEADS, useLiteLayout, type Dense, type UseLiteLayer } from './use-lite-layout';

/**
 * USE lite's encoder ("KonaTransformer": two Transformer layers, mean pooling, a tanh layer, L2 norm) run as
 * about 80 direct TF.js ops instead of through the converted TF graph. The graph spends ~250 kernels on
 * sparse-input bookkeeping and shape arithmetic, which costs a third of the time of a short message; the
 * weights and the arithmetic are the graph's own, and a test holds the two to the same embeddings.
 */

type TensorFlow = typeof TF;

/** The graph's input clip: tokens past this position are dropped. */
export const USE_LITE_MAX_TOKENS = 128;

type LayerWeights = Omit<UseLiteLayer<Tensor>, 'queryScale'> & { queryScale: number };

export interface UseLiteWeights {
  embeddings: Float32Array;
  embeddingWidth: number;
  /** Sinusoid frequencies of the timing signal, one per sin/cos pair. */
  timescales: Float32Array;
  layers: LayerWeights[];
  layerNormEpsilon: number;
  pooled: Dense<Tensor>;
  normEpsilon: number;
}

/** Picks the encoder's weights out of the loaded graph model (see use-lite-layout.ts). */
export function useLiteWeights(tf: TensorFlow, graphWeights: Record<string, Tensor[]>): UseLiteWeights {
  const layout = useLiteLayout((name) => {
    const found = graphWeights[name]?.[0];
    if (!found) throw new Error(`USE lite weights lack ${name}`);
    return found;
  });
  const scalar = (weight: Tensor) => weight.dataSync()[0]!;
  // The graph keeps 1×1 convolutions as [1, 1, in, out]; the forward pass multiplies by [in, out].
  const asMatrix = ({ kernel, bias }: Dense<Tensor>) => ({ kernel: tf.reshape(kernel, kernel.shape.slice(-2)), bias });
  return {
    embeddings: layout.embeddings.dataSync() as Float32Array,
    embeddingWidth: layout.embeddings.shape[1]!,
    timescales: layout.timescales.dataSync() as Float32Array,
    layers: layout.layers.map((layer) => ({ ...layer, qkv: asMatrix(layer.qkv), output: asMatrix(layer.output), queryScale: scalar(layer.queryScale) })),
    layerNormEpsilon: scalar(layout.layerNormEpsilon),
    pooled: layout.pooled,
    normEpsilon: scalar(layout.normEpsilon),
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
