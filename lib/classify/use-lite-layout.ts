/**
 * Where each of USE lite's weights sits in its TF.js graph (by the names the converter gave them), shared by
 * the TF.js forward pass and the ONNX conversion so that both read the very same tensors.
 */

const ENCODE = 'module_apply_default/Encoder_en/KonaTransformer/Encode';
const STACK = `${ENCODE}/TransformerStack`;
const VARIABLES = 'module/Encoder_en/KonaTransformer/Encode';

/** Attention heads per layer (the graph's split_heads reshape). */
export const USE_LITE_HEADS = 4;

export interface Dense<T> {
  kernel: T;
  bias: T;
}

export interface Norm<T> {
  scale: T;
  bias: T;
}

export interface UseLiteLayer<T> {
  attentionNorm: Norm<T>;
  /** Query, key and value projections side by side: [inputs, 3 × width] (stored as [1, 1, inputs, 3 × width]). */
  qkv: Dense<T>;
  /** Stored as [1, 1, width, outputs]. */
  output: Dense<T>;
  /** Layer 0 widens its residual from the 256-wide embeddings to the 512-wide stack. */
  residual?: Dense<T>;
  /** 1/√(head width), as the graph stores it: a scalar. */
  queryScale: T;
  feedForwardNorm: Norm<T>;
  feedForwardIn: Dense<T>;
  feedForwardOut: Dense<T>;
}

export interface UseLiteLayout<T> {
  /** [vocabulary, width]. */
  embeddings: T;
  /** Sinusoid frequencies of the timing signal, one per sin/cos pair: [1, width / 2]. */
  timescales: T;
  layers: UseLiteLayer<T>[];
  /** Scalar. */
  layerNormEpsilon: T;
  /** The tanh layer after pooling. */
  pooled: Dense<T>;
  /** Scalar: the floor of the squared norm in the L2 normalisation. */
  normEpsilon: T;
}

/** Picks every weight the encoder uses, through `weight` (which throws for a name it lacks). */
export function useLiteLayout<T>(weight: (name: string) => T): UseLiteLayout<T> {
  const normAt = (path: string): Norm<T> => ({
    scale: weight(`${path}/layer_norm/layer_norm_scale/ConcatPartitions/concat`),
    bias: weight(`${path}/layer_norm/layer_norm_bias/ConcatPartitions/concat`),
  });
  const layer = (index: number): UseLiteLayer<T> => {
    const own = `${ENCODE}/Layer_${index}/TransformerLayer`;
    const stacked = `${STACK}/Layer_${index}/TransformerLayer`;
    const attention = `${own}/MultiheadAttention`;
    const attentionVariables = `${VARIABLES}/Layer_${index}/TransformerLayer/MultiheadAttention`;
    return {
      attentionNorm: normAt(`${own}/layer_prepostprocess`),
      qkv: {
        kernel: weight(`${attentionVariables}/qkv_transform_single/kernel/part_0`),
        bias: weight(`${attention}/qkv_transform_single/bias/ConcatPartitions/concat`),
      },
      output: {
        kernel: weight(`${attentionVariables}/output_transform_single/kernel/part_0`),
        bias: weight(`${attention}/output_transform_single/bias/ConcatPartitions/concat`),
      },
      residual:
        index === 0
          ? { kernel: weight(`${own}/dense/kernel/ConcatPartitions/concat`), bias: weight(`${own}/dense/bias/ConcatPartitions/concat`) }
          : undefined,
      queryScale: weight(`${stacked}/MultiheadAttention/mul/y`),
      feedForwardNorm: normAt(`${own}/FFN/layer_prepostprocess`),
      feedForwardIn: { kernel: weight(`${stacked}/FFN/conv1/Tensordot/Reshape_1`), bias: weight(`${own}/FFN/conv1/bias/ConcatPartitions/concat`) },
      feedForwardOut: { kernel: weight(`${stacked}/FFN/conv2/Tensordot/Reshape_1`), bias: weight(`${own}/FFN/conv2/bias/ConcatPartitions/concat`) },
    };
  };
  return {
    embeddings: weight('module/Embeddings_en'),
    timescales: weight(`${STACK}/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`),
    layers: [layer(0), layer(1)],
    layerNormEpsilon: weight(`${STACK}/Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x`),
    pooled: { kernel: weight('module/Encoder_en/hidden_layers/tanh_layer_0/weights'), bias: weight('module/Encoder_en/hidden_layers/tanh_layer_0/bias') },
    normEpsilon: weight('module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y'),
  };
}
